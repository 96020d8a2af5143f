import Foundation

/// A result that one thread sets once and any thread may wait for: what Python's
/// `concurrent.futures.Future` is to its pool, for a plain `Thread`. Foundation has no future.
///
/// Unlike a queue of one, reading it does not take the value away: `result()` may be asked any
/// number of times, before or after a `result(timeout:)` that gave up.
public final class Future<Value: Sendable>: @unchecked Sendable {
  // safe: `value` is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var value: Value?

  /// A future with no result yet.
  public init() {}

  /// Sets the result and wakes every waiter. Python: what the pool does when the job returns.
  public func set(_ result: Value) {
    condition.withLock {
      precondition(value == nil, "a future is set once")
      value = result
      condition.broadcast()
    }
  }

  /// Blocks until the result is set. Python: `future.result()`.
  public func result() -> Value {
    condition.withLock {
      while value == nil { condition.wait() }
      return value!
    }
  }

  /// Blocks until the result is set or `seconds` have passed; `nil` when the time ran out.
  /// Python: `future.result(timeout=seconds)`, which raises `TimeoutError` instead.
  public func result(timeout seconds: Int) -> Value? {
    let deadline = deadline(after: seconds)
    return condition.withLock {
      while value == nil, condition.wait(until: deadline) {}
      return value
    }
  }
}
