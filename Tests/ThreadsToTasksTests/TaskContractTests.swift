import Foundation
import Testing
import ThreadsToTasksCore

@testable import TaskVersions

/// A task executor whose jobs a test can hold: it pauses by itself as soon as it has nothing to
/// run (the waiter suspended in line, its deadline's sleep begun), keeping every job enqueued from
/// then on until `resume()`; the test sees how many are held. Held across a deadline, it makes
/// "the deadline passed and the release came" happen in the order the test chooses, every time.
final class HoldingExecutor: TaskExecutor, @unchecked Sendable {
  // safe: `paused`, `held` and `busy` are read and written only while holding `condition`.
  private let condition = NSCondition()
  private let queue = DispatchQueue(label: "ThreadsToTasksTests.HoldingExecutor")
  private var paused = false
  private var held: [UnownedJob] = []
  private var busy = 0
  private var resumed = false

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let runNow = condition.withLock {
      if paused {
        held.append(job)
        return false
      }
      busy += 1
      return true
    }
    if runNow { run(job) }
  }

  private func run(_ job: UnownedJob) {
    queue.async {
      job.runSynchronously(on: self.asUnownedTaskExecutor())
      self.condition.withLock {
        self.busy -= 1
        if self.busy == 0 && !self.resumed { self.paused = true }
      }
    }
  }

  /// Whether it has paused.
  var isPaused: Bool { condition.withLock { paused } }

  /// Runs the held jobs, and every later one as it comes; it does not pause again.
  func resume() {
    let jobs = condition.withLock {
      paused = false
      resumed = true
      busy += held.count
      defer { held = [] }
      return held
    }
    for job in jobs { run(job) }
  }

  /// How many jobs are held.
  var heldCount: Int { condition.withLock { held.count } }
}

/// Waits, suspended, until `condition` holds; records an issue after two seconds.
private func until(_ what: String, _ condition: @Sendable () -> Bool) async throws {
  let deadline = ContinuousClock.now + .seconds(2)
  while !condition() {
    guard ContinuousClock.now < deadline else {
      Issue.record("\(what) did not happen within two seconds")
      return
    }
    try await Task.sleep(for: .microseconds(200))
  }
}

/// Runs `wait` (given its timeout) on `subject` as a task on an executor the test holds, then
/// makes the deadline and `compete` meet: the waiter is suspended in line and its executor
/// paused, the deadline's wake-up arrives (held), then `compete` runs (its hand-over held too),
/// then the executor resumes. The waiter thus finds the deadline passed *and* the competing event
/// done: the race of the issue's table, decided the same way every time. Should the machine be
/// so slow that the deadline passed before the executor paused, the trial starts again with a
/// fresh subject and twice the timeout.
private func meetAtTheDeadline<Subject: Sendable, Result: Sendable>(
  _ make: () async throws -> Subject,
  waiting: @escaping @Sendable (Subject) -> Bool,
  _ wait: @escaping @Sendable (Subject, Duration) async throws -> Result,
  compete: (Subject) throws -> Void
) async throws -> (Subject, Result) {
  var timeout = Duration.milliseconds(50)
  for _ in 1...6 {
    let subject = try await make()
    let executor = HoldingExecutor()
    let waiter = Task(executorPreference: executor) { [timeout] in
      try await wait(subject, timeout)
    }
    try await until("the waiter's queueing") { executor.isPaused }
    guard waiting(subject) else {
      // Too late: it timed out before the pause. Again, with more time.
      executor.resume()
      _ = try? await waiter.value
      timeout *= 2
      continue
    }
    // The deadline's sleep ends: its wake-up is held on the executor.
    try await until("the deadline's wake-up") { executor.heldCount >= 1 }
    try compete(subject)
    executor.resume()
    return (subject, try await waiter.value)
  }
  Issue.record("the waiter timed out before it could be held, six times")
  throw CancellationError()
}

/// The timed waits of the task support types against Python's `threading` and `queue`: each row
/// of issue 15's table for tasks, its races made deterministic, then stressed.
@Suite("Task support types keep Python's contracts at every edge", .watchdog)
struct TaskContractTests {
  // MARK: the deadline meets the release

