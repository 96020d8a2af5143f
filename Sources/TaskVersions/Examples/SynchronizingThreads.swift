// Notebook, "Synchronizing Threads": two threads each take one lock, print the time three times
// one delay apart, and release it, so one prints all its lines before the other starts. Here an
// actor replaces the locked print routine, and keeps the lock's promise with a lock of its own.

/// The notebook's locked print routine. `NaivePrinter` is the same actor without the lock.
protocol TimePrinter: Actor {
  func lockedPrintTime(_ threadName: String, _ delay: Int, _ counter: Int) async throws
}

/// An actor alone keeps only its *steps* apart: every `await` inside its method lets another call
/// in (actor reentrancy, see `NaivePrinter`). So a call takes the lock before it prints and holds
/// it across all its sleeps, as the notebook's thread does.
actor SerialPrinter: TimePrinter {
  private let threadLock: any AsyncLocking

  init(threadLock: any AsyncLocking = AsyncLock()) { self.threadLock = threadLock }

  // Not isolated: the lock is taken where the caller runs, before the hop onto the actor, so the
  // thread that starts first takes it first, as in Python (the hop is a suspension at which the
  // other worker could overtake).
  nonisolated func lockedPrintTime(_ threadName: String, _ delay: Int, _ counter: Int)
    async throws
  {
    // Python: `lock = threadLock.acquire()`.
    let lock = try await threadLock.acquire()
    // Python: `threadLock.release()`. Synchronous, so it can sit in a `defer`, which cannot await.
    defer { threadLock.release() }
    try await printLocked(lock, threadName, delay, counter)
  }

  private func printLocked(_ lock: Bool, _ threadName: String, _ delay: Int, _ counter: Int)
    async throws
  {
    print("lock value", lock)
    try await printTime(threadName, delay, counter)
  }
}

/// Python: `print_time(threadName, delay, counter)`.
func printTime(_ threadName: String, _ delay: Int, _ counter: Int) async throws {
  var counter = counter
  while counter > 0 {
    try await sleep(delay)
    print("\(threadName): \(ctime())")
    counter -= 1
  }
}

/// Python: `SynchronizingThread.run()`.
func synchronizingThread(_ threadID: Int, _ name: String, _ counter: Int, printer: any TimePrinter)
  async throws
{
  print("Starting " + name)
  try await printer.lockedPrintTime(name, counter, 3)
}

func synchronizingThreads(printer: any TimePrinter = SerialPrinter()) async throws {
  try await withThrowingTaskGroup { threads in
    for (threadID, name, counter) in [(1, "Thread-1", 1), (2, "Thread-2", 2)] {
      // Python: `start()`. An immediate child runs up to its first suspension before the next.
      threads.addImmediateTask(name: name) {
        try await synchronizingThread(threadID, name, counter, printer: printer)
      }
    }
    // Python: `for t in threads: t.join()`. The group waits for all its children.
    try await threads.waitForAll()
  }
  print("Exiting Main Thread")
}
