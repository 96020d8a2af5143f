import Foundation

/// Everything one paradigm's run of one example printed, on the run's time axis.
public struct Transcript: Sendable {
  /// Which example ran.
  public var example: ExampleID
  /// Which version of it.
  public var paradigm: Paradigm
  /// The seed its random delays were drawn with.
  public var seed: UInt64
  /// The wall-clock time the run started; a timestamp prints as this plus the event's beat.
  public var startDate: Date
  /// The events, in sequence order.
  public var events: [Event]
  /// Whether the run was stopped (cancelled) before it finished.
  public var wasStopped: Bool

  /// A transcript.
  public init(
    example: ExampleID, paradigm: Paradigm, seed: UInt64, startDate: Date, events: [Event],
    wasStopped: Bool = false
  ) {
    self.example = example
    self.paradigm = paradigm
    self.seed = seed
    self.startDate = startDate
    self.events = events
    self.wasStopped = wasStopped
  }

  /// The line as the notebook would print it. A timestamp shows the notebook's clock: the start
  /// plus the event's beat, so a run at a fast pace still prints one second per notebook second.
  public func line(_ event: Event) -> String { Self.line(event, startDate: startDate) }

  /// `event` as printed by a run that started at `startDate`.
  public static func line(_ event: Event, startDate: Date) -> String {
    guard event.isStamped else { return event.text }
    return event.text + " " + NotebookText.ctime(startDate + Double(event.beat))
  }

  /// The lanes in the order each first printed.
  public var lanes: [String] {
    var seen: [String] = []
    for event in events where !seen.contains(event.lane) { seen.append(event.lane) }
    return seen
  }

  /// Each lane's events, in order.
  public var eventsByLane: [String: [Event]] { Dictionary(grouping: events, by: \.lane) }
}
