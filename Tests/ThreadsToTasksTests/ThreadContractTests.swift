import Foundation
import Testing
import ThreadsToTasksCore

@testable import ThreadVersions

/// Runs `body` on a plain thread after `delay`: the competing event of a timed wait.
private func after(_ delay: Duration, _ body: @escaping @Sendable () -> Void) {
  let due = ContinuousClock.now + delay
  Thread.detachNewThread {
    Thread.sleep(forTimeInterval: max(0, realSeconds(until: due)))
    body()
  }
}

/// What an exit test's child wrote to standard error.
private func standardError(_ result: ExitTest.Result?) -> String {
  String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

/// `duration` in microseconds.
private func microseconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) * 1e-12
}

/// A bare `NSCondition` gate: blocking here is what the package cannot see.
private final class BareGate: @unchecked Sendable {  // safe: `open` only under `condition`
  private let condition = NSCondition()
  private var open = false

  func wait() { condition.withLock { while !open { condition.wait() } } }

  func release() {
    condition.withLock {
      open = true
      condition.broadcast()
    }
  }
}

@Suite("Thread support types keep Python's contracts at every edge", .watchdog)
struct ThreadContractTests {
  // MARK: huge timeouts

  @Test("a huge timeout (8e9 s, Int.max) waits with no trap; a set state returns at once")
  func hugeTimeouts() async {
    let outcomes = await onPlainThread { () -> [String] in
      var wrong: [String] = []
      let set = ThreadingEvent()
      set.set()
      if !set.wait(timeout: 8_000_000_000) || !set.wait(timeout: Int.max) {
        wrong.append("set event")
      }
      let event = ThreadingEvent()
      after(.milliseconds(5)) { event.set() }
      if !event.wait(timeout: 8_000_000_000) { wrong.append("event 8e9") }
      let later = ThreadingEvent()
      after(.milliseconds(5)) { later.set() }
      if !later.wait(timeout: .seconds(Int64.max)) { wrong.append("event Duration.max") }

      let gate = BareGate()
      let thread = JoinableThread(name: "ends") { gate.wait() }
      thread.start()
      after(.milliseconds(5)) { gate.release() }
      thread.join(timeout: 8_000_000_000)
      thread.join(timeout: Int.max)
      if thread.isAlive { wrong.append("join") }

      let future = Future<Int>()
      after(.milliseconds(5)) { future.set(42) }
      if future.result(timeout: Int.max) != 42 { wrong.append("future") }
      if future.result(timeout: 8_000_000_000) != 42 { wrong.append("set future") }

      let queue = BlockingQueue<Int>(maxsize: 1)
      after(.milliseconds(5)) { queue.put(7) }
      if (try? queue.get(timeout: Int.max)) != 7 { wrong.append("queue get") }
      queue.put(8)
      after(.milliseconds(5)) { _ = queue.get() }
      if (try? queue.put(9, timeout: 8_000_000_000)) == nil { wrong.append("queue put") }

      let semaphore = BoundedSemaphore(1)
      semaphore.acquire()
      after(.milliseconds(5)) { try? semaphore.release() }
      if !semaphore.acquire(timeout: Int.max) { wrong.append("semaphore") }

      let latch = Latch()
      after(.milliseconds(5)) { latch.open() }
      if !latch.wait(until: .now + .seconds(8_000_000_000)) { wrong.append("latch") }
      if deadline(after: Int.max).timeIntervalSinceNow > longestSingleWait + 1 {
        wrong.append("deadline(after:)")
      }
      return wrong
    }
    #expect(outcomes == [])
  }

  @Test("in a run, Int.max notebook seconds overflow nothing")
  func hugeTimeoutInARun() async {
    let transcript = await runThreadProgram(.timeouts) {
      // From beat 1 on, a deadline is the beat plus the timeout: Int.max would overflow there.
      sleep(1)
      let event = ThreadingEvent()
      let setter = JoinableThread(name: "setter") { event.set() }
      setter.start()
      print("waited:", event.wait(timeout: Int.max))
      setter.join(timeout: Int.max)
      print("alive:", setter.isAlive)
    }
    #expect(transcript.events.map(\.text) == ["waited: True", "alive: False"])
  }

  // MARK: zero and negative timeouts, per call

