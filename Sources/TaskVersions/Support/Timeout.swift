/// Python's `TimeoutError`: the time ran out before the work was done.
struct TimeoutError: Error, CustomStringConvertible {
  var description: String { "TimeoutError" }
}

// snippet: with-timeout
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
// end snippet: with-timeout
