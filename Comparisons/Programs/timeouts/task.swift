// Timeouts, structured concurrency:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/TaskVersions/Examples/Timeouts.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 task.swift -o example && ./example`

import Foundation

// Beyond the notebook, timeouts: `Lock.acquire(timeout=)`, `Thread.join(timeout)` and
// `Future.result(timeout=)`. A wait with a timeout is the waiting type's own call, decided under
// its lock, as Python's is. Work with a time limit is `withTimeout`, asyncio's `wait_for`: at the
// deadline it cancels the work, so the job stops too, by design, where Python's runs on.

/// Python: `def slow_square(n)`.
func slowSquare(_ n: Int) async throws -> Int {
  try await sleep(2)
  return n * n
}

func timeouts() async throws {
  let lock = AsyncLock()
  let hasTheLock = ThreadingEvent()
  let holder = JoinableTask(name: "holder") {
    // Python: `with lock:`.
    try await lock.acquire()
    defer { lock.release() }
    hasTheLock.set()
    print("holder has the lock")
    try await sleep(3)
    print("holder lets go")
  }
  // Wait until the holder has it: a started task may not have reached the lock yet.
  try await hasTheLock.wait()

  // Python: `lock.acquire(timeout=1)`. At the deadline the waiter leaves the lock's queue: it
  // returns `true` holding the lock, or `false` and never gets it later.
  let acquired = try await lock.acquire(timeout: 1)
  print("acquire(timeout=1):", acquired)
  if acquired { lock.release() }

  // Python: `holder.join(timeout=1)`: returns when the time is up, finished or not.
  await holder.join(timeout: 1)
  print("join(timeout=1): holder is alive:", holder.isAlive)

  // Python: `future.result(timeout=1)`. Here the job itself runs in the race, so losing cancels
  // it: there is no result to ask for afterwards, where Python's job runs on.
  do {
    print("result(timeout=1):", try await withTimeout(1) { try await slowSquare(3) })
  } catch is TimeoutError {
    print("result(timeout=1): TimeoutError")
  }

  await holder.join()
  print("done")
}

// MARK: - from Sources/TaskVersions/Support/AsyncLock.swift

/// What a lock for tasks offers: the twin of Foundation's `NSLocking` (`lock()`/`unlock()`),
/// which the thread version's printer takes. `SerialPrinter` takes any of these, so a runner can
/// pass a lock that also draws itself on a timeline.
protocol AsyncLocking: Sendable {
  /// Python: `lock.acquire()`; returns `true`, as Python's does.
  /// - Throws: `CancellationError` if the task is cancelled while it waits.
  func acquire() async throws -> Bool
  /// Python: `lock.release()`. Synchronous, so it can sit in a `defer`.
  func release()
}

/// A lock for tasks: `acquire()` suspends until the lock is free, first come, first served;
/// `release()` is synchronous, so it can sit in a `defer` right after the acquire, as
/// `NSLock.unlock()` does.
///
/// A task cancelled while it waits never enters: if the cancellation comes first, it leaves the
/// queue and throws `CancellationError`; if the lock was handed to it first, it hands the lock on
/// at once and throws all the same. A timed acquire is decided under the lock's own lock: at the
/// deadline it returns `true` holding the lock or `false` with the lock not taken by it — never
/// the lock taken and lost.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `threading.Lock()` | `AsyncLock()` | same |
/// | `acquire()`, returns `True` | `try await acquire()` | same; throws `CancellationError` if cancelled first (Python has no cancellation) |
/// | `acquire(blocking=False)` | `try await acquire(blocking: false)` | same: a try |
/// | `acquire(timeout=1)` | `try await acquire(timeout: 1)` (notebook seconds) or `acquire(timeout: .milliseconds(20))` (real time) | same: `True` holding it, `False` not |
/// | `acquire(timeout=0)` | `acquire(timeout: 0)` | same: a try |
/// | `acquire(timeout=-1)` | `acquire(timeout: -1)` | same: no timeout |
/// | `acquire(timeout=-100)`: `ValueError: timeout value must be a non-negative number` | `acquire(timeout: -100)`, or any negative `Duration` | same words, thrown as `ValueError` |
/// | `acquire(timeout=1e10)`: `OverflowError` | `acquire(timeout: .max)` | different: clamped to a wait of 10⁹ s |
/// | `release()` | `release()` | same |
/// | `release()` of a free lock: `RuntimeError: release unlocked lock` | `release()` | different: changes nothing (a `release()` in a `defer` cannot throw) |
/// | `with lock:` | `try await acquire()` then `defer { release() }` | same |
public final class AsyncLock: AsyncLocking {
  // A lock is a semaphore with one place: the queue, the timed wait, and a cancelled waiter that
  // never enters, are `AsyncSemaphore`'s.
  private let permit = AsyncSemaphore(1)

  /// A free lock. Python: `threading.Lock()`.
  public init() {}

  /// Python: `threadLock.acquire()`; returns `true`, as Python's does.
  /// - Throws: `CancellationError` if the task is cancelled while it waits.
  @discardableResult
  public func acquire() async throws -> Bool {
    try await permit.acquire()
    return true
  }

  /// Python: `threadLock.release()`. Hands the lock to the longest waiter, or frees it.
  /// Releasing a lock nobody holds, a `RuntimeError` in Python, changes nothing here.
  public func release() {
    try? permit.release()
  }

  /// Python: `acquire(blocking=False)` when `blocking` is false: takes the lock if it is free and
  /// nobody waits, and returns at once whether it did; `acquire()` when true.
  /// - Throws: `CancellationError` if the task is cancelled first.
  public func acquire(blocking: Bool) async throws -> Bool {
    try await permit.acquire(until: blocking ? .never : .at(.now))
  }

