import Foundation
import Testing
import ThreadVersions
import ThreadsToTasksCore

@testable import TaskVersions

@Suite("Under contention", .watchdog, .tags(.realTime), .timeLimit(.minutes(1)))
struct ContentionTests {
  @Test(
    "the recorder keeps 20,000 events from 1,000 tasks and 200 threads, whole and in lane order")
  func recorderUnderContention() async {
    let recorder = Recorder(clock: ExampleClock(pace: testPace))
    let threads = DispatchGroup()
    await withCheckedContinuation { (threadsDone: CheckedContinuation<Void, Never>) in
      for index in 0..<200 {
        threads.enter()
        let thread = JoinableThread(name: "thread-\(index)") {
          for line in 0..<50 {
            recorder.print("thread-\(index) line \(line)", lane: "thread-\(index)")
          }
          threads.leave()
        }
        thread.start()
      }
      threads.notify(queue: .global()) { threadsDone.resume() }
    }
    await withTaskExecutorPreference(DedicatedExecutor()) {
      await withTaskGroup { tasks in
        for index in 0..<1_000 {
          tasks.addTask {
            for line in 0..<10 {
              recorder.print("task-\(index) line \(line)", lane: "task-\(index)")
            }
          }
        }
      }
    }
    // One pass: each lane's next line number must be the one expected; nothing torn or lost.
    // It runs on the dedicated executor too, to keep the cooperative pool free.
    let (count, inOrder, lanes) = await withTaskExecutorPreference(DedicatedExecutor()) {
      let events = recorder.recorded
      var nextLine: [Substring: Int] = [:]
      var inOrder = true
      for (offset, event) in events.enumerated() {
        let parts = event.text.split(separator: " ")
        let lane = parts[0]
        inOrder =
          inOrder && parts.count == 3 && lane == event.lane && event.sequence == offset
          && parts[1] == "line" && parts[2] == String(nextLine[lane, default: 0])
        nextLine[lane, default: 0] += 1
      }
      return (events.count, inOrder, nextLine.count)
    }
    #expect(count == 20_000)
    #expect(inOrder)
    #expect(lanes == 1_200)
  }

  @Test("the async lock serves 1,000 concurrent callers one at a time, in arrival order")
  func asyncLockIsFIFO() async throws {
    let lock = AsyncLock()
    let inside = Locked((now: 0, most: 0, served: [Int]()))
    try await withTaskExecutorPreference(DedicatedExecutor()) {
      try await lock.acquire()
      try await withThrowingTaskGroup { callers in
        for caller in 0..<1_000 {
          callers.addTask {
            try await lock.acquire()
            defer { lock.release() }
            inside.withLock {
              $0.now += 1
              $0.most = max($0.most, $0.now)
              $0.served.append(caller)
            }
            // Suspend while holding the lock, as `print_time` does, inviting others in.
            await Task.yield()
            inside.withLock { $0.now -= 1 }
          }
          // Each caller queues before the next is added: arrival order is caller order.
          while lock.waitingCount < caller + 1 { await Task.yield() }
        }
        lock.release()
        try await callers.waitForAll()
      }
    }
    let (_, most, served) = inside.withLock { $0 }
    #expect(most == 1)
    #expect(served == Array(0..<1_000))
  }
}

@Suite("A cancelled waiter never enters", .watchdog, .timeLimit(.minutes(1)))
struct AsyncLockCancellationTests {
  @Test("cancelled while waiting, before the holder releases: it throws and never enters")
  func cancelThenRelease() async throws {
    let lock = AsyncLock()
    try await lock.acquire()
    let entered = Locked(false)
    let waiter = Task {
      try await lock.acquire()
      entered.withLock { $0 = true }
      lock.release()
    }
    while lock.waitingCount < 1 { await Task.yield() }
    waiter.cancel()
    await #expect(throws: CancellationError.self) { try await waiter.value }
    lock.release()
    #expect(!entered.withLock { $0 })
    #expect(lock.waitingCount == 0)
    // The lock is free again for the next caller.
    try await lock.acquire()
    lock.release()
  }

  @Test("the holder releases to it in the same instant it is cancelled: it never enters")
  func releaseThenCancel() async throws {
    let lock = AsyncLock()
    try await lock.acquire()
    let entered = Locked(false)
    let executor = DedicatedExecutor()
    let waiter = Task(executorPreference: executor) {
      try await lock.acquire()
      entered.withLock { $0 = true }
      lock.release()
    }
    while lock.waitingCount < 1 { await Task.yield() }
    // Hand the lock over, then cancel, while the waiter's executor is held: it cannot run on in
    // between, so it wakes owning the lock and cancelled at once.
    await executor.settled()
    executor.pause()
    lock.release()
    waiter.cancel()
    executor.resume()
    await #expect(throws: CancellationError.self) { try await waiter.value }
    #expect(!entered.withLock { $0 })
    // It passed the lock on: the next caller gets it.
    try await lock.acquire()
    lock.release()
  }
}