  @Test("a lock released as acquire(timeout:) times out: it returns true holding the lock")
  func lockReleasedAtTheDeadline() async throws {
    let (lock, got) = try await meetAtTheDeadline {
      let lock = AsyncLock()
      try await lock.acquire()
      return lock
    } waiting: {
      $0.waitingCount == 1
    } _: { lock, timeout in
      try await lock.acquire(timeout: timeout)
    } compete: {
      $0.release()
    }
    #expect(got && lock.locked)
    lock.release()
    #expect(!lock.locked)
  }

  @Test("withTimeout around acquire(), released at the deadline: a lock never held by nobody")
  func withTimeoutAroundAcquire() async throws {
    let (lock, got) = try await meetAtTheDeadline {
      let lock = AsyncLock()
      try await lock.acquire()
      return lock
    } waiting: {
      $0.waitingCount == 1
    } _: { lock, timeout in
      (try? await withTimeout(timeout) { try await lock.acquire() }) ?? false
    } compete: {
      $0.release()
    }
    // Handed the lock as it was cancelled, the waiter hands it on: free, or held by the caller.
    #expect(got == lock.locked)
    if got { lock.release() }
    #expect(try await lock.acquire(blocking: false))
  }

  @Test("a semaphore's place given back as acquire(timeout:) times out: true, holding it")
  func semaphoreAtTheDeadline() async throws {
    let (pool, got) = try await meetAtTheDeadline {
      let pool = AsyncSemaphore(1)
      try await pool.acquire()
      return pool
    } waiting: {
      $0.waitingCount == 1
    } _: { pool, timeout in
      try await pool.acquire(timeout: timeout)
    } compete: {
      try $0.release()
    }
    #expect(got && pool.availablePermits == 0)
    try pool.release()
    #expect(pool.availablePermits == 1)
  }

  @Test("a put that lands as get(timeout:) times out: the item is returned, not lost")
  func getAtTheDeadline() async throws {
    let (queue, got) = try await meetAtTheDeadline {
      AsyncQueue<Int>(maxsize: 1)
    } waiting: {
      $0.waiting.getters == 1
    } _: { queue, timeout in
      try? await queue.get(timeout: timeout)
    } compete: {
      try $0.putNowait(42)
    }
    #expect(got == 42 && queue.count == 0)
  }

  @Test("withTimeout around get(), a put at the deadline: the item handed over is returned")
  func withTimeoutAroundGet() async throws {
    let (queue, got) = try await meetAtTheDeadline {
      AsyncQueue<Int>(maxsize: 1)
    } waiting: {
      $0.waiting.getters == 1
    } _: { queue, timeout in
      try? await withTimeout(timeout) { try await queue.get() }
    } compete: {
      try $0.putNowait(42)
    }
    #expect(got == 42 && queue.count == 0)
  }

  @Test("a get that frees room as put(timeout:) times out: the item is put, and it says so")
  func putAtTheDeadline() async throws {
    let (queue, put) = try await meetAtTheDeadline {
      let queue = AsyncQueue<Int>(maxsize: 1)
      try queue.putNowait(1)
      return queue
    } waiting: {
      $0.waiting.putters == 1
    } _: { queue, timeout in
      (try? await queue.put(42, timeout: timeout)) != nil
    } compete: { queue in
      let first = try queue.getNowait()
      #expect(first == 1)
    }
    #expect(put && queue.count == 1)
    #expect(try queue.getNowait() == 42)
  }

  @Test("withTimeout around put() on a full queue, a get at the deadline: put means put")
  func withTimeoutAroundPut() async throws {
    let (queue, put) = try await meetAtTheDeadline {
      let queue = AsyncQueue<Int>(maxsize: 1)
      try queue.putNowait(1)
      return queue
    } waiting: {
      $0.waiting.putters == 1
    } _: { queue, timeout in
      (try? await withTimeout(timeout) { try await queue.put(42) }) != nil
    } compete: { queue in
      let first = try queue.getNowait()
      #expect(first == 1)
    }
    #expect(put == (queue.count == 1))
  }

  // MARK: zero, negative and huge timeouts