  /// Python: `acquire(timeout=seconds)`, in notebook seconds (paced in a run): `true` holding the
  /// lock, `false` when `seconds` passed first. 0 is a try; -1 waits for good, as in Python; a
  /// wait longer than 10⁹ s is clamped to that.
  /// - Throws: `ValueError` for any other negative `seconds`, as Python raises;
  ///   `CancellationError` if the task is cancelled first.
  public func acquire(timeout seconds: Int) async throws -> Bool {
    if seconds == -1 { return try await acquire() }
    guard seconds >= 0 else {
      throw ValueError(message: "timeout value must be a non-negative number")
    }
    return try await permit.acquire(until: .at(seconds == 0 ? .now : timeoutDeadline(seconds)))
  }

  /// `acquire(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  /// - Throws: `ValueError` for a negative `timeout`; `CancellationError` if the task is
  ///   cancelled first.
  public func acquire(timeout: Duration) async throws -> Bool {
    guard timeout >= .zero else {
      throw ValueError(message: "timeout value must be a non-negative number")
    }
    return try await permit.acquire(until: .at(timeoutDeadline(timeout)))
  }

  /// Whether some task holds the lock. Python: `lock.locked()`.
  public var locked: Bool { permit.availablePermits == 0 }

  /// How many tasks wait for the lock.
  public var waitingCount: Int { permit.waitingCount }
}

// MARK: - from Sources/TaskVersions/Support/AsyncSemaphore.swift

/// Python: `raise ValueError("Semaphore released too many times")`, from a `BoundedSemaphore`.
public struct SemaphoreReleasedTooManyTimes: Error, CustomStringConvertible {
  /// Python's message.
  public var description: String { "Semaphore released too many times" }
}

/// Python's `ValueError`, where a call refuses an argument (a negative timeout): `message` is
/// Python's own.
public struct ValueError: Error, Equatable, CustomStringConvertible {
  /// Python's message, as `str(error)` gives it.
  public let message: String
  /// The message.
  public var description: String { message }
}

/// Python's `threading.BoundedSemaphore(value)` for tasks: `acquire()` suspends while `value`
/// tasks hold it, first come, first served; `release()` gives a place back, and refuses to give
/// back more than were taken.
///
/// A task cancelled while it waits never enters: if the cancellation comes first, it leaves the
/// queue and throws `CancellationError`; if a place was handed to it first, it hands the place on
/// at once and throws all the same. (`AsyncLock` is this with one place.)
///
/// A timed acquire is decided here, under the semaphore's own lock: at the deadline the waiter
/// leaves the line unless a place was handed to it first, so it returns `true` holding a place
/// or `false` holding none — never a place taken and lost.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `BoundedSemaphore(2)` | `AsyncSemaphore(2)` | same |
/// | `BoundedSemaphore(-1)`: `ValueError: semaphore initial value must be >= 0` | `AsyncSemaphore(-1)` | same words, but a trap (`fatalError`): an initializer that cannot fail is what every caller writes |
/// | `acquire()`, returns `True` | `try await acquire()` | returns nothing; throws `CancellationError` if cancelled first (Python has no cancellation) |
/// | `acquire(blocking=False)` | `try await acquire(blocking: false)` | same: a try, `true` or `false` |
/// | `acquire(timeout=2)` | `try await acquire(timeout: 2)` (notebook seconds) or `acquire(timeout: .milliseconds(20))` (real time) | same: `true` holding a place, `false` holding none |
/// | `acquire(timeout=0)`, `acquire(timeout=-1)` | `acquire(timeout: 0)`, `acquire(timeout: -1)` | same: a try (Python's negative timeout waits no time) |
/// | `acquire(timeout=1e10)` | `acquire(timeout: .max)` | Python waits up to `TIMEOUT_MAX` (9.2e9 s) and raises `OverflowError` beyond; here any longer wait is clamped to 10⁹ s |
/// | `release()` | `try release()` | same |
/// | `release()` with every place free: `ValueError: Semaphore released too many times` | `try release()` throws `SemaphoreReleasedTooManyTimes` | same words, a Swift error |
/// | `with pool:` | `try await pool.withPermit { … }` | same |
public final class AsyncSemaphore: @unchecked Sendable {
  // safe: `available` and `line` are read and written only while holding `lock`. A bare `NSLock`
  // (not `Locked`): the fast path is one lock and a few instructions, with no generic closure.
  private let lock = NSLock()
  private var available: Int
  private let line = WaitLine<Void, Void>()
  private let value: Int

  /// A semaphore that lets `value` tasks in at once. Python: `threading.BoundedSemaphore(value)`.
  ///
  /// A negative `value` traps with Python's message, "semaphore initial value must be >= 0".
  public init(_ value: Int) {
    guard value >= 0 else { fatalError("semaphore initial value must be >= 0") }
    self.value = value
    available = value
  }

  /// Takes one of the places, first suspending until there is one. Python: `acquire()`.
  /// - Throws: `CancellationError` if the task is cancelled before it gets in.
  @inline(__always)  // into `AsyncLock.acquire()` too: one async frame fewer per acquire
  public func acquire() async throws {
    // The fast path: one lock, no continuation — a free place and nobody ahead. Waiting for good
    // has its own path, without a `Deadline`: a `ContinuousClock.Instant` held across a
    // suspension costs an allocation and value-witness calls per wait (its layout is resilient).
    switch enter(until: .never) {
    case .cancelled: throw CancellationError()
    case .served, .timedOut: return  // `.timedOut` needs a deadline: not here
    case .waits(let id): _ = try entered(await suspend(id, line, under: lock))
    }
  }

