import Foundation
import Testing
import ThreadsToTasksCore

@testable import TaskVersions
@testable import ThreadVersions

/// Waits, suspended, until `condition` holds, checking every millisecond; fails after ten
/// seconds (one was not enough beside the suite and two busy loops: a task waiting to join a line
/// waited longer for a thread of the cooperative pool).
func eventually(_ condition: @Sendable () -> Bool) async throws {
  let deadline = ContinuousClock.now + .seconds(10)
  while !condition() {
    guard ContinuousClock.now < deadline else {
      Issue.record("the condition did not come true within ten seconds")
      return
    }
    try await Task.sleep(for: .milliseconds(1))
  }
}

@Suite("AsyncQueue: Python's queue.Queue for tasks", .watchdog)
struct AsyncQueueTests {
  @Test("items come out in order; put waits while the queue is full")
  func boundedAndOrdered() async throws {
    let q = AsyncQueue<Int>(maxsize: 2)
    try await q.put(1)
    try await q.put(2)
    let third = Task { try await q.put(3) }
    try await eventually { q.waiting.putters == 1 }
    #expect(q.count == 2)
    #expect(try await q.get() == 1)
    try await third.value
    #expect(try await q.get() == 2)
    #expect(try await q.get() == 3)
  }

  @Test("get waits for an item, and a waiting getter is handed the next put")
  func getWaits() async throws {
    let q = AsyncQueue<String>(maxsize: 1)
    let getter = Task { try await q.get() }
    try await eventually { q.waiting.getters == 1 }
    try await q.put("a")
    #expect(try await getter.value == "a")
    #expect(q.count == 0)
  }

  @Test("a cancelled put leaves without putting; a cancelled get leaves without taking")
  func cancellation() async throws {
    let q = AsyncQueue<Int>(maxsize: 1)
    try await q.put(1)
    let put = Task { try await q.put(2) }
    try await eventually { q.waiting.putters == 1 }
    put.cancel()
    await #expect(throws: CancellationError.self) { try await put.value }
    #expect(try await q.get() == 1)
    #expect(q.count == 0)
    let get = Task { try await q.get() }
    try await eventually { q.waiting.getters == 1 }
    get.cancel()
    await #expect(throws: CancellationError.self) { try await get.value }
    try await q.put(3)
    #expect(try await q.get() == 3)
  }

  @Test("a task cancelled before it calls put or get throws at once")
  func cancelledBefore() async {
    let q = AsyncQueue<Int>(maxsize: 1)
    let both = Task {
      withUnsafeCurrentTask { $0?.cancel() }
      await #expect(throws: CancellationError.self) { try await q.put(1) }
      await #expect(throws: CancellationError.self) { _ = try await q.get() }
    }
    await both.value
    #expect(q.count == 0)
  }

  @Test("join waits until every item is marked done")
  func join() async throws {
    let q = AsyncQueue<Int>()
    try await q.join()  // nothing put: returns at once
    try await q.put(1)
    try await q.put(2)
    let joined = Latch()
    let joiner = Task {
      try await q.join()
      joined.open()
    }
    _ = try await q.get()
    q.taskDone()
    _ = try await q.get()
    // One item is still unfinished: the joiner waits in `join`, and has not returned.
    try await eventually { q.waitingJoiners == 1 }
    #expect(!joined.isOpen)
    q.taskDone()
    try await joiner.value
    #expect(joined.isOpen)
  }
}

@Suite("BlockingQueue: Python's queue.Queue for threads", .watchdog)
struct BlockingQueueTests {
  @Test("put blocks while the queue is full; items come out in order; join waits for taskDone")
  func boundedOrderedJoined() async throws {
    let q = BlockingQueue<Int>(maxsize: 2)
    q.put(1)
    q.put(2)
    let putThird = Latch()
    let producer = JoinableThread(name: "producer") {
      q.put(3)
      putThird.open()
    }
    producer.start()
    // The producer waits in `put` for a place: it has not put its item.
    try await eventually { q.waiting.putters == 1 }
    #expect(!putThird.isOpen && q.count == 2)
    #expect(q.get() == 1)
    #expect(try await putThird.wait(until: .now + .seconds(1)))
    #expect(q.get() == 2 && q.get() == 3)
    let joined = Latch()
    let joiner = JoinableThread(name: "joiner") {
      q.join()
      joined.open()
    }
    joiner.start()
    q.taskDone()
    q.taskDone()
    // One item is still unfinished: the joiner waits in `join`, and has not returned.
    try await eventually { q.waiting.joiners == 1 }
    #expect(!joined.isOpen)
    q.taskDone()
    #expect(try await joined.wait(until: .now + .seconds(1)))
  }
}

@Suite("Future: Python's concurrent.futures.Future for threads", .watchdog)
struct FutureTests {
  @Test("result(timeout:) gives up with nil; result() still gets the value, as often as asked")
  func timeoutThenResult() async throws {
    let future = Future<Int>()
    let answers = Locked<[Int?]>([])
    let askedEarly = Latch()
    let reader = JoinableThread(name: "reader") {
      let early = future.result(timeout: 0)
      askedEarly.open()
      answers.withLock { $0 += [early, future.result(), future.result(timeout: 0)] }
    }
    reader.start()
    // Set only once the reader has asked without waiting: its first answer must be nil.
    await askedEarly.wait()
    future.set(9)
    try await eventually { answers.withLock { $0.count } == 3 }
    #expect(answers.withLock { $0 } == [nil, 9, 9])
  }
}

@Suite("ThreadingEvent: Python's threading.Event for threads and for tasks", .watchdog)
struct ThreadingEventTests {
  @Test("a thread's wait(timeout:) returns false when the time runs out, true once set")
  func threadEvent() async throws {
    let event = ThreadVersions.ThreadingEvent()
    #expect(!event.wait(timeout: 0) && !event.isSet)
    let woke = Locked<Bool?>(nil)
    let waiter = JoinableThread(name: "waiter") { woke.withLock { $0 = event.wait(timeout: 60) } }
    waiter.start()
    event.set()
    try await eventually { woke.withLock { $0 } != nil }
    #expect(woke.withLock { $0 } == true && event.isSet)
  }

  @Test("a task's wait ends when set, and throws when the task is cancelled")
  func taskEvent() async throws {
    let event = TaskVersions.ThreadingEvent()
    #expect(try await !event.wait(timeout: 0))
    let waiter = Task { try await event.wait(timeout: 60) }
    event.set()
    #expect(try await waiter.value)
    let never = TaskVersions.ThreadingEvent()
    let cancelled = Task { try await never.wait() }
    cancelled.cancel()
    await #expect(throws: CancellationError.self) { try await cancelled.value }
  }
}
