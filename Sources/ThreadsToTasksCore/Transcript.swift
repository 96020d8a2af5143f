import Foundation

/// Everything one paradigm's run of one example printed, on the run's time axis.
public struct Transcript: Sendable {
  /// Which example ran.
  public var example: ExampleID
  /// Which version of it.
  public var paradigm: Paradigm
  /// The seed its random delays were drawn with.
  public var seed: UInt64
  /// The wall-clock time the run started.
  public var startDate: Date
  /// The events, in sequence order.
  public var events: [Event]
  /// When the run was stopped before it finished, in notebook seconds since its start; `nil`
  /// for a run that finished.
  public var stoppedAt: Double?
  /// The most any of its sleeps woke after its deadline, in notebook seconds.
  public var lateness: Double
  /// What its lanes did between their lines: sleeps, joins, lock waits and holds.
  public var activities: [Activity] = []

  /// A transcript.
  public init(
    example: ExampleID, paradigm: Paradigm, seed: UInt64, startDate: Date, events: [Event],
    stoppedAt: Double? = nil, lateness: Double = 0, activities: [Activity] = []
  ) {
    self.activities = activities
    self.example = example
    self.paradigm = paradigm
    self.seed = seed
    self.startDate = startDate
    self.events = events
    self.stoppedAt = stoppedAt
    self.lateness = lateness
  }

  /// Whether the run was stopped before it finished.
  public var wasStopped: Bool { stoppedAt != nil }

  /// The lanes in the order each first printed.
  public var lanes: [String] {
    var seen: [String] = []
    for event in events where !seen.contains(event.lane) { seen.append(event.lane) }
    return seen
  }

  /// Each lane's events, in order.
  public var eventsByLane: [String: [Event]] { Dictionary(grouping: events, by: \.lane) }
}