  /// Python: `acquire(blocking=False)` when `blocking` is false: takes a place if one is free
  /// and nobody waits, and returns at once whether it did; `acquire()` when true.
  /// - Throws: `CancellationError` if the task is cancelled before it gets in.
  public func acquire(blocking: Bool) async throws -> Bool {
    try await acquire(until: blocking ? .never : .at(.now))
  }

  /// Python: `acquire(timeout=seconds)`, in notebook seconds (paced in a run): `true` holding a
  /// place, `false` when `seconds` passed first, holding none. Zero or negative: a try, as in
  /// Python. A longer wait than 10⁹ s is clamped to that.
  /// - Throws: `CancellationError` if the task is cancelled before it gets in.
  public func acquire(timeout seconds: Int) async throws -> Bool {
    try await acquire(until: .at(seconds <= 0 ? .now : timeoutDeadline(seconds)))
  }

  /// `acquire(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  /// - Throws: `CancellationError` if the task is cancelled before it gets in.
  public func acquire(timeout: Duration) async throws -> Bool {
    try await acquire(until: .at(timeoutDeadline(timeout)))
  }

  /// Takes a place, waiting for one until `deadline` (`nil`: for good); whether it got one.
  func acquire(until deadline: Deadline) async throws -> Bool {
    // The fast path: one lock, no continuation — a free place and nobody ahead, or a place in line.
    switch enter(until: deadline) {
    case .cancelled: throw CancellationError()
    case .served: return true
    case .timedOut: return false
    case .waits(let id):
      return try entered(await waitInLine(id, line, under: lock, until: deadline))
    }
  }

  /// Whether a wait in line ended inside: `true` holding a place, `false` timed out.
  private func entered(_ outcome: WaitOutcome<Void>) throws -> Bool {
    switch outcome {
    case .granted:
      // Handed a place in the same instant as the cancellation: pass it on, do not enter.
      if Task.isCancelled {
        handOn()
        throw CancellationError()
      }
      return true
    case .timedOut: return false
    case .cancelled: throw CancellationError()
    }
  }

  private func enter(until deadline: Deadline) -> LineEntry {
    lock.lock()
    defer { lock.unlock() }
    if Task.isCancelled { return .cancelled }
    if available > 0 && line.isEmpty {
      available -= 1
      return .served
    }
    if case .at(let instant) = deadline, instant <= .now { return .timedOut }
    return .waits(line.join(()))
  }

  /// Gives one place back: to the longest waiter, or to the next `acquire()`. Python: `release()`.
  /// - Throws: `SemaphoreReleasedTooManyTimes` when every place is already free.
  public func release() throws(SemaphoreReleasedTooManyTimes) {
    guard handOn(refusingBeyond: value) else { throw SemaphoreReleasedTooManyTimes() }
  }

  /// Runs `body` holding one place. Python: `with semaphore:`.
  /// - Throws: `CancellationError` if cancelled before it gets in (`body` does not run), or what
  ///   `body` throws.
  public func withPermit<Result>(
    _ body: () async throws -> Result
  ) async throws -> Result {
    try await acquire()
    // Synchronous, so it can sit in a `defer`; unbounded: this task took the place it gives back.
    defer { handOn() }
    return try await body()
  }

  /// Gives a place back to the longest waiter, or frees it; with `bound`, refuses (returns
  /// `false`) when that many places are already free. One lock for the check and the change, so
  /// two releases at once cannot both pass the check.
  @discardableResult
  private func handOn(refusingBeyond bound: Int? = nil) -> Bool {
    let (given, wake) = settleRelease(refusingBeyond: bound)
    wake?.resume()
    return given
  }

  private func settleRelease(refusingBeyond bound: Int?) -> (Bool, WaitLine<Void, Void>.Wake?) {
    lock.lock()
    defer { lock.unlock() }
    if let served = line.serveFirst({ _ in () }) { return (true, served.wake) }
    if let bound, available >= bound { return (false, nil) }
    available += 1
    return (true, nil)
  }

  /// How many places are free.
  public var availablePermits: Int { lock.withLock { available } }

  /// How many tasks wait for a place.
  public var waitingCount: Int { lock.withLock { line.count } }
}

// MARK: - Waiting in line (shared by `AsyncSemaphore`, `AsyncLock` and `AsyncQueue`)
//
// `@usableFromInline` and `@inlinable` below: `AsyncQueue`'s calls are specialized in the
// caller's module (see there why), and they wait in these lines, so these are too.

/// How long a call may wait: for good, or until an instant (one already past: a try). Not a
/// `ContinuousClock.Instant?`: an optional of that type costs a generic metadata look-up at every
/// copy, which was most of an uncontended acquire's time.
@usableFromInline enum Deadline {
  case never
  case at(ContinuousClock.Instant)
}

/// What a call found under its type's lock: served at once, or a ticket in the line.
@usableFromInline enum LineEntry {
  case cancelled, served, timedOut, waits(Int)
}

/// How a wait in a `WaitLine` ended.
@usableFromInline enum WaitOutcome<Granted: Sendable>: Sendable {
  /// Served: handed what it waited for.
  case granted(Granted)
  /// Its deadline passed first; it left the line empty-handed.
  case timedOut
  /// Its task was cancelled first; it left the line empty-handed.
  case cancelled
}

