// Notebook, "Synchronizing Threads": two threads each take one lock, print the time three times
// one delay apart, and release it, so one prints all its lines before the other starts.
import Foundation

/// Python: `class SynchronizingThread(threading.Thread)`.
final class SynchronizingThread: JoinableThread {
  private let threadID: Int
  private let counter: Int
  private let threadLock: any NSLocking & Sendable

  init(_ threadID: Int, _ name: String, _ counter: Int, threadLock: any NSLocking & Sendable) {
    self.threadID = threadID
    self.counter = counter
    self.threadLock = threadLock
    super.init(name: name)
  }

  override func run() {
    let name = self.name ?? "?"
    print("Starting " + name)
    // Python: `lock = threadLock.acquire()`, which returns True; `NSLock.lock()` returns nothing.
    threadLock.lock()
    // Python: `threadLock.release()`, written where it cannot be skipped.
    defer { threadLock.unlock() }
    print("lock value", true)
    printTime(name, counter, 3)
  }
}

/// Python: `print_time(threadName, delay, counter)`.
func printTime(_ threadName: String, _ delay: Int, _ counter: Int) {
  var counter = counter
  while counter > 0 {
    sleep(delay)
    print("\(threadName): \(ctime())")
    counter -= 1
  }
}

func synchronizingThreads(threadLock: any NSLocking & Sendable = NSLock()) {
  var threads: [SynchronizingThread] = []

  let syncThread1 = SynchronizingThread(1, "Thread-1", 1, threadLock: threadLock)
  let syncThread2 = SynchronizingThread(2, "Thread-2", 2, threadLock: threadLock)

  syncThread1.start()
  syncThread2.start()

  threads.append(syncThread1)
  threads.append(syncThread2)

  // Python: `for t in threads: t.join()`.
  for thread in threads { thread.join() }
  print("Exiting Main Thread")
}
