/// Python's `TimeoutError`: the time ran out before the work was done.
struct TimeoutError: Error, CustomStringConvertible {
  var description: String { "TimeoutError" }
}

// snippet: with-timeout
/// Runs `operation`, but for at most `seconds`: Python's `timeout=` for any async work.
///
/// Swift has no built-in for this. The two race in a task group: the operation, and a sleep that
/// throws `TimeoutError`. The first to finish decides; the group cancels the other and waits for
/// it to end before returning. So the operation that lost is cancelled, not left running — and it
/// stops only as soon as it honours cancellation: a sleep, a lock's or a queue's wait ends at
/// once, but `await task.value` of some other task does not, and the race then waits for it.
///
/// - Throws: `TimeoutError` when the time ran out first; the operation's error if it threw
///   first; `CancellationError` if the calling task is cancelled.
func withTimeout<Result: Sendable>(
  _ seconds: Int, _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
  // The deadline is taken now: the sleeping child may start later, but must not end later.
  let deadline = sleepDeadline(seconds)
  return try await withThrowingTaskGroup(of: Result.self) { race in
    race.addTask { try await operation() }
    race.addTask {
      try await sleep(until: deadline)
      throw TimeoutError()
    }
    // Whichever way the first one ends, the other is cancelled, and the group waits for it.
    defer { race.cancelAll() }
    return try await race.next()!
  }
}
// end snippet: with-timeout