/// Tasks waiting, first come, first served, for what a type hands out under its own lock (a
/// place, an item, room for an item). Each waiter holds a ticket; every change — served, timed
/// out, cancelled — happens under the type's lock, so a waiter leaves the line exactly once, with
/// exactly one outcome. A waiter joins the line before it suspends; an outcome decided in between
/// is kept for it and handed over when it suspends. So each continuation is resumed exactly once,
/// by construction: hence an `UnsafeContinuation` (a `CheckedContinuation`'s checks, and its
/// resilient layout, cost a generic metadata look-up per copy on the fast path).
///
/// A class, so that the owner's lock guards it in place (a struct reached through a key path was
/// copied on every change). Every method must be called holding the owner's `NSLock`.
@usableFromInline final class WaitLine<Payload: Sendable, Granted: Sendable>: @unchecked Sendable {
  // safe: every read and write happens under the owning type's `NSLock` (see above).
  @usableFromInline typealias Turn = UnsafeContinuation<WaitOutcome<Granted>, Never>

  /// A waiter to resume once the type's lock is let go.
  @usableFromInline struct Wake: Sendable {
    @usableFromInline let turn: Turn
    @usableFromInline let outcome: WaitOutcome<Granted>
    @usableFromInline init(turn: Turn, outcome: WaitOutcome<Granted>) {
      self.turn = turn
      self.outcome = outcome
    }
    /// Resumes the waiter with its outcome.
    @inlinable func resume() { turn.resume(returning: outcome) }
  }

  @usableFromInline var line: [(id: Int, payload: Payload, turn: Turn?)] = []
  @usableFromInline var decided: [Int: WaitOutcome<Granted>] = [:]
  @usableFromInline var nextID = 0

  @usableFromInline init() {}

  /// Whether nobody waits.
  @inlinable var isEmpty: Bool { line.isEmpty }
  /// How many wait.
  @inlinable var count: Int { line.count }

  /// Joins the back of the line with `payload`; returns the ticket.
  @inlinable func join(_ payload: Payload) -> Int {
    defer { nextID += 1 }
    line.append((nextID, payload, nil))
    return nextID
  }

  /// Serves the first waiter: takes it out of the line with what `grant` gives it. Returns its
  /// payload, and whom to wake (none if it has not suspended yet: it finds its outcome then).
  @inlinable func serveFirst(
    _ grant: (Payload) -> Granted
  ) -> (payload: Payload, wake: Wake?)? {
    guard !line.isEmpty else { return nil }
    let first = line.removeFirst()
    return (first.payload, settle(first.id, first.turn, .granted(grant(first.payload))))
  }

  /// Serves every waiter at once (a queue's `join` when the last task is done).
  @inlinable func serveAll(_ granted: Granted) -> [Wake] {
    var woken: [Wake] = []
    while let served = serveFirst({ _ in granted }) { served.wake.map { woken.append($0) } }
    return woken
  }

  /// Takes the waiter `id` out of the line with `outcome` (timed out, cancelled), unless it was
  /// served first; whom to wake.
  @inlinable func leave(_ id: Int, _ outcome: WaitOutcome<Granted>) -> Wake? {
    guard let index = line.lastIndex(where: { $0.id == id }) else { return nil }
    let waiter = line.remove(at: index)
    return settle(id, waiter.turn, outcome)
  }

  /// The waiter `id` suspends with `turn`: its outcome, if one was decided in between.
  @inlinable func suspend(_ id: Int, _ turn: Turn) -> WaitOutcome<Granted>? {
    if !decided.isEmpty, let outcome = decided.removeValue(forKey: id) { return outcome }
    if let index = line.lastIndex(where: { $0.id == id }) { line[index].turn = turn }
    return nil
  }

  @inlinable func settle(
    _ id: Int, _ turn: Turn?, _ outcome: WaitOutcome<Granted>
  ) -> Wake? {
    guard let turn else {
      decided[id] = outcome
      return nil
    }
    return Wake(turn: turn, outcome: outcome)
  }
}

/// Waits with ticket `id` in `line`, guarded by `lock`, until served, `deadline` passes (`nil`:
/// never), or the task is cancelled.
@inlinable func waitInLine<Payload: Sendable, Granted: Sendable>(
  _ id: Int, _ line: WaitLine<Payload, Granted>, under lock: NSLock,
  until deadline: Deadline
) async -> WaitOutcome<Granted> {
  guard case .at(let deadline) = deadline else { return await suspend(id, line, under: lock) }
  return await waitInLine(id, line, under: lock, until: deadline)
}

/// The timed wait: the deadline is a child task that, when its sleep ends, takes the waiter out
/// of the line under the lock — unless it was served first. Not inlined: it uses the run's sleep.
@usableFromInline func waitInLine<Payload: Sendable, Granted: Sendable>(
  _ id: Int, _ line: WaitLine<Payload, Granted>, under lock: NSLock,
  until deadline: ContinuousClock.Instant
) async -> WaitOutcome<Granted> {
  await withTaskGroup { timer in
    timer.addTask {
      // Cancelled: the wait is over, or the task was cancelled, which its handler settles. A
      // stop request (in a run) ends the sleep too: it times out then.
      do { try await sleep(until: deadline) } catch { if Task.isCancelled { return } }
      lock.withLock { line.leave(id, .timedOut) }?.resume()
    }
    let outcome = await suspend(id, line, under: lock)
    timer.cancelAll()
    return outcome
  }
}

@inlinable func suspend<Payload: Sendable, Granted: Sendable>(
  _ id: Int, _ line: WaitLine<Payload, Granted>, under lock: NSLock
) async -> WaitOutcome<Granted> {
  await withTaskCancellationHandler {
    await withUnsafeContinuation { (turn: WaitLine<Payload, Granted>.Turn) in
      if let outcome = lock.withLock({ line.suspend(id, turn) }) {
        turn.resume(returning: outcome)
      }
    }
  } onCancel: {
    lock.withLock { line.leave(id, .cancelled) }?.resume()
  }
}

