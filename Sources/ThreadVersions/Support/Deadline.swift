import Foundation

/// The longest timeout the thread types count, in notebook seconds (real seconds for a
/// `Duration`): about 31,700 years at the notebook's pace. A longer one is clamped to it, so no
/// arithmetic on it can overflow. Python: a timeout past `threading.TIMEOUT_MAX` (about 9.2e9 s
/// on Linux) raises `OverflowError`; here it waits as long as this, which is for ever in practice.
let timeoutMax = 1_000_000_000_000

/// The longest single `NSCondition` wait asked for, in real seconds (about 31 years).
/// `NSCondition.wait(until:)` traps (SIGILL, nothing on stderr) for a date past the year 2262,
/// between 7.4e9 and 7.5e9 s from now; a longer wait is made of several of these.
let longestSingleWait = 1e9

/// Python's `timeout=seconds`, as the `Date` that Foundation's timed waits take
/// (`NSLock.lock(before:)`, `NSCondition.wait(until:)`): `seconds` (notebook seconds) from now,
/// on the run's clock when the calling thread belongs to a run, so a paced run times out at its
/// pace. Never later than `longestSingleWait` from now; zero or negative give a date already past,
/// which makes `lock(before:)` a try (Python's `acquire(timeout=-1)` waits for ever instead, and
/// other negative values raise `ValueError`).
///
/// Counted, like a sleep, from the beat the wait begins on: see `ExampleClock.deadline`.
func deadline(after seconds: Int) -> Date {
  Date(timeIntervalSinceNow: min(realSeconds(until: sleepDeadline(seconds)), longestSingleWait))
}

/// The instant `duration` (real time) from now, `duration` clamped to ±`timeoutMax` seconds.
func deadline(after duration: Duration) -> ContinuousClock.Instant {
  let bound = Duration.seconds(timeoutMax)
  return .now + min(max(duration, .zero - bound), bound)
}

extension NSCondition {
  /// Waits, holding the lock, until signalled or `deadline`, whichever comes first; returns at
  /// once when the deadline has passed. Never hands Foundation a date it traps on: a far deadline
  /// is waited for `longestSingleWait` at a time. The caller loops on its condition and on
  /// `ContinuousClock.now < deadline`, as every condition wait must (wake-ups may be spurious).
  func wait(until deadline: ContinuousClock.Instant) {
    let remaining = realSeconds(until: deadline)
    guard remaining > 0 else { return }
    _ = wait(until: Date(timeIntervalSinceNow: min(remaining, longestSingleWait)))
  }
}
