// Notebook, "Simple threading": a `threading.Thread` subclass whose `run()` prints, sleeps a random
// 1-4 seconds and prints again; the main flow joins thread1, then thread2. Here `run()` is an
// async function and each "thread" is an `async let` child task, awaited in the same order.
import ThreadsToTasksCore

/// Python: `SimpleThreading.run()`.
func simpleThreading(name: String, delay: Int, on stage: TaskStage) async throws {
  stage.print("Starting thread \(name)", lane: name)
  try await doAsyncJob(name, delay, on: stage)
  stage.print("Exiting \(name)", lane: name)
}

func simpleThreading(seed: UInt64, on stage: TaskStage) async throws {
  // The notebook draws each delay inside `run()`, so which thread gets which delay depends on
  // which runs first. Drawn here, before either starts, one seed fixes both.
  var random = SeededRandom(seed: seed)
  let delay1 = random.randint(1, 4)
  let delay2 = random.randint(1, 4)
  // `async let` starts the child at once: creating it is Python's `start()`.
  async let thread1: Void = simpleThreading(name: "thread1", delay: delay1, on: stage)
  async let thread2: Void = simpleThreading(name: "thread2", delay: delay2, on: stage)

  // thread2 may finish first; main still waits for thread1 before it looks at thread2.
  stage.print("wait thread1", lane: "main")
  try await thread1
  stage.print("wait thread2", lane: "main")
  try await thread2
  stage.print("Done", lane: "main")
}
