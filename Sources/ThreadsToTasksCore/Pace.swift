/// How many real seconds one notebook second lasts.
///
/// The notebook's examples sleep for whole seconds. A person watching wants that pace (`.notebook`);
/// the test suite wants the same program a few dozen times faster (`.test`). Every example takes
/// its delays in notebook seconds and lets the pace turn them into real durations.
public struct Pace: Sendable, Hashable, CustomStringConvertible {
  /// Real seconds per notebook second; always finite and greater than zero.
  public let secondsPerBeat: Double

  /// One real second per notebook second, as the notebook itself runs.
  public static let notebook = Pace(uncheckedSeconds: 1)

  /// The pace the test suite runs at: 200 ms per notebook second, so an event may be almost
  /// 200 ms late before it falls into the wrong beat. Sleep lateness measured here is below 10 ms,
  /// but with the whole suite starting at once on two cores that two other processes keep busy,
  /// single events (a thread's start, a task's first hop) were seen more than 100 ms late.
  public static let test = Pace(uncheckedSeconds: 0.2)

  /// Why a pace was refused.
  public enum Invalid: Error, Equatable, CustomStringConvertible {
    /// The value was zero, negative, infinite or NaN.
    case notPositive(Double)

    /// The reason in one line.
    public var description: String {
      switch self {
      case .notPositive(let value): "pace must be a finite number of seconds > 0, not \(value)"
      }
    }
  }

  /// A pace of `seconds` real seconds per notebook second.
  /// - Throws: `Pace.Invalid` unless `seconds` is finite and greater than zero.
  public init(seconds: Double) throws(Invalid) {
    guard seconds.isFinite, seconds > 0 else { throw .notPositive(seconds) }
    self.secondsPerBeat = seconds
  }

  private init(uncheckedSeconds: Double) { secondsPerBeat = uncheckedSeconds }

  /// The paces `side-by-side` accepts, in real seconds per notebook second (its `minimumPace` and
  /// `maximumPace` say why these bounds).
  public static let accepted: ClosedRange<Double> = 0.01...60

  /// The real duration of `notebookSeconds` at this pace (clamped to what `Duration` holds).
  public func duration(_ notebookSeconds: Double) -> Duration {
    let nanoseconds = (notebookSeconds * secondsPerBeat * 1e9).rounded()
    guard nanoseconds < 9e18 else { return .nanoseconds(Int64(9e18)) }
    return .nanoseconds(Int64(max(nanoseconds, 0)))
  }

  /// `"1 s"` or `"0.05 s"`, real seconds per notebook second.
  public var description: String { "\(secondsPerBeat) s" }
}
