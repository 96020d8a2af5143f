import Foundation

/// The time axis one run of an example is measured on: when it started, and at what pace.
///
/// Both paradigms of a side-by-side run share one clock, so their events land on the same axis.
/// Sleeps end on a beat counted from the start, never "now plus a delay": a late wake-up is not
/// carried into the next sleep, so lateness does not add up along a chain of sleeps.
public struct ExampleClock: Sendable {
  /// The pace that turns notebook seconds into real time.
  public let pace: Pace
  /// The monotonic instant the example started.
  public let start: ContinuousClock.Instant
  /// The wall-clock time the example started; timestamps print as this plus the event's beat.
  public let startDate: Date

  /// A clock that starts now.
  public init(pace: Pace) {
    self.pace = pace
    self.start = .now
    self.startDate = Date()
  }

  /// Notebook seconds since the start.
  public func elapsed(at instant: ContinuousClock.Instant = .now) -> Double {
    let real = instant - start
    let seconds = Double(real.components.seconds) + Double(real.components.attoseconds) * 1e-18
    return seconds / pace.secondsPerBeat
  }

  /// The beat `notebookSeconds` falls in: the nearest whole notebook second.
  public static func beat(of notebookSeconds: Double) -> Int { Int(notebookSeconds.rounded()) }

  /// The instant a sleep of `notebookSeconds` that begins now should end.
  ///
  /// Every delay in the notebook is whole seconds, so every sleep begins on a beat; the deadline is
  /// that beat plus the delay, which absorbs however late the previous sleep woke up.
  public func deadline(afterSleeping notebookSeconds: Int) -> ContinuousClock.Instant {
    let beatNow = Self.beat(of: elapsed())
    return start + pace.duration(Double(beatNow + notebookSeconds))
  }
}