  @Test("a zero timeout takes what is there: a free lock, a place, an item, room")
  func zeroTimeoutTakesWhatIsThere() async throws {
    for _ in 0..<200 {
      let lock = AsyncLock()
      #expect(try await lock.acquire(timeout: 0) && lock.locked)
      #expect(try await !lock.acquire(timeout: 0))
      #expect(try await !lock.acquire(blocking: false))
      let pool = AsyncSemaphore(1)
      #expect(try await pool.acquire(timeout: 0) && pool.availablePermits == 0)
      #expect(try await !pool.acquire(timeout: .zero))
      let queue = AsyncQueue<Int>(maxsize: 1)
      try await queue.put(7, timeout: 0)
      await #expect(throws: TaskVersions.Full.self) { try await queue.put(8, timeout: 0) }
      #expect(try await queue.get(timeout: 0) == 7)
      await #expect(throws: TaskVersions.Empty.self) { try await queue.get(timeout: 0) }
      #expect(throws: TaskVersions.Empty.self) { try queue.getNowait() }
    }
  }

  @Test("withTimeout with a deadline already past throws TimeoutError without starting the work")
  func pastDeadlineStartsNothing() async throws {
    let started = Locked(0)
    let lock = AsyncLock()
    let queue = AsyncQueue<Int>(maxsize: 1)
    try queue.putNowait(1)
    for seconds in [0, -1, -100] {
      await #expect(throws: TimeoutError.self) {
        try await withTimeout(seconds) {
          started.withLock { $0 += 1 }
          return 42
        }
      }
      await #expect(throws: TimeoutError.self) {
        try await withTimeout(seconds) { try await lock.acquire() }
      }
      await #expect(throws: TimeoutError.self) {
        try await withTimeout(seconds) { try await queue.get() }
      }
    }
    #expect(started.withLock { $0 } == 0 && !lock.locked && queue.count == 1)
  }

  @Test("negative timeouts, per call as Python: ValueError, no timeout, a try, or a look")
  func negativeTimeouts() async throws {
    let lock = AsyncLock()
    await #expect(
      throws: TaskVersions.ValueError(message: "timeout value must be a non-negative number")
    ) {
      try await lock.acquire(timeout: -100)
    }
    await #expect(throws: TaskVersions.ValueError.self) {
      try await lock.acquire(timeout: .milliseconds(-1))
    }
    // -1: no timeout. The lock is held; the waiter waits until it is released.
    try await lock.acquire()
    let waiter = Task { try await lock.acquire(timeout: -1) }
    try await until("the waiter's queueing") { lock.waitingCount == 1 }
    lock.release()
    #expect(try await waiter.value && lock.locked)

    let pool = AsyncSemaphore(1)
    #expect(try await pool.acquire(timeout: -1))
    #expect(try await !pool.acquire(timeout: -1))

    let bounded = AsyncQueue<Int>(maxsize: 1)
    let message = TaskVersions.ValueError(message: "'timeout' must be a non-negative number")
    await #expect(throws: message) { try await bounded.get(timeout: -1) }
    await #expect(throws: message) { try await bounded.put(1, timeout: -1) }
    // Unbounded: a put never waits, so Python never looks at its timeout.
    let unbounded = AsyncQueue<Int>()
    try await unbounded.put(1, timeout: -1)
    #expect(unbounded.count == 1)

    let event = TaskVersions.ThreadingEvent()
    #expect(try await !event.wait(timeout: -1))
    event.set()
    #expect(try await event.wait(timeout: -1))

    let job = JoinableTask(name: "job") { try await Task.sleep(for: .seconds(30)) }
    let start = ContinuousClock.now
    await job.join(timeout: -1)
    await job.join(timeout: 0)
    // Not a speed check: a join that waited would have taken 30 s.
    #expect(job.isAlive && ContinuousClock.now - start < .seconds(10))
  }

  @Test("a set event's wait returns true whatever the timeout: 0, -1, huge")
  func setEventReturnsTrue() async throws {
    let event = TaskVersions.ThreadingEvent()
    event.set()
    var falses = 0
    for _ in 0..<500 {
      for seconds in [0, -1, Int.max] where !(try await event.wait(timeout: seconds)) {
        falses += 1
      }
      if !(try await event.wait(timeout: .seconds(Int64.max))) { falses += 1 }
    }
    #expect(falses == 0)
  }

  @Test("huge timeouts wait as long as they can, and never trap")
  func hugeTimeouts() async throws {
    #expect(try await withTimeout(Int.max) { 42 } == 42)
    #expect(try await withTimeout(.seconds(Int64.max)) { 42 } == 42)
    let lock = AsyncLock()
    #expect(try await lock.acquire(timeout: Int.max))
    let waiter = Task { try await lock.acquire(timeout: .seconds(Int64.max)) }
    try await until("the waiter's queueing") { lock.waitingCount == 1 }
    lock.release()
    #expect(try await waiter.value)
    let queue = AsyncQueue<Int>(maxsize: 1)
    let getter = Task { try await queue.get(timeout: Int.max) }
    try await until("the getter's queueing") { queue.waiting.getters == 1 }
    try queue.putNowait(5)
    #expect(try await getter.value == 5)
    // A clear event waited on for Int.max seconds: it waits (no trap) until cancelled.
    let event = TaskVersions.ThreadingEvent()
    let sleeper = Task { try await event.wait(timeout: Int.max) }
    let pool = AsyncSemaphore(0)
    let blocked = Task { try await pool.acquire(timeout: Int.max) }
    try await until("the semaphore's queueing") { pool.waitingCount == 1 }
    sleeper.cancel()
    blocked.cancel()
    await #expect(throws: CancellationError.self) { try await sleeper.value }
    await #expect(throws: CancellationError.self) { try await blocked.value }
    let finished = JoinableTask(name: "quick") {}
    await finished.join(timeout: Int.max)
    #expect(!finished.isAlive)
  }

  @Test("huge timeouts in a run, on its paced clock, never trap either")
  func hugeTimeoutsInARun() async throws {
    let context = ExampleContext(
      recorder: Recorder(clock: ExampleClock(pace: testPace)), seed: 0)
    context.clock.start()
    try await RunContext.$current.withValue(context) { () async throws in
      // One beat in: a deadline counted from beat 1 is where `Int.max` seconds would overflow.
      try await TaskVersions.sleep(1)
      #expect(try await withTimeout(Int.max) { 42 } == 42)
      let lock = AsyncLock()
      #expect(try await lock.acquire(timeout: Int.max))
      let event = TaskVersions.ThreadingEvent()
      let waiter = Task { try await event.wait(timeout: Int.max) }
      let sleeper = Task { try await TaskVersions.sleep(Int.max) }
      let job = JoinableTask(name: "job") { try await TaskVersions.sleep(Int.max) }
      let joiner = Task { await job.join(timeout: Int.max) }
      event.set()
      #expect(try await waiter.value)
      sleeper.cancel()
      await #expect(throws: CancellationError.self) { try await sleeper.value }
      // A stop request ends every sleep of the run: the join's timed wait, and the job's sleep,
      // so the job ends (its own end comes a moment after the joiner's, both woken by the stop).
      context.stop.request()
      await joiner.value
      await job.join()
      #expect(!job.isAlive)
    }
  }

  @Test("AsyncQueue(maxsize: 0 or less) has no bound, as queue.Queue")
  func nonPositiveMaxsizeIsUnbounded() async throws {
    for maxsize in [0, -1, Int.min] {
      let queue = AsyncQueue<Int>(maxsize: maxsize)
      for item in 0..<100 { try queue.putNowait(item) }
      try await queue.put(100)
      #expect(queue.count == 101)
    }
  }

  // MARK: misuse, refused in Python's words

  @Test("AsyncSemaphore(-1) traps with Python's message")
  func negativeSemaphore() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = AsyncSemaphore(-1)
    }.map { result in
      let said = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(said.contains("semaphore initial value must be >= 0"), "\(said)")
    }
  }

  @Test("taskDone() once too many traps with Python's message")
  func taskDoneTooOften() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let queue = AsyncQueue<Int>()
      try? queue.putNowait(1)
      _ = try? queue.getNowait()
      queue.taskDone()
      queue.taskDone()
    }.map { result in
      let said = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(said.contains("task_done() called too many times"), "\(said)")
    }
  }

  @Test("a JoinableTask joining itself traps with Python's message, at once")
  func joiningItself() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let box = Locked<JoinableTask?>(nil)
      let started = ThreadsToTasksCore.Latch()
      let job = JoinableTask(name: "self-joiner") {
        await started.wait()
        await box.withLock { $0 }?.join(timeout: 1)
      }
      box.withLock { $0 = job }
      started.open()
      await job.join()
    }.map { result in
      let said = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(said.contains("cannot join current thread"), "\(said)")
    }
  }

  @Test("a task cancelled while it waits in a timed call never enters")
  func cancelledTimedWaiter() async throws {
    let lock = AsyncLock()
    try await lock.acquire()
    let waiter = Task { try await lock.acquire(timeout: 60) }
    try await until("the waiter's queueing") { lock.waitingCount == 1 }
    waiter.cancel()
    await #expect(throws: CancellationError.self) { try await waiter.value }
    lock.release()
    #expect(!lock.locked && lock.waitingCount == 0)
  }

  // MARK: the fast paths keep the contracts

  @Test("a task cancelled before it asks never enters, even when the place, item or room is free")
  func cancelledBeforeAsking() async throws {
    let lock = AsyncLock()
    let pool = AsyncSemaphore(1)
    let full = AsyncQueue<Int>(maxsize: 1)
    try full.putNowait(42)
    let empty = AsyncQueue<Int>(maxsize: 1)
    let threw = await Task {
      withUnsafeCurrentTask { $0?.cancel() }
      var threw: [String] = []
      do { try await lock.acquire() } catch { threw.append("lock \(error)") }
      do { try await pool.acquire() } catch { threw.append("semaphore \(error)") }
      do { _ = try await full.get() } catch { threw.append("get \(error)") }
      do { try await empty.put(7) } catch { threw.append("put \(error)") }
      return threw
    }.value
    #expect(threw == ["lock", "semaphore", "get", "put"].map { "\($0) CancellationError()" })
    #expect(!lock.locked && pool.availablePermits == 1 && full.count == 1 && empty.count == 0)
  }

  @Test("a waiter served between joining the line and suspending gets what it was handed")
  func servedBeforeSuspending() async throws {
    // The instant between `join` and `suspend` is a race with another thread in the types (no
    // suspension point lies between them for an executor to hold), so the line is driven here
    // step by step: served first, then it suspends — and must be resumed with the item at once.
    let lock = NSLock()
    let line = WaitLine<Void, Int>()
    let id = lock.withLock { line.join(()) }
    let served = lock.withLock { line.serveFirst { _ in 42 } }
    #expect(served != nil && served?.wake == nil, "not suspended yet: nobody to wake")
    let outcome = Locked<WaitOutcome<Int>?>(nil)
    let waiter = Task {
      let got = await suspend(id, line, under: lock)
      outcome.withLock { $0 = got }
    }
    // Bounded: a waiter whose outcome was lost would never return.
    try await until("the waiter's return") { outcome.withLock { $0 != nil } }
    guard let got = outcome.withLock({ $0 }) else { return }
    await waiter.value
    guard case .granted(let item) = got else {
      Issue.record("the waiter's outcome: \(got)")
      return
    }
    #expect(item == 42)
    #expect(line.isEmpty)
  }
}

