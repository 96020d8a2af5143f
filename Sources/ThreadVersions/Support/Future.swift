import Foundation

/// A result that one thread sets once and any thread may wait for: what Python's
/// `concurrent.futures.Future` is to its pool, for a plain `Thread`. Foundation has no future.
///
/// Unlike a queue of one, reading it does not take the value away: `result()` may be asked any
/// number of times, before or after a `result(timeout:)` that gave up.
///
/// | Python | Swift | Same? |
/// | --- | --- | --- |
/// | `f.set_result(v)` (the pool calls it) | `f.set(v)` | same |
/// | `f.set_result(v)` a second time | `fatalError("InvalidStateError: FINISHED: …")` | traps where Python raises `InvalidStateError`: `set` is the pool's side, and a second result is a bug in it; the first result stays in both |
/// | `f.result()` | `f.result()` | same |
/// | `f.result(timeout=s)` | `f.result(timeout: s)` (notebook seconds), `f.result(timeout: .milliseconds(5))` | the value, or `nil` where Python raises `TimeoutError` |
/// | `f.result(timeout=0)`, `f.result(timeout=-1)` | `f.result(timeout: 0)`, `f.result(timeout: -1)` | same: the value if set, else `nil` (Python: `TimeoutError`), at once |
/// | `f.result(timeout=1e10)` | `f.result(timeout: 10_000_000_000)` | a set future returns at once in both; otherwise it waits here (clamped to `timeoutMax`) where Python raises `OverflowError` |
/// | `f.done()` | `f.isDone` | same |
/// | `f.cancel()`, `f.exception()`, callbacks | none | a job's error travels as a `Result` value |
public final class Future<Value: Sendable>: @unchecked Sendable {
  // safe: `value` is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var value: Value?

  /// A future with no result yet.
  public init() {}

  /// Sets the result and wakes every waiter. Python: what the pool does when the job returns.
  /// A second call traps with Python's `InvalidStateError` message; the first result stays.
  public func set(_ result: Value) {
    condition.withLock {
      if value != nil {
        fatalError("InvalidStateError: FINISHED: <Future state=finished returned \(Value.self)>")
      }
      value = result
      condition.broadcast()
    }
  }

  /// Whether the result is set. Python: `future.done()`.
  public var isDone: Bool { condition.withLock { value != nil } }

  /// Blocks until the result is set. Python: `future.result()`.
  public func result() -> Value {
    condition.withLock {
      if value == nil { JoinableThread.willBlock() }
      while value == nil { condition.wait() }
      return value!
    }
  }

  /// Blocks until the result is set or `seconds` (notebook seconds) have passed; `nil` when the
  /// time ran out first. Zero and negative look once. Python: `future.result(timeout=seconds)`,
  /// which raises `TimeoutError` instead of returning `nil`.
  public func result(timeout seconds: Int) -> Value? {
    result(until: sleepDeadline(seconds))
  }

  /// `result(timeout:)` for a real `Duration`.
  public func result(timeout: Duration) -> Value? {
    result(until: deadline(after: timeout))
  }

  private func result(until deadline: ContinuousClock.Instant) -> Value? {
    condition.withLock {
      if value == nil && ContinuousClock.now < deadline { JoinableThread.willBlock() }
      while value == nil && ContinuousClock.now < deadline { condition.wait(until: deadline) }
      return value
    }
  }
}