  @Test("Event.wait(0) and wait(-1) return the flag at once, as Python's")
  func eventZeroAndNegative() {
    let event = ThreadingEvent()
    #expect(!event.wait(timeout: 0))
    #expect(!event.wait(timeout: -1))
    #expect(!event.wait(timeout: Int.min))
    #expect(!event.wait(timeout: .milliseconds(-1)))
    event.set()
    #expect(event.wait(timeout: 0))
    #expect(event.wait(timeout: -1))
    #expect(event.wait(timeout: Int.min))
    #expect(event.wait(timeout: .zero))
  }

  @Test("join(timeout: -1) acts as 0: it looks once and returns, finished or not")
  func joinZeroAndNegative() async {
    let alive = await onPlainThread { () -> [Bool] in
      let gate = BareGate()
      let thread = JoinableThread(name: "blocked") { gate.wait() }
      thread.start()
      thread.join(timeout: -1)
      thread.join(timeout: 0)
      thread.join(timeout: .milliseconds(-5))
      let whileBlocked = thread.isAlive
      gate.release()
      thread.join()
      thread.join(timeout: -1)
      return [whileBlocked, thread.isAlive]
    }
    #expect(alive == [true, false])
  }

  @Test("Future.result(timeout: -1) and 0: the value if set, else nil (Python: TimeoutError)")
  func futureZeroAndNegative() {
    let future = Future<Int>()
    #expect(future.result(timeout: -1) == nil)
    #expect(future.result(timeout: 0) == nil)
    #expect(future.result(timeout: .milliseconds(-1)) == nil)
    #expect(!future.isDone)
    future.set(3)
    #expect(future.result(timeout: -1) == 3)
    #expect(future.result(timeout: 0) == 3)
    #expect(future.isDone)
  }

  @Test("queue.get: timeout 0 takes what is there; -1 is a ValueError even with an item")
  func queueGetZeroAndNegative() throws {
    let queue = BlockingQueue<Int>()
    #expect(throws: QueueError.empty) { try queue.get(timeout: 0) }
    #expect(throws: QueueError.empty) { try queue.getNowait() }
    queue.put(1)
    #expect(throws: QueueError.negativeTimeout) { try queue.get(timeout: -1) }
    #expect(throws: QueueError.negativeTimeout) { try queue.get(timeout: .milliseconds(-1)) }
    #expect(queue.count == 1)
    #expect(try queue.get(timeout: 0) == 1)
    queue.put(2)
    #expect(try queue.getNowait() == 2)
    queue.put(3)
    #expect(try queue.get(timeout: .zero) == 3)
    #expect(queue.count == 0)
  }

  @Test("queue.put: timeout 0 puts if there is room; -1 is a ValueError on a bounded queue only")
  func queuePutZeroAndNegative() throws {
    let bounded = BlockingQueue<Int>(maxsize: 1)
    #expect(throws: QueueError.negativeTimeout) { try bounded.put(1, timeout: -1) }
    #expect(throws: QueueError.negativeTimeout) { try bounded.put(1, timeout: .seconds(-1)) }
    #expect(bounded.count == 0)
    try bounded.put(1, timeout: 0)
    #expect(throws: QueueError.full) { try bounded.put(2, timeout: 0) }
    #expect(throws: QueueError.full) { try bounded.putNowait(2) }
    #expect(bounded.count == 1)
    #expect(bounded.get() == 1)
    try bounded.putNowait(4)
    #expect(bounded.get() == 4)
    // Python's `put` looks at the timeout only when the queue has a bound.
    let unbounded = BlockingQueue<Int>(maxsize: -1)
    try unbounded.put(1, timeout: -1)
    for item in 2...5 { unbounded.put(item) }
    #expect(unbounded.count == 5)
  }

  @Test("semaphore.acquire(timeout: 0 or -1) is a try, as Python's")
  func semaphoreZeroAndNegative() throws {
    let pool = BoundedSemaphore(1)
    #expect(pool.acquire(timeout: -1))
    #expect(!pool.acquire(timeout: -1))
    #expect(!pool.acquire(timeout: 0))
    #expect(!pool.acquire(timeout: .milliseconds(-1)))
    try pool.release()
    #expect(pool.acquire(timeout: 0))
    #expect(pool.availablePermits == 0)
  }

