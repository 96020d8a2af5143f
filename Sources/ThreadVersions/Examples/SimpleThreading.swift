// Notebook, "Simple threading": a `threading.Thread` subclass whose `run()` prints, sleeps a random
// 1-4 seconds and prints again; the main flow joins thread1, then thread2.
import Foundation

/// Python: `class SimpleThreading(threading.Thread)`.
final class SimpleThreading: JoinableThread {
  private let delay: Int

  init(name: String, delay: Int) {
    self.delay = delay
    super.init(name: name)
  }

  override func run() {
    let name = self.name ?? "?"
    print("Starting thread", name)
    doAsyncJob(name, delay)
    print("Exiting", name)
  }
}

func simpleThreading() {
  // port: the notebook draws each delay inside `run()`, so which thread gets which delay depends
  // on which runs first. Drawn here, before either starts, one seed fixes both.
  let delay1 = randint(1, 4)
  let delay2 = randint(1, 4)
  let thread1 = SimpleThreading(name: "thread1", delay: delay1)
  let thread2 = SimpleThreading(name: "thread2", delay: delay2)

  // `start()` returns once the thread runs, as Python's does (see `JoinableThread.start`).
  thread1.start()
  thread2.start()

  // thread2 may finish first; main still waits for thread1 before it looks at thread2.
  print("wait thread1")
  thread1.join()
  print("wait thread2")
  thread2.join()
  print("Done")
}
