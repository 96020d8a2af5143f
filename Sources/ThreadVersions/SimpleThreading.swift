// Notebook, "Simple threading": a `threading.Thread` subclass whose `run()` prints, sleeps a random
// 1-4 seconds and prints again; the main flow joins thread1, then thread2.
import ThreadsToTasksCore

/// Python: `class SimpleThreading(threading.Thread)`.
final class SimpleThreading: JoinableThread {
  private let delay: Int
  private let stage: ThreadStage

  init(name: String, delay: Int, on stage: ThreadStage) {
    self.delay = delay
    self.stage = stage
    super.init(name: name)
  }

  override func run() {
    stage.print("Starting thread \(lane)", lane: lane)
    do { try doAsyncJob(lane, delay, on: stage) } catch { return }
    stage.print("Exiting \(lane)", lane: lane)
  }
}

func simpleThreading(seed: UInt64, on stage: ThreadStage) {
  // The notebook draws each delay inside `run()`, so which thread gets which delay depends on
  // which runs first. Drawn here, before either starts, one seed fixes both.
  var random = SeededRandom(seed: seed)
  let delay1 = random.randint(1, 4)
  let delay2 = random.randint(1, 4)
  let thread1 = SimpleThreading(name: "thread1", delay: delay1, on: stage)
  let thread2 = SimpleThreading(name: "thread2", delay: delay2, on: stage)

  thread1.start()
  thread2.start()

  // thread2 may finish first; main still waits for thread1 before it looks at thread2.
  stage.print("wait thread1", lane: "main")
  thread1.join()
  stage.print("wait thread2", lane: "main")
  thread2.join()
  stage.print("Done", lane: "main")
}