  @Test("a timed wait that runs out reports it and leaves everything as it was")
  func timingOut() async {
    let wrong = await onPlainThread { () -> [String] in
      var wrong: [String] = []
      if ThreadingEvent().wait(timeout: .milliseconds(2)) { wrong.append("event") }
      if Future<Int>().result(timeout: .milliseconds(2)) != nil { wrong.append("future") }
      let queue = BlockingQueue<Int>(maxsize: 1)
      if (try? queue.get(timeout: .milliseconds(2))) != nil { wrong.append("get") }
      queue.put(1)
      if (try? queue.put(2, timeout: .milliseconds(2))) != nil { wrong.append("put") }
      if queue.count != 1 { wrong.append("count") }
      let pool = BoundedSemaphore(0)
      if pool.acquire(timeout: .milliseconds(2)) || pool.availablePermits != 0 {
        wrong.append("semaphore")
      }
      return wrong
    }
    #expect(wrong == [])
  }

  // MARK: a competing event across the deadline

  /// One timed wait against a competing event aimed `offset` from its deadline.
  private struct Trial: Sendable {
    enum Kind: CaseIterable { case get, put, acquire }
    let kind: Kind
    let offset: Duration
  }

  @Test(
    "at the deadline a waiter got the item, place or permit, or it did not: never both, never neither"
  )
  func deadlineRaces() async {
    let pairs = 40
    let trialsPerPair = 60
    let deadlineIn = Duration.microseconds(1_500)
    let spacing = Duration.milliseconds(4)
    let (losses, offsets, won) = await onPlainThread {
      () -> (losses: [String], offsets: [Double], won: Int) in
      // Every trial: fresh subjects, a waiter's deadline `deadlineIn` after its begin, and the
      // competing event aimed at that deadline plus an offset drawn from ±1.5 ms.
      var random = SeededRandom(seed: 15)
      let trials = (0..<pairs * trialsPerPair).map { index in
        Trial(
          kind: Trial.Kind.allCases[index % 3],
          offset: .microseconds(random.randint(-1_500, 1_500)))
      }
      let queues = trials.map { _ in BlockingQueue<Int>(maxsize: 1) }
      let pools = trials.map { _ in BoundedSemaphore(1) }
      for (index, trial) in trials.enumerated() {
        if trial.kind == .put { queues[index].put(0) }
        if trial.kind == .acquire { pools[index].acquire() }
      }
      let competed = Locked<[Int: ContinuousClock.Instant]>([:])
      let deadlines = Locked<[Int: ContinuousClock.Instant]>([:])
      let outcomes = Locked<[Int: Bool]>([:])
      let threads = DispatchGroup()
      let start = ContinuousClock.now + .milliseconds(10)
      for pair in 0..<pairs {
        // Pair `pair` runs trials pair, pair + pairs, …, one every `spacing`.
        let mine = Array(stride(from: pair, to: trials.count, by: pairs))
        threads.enter()
        Thread.detachNewThread {
          for (turn, index) in mine.enumerated() {
            let due = start + spacing * turn + deadlineIn + trials[index].offset
            Thread.sleep(forTimeInterval: max(0, realSeconds(until: due)))
            competed.withLock { $0[index] = .now }
            switch trials[index].kind {
            case .get: queues[index].put(1)
            case .put: _ = queues[index].get()
            case .acquire: try? pools[index].release()
            }
          }
          threads.leave()
        }
        threads.enter()
        Thread.detachNewThread {
          for (turn, index) in mine.enumerated() {
            Thread.sleep(forTimeInterval: max(0, realSeconds(until: start + spacing * turn)))
            deadlines.withLock { $0[index] = .now + deadlineIn }
            let won: Bool
            switch trials[index].kind {
            case .get: won = (try? queues[index].get(timeout: deadlineIn)) != nil
            case .put: won = (try? queues[index].put(2, timeout: deadlineIn)) != nil
            case .acquire: won = pools[index].acquire(timeout: deadlineIn)
            }
            outcomes.withLock { $0[index] = won }
          }
          threads.leave()
        }
      }
      threads.wait()
      // Both sides are done: the state must be what the waiter's answer says.
      var losses: [String] = []
      var offsets: [Double] = []
      var wins = 0
      for (index, trial) in trials.enumerated() {
        let won = outcomes.withLock { $0[index]! }
        let consistent: Bool
        switch trial.kind {
        case .get: consistent = queues[index].count == (won ? 0 : 1)
        case .put: consistent = queues[index].count == (won ? 1 : 0)
        case .acquire: consistent = pools[index].availablePermits == (won ? 0 : 1)
        }
        let offset = microseconds(
          competed.withLock { $0[index]! } - deadlines.withLock { $0[index]! })
        if !consistent { losses.append("\(trial.kind) at \(offset) µs: got it \(won)") }
        offsets.append(offset)
        if won { wins += 1 }
      }
      return (losses, offsets, wins)
    }
    #expect(losses == [])
    let sorted = offsets.sorted()
    let near = offsets.filter { abs($0) <= 1_500 }.count
    Swift.print(
      "deadline races: \(offsets.count) trials, \(losses.count) lost;",
      "\(won) got it, \(offsets.count - won) timed out; the competing event came",
      "\(Int(sorted[sorted.count / 10]))…\(Int(sorted[sorted.count * 9 / 10])) µs from the",
      "deadline (10–90 %), \(near) within ±1.5 ms")
  }

