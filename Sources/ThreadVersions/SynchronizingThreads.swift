// Notebook, "Synchronizing Threads": two threads each take one lock, print the time three times
// one delay apart, and release it, so one prints all its lines before the other starts.
import Foundation
import ThreadsToTasksCore

/// Python: `class SynchronizingThread(threading.Thread)`.
final class SynchronizingThread: JoinableThread {
  private let threadID: Int
  private let counter: Int
  private let threadLock: any NSLocking & Sendable
  private let stage: ThreadStage

  init(
    threadID: Int, name: String, counter: Int, lock: any NSLocking & Sendable, on stage: ThreadStage
  ) {
    self.threadID = threadID
    self.counter = counter
    self.threadLock = lock
    self.stage = stage
    super.init(name: name)
  }

  override func run() {
    stage.print("Starting \(lane)", lane: lane)
    // Python: `lock = threadLock.acquire()`. `NSLock.lock()` returns nothing; Python's acquire
    // returns True, which is what the notebook prints next.
    threadLock.lock()
    // Python: `threadLock.release()`, here also when a stop request cuts `printTime` short.
    defer { threadLock.unlock() }
    stage.print("lock value True", lane: lane)
    try? printTime(lane, counter, 3, on: stage)
  }
}

/// Python: `print_time(threadName, delay, counter)`.
func printTime(_ threadName: String, _ delay: Int, _ counter: Int, on stage: ThreadStage)
  throws(Stopped)
{
  var counter = counter
  while counter > 0 {
    try stage.sleep(delay)
    stage.printCtime(lane: threadName)
    counter -= 1
  }
}

func synchronizingThreads(on stage: ThreadStage, lock: any NSLocking & Sendable) {
  let threadLock = lock
  let thread1 = SynchronizingThread(
    threadID: 1, name: "Thread-1", counter: 1, lock: threadLock, on: stage)
  let thread2 = SynchronizingThread(
    threadID: 2, name: "Thread-2", counter: 2, lock: threadLock, on: stage)

  thread1.start()
  thread2.start()

  for thread in [thread1, thread2] { thread.join() }
  stage.print("Exiting Main Thread", lane: "main")
}
