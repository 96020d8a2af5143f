import Foundation
import Testing
import ThreadsToTasksCore

@testable import TaskVersions
@testable import ThreadVersions

@Suite("Beyond the notebook, more: semaphores and thread-local state", .tags(.realTime))
struct BeyondMoreTests {
  // MARK: semaphore

  @Test("semaphore: at most two inside, in both paradigms, equivalent")
  func semaphore() async {
    let (thread, task) = await runBoth(.semaphore)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.kind == .equivalent, "\(verdict.differences)")
    #expect(verdict.declared.isEmpty)
  }

  @Test("semaphore: a semaphore that lets three in is caught, in a real run of both paradigms")
  func semaphoreTooWide() async {
    async let thread = runThreadProgram(.semaphore) { ThreadVersions.semaphore(value: 3) }
    async let task = runTaskProgram(.semaphore) { try await TaskVersions.semaphore(value: 3) }
    for run in await [thread, task] {
      let verdict = Equivalence.judge([run])
      #expect(verdict.kind == .notEquivalent, "\(run.paradigm)")
      #expect(
        verdict.differences.contains {
          $0.contains("went inside at beat 0 while 2 were inside")
            && $0.contains("(BoundedSemaphore(2) lets two workers in at a time)")
        }, "\(run.paradigm): \(verdict.differences)")
    }
  }

  @Test("semaphore: a hand-made run where a third worker slips in is caught by the guarantee")
  func thirdWorkerSlipsIn() {
    let verdict = judgeAsBoth(
      expectedTranscript(.semaphore).editing { events in
        // worker3 goes in at beat 1, while worker1 and worker2 are still inside.
        let index = events.firstIndex { $0.lane == "worker3" && $0.text == "inside" }!
        var early = events.remove(at: index)
        early.beat = 1
        events.insert(early, at: events.firstIndex { $0.text == "leaving" }!)
      })
    #expect(verdict.kind == .notEquivalent)
    #expect(
      verdict.differences.contains {
        $0.contains("worker3 went inside at beat 1 while 2 were inside (worker1, worker2)")
      }, "\(verdict.differences)")
  }

  @Test("semaphore: a release that does not throw when every place is free is caught")
  func releaseThatDoesNotThrow() {
    let verdict = judgeAsBoth(
      expectedTranscript(.semaphore).editing { $0.removeAll { $0.text.hasPrefix("release()") } })
    #expect(verdict.kind == .notEquivalent)
  }

  @Test("semaphore: a group that keeps two children keeps the guarantee, with the same beats")
  func groupOfTwo() async {
    let task = await runTaskProgram(.semaphore) { try await TaskVersions.semaphoreWithAGroup() }
    #expect(ExampleID.semaphore.guarantees.flatMap { $0.violations(in: task.events) }.isEmpty)
    let expected = ExampleID.semaphore.expectedOrderings(seed: 7)[0].lanes
    for worker in ["worker1", "worker2", "worker3", "worker4"] {
      #expect(task.events.filter { $0.lane == worker }.map(\.shape) == expected[worker])
    }
  }

  @Test("semaphore: the choice names the two workers that went in first")
  func semaphoreChoice() {
    let run = expectedTranscript(.semaphore, choice: 5)
    #expect(ExampleID.semaphore.choice(in: run.events) == "worker3 and worker4 go in first")
    #expect(Equivalence.judge([run]).kind == .equivalent)
  }
}

@Suite("Guarantee.atMostInside: at most N lanes between an opening and a closing line")
struct AtMostInsideTests {
  let guarantee = Guarantee.atMostInside(2, opening: "in", closing: "out", because: "two places")

  @Test("two inside at once hold; a lane that leaves makes room for the next")
  func holds() {
    let run = transcript(
      .semaphore, .thread,
      [
        ("a", "in", 0), ("b", "in", 0), ("a", "out", 1), ("c", "in", 1), ("b", "out", 2),
        ("c", "out", 2), ("a", "in", 3), ("b", "in", 3),
      ])
    #expect(guarantee.violations(in: run.events).isEmpty)
  }