/// The longest wait a timeout asks for: 10⁹ real seconds, about 31 years. Longer ones (`Int.max`
/// notebook seconds, `Duration.seconds(Int64.max)`) are clamped to it, where `Task.sleep(until:)`
/// would trap ("Not enough bits") and Python raises `OverflowError` past `TIMEOUT_MAX`.
let longestWait = Duration.seconds(1_000_000_000)

/// When a timeout of `seconds` notebook seconds that begins now ends (paced in a run), clamped.
func timeoutDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  min(sleepDeadline(seconds), .now + longestWait)
}

/// When a timeout of `duration` (real time) that begins now ends, clamped; a negative one has
/// already passed.
func timeoutDeadline(_ duration: Duration) -> ContinuousClock.Instant {
  .now + min(duration, longestWait)
}

// MARK: - from Sources/TaskVersions/Support/JoinableTask.swift

/// A task with what Python's `threading.Thread` has and a `Task` handle lacks: `isAlive`, a
/// `join(timeout:)` that gives up, and a name to read and change.
///
/// A `Task` starts when it is created (there is no separate `start()`), can be awaited or
/// cancelled, and that is all. Its name (`Task.name`, read inside it) is fixed at creation, so
/// `name` here is a label kept beside the task: changing it does not rename the running task.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `Thread(target=f, name="a").start()` | `JoinableTask(name: "a") { … }` | different: made and started at once, running up to its first suspension inside the call, as `start()` lets a new thread run; a body that never suspends runs to its end before the call returns |
/// | `join()` | `await join()` | same |
/// | `join(timeout=1)` | `await join(timeout: 1)` (notebook seconds) or `join(timeout: .milliseconds(20))` (real time) | same: returns when the time is up; ask `isAlive` |
/// | `join(0)`, `join(-1)` | `join(timeout: 0)`, `join(timeout: -1)` | same: no wait |
/// | `join(1e10)` | `join(timeout: .max)` | a finished task returns at once; otherwise a wait clamped to 10⁹ s (Python: `OverflowError` past `TIMEOUT_MAX`) |
/// | a thread joining itself: `RuntimeError: cannot join current thread` | a `JoinableTask` joining itself | same words, but a trap (`fatalError`): `join` does not throw, and it could only wait for good |
/// | `is_alive()`, `name` | `isAlive`, `name` | same |
/// | `threading.enumerate()`, `threading.active_count()` | `JoinableTask.active`, `.active.count` | the `JoinableTask`s alive, in the order they started; the main thread is none of them (`enumerate()` adds it) |
final class JoinableTask: Sendable {
  private let finished = Latch()
  private let label: Locked<String>
  /// The running task's identity, to refuse a join of itself.
  private let identity = Locked<Int?>(nil)
  /// Every `JoinableTask` whose operation has not returned, in the order they started: what
  /// Python's `threading._active` is to threads. The Swift runtime keeps no list of tasks.
  private static let alive = Locked<[JoinableTask]>([])

  /// Starts `operation` as a task called `name`, running it at once up to its first suspension,
  /// as Python's `start()` lets a new thread run. Python: `Thread(target=…, name=…).start()`.
  init(name: String, operation: @escaping @Sendable () async throws -> Void) {
    let finished = self.finished
    let identity = self.identity
    label = Locked(name)
    Self.alive.withLock { $0.append(self) }
    Task.immediate(name: name) {
      identity.withLock { $0 = withUnsafeCurrentTask { $0?.hashValue } }
      // An error (a stopped sleep) ends the task, as an exception ends a Python thread.
      try? await operation()
      Self.alive.withLock { $0.removeAll { $0 === self } }
      finished.open()
    }
  }

  /// The label. Python: `thread.name` (and the deprecated `getName()` / `setName()`).
  var name: String {
    get { label.withLock { $0 } }
    set {
      label.withLock { $0 = newValue }
    }
  }

  /// True until the task's operation has returned. Python: `is_alive()`.
  var isAlive: Bool { !finished.isOpen }

  /// The `JoinableTask`s alive now, in the order they started. Python: `threading.enumerate()`
  /// without the main thread.
  static var active: [JoinableTask] { alive.withLock { $0 } }

  /// Suspends until the task has finished. Python: `join()`.
  ///
  /// The task joining itself traps with Python's message, "cannot join current thread".
  func join() async {
    refuseJoiningItself()
    await finished.wait()
  }

  /// Suspends until the task has finished or `seconds` notebook seconds have passed (paced in a
  /// run); ask `isAlive` which. Zero or negative: no wait, as in Python; a finished task returns
  /// at once; a wait longer than 10⁹ s is clamped to that. Python: `join(timeout=seconds)`.
  ///
  /// The task joining itself traps with Python's message, "cannot join current thread".
  func join(timeout seconds: Int) async {
    await join(until: seconds <= 0 ? .now : timeoutDeadline(seconds))
  }

  /// `join(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  func join(timeout: Duration) async {
    await join(until: timeoutDeadline(timeout))
  }

  private func join(until deadline: ContinuousClock.Instant) async {
    refuseJoiningItself()
    // Finished, or no time to wait: at once. Else the end races a sleep (on the run's clock, so
    // a stopped run ends it too); the loser is cancelled, and neither is left running.
    guard isAlive, deadline > .now else { return }
    await withTaskGroup { race in
      race.addTask { await self.finished.wait() }
      race.addTask { try? await sleep(until: deadline) }
      await race.next()
      race.cancelAll()
    }
  }

  private func refuseJoiningItself() {
    let me = withUnsafeCurrentTask { $0?.hashValue }
    if me != nil, identity.withLock({ $0 }) == me { fatalError("cannot join current thread") }
  }
}