/// Many real races at the deadline: each trial's competing event is aimed at a random offset
/// within ±1.5 ms of the waiter's 3 ms deadline, 25 trials at a time, and the offset it actually
/// came at is recorded. Whatever the order, the waiter got it or did not — never both, never
/// neither.
@Suite("Deadline races, stressed", .watchdog, .tags(.realTime))
struct DeadlineStressTests {
  /// One trial: runs the race with the event aimed `offset` after the deadline; whether
  /// something was lost, and how far after the deadline the event actually came.
  typealias Trial =
    @Sendable (_ timeout: Duration, _ offset: Duration) async throws -> (
      lost: Bool, came: Duration
    )

  static let timeout = Duration.milliseconds(3)

  /// Runs `trials` of `trial`, 25 at a time, on an executor of their own (so that the crowd of wake-ups
  /// queues there, not on the cooperative pool every other test wakes on); the losses, and how
  /// many competing events came before and after the deadline within ±1.5 ms. (How many land on
  /// each side depends on the machine's load, so it is reported, not required: the order is made
  /// deterministic in the tests above.)
  func stress(_ trials: Int, _ trial: @escaping Trial) async throws -> (
    losses: Int, before: Int, after: Int
  ) {
    try await withTaskExecutorPreference(DedicatedExecutor()) {
      var tally = (losses: 0, before: 0, after: 0)
      for _ in 0..<(trials / 25) {
        try await withThrowingTaskGroup(of: (lost: Bool, came: Duration).self) { batch in
          for _ in 0..<25 {
            let offset = Duration.microseconds(Int.random(in: -1500...1500))
            batch.addTask { try await trial(Self.timeout, offset) }
          }
          for try await result in batch {
            if result.lost { tally.losses += 1 }
            if result.came < .zero && result.came > .microseconds(-1500) { tally.before += 1 }
            if result.came >= .zero && result.came < .microseconds(1500) { tally.after += 1 }
          }
        }
      }
      return tally
    }
  }

