import Foundation

/// Python's `timeout=seconds`, as the `Date` that Foundation's timed waits take
/// (`NSLock.lock(before:)`, `NSCondition.wait(until:)`): `seconds` from now, on the run's clock
/// when the calling thread belongs to a run, so a paced run times out at its pace.
///
/// Counted, like a sleep, from the beat the wait begins on: see `ExampleClock.deadline`.
func deadline(after seconds: Int) -> Date {
  Date(timeIntervalSinceNow: realSeconds(until: sleepDeadline(seconds)))
}
