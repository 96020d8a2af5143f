import Foundation

/// Python: `raise ValueError("Semaphore released too many times")`, from a `BoundedSemaphore`.
public struct SemaphoreReleasedTooManyTimes: Error, CustomStringConvertible {
  /// Python's message.
  public var description: String { "Semaphore released too many times" }
}

/// Python's `threading.BoundedSemaphore(value)` for threads: `acquire` blocks while `value`
/// threads hold it; `release` gives one back, and refuses to give back more than were taken.
///
/// Foundation's `DispatchSemaphore(value:)` counts the same way but is not bounded: one
/// `signal()` too many quietly raises the count, and from then on one thread more gets in. That
/// is the bug a `BoundedSemaphore` reports, so this one is a counter guarded by an `NSCondition`,
/// as Python's is a counter guarded by a `threading.Condition`, and its `release()` throws.
///
/// | Python | Swift | Same? |
/// | --- | --- | --- |
/// | `threading.BoundedSemaphore(n)` | `BoundedSemaphore(n)` | same |
/// | `threading.BoundedSemaphore(-1)` | `fatalError("ValueError: semaphore initial value must be >= 0")` | traps where Python raises: an initializer that cannot fail |
/// | `s.acquire()` | `s.acquire()` | same (returns nothing: it can only return `True`) |
/// | `s.acquire(blocking=False)` | `s.acquire(timeout: 0)` | same: a try, `true` if it took a place |
/// | `s.acquire(timeout=t)` | `s.acquire(timeout: t)` (notebook seconds), `s.acquire(timeout: .milliseconds(5))` | same: `false` when the time ran out with no place free; a negative one is a try, as in Python |
/// | `s.acquire(timeout=1e10)` | `s.acquire(timeout: 10_000_000_000)` | a free place is taken at once in both; otherwise it waits here (clamped to `timeoutMax`) where Python raises `OverflowError` |
/// | `s.release()` | `try s.release()` | same |
/// | `s.release()` with every place free | throws `SemaphoreReleasedTooManyTimes` | same as Python's `ValueError`, same message |
/// | `with s:` | `s.withPermit { … }` | same |
/// | `s._value` | `s.availablePermits` | the free places, read under the lock |
public final class BoundedSemaphore: @unchecked Sendable {
  // safe: every stored property is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var available: Int
  private let value: Int

  /// A semaphore that lets `value` threads in at once. Python: `threading.BoundedSemaphore(value)`.
  /// Traps with Python's `ValueError` message when `value` is negative.
  public init(_ value: Int) {
    if value < 0 { fatalError("ValueError: semaphore initial value must be >= 0") }
    self.value = value
    available = value
  }

  /// Takes one of the places, first waiting, blocked, until there is one. Python: `acquire()`.
  public func acquire() {
    condition.withLock {
      if available == 0 { JoinableThread.willBlock() }
      while available == 0 { condition.wait() }
      available -= 1
    }
  }

  /// Takes a place, waiting at most `seconds` (notebook seconds) for one; returns whether it
  /// took one. Zero or negative: a try. Python: `acquire(timeout=seconds)`.
  @discardableResult
  public func acquire(timeout seconds: Int) -> Bool {
    acquire(until: sleepDeadline(seconds))
  }

  /// `acquire(timeout:)` for a real `Duration`.
  @discardableResult
  public func acquire(timeout: Duration) -> Bool {
    acquire(until: deadline(after: timeout))
  }

  private func acquire(until deadline: ContinuousClock.Instant) -> Bool {
    condition.withLock {
      // Decided here, under the lock: at the deadline a waiter either took a place or did not.
      if available == 0 && ContinuousClock.now < deadline { JoinableThread.willBlock() }
      while available == 0 {
        guard ContinuousClock.now < deadline else { return false }
        condition.wait(until: deadline)
      }
      available -= 1
      return true
    }
  }

  /// Gives one place back and wakes one waiter. Python: `release()`.
  /// - Throws: `SemaphoreReleasedTooManyTimes` when every place is already free.
  public func release() throws(SemaphoreReleasedTooManyTimes) {
    let released = condition.withLock {
      guard available < value else { return false }
      available += 1
      condition.signal()
      return true
    }
    if !released { throw SemaphoreReleasedTooManyTimes() }
  }

  /// Runs `body` holding one place. Python: `with semaphore:`.
  public func withPermit<Result>(_ body: () throws -> Result) rethrows -> Result {
    acquire()
    // Cannot throw: this thread took the place it gives back.
    defer { try? release() }
    return try body()
  }

  /// How many places are free.
  public var availablePermits: Int { condition.withLock { available } }
}