  /// Sleeps until `offset` after the deadline a wait of `timeout` begun at `start` has; how far
  /// after that deadline it woke.
  static func aim(_ start: ContinuousClock.Instant, _ timeout: Duration, _ offset: Duration)
    async throws -> Duration
  {
    try await Task.sleep(until: start + timeout + offset, tolerance: .zero, clock: .continuous)
    return ContinuousClock.now - (start + timeout)
  }

  @Test("AsyncLock: 500 releases across acquire(timeout:)'s deadline, none lost")
  func lock() async throws {
    let (losses, before, after) = try await stress(500) { timeout, offset in
      let lock = AsyncLock()
      try await lock.acquire()
      let start = ContinuousClock.now
      async let got = lock.acquire(timeout: timeout)
      let came = try await Self.aim(start, timeout, offset)
      lock.release()
      // Got it: held by the waiter. Did not: free.
      return (try await got != lock.locked, came)
    }
    #expect(losses == 0, "events within 1.5 ms before the deadline \(before), after \(after)")
  }

  @Test("AsyncSemaphore: 500 releases across acquire(timeout:)'s deadline, none lost")
  func semaphore() async throws {
    let (losses, before, after) = try await stress(500) { timeout, offset in
      let pool = AsyncSemaphore(1)
      try await pool.acquire()
      let start = ContinuousClock.now
      async let got = pool.acquire(timeout: timeout)
      let came = try await Self.aim(start, timeout, offset)
      try pool.release()
      return (try await got != (pool.availablePermits == 0), came)
    }
    #expect(losses == 0, "events within 1.5 ms before the deadline \(before), after \(after)")
  }

