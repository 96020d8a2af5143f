import Foundation
import ThreadsToTasksCore

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
