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
public final class BoundedSemaphore: @unchecked Sendable {
  // safe: every stored property is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var available: Int
  private let value: Int

  /// A semaphore that lets `value` threads in at once. Python: `threading.BoundedSemaphore(value)`.
  public init(_ value: Int) {
    self.value = value
    available = value
  }

  /// Takes one of the places, first waiting, blocked, until there is one. Python: `acquire()`.
  public func acquire() {
    condition.withLock {
      while available == 0 { condition.wait() }
      available -= 1
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