  @Test("AsyncQueue: 500 puts across get(timeout:)'s deadline, no item lost")
  func get() async throws {
    let (losses, before, after) = try await stress(500) { timeout, offset in
      let queue = AsyncQueue<Int>(maxsize: 1)
      let start = ContinuousClock.now
      async let got = try? queue.get(timeout: timeout)
      let came = try await Self.aim(start, timeout, offset)
      try queue.putNowait(42)
      // Returned: taken. `Empty`: still queued.
      return (await got == 42 ? queue.count != 0 : queue.count != 1, came)
    }
    #expect(losses == 0, "events within 1.5 ms before the deadline \(before), after \(after)")
  }

  @Test("AsyncQueue: 500 gets across put(timeout:)'s deadline, put means put")
  func put() async throws {
    let (losses, before, after) = try await stress(500) { timeout, offset in
      let queue = AsyncQueue<Int>(maxsize: 1)
      try queue.putNowait(1)
      let start = ContinuousClock.now
      async let put = (try? queue.put(42, timeout: timeout)) != nil
      let came = try await Self.aim(start, timeout, offset)
      _ = try queue.getNowait()
      // Put: 42 is queued. `Full`: the queue is empty.
      return (await put ? queue.count != 1 : queue.count != 0, came)
    }
    #expect(losses == 0, "events within 1.5 ms before the deadline \(before), after \(after)")
  }
}
