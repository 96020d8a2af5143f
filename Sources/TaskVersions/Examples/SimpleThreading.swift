// Notebook, "Simple threading": a `threading.Thread` subclass whose `run()` prints, sleeps a random
// 1-4 seconds and prints again; the main flow joins thread1, then thread2. Here `run()` is an
// async function, each thread a task, and `join()` awaits the task's value.

/// Python: `SimpleThreading.run()`.
func simpleThreading(_ name: String, delay: Int) async throws {
  print("Starting thread", name)
  try await doAsyncJob(name, delay)
  print("Exiting", name)
}

func simpleThreading() async throws {
  // port: the notebook draws each delay inside `run()`, so which thread gets which delay depends
  // on which runs first. Drawn here, before either starts, one seed fixes both.
  let delay1 = randint(1, 4)
  let delay2 = randint(1, 4)

  // Python: `thread1.start()`. `Task.immediate` runs the new task at once, up to its first
  // suspension, before the main flow goes on, as Python's `start()` usually lets a thread run.
  let thread1 = Task.immediate(name: "thread1") {
    try await simpleThreading("thread1", delay: delay1)
  }
  let thread2 = Task.immediate(name: "thread2") {
    try await simpleThreading("thread2", delay: delay2)
  }

  // thread2 may finish first; main still waits for thread1 before it looks at thread2.
  print("wait thread1")
  try await thread1.value
  print("wait thread2")
  try await thread2.value
  print("Done")
}

// snippet: async-let
/// The same with `async let`, the structured way to start a child: its children are queued on the
/// cooperative pool and the main flow goes straight on, so `wait thread1` nearly always prints
/// first — an ordering Python's `start()` never gave in 200 runs, though the program allows it.
/// (`swift run side-by-side simple-threading --async-let`.)
func simpleThreadingWithAsyncLet() async throws {
  let delay1 = randint(1, 4)
  let delay2 = randint(1, 4)

  // `async let` takes no name: `named` gives each child's lines their thread's name.
  async let thread1: Void = named("thread1") { try await simpleThreading("thread1", delay: delay1) }
  async let thread2: Void = named("thread2") { try await simpleThreading("thread2", delay: delay2) }

  print("wait thread1")
  try await thread1
  print("wait thread2")
  try await thread2
  print("Done")
}
// end snippet: async-let