// MARK: - from Sources/TaskVersions/Support/Python.swift

/// Python: `print(*items)`: the items joined by spaces, `True`/`False` for a `Bool`. A run that
/// was asked to stop prints nothing more. `terminator` is ignored (each call is one line); it is
/// there so that this function shadows `Swift.print` for every call: without it, a call with three
/// or more items (`print("a", 1, "b")`) chose `Swift.print` and bypassed the run.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let line = items.map(NotebookText.str).joined(separator: separator)
  Swift.print(line)
}

/// Python: `time.sleep(seconds)`. Throws `CancellationError` when the task is cancelled, or the
/// run is asked to stop.
func sleep(_ seconds: Int) async throws {
  try await sleep(seconds, noted: true)
}

/// A sleep on the run's clock, noted in its timeline or not (a helper task's sleep is no lane's).
func sleep(_ seconds: Int, noted: Bool) async throws {
  try await sleep(until: sleepDeadline(seconds))
}

/// Sleeps until `deadline`, taken by a caller before it starts the task that sleeps: a race
/// against the time (a timeout) then ends on time however late that task began. A stop request
/// ends it as it ends every sleep of the run.
func sleep(until deadline: ContinuousClock.Instant) async throws {
  try await Task.sleep(until: deadline, clock: .continuous)
}

/// The longest wait in notebook seconds a deadline is computed for (10⁹, about 31 years at the
/// notebook's pace): a longer one (`Int.max`) is clamped to it rather than overflow.
let longestNotebookWait = 1_000_000_000

/// When a wait of `seconds` notebook seconds that begins now ends: on the run's clock in a run,
/// else in real seconds. Clamped to `longestNotebookWait`.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  let seconds = min(seconds, longestNotebookWait)
  return .now + .seconds(seconds)
}

/// Python: `time.ctime(time.time())`.
func ctime() -> String {
  return NotebookText.ctime(.now)
}

// MARK: - from Sources/TaskVersions/Support/ThreadingEvent.swift

/// Python's `threading.Event` for tasks: a flag that starts clear, that `set()` raises for good,
/// and that `wait` suspends on until it is raised.
///
/// For the one use a task needs most — "stop now" — cancellation is built in and needs no event
/// (see stop-flags). An event is for the other signals: "I have the lock", "the data is ready".
/// Built on the core's `Latch`; a timed wait counts its seconds on the run's clock, like `sleep`.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `threading.Event()` | `ThreadingEvent()` | same |
/// | `set()`, `is_set()` | `set()`, `isSet` | same (no `clear()`: no example needs one) |
/// | `wait()` | `try await wait()` | same; throws `CancellationError` if cancelled first |
/// | `wait(timeout=1)`, returns the flag | `try await wait(timeout: 1)` (notebook seconds) or `wait(timeout: .milliseconds(20))` (real time) | same |
/// | `wait(0)`, `wait(-1)` | `wait(timeout: 0)`, `wait(timeout: -1)` | same: a look at the flag |
/// | `wait(1e10)` on a set event: `True` | `wait(timeout: .max)` | same: the flag is read first; on a clear one, a wait clamped to 10⁹ s |
public final class ThreadingEvent: Sendable {
  private let latch = Latch()

  /// A clear event. Python: `threading.Event()`.
  public init() {}

  /// Raises the flag and resumes every waiter. Python: `event.set()`.
  public func set() { latch.open() }

  /// Whether the flag is raised. Python: `event.is_set()`.
  public var isSet: Bool { latch.isOpen }

  /// Suspends until the flag is raised. Python: `event.wait()`.
  /// - Throws: `CancellationError` if the task is cancelled first.
  public func wait() async throws {
    await latch.wait()
    if !latch.isOpen { throw CancellationError() }
  }

  /// Suspends until the flag is raised or `seconds` notebook seconds have passed (paced in a
  /// run); returns the flag. A raised flag returns `true` at once, whatever `seconds`; zero or
  /// negative is a look at the flag, as in Python; a wait longer than 10⁹ s is clamped to that.
  /// Python: `event.wait(timeout=seconds)`.
  /// - Throws: `CancellationError` if the task is cancelled before the flag is raised.
  @discardableResult
  public func wait(timeout seconds: Int) async throws -> Bool {
    if latch.isOpen { return true }
    return try await latch.wait(until: seconds <= 0 ? .now : timeoutDeadline(seconds))
  }

  /// `wait(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  /// - Throws: `CancellationError` if the task is cancelled before the flag is raised.
  @discardableResult
  public func wait(timeout: Duration) async throws -> Bool {
    try await latch.wait(until: timeoutDeadline(timeout))
  }
}

// MARK: - from Sources/TaskVersions/Support/Timeout.swift

/// Python's `TimeoutError`: the time ran out before the work was done.
struct TimeoutError: Error, CustomStringConvertible {
  var description: String { "TimeoutError" }
}