  @Test("a third inside is named, with who was inside")
  func third() {
    let run = transcript(.semaphore, .thread, [("a", "in", 0), ("b", "in", 0), ("c", "in", 0)])
    #expect(
      guarantee.violations(in: run.events) == [
        "c went inside at beat 0 while 2 were inside (a, b) (two places)"
      ])
  }

  @Test("the recording order judges, not the beat: entering before the other's closing line")
  func sequenceNotBeat() {
    let run = transcript(
      .semaphore, .thread, [("a", "in", 0), ("b", "in", 0), ("c", "in", 1), ("a", "out", 1)])
    #expect(guarantee.violations(in: run.events).count == 1)
  }

  @Test("a lane that never prints its closing line stays inside")
  func neverCloses() {
    let run = transcript(
      .semaphore, .thread, [("a", "in", 0), ("a", "done", 1), ("b", "in", 1), ("c", "in", 2)])
    #expect(guarantee.violations(in: run.events).count == 1)
  }

  @Test("with one place it is mutual exclusion")
  func onePlace() {
    let lock = Guarantee.atMostInside(1, opening: "in", closing: "out", because: "a lock")
    let run = transcript(.semaphore, .thread, [("a", "in", 0), ("b", "in", 0), ("a", "out", 1)])
    #expect(lock.violations(in: run.events).count == 1)
  }
}

@Suite("AsyncSemaphore: Python's BoundedSemaphore for tasks")
struct AsyncSemaphoreTests {
  @Test("waiters get in first come, first served")
  func fifo() async throws {
    let pool = AsyncSemaphore(1)
    try await pool.acquire()
    let order = Locked<[Int]>([])
    var waiters: [Task<Void, any Error>] = []
    for n in 1...3 {
      waiters.append(
        Task {
          try await pool.withPermit { order.withLock { $0.append(n) } }
        })
      try await eventually { pool.waitingCount == n }
    }
    try pool.release()
    for waiter in waiters { try await waiter.value }
    #expect(order.withLock { $0 } == [1, 2, 3])
    #expect(pool.availablePermits == 1)
  }

  @Test("cancelled while waiting, then a release: it never enters, and the place stays free")
  func cancelThenRelease() async throws {
    let pool = AsyncSemaphore(1)
    try await pool.acquire()
    let entered = Locked(false)
    let waiter = Task {
      try await pool.acquire()
      entered.withLock { $0 = true }
    }
    try await eventually { pool.waitingCount == 1 }
    waiter.cancel()
    await #expect(throws: CancellationError.self) { try await waiter.value }
    #expect(pool.waitingCount == 0)
    try pool.release()
    #expect(pool.availablePermits == 1)
    #expect(!entered.withLock { $0 })
  }

  @Test("handed a place, then cancelled before it runs: it never enters and passes the place on")
  func releaseThenCancel() async throws {
    let pool = AsyncSemaphore(1)
    try await pool.acquire()
    let entered = Locked(false)
    // The waiter runs on an executor of its own, paused between the release and the cancel, so
    // it is handed the place and cancelled before it runs again: the order under test, every time.
    let executor = DedicatedExecutor()
    let waiter = Task(executorPreference: executor) {
      try await pool.acquire()
      entered.withLock { $0 = true }
    }
    try await eventually { pool.waitingCount == 1 }
    executor.pause()
    try pool.release()
    #expect(pool.waitingCount == 0 && pool.availablePermits == 0)
    waiter.cancel()
    executor.resume()
    await #expect(throws: CancellationError.self) { try await waiter.value }
    #expect(!entered.withLock { $0 })
    #expect(pool.availablePermits == 1)
  }

  @Test("a release with every place free throws, as BoundedSemaphore raises ValueError")
  func overRelease() async throws {
    let pool = AsyncSemaphore(2)
    #expect(throws: TaskVersions.SemaphoreReleasedTooManyTimes.self) { try pool.release() }
    try await pool.acquire()
    try pool.release()
    #expect(throws: TaskVersions.SemaphoreReleasedTooManyTimes.self) { try pool.release() }
    #expect(pool.availablePermits == 2)
  }
}

@Suite("BoundedSemaphore: Python's BoundedSemaphore for threads")
struct BoundedSemaphoreTests {
  @Test("a release with every place free throws; a taken place can be given back")
  func overRelease() throws {
    let pool = BoundedSemaphore(2)
    #expect(throws: ThreadVersions.SemaphoreReleasedTooManyTimes.self) { try pool.release() }
    pool.acquire()
    pool.acquire()
    #expect(pool.availablePermits == 0)
    try pool.release()
    try pool.release()
    #expect(throws: ThreadVersions.SemaphoreReleasedTooManyTimes.self) { try pool.release() }
  }
}
