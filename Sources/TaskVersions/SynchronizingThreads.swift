// Notebook, "Synchronizing Threads": two threads each take one lock, print the time three times
// one delay apart, and release it, so one prints all its lines before the other starts. Here an
// actor replaces the lock and the routine it guards; see `SerialPrinter` for why a plain actor
// (`NaivePrinter`) is not enough.
import ThreadsToTasksCore

/// The notebook's locked print routine: take the lock, print `lock value True`, `print_time`,
/// release. An actor stands in for the lock; the two conforming actors differ in whether they
/// keep the lock's promise across suspension points.
public protocol TimePrinter: Actor {
  /// Python: `threadLock.acquire()`, `print("lock value", lock)`, `print_time(…)`,
  /// `threadLock.release()`.
  func lockedPrintTime(_ threadName: String, _ delay: Int, _ counter: Int, on stage: TaskStage)
    async throws
}

/// Python: `print_time(threadName, delay, counter)`.
func printTime(_ threadName: String, _ delay: Int, _ counter: Int, on stage: TaskStage)
  async throws
{
  var counter = counter
  while counter > 0 {
    try await stage.sleep(delay)
    stage.printCtime(lane: threadName)
    counter -= 1
  }
}

/// Python: `SynchronizingThread.run()`.
func synchronizingThread(
  threadID: Int, name: String, counter: Int, printer: any TimePrinter, on stage: TaskStage
) async throws {
  stage.print("Starting \(name)", lane: name)
  try await printer.lockedPrintTime(name, counter, 3, on: stage)
}

func synchronizingThreads(on stage: TaskStage, printer: any TimePrinter) async throws {
  try await withThrowingTaskGroup { threads in
    for (threadID, name, counter) in [(1, "Thread-1", 1), (2, "Thread-2", 2)] {
      threads.addTask(name: name) {
        try await synchronizingThread(
          threadID: threadID, name: name, counter: counter, printer: printer, on: stage)
      }
    }
    // Python: `for t in threads: t.join()`. The group waits for all its children.
    try await threads.waitForAll()
  }
  stage.print("Exiting Main Thread", lane: "main")
}