/// Runs `operation` for at most `seconds` notebook seconds (paced in a run): Python's
/// `asyncio.timeout(seconds)` / `asyncio.wait_for(…, seconds)` for any async work.
///
/// At the deadline the operation is cancelled, and `withTimeout` waits for it to end. What it
/// ends with decides: a value is returned (work that finished at the deadline is never thrown
/// away), an error other than `CancellationError` is thrown as is, and only work that ended
/// cancelled becomes `TimeoutError`. A deadline already past (zero or negative `seconds`) throws
/// `TimeoutError` without starting the work, as asyncio does.
///
/// The cost of a timeout around work that ignores cancellation: the deadline cannot stop it, so
/// `withTimeout` returns only when the work ends (`await task.value` of another task, or a loop
/// that never checks, runs on to its end). The waits of this package's types end at once when
/// cancelled.
///
/// This is not the `timeout=` of `threading`'s and `queue`'s calls: for those, use the type's
/// own timed call (`lock.acquire(timeout:)`, `queue.get(timeout:)`), which decides at the
/// deadline under the type's lock, and where a zero timeout is a try that succeeds when it can.
///
/// | Python (asyncio) | Swift | |
/// | --- | --- | --- |
/// | `await asyncio.wait_for(work(), 1)`, `async with asyncio.timeout(1):` | `try await withTimeout(1) { try await work() }` (notebook seconds) or `withTimeout(.milliseconds(20))` (real time) | same: cancel at the deadline, wait for the work, `TimeoutError` only if it ended cancelled |
/// | work that finishes as the deadline passes | the same | same: its value is returned |
/// | `wait_for(…, 0)`, `wait_for(…, -1)`, `timeout(-1)` | `withTimeout(0)`, `withTimeout(-1)` | same: `TimeoutError`, the work not started (3.12+; `asyncio.timeout(0)` lets the work run to its first suspension) |
/// | `wait_for(…, 1e10)` | `withTimeout(.max)` | same for any wait a program makes: clamped to 10⁹ s |
/// | work that swallows the cancellation and returns | the same | same: its value is returned, no `TimeoutError` |
///
/// - Throws: `TimeoutError` when the work ended cancelled by the deadline (or the deadline had
///   passed); the operation's error if it threw one; `CancellationError` if the calling task is
///   cancelled.
func withTimeout<Result: Sendable>(
  _ seconds: Int, _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
  try await withTimeout(until: timeoutDeadline(seconds), operation)
}

/// `withTimeout` with a real-time `Duration`, for a time limit shorter than a second.
func withTimeout<Result: Sendable>(
  _ duration: Duration, _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
  try await withTimeout(until: timeoutDeadline(duration), operation)
}

/// `withTimeout` until `deadline`.
func withTimeout<Result: Sendable>(
  until deadline: ContinuousClock.Instant,
  _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
  guard deadline > .now else { throw TimeoutError() }
  return try await withThrowingTaskGroup(of: Result?.self) { race in
    race.addTask { try await operation() }
    // The deadline: ends with `nil` when it passes, or when the race is over (cancelled). One
    // that has passed by the time this child starts (it may start late, on a busy pool) ends it
    // at once: a sleep would wait for its timer to come round, and the work might end first.
    race.addTask {
      if deadline > .now { try? await sleep(until: deadline) }
      return nil
    }
    // The first to end: the work (its value or error; the deadline is then cancelled) ...
    let first: Result??
    do { first = try await race.next() } catch {
      race.cancelAll()
      throw error
    }
    if case .some(.some(let value)) = first {
      race.cancelAll()
      return value
    }
    // ... or the deadline: cancel the work and wait for what it ends with.
    race.cancelAll()
    do {
      if case .some(.some(let value)) = try await race.next() { return value }
    } catch is CancellationError {
      // Ended cancelled: by the deadline, unless the caller itself was cancelled.
      try Task.checkCancellation()
      throw TimeoutError()
    }
    throw TimeoutError()
  }
}

// MARK: - from Sources/ThreadsToTasksCore/NotebookText.swift

/// How Python prints things, so every paradigm prints the same lines.
public enum NotebookText {
  private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Python's `time.ctime(t)`: `"Wed Nov  5 10:00:00 2026"`, the day padded with a space.
  ///
  /// Without `timeZone`, in the C library's local time, as Python's `time.ctime` (`localtime`):
  /// whatever `TZ` holds — `:Europe/Berlin`, `XYZ-5:30`, `<+0545>-5:45` — both print the same
  /// wall time. (Foundation's `TimeZone.current` reads `TZ` otherwise, and falls back to UTC on
  /// forms it does not know.) The seconds are rounded down, as Python's are. With `timeZone`, in
  /// that zone.
  ///
  /// `DateFormatter` cannot pad with a space (`d` gives "5", `dd` gives "05"), so the fields are
  /// assembled by hand.
  public static func ctime(_ date: Date, timeZone: TimeZone? = nil) -> String {
    guard let timeZone else { return localCtime(date) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents(
      [.weekday, .month, .day, .hour, .minute, .second, .year], from: date)
    return format(
      weekday: (parts.weekday ?? 1) - 1, month: (parts.month ?? 1) - 1, day: parts.day ?? 0,
      hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0,
      year: parts.year ?? 0)
  }

  /// `ctime` in the C library's local time (`localtime_r`, after `tzset` reads `TZ`).
  private static func localCtime(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var fields = tm()
    tzset()
    guard localtime_r(&seconds, &fields) != nil else {
      return ctime(date, timeZone: TimeZone(identifier: "UTC"))
    }
    return format(
      weekday: Int(fields.tm_wday), month: Int(fields.tm_mon), day: Int(fields.tm_mday),
      hour: Int(fields.tm_hour), minute: Int(fields.tm_min), second: Int(fields.tm_sec),
      year: Int(fields.tm_year) + 1900)
  }

  private static func format(
    weekday: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, year: Int
  ) -> String {
    func padded(_ value: Int, with pad: Character) -> String {
      let digits = String(value)
      return digits.count < 2 ? String(pad) + digits : digits
    }
    return "\(weekdays[weekday]) \(months[month]) \(padded(day, with: " ")) "
      + "\(padded(hour, with: "0")):\(padded(minute, with: "0")):\(padded(second, with: "0")) \(year)"
  }

  /// `line` split into its text and the ctime stamp it ends with: `("thread1:", "Wed Nov  5
  /// 10:00:01 2026")`, or `(line, nil)` when it ends with none.
  public static func splitStamp(_ line: String) -> (text: String, stamp: String?) {
    let characters = Array(line)
    guard characters.count >= 24 else { return (line, nil) }
    let stamp = String(characters.suffix(24))
    let fields = stamp.split(separator: " ", omittingEmptySubsequences: true)
    guard fields.count == 5, weekdays.contains(String(fields[0])),
      months.contains(String(fields[1])), fields[3].count == 8, fields[4].count == 4,
      stamp.dropFirst(7).prefix(2).trimmingCharacters(in: .whitespaces).allSatisfy(\.isNumber)
    else { return (line, nil) }
    let text = String(characters.dropLast(24))
    return (text.hasSuffix(" ") ? String(text.dropLast()) : text, stamp)
  }

  /// An item as Python's `print` shows it: `True`/`False` for a `Bool`, else its description.
  public static func str(_ item: Any) -> String {
    if let flag = item as? Bool { return flag ? "True" : "False" }
    return String(describing: item)
  }
}

// MARK: - from Sources/ThreadsToTasksCore/Locked.swift

/// A value that is only ever read or written while holding an `NSLock`.
///
/// The package's one hand-made `Sendable` container. `NSLock` rather than `Mutex` because
/// ThreadSanitizer reports false races on `Mutex` on this toolchain, and the suite must run clean
/// under it.
public final class Locked<Value: Sendable>: @unchecked Sendable {  // safe: all under `lock`
  private let lock = NSLock()
  private var value: Value

