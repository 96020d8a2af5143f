import Foundation

/// The time axis one run of an example is measured on: when it started, and at what pace.
///
/// The axis starts when the example's main flow starts (`start()`), not when the clock is made:
/// getting a thread or a task running can take tens of milliseconds on a busy machine, and that
/// delay is not the example's. Each paradigm of a side-by-side run has a clock of its own, so one
/// paradigm that is slow to get going does not make the other's events late.
///
/// Sleeps end on a beat counted from the start, never "now plus a delay": a late wake-up is not
/// carried into the next sleep, so lateness does not add up along a chain of sleeps.
public final class ExampleClock: Sendable {
  /// The pace that turns notebook seconds into real time.
  public let pace: Pace
  private let origin = Locked<(instant: ContinuousClock.Instant, date: Date)?>(nil)

  /// A clock whose axis has not started yet.
  public init(pace: Pace) { self.pace = pace }

  /// Starts the axis now, unless it has started already. Call it where an example's main flow
  /// begins; anything that reads the clock before then starts it too.
  @discardableResult
  public func start() -> (instant: ContinuousClock.Instant, date: Date) {
    origin.withLock { origin in
      if let origin { return origin }
      let now = (instant: ContinuousClock.now, date: Date())
      origin = now
      return now
    }
  }

  /// Whether the axis has started. Unlike the other properties, asking does not start it.
  public var hasStarted: Bool { origin.withLock { $0 != nil } }

  /// The monotonic instant the axis started.
  public var startInstant: ContinuousClock.Instant { start().instant }

  /// The wall-clock time the axis started; a timestamp is this plus the notebook seconds since.
  public var startDate: Date { start().date }

  /// Notebook seconds since the start.
  public func elapsed(at instant: ContinuousClock.Instant = .now) -> Double {
    notebookSeconds(instant - startInstant)
  }

  /// A real duration in notebook seconds at this clock's pace.
  public func notebookSeconds(_ real: Duration) -> Double {
    let seconds = Double(real.components.seconds) + Double(real.components.attoseconds) * 1e-18
    return seconds / pace.secondsPerBeat
  }

  /// The beat `notebookSeconds` falls in: the whole notebook second it lies in, rounded down.
  ///
  /// Rounded down, not to the nearest, because events are never early — a sleep never ends before
  /// its deadline, and starting a thread or a task only adds delay — so an event due at beat 3
  /// lands in [3, 4), and up to almost a whole beat of lateness still counts as on time. (A
  /// millionth of a beat is added so that 2.9999999 from floating-point error still reads 3.)
  public static func beat(of notebookSeconds: Double) -> Int {
    Int((notebookSeconds + 1e-6).rounded(.down))
  }

  /// The instant a sleep of `notebookSeconds` that begins now should end.
  ///
  /// Every delay in the notebook is whole seconds, so every sleep begins on a beat; the deadline is
  /// that beat plus the delay, which absorbs however late the previous sleep woke up.
  public func deadline(
    afterSleeping notebookSeconds: Int, from now: ContinuousClock.Instant = .now
  ) -> ContinuousClock.Instant {
    let beatNow = Self.beat(of: elapsed(at: now))
    return startInstant + pace.duration(Double(beatNow + notebookSeconds))
  }
}