  // MARK: misuse, in Python's words

  @Test("start() twice traps: threads can only be started once")
  func startTwice() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let thread = JoinableThread(name: "once") {}
      thread.start()
      thread.start()
    }
    #expect(standardError(result).contains("RuntimeError: threads can only be started once"))
  }

  @Test("join() before start() traps: cannot join thread before it is started")
  func joinBeforeStart() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      JoinableThread(name: "never").join(timeout: 1)
    }
    #expect(standardError(result).contains("RuntimeError: cannot join thread before it is started"))
  }

  @Test("a thread joining itself traps: cannot join current thread")
  func joinItself() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let thread = JoinableThread(name: "self") {
        (Thread.current as? JoinableThread)?.join(timeout: 1)
      }
      thread.start()
      thread.join()
    }
    #expect(standardError(result).contains("RuntimeError: cannot join current thread"))
  }

  @Test("Future.set twice traps with InvalidStateError")
  func setTwice() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let future = Future<Int>()
      future.set(1)
      future.set(2)
    }
    #expect(standardError(result).contains("InvalidStateError: FINISHED"))
  }

  @Test("BoundedSemaphore(-1) traps: semaphore initial value must be >= 0")
  func negativeSemaphore() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = BoundedSemaphore(-1)
    }
    #expect(standardError(result).contains("ValueError: semaphore initial value must be >= 0"))
  }

  @Test("taskDone() once too often traps: task_done() called too many times")
  func taskDoneTooOften() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let queue = BlockingQueue<Int>()
      queue.put(1)
      _ = queue.get()
      queue.taskDone()
      queue.taskDone()
    }
    #expect(standardError(result).contains("ValueError: task_done() called too many times"))
  }

  // MARK: the run's instrumentation stays out of the types

  @Test("with the `// run:` regions stripped, the thread support types name nothing of the run")
  func strippedTypesAreAPlainProgramsTypes() throws {
    let support = packageRoot.appending(path: "Sources/ThreadVersions/Support")
    let harness = [
      "binding", "RunBinding", "JoinWait", "context", "ExampleContext", "roster", "clock",
      "fallsBehind", "finishedAt", "recorder", "observer", "holdingBack",
    ]
    for file in [
      "JoinableThread", "BlockingQueue", "BoundedSemaphore", "Future", "ThreadingEvent", "Deadline",
    ] {
      let source = try String(
        contentsOf: support.appending(path: "\(file).swift"), encoding: .utf8)
      var stripped: [Substring] = []
      var inRegion = false
      for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
        switch line.trimmingCharacters(in: .whitespaces) {
        case "// run: begin":
          #expect(!inRegion, "\(file): a region opens inside another")
          inRegion = true
        case "// run: end":
          #expect(inRegion, "\(file): a region ends that never opened")
          inRegion = false
        // Comments aside: they may say what a run does differently.
        case let code where !code.hasPrefix("//"): if !inRegion { stripped.append(line) }
        default: break
        }
      }
      #expect(!inRegion, "\(file): a region never ends")
      let words = Set(
        stripped.joined(separator: "\n").split { !$0.isLetter && !$0.isNumber }.map(String.init))
      #expect(words.isDisjoint(with: harness), "\(file): \(words.intersection(harness))")
    }
  }

  // MARK: start() hears of every blocking call

  /// A body that blocks in one of the package's calls until `release` is called.
  struct Blocker: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () -> (body: @Sendable () -> Void, release: @Sendable () -> Void)
    var testDescription: String { name }
  }

  static let blockers: [Blocker] = [
    Blocker(name: "sleep") {
      let gate = BareGate()
      return (
        {
          sleep(0); gate.wait()
        }, { gate.release() }
      )
    },
    Blocker(name: "join") {
      let gate = BareGate()
      return (
        {
          let other = JoinableThread(name: "other") { gate.wait() }
          other.switchInterval = 0
          other.start()
          other.join()
        }, { gate.release() }
      )
    },
    Blocker(name: "join(timeout:)") {
      let gate = BareGate()
      return (
        {
          let other = JoinableThread(name: "other") { gate.wait() }
          other.switchInterval = 0
          other.start()
          other.join(timeout: 3_600)
        }, { gate.release() }
      )
    },
    Blocker(name: "get") {
      let queue = BlockingQueue<Int>()
      return ({ _ = queue.get() }, { queue.put(1) })
    },
    Blocker(name: "get(timeout:)") {
      let queue = BlockingQueue<Int>()
      return ({ _ = try? queue.get(timeout: 3_600) }, { queue.put(1) })
    },
    Blocker(name: "put") {
      let queue = BlockingQueue<Int>(maxsize: 1)
      queue.put(0)
      return ({ queue.put(1) }, { _ = queue.get() })
    },
    Blocker(name: "put(_:timeout:)") {
      let queue = BlockingQueue<Int>(maxsize: 1)
      queue.put(0)
      return ({ try? queue.put(1, timeout: 3_600) }, { _ = queue.get() })
    },
    Blocker(name: "queue join") {
      let queue = BlockingQueue<Int>()
      queue.put(0)
      _ = queue.get()
      return ({ queue.join() }, { queue.taskDone() })
    },
    Blocker(name: "acquire") {
      // A bounded semaphore whose one place is taken: `release()` gives it back.
      let pool = BoundedSemaphore(1)
      pool.acquire()
      return ({ pool.acquire() }, { _ = try? pool.release() })
    },
    Blocker(name: "acquire(timeout:)") {
      // A bounded semaphore whose one place is taken: `release()` gives it back.
      let pool = BoundedSemaphore(1)
      pool.acquire()
      return ({ pool.acquire(timeout: 3_600) }, { _ = try? pool.release() })
    },
    Blocker(name: "event wait") {
      let event = ThreadingEvent()
      return ({ event.wait() }, { event.set() })
    },
    Blocker(name: "event wait(timeout:)") {
      let event = ThreadingEvent()
      return ({ event.wait(timeout: 3_600) }, { event.set() })
    },
    Blocker(name: "result") {
      let future = Future<Int>()
      return ({ _ = future.result() }, { future.set(1) })
    },
    Blocker(name: "result(timeout:)") {
      let future = Future<Int>()
      return ({ _ = future.result(timeout: 3_600) }, { future.set(1) })
    },
  ]

  @Test(
    "start() returns at the body's first blocking call of the package, however long the switch interval",
    arguments: blockers)
  func startHearsOfBlocking(_ blocker: Blocker) async {
    let (body, release) = blocker.make()
    let returnedInTime = await onPlainThread { () -> Bool in
      // Unchecked: this closure and the detached one below hand the thread over in turn (the
      // start and the join are ordered by `started`), never at once.
      nonisolated(unsafe) let thread = JoinableThread(name: blocker.name, target: body)
      // An hour: only the body's blocking call can end this start.
      thread.switchInterval = 3_600
      let started = DispatchSemaphore(value: 0)
      Thread.detachNewThread {
        thread.start()
        started.signal()
      }
      let inTime = started.wait(timeout: .now() + 2) == .success
      release()
      if !inTime { started.wait() }
      thread.join()
      return inTime
    }
    #expect(returnedInTime, "start() did not hear that '\(blocker.name)' blocks")
  }

  /// A body for `startWaitsForTheBody`: how long it blocks unseen (past `start()`'s watch of
  /// its flag, so the starter sleeps on the condition) and whether it then blocks or ends.
  struct Opening: Sendable, CustomTestStringConvertible {
    let name: String
    let unseen: Double
    let blocks: Bool
    var testDescription: String { name }
  }

  @Test(
    "start() returns once the body has run up to its first blocking call or its end, not before",
    arguments: [
      Opening(name: "blocks at once", unseen: 0, blocks: true),
      Opening(name: "blocks after 20 ms unseen", unseen: 0.02, blocks: true),
      Opening(name: "ends at once", unseen: 0, blocks: false),
      Opening(name: "ends after 20 ms unseen", unseen: 0.02, blocks: false),
    ])
  func startWaitsForTheBody(_ opening: Opening) async {
    let (inTime, reachedFirst) = await onPlainThread { () -> (Bool, Bool) in
      let gate = BareGate()
      let reached = Locked(false)
      // Unchecked: this closure and the detached one below hand the thread over in turn (the
      // start and the join are ordered by `started`), never at once.
      nonisolated(unsafe) let thread = JoinableThread(name: opening.name) {
        if opening.unseen > 0 { Thread.sleep(forTimeInterval: opening.unseen) }
        reached.withLock { $0 = true }
        guard opening.blocks else { return }
        sleep(0)
        gate.wait()
      }
      // An hour: only the body's blocking call or its end can end this start.
      thread.switchInterval = 3_600
      let started = DispatchSemaphore(value: 0)
      let reachedAtReturn = Locked(false)
      Thread.detachNewThread {
        thread.start()
        reachedAtReturn.withLock { $0 = reached.withLock { $0 } }
        started.signal()
      }
      let inTime = started.wait(timeout: .now() + 2) == .success
      gate.release()
      // A start that missed its end may never return: fail rather than wait for it.
      guard inTime else { return (false, true) }
      thread.join()
      return (true, reachedAtReturn.withLock { $0 })
    }
    #expect(inTime, "start() was not told that '\(opening.name)' blocked or ended")
    #expect(reachedFirst, "start() returned before '\(opening.name)' reached its blocking call")
  }

  @Test(
    "JoinableThread.active: the main thread, then the living in the order they started; none after"
  )
  func activeListsTheLivingInStartOrder() async {
    let (mainFirst, order, goneAfterJoin) = await onPlainThread { () -> (Bool, [Int], Bool) in
      let gate = BareGate()
      // Eight: a list in no particular order (a dictionary's) comes out in start order by
      // chance once in 40,320 runs, not once in 24 as four would.
      let threads = (0..<8).map { index in
        JoinableThread(name: "active-\(index)") {
          sleep(0)
          gate.wait()
        }
      }
      for thread in threads { thread.start() }
      // Other tests' threads may be listed too: look at these eight only.
      let listed = JoinableThread.active
      let order = listed.compactMap { thread in threads.firstIndex { $0 === thread } }
      gate.release()
      for thread in threads { thread.join() }
      let gone = !JoinableThread.active.contains { thread in threads.contains { $0 === thread } }
      return (listed.first === Thread.mainThread, order, gone)
    }
    #expect(mainFirst)
    #expect(order == Array(0..<8))
    #expect(goneAfterJoin)
  }

  #if os(Linux)
    @Test(
      "start() leaves the starter and, from its first line, the new thread the starter's processors"
    )
    func startLeavesTheProcessorsAsTheyWere() async throws {
      let seen = await onPlainThread { () -> (CoreAffinity?, CoreAffinity?, CoreAffinity?) in
        let before = CoreAffinity.ofCaller()
        let inBody = Locked<CoreAffinity?>(nil)
        let thread = JoinableThread(name: "affinity") { inBody.withLock { $0 = .ofCaller() } }
        thread.start()
        let after = CoreAffinity.ofCaller()
        thread.join()
        return (before, after, inBody.withLock { $0 })
      }
      let before = try #require(seen.0, "the affinity calls are missing on this Linux")
      #expect(seen.1 == before, "the starter was left narrowed")
      #expect(seen.2 == before, "the new thread was left narrowed")
    }
  #endif

  @Test("a body that blocks where the package cannot see costs start() the switch interval only")
  func startGivesUpAfterTheSwitchInterval() async {
    let stillBlocked = await onPlainThread { () -> Bool in
      let gate = BareGate()
      let thread = JoinableThread(name: "bare") { gate.wait() }
      thread.start()
      let alive = thread.isAlive
      gate.release()
      thread.join()
      return alive
    }
    #expect(stillBlocked)
  }
}