  /// A container holding `value`.
  public init(_ value: Value) { self.value = value }

  /// Runs `body` with exclusive access to the value. Keep `body` short: it runs under the lock.
  public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    try lock.withLock { try body(&value) }
  }
}

// MARK: - from Sources/ThreadsToTasksCore/Latch.swift

/// A one-way signal: closed until `open()`, then open for good. Threads wait for it by blocking,
/// tasks by suspending. Python: `threading.Event` with `set()` and `wait()`.
public final class Latch: @unchecked Sendable {  // safe: all state only under `condition`
  private let condition = NSCondition()
  private var opened = false
  private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
  private var nextWaiter = 0

  /// A closed latch.
  public init() {}

  /// Opens the latch and wakes every waiter.
  public func open() {
    let woken = condition.withLock {
      opened = true
      condition.broadcast()
      defer { waiters = [:] }
      return Array(waiters.values)
    }
    for waiter in woken { waiter.resume() }
  }

  /// Whether the latch is open.
  public var isOpen: Bool { condition.withLock { opened } }

  /// Blocks the thread until the latch opens or `deadline` passes; returns whether it opened.
  /// An open latch returns `true` at once, whatever the deadline; any deadline is taken, however
  /// far (no trap) or long past (then it only looks).
  @discardableResult
  public func wait(until deadline: ContinuousClock.Instant) -> Bool {
    condition.withLock {
      while !opened {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return false }
        let seconds =
          Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
        // Returns false on time-out and true on a broadcast; the loop re-checks both either way.
        // At most 1e9 s (31 years) at a time: `NSCondition` traps (SIGILL) on a date past 2262.
        _ = condition.wait(until: Date(timeIntervalSinceNow: min(seconds, 1e9)))
      }
      return true
    }
  }

  /// Suspends the task until the latch opens, or the task is cancelled.
  public func wait() async {
    let id = condition.withLock {
      defer { nextWaiter += 1 }
      return nextWaiter
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
        // Cancelled before this ran, the handler found nothing to resume: resume here instead.
        let resumeNow = condition.withLock {
          if opened || Task.isCancelled { return true }
          waiters[id] = waiter
          return false
        }
        if resumeNow { waiter.resume() }
      }
    } onCancel: {
      let waiter = condition.withLock { waiters.removeValue(forKey: id) }
      waiter?.resume()
    }
  }

  /// Suspends the task until the latch opens or `deadline` passes; returns whether it opened.
  /// An open latch returns `true` at once, whatever the deadline (Python's `Event.wait` reads the
  /// flag first); a deadline already past is a look at the flag. A deadline further off than
  /// 10⁹ s is clamped to that (`Task.sleep(until:)` traps on one past what it can count).
  /// Throws `CancellationError` if the task is cancelled before the latch opens.
  public func wait(until deadline: ContinuousClock.Instant) async throws -> Bool {
    if isOpen { return true }
    try Task.checkCancellation()
    let deadline = min(deadline, .now + .seconds(1_000_000_000))
    guard deadline > .now else { return isOpen }
    let opened = try await withThrowingTaskGroup { group in
      group.addTask {
        try await Task.sleep(until: deadline, clock: .continuous)
        return false
      }
      group.addTask {
        // Ends when the latch opens, or the task is cancelled: say which.
        await self.wait()
        return self.isOpen
      }
      defer { group.cancelAll() }
      return try await group.next()!
    }
    // Opened in the same instant as the deadline: the flag is what counts.
    if opened || isOpen { return true }
    try Task.checkCancellation()
    return false
  }
}

// MARK: - main

// Detached: off the main actor, so `Task.immediate` runs a child at once, as in a run.
try await Task.detached(name: "MainThread") { try await timeouts() }.value
