/// Collects the lines an example prints, from any thread or task, each line whole.
///
/// Python's `print` writes its arguments one at a time, so two threads printing at once can glue
/// their lines together ("Starting threadwait thread1"). The recorder takes a lock per line, so a
/// line is never torn, each lane's lines keep their order, and an event that happens-before
/// another gets the smaller sequence number.
public final class Recorder: Sendable {
  /// The time axis events are measured on.
  public let clock: ExampleClock
  private let events = Locked<[Event]>([])
  private let activities = Locked<[Activity]>([])
  private let observer: (@Sendable (Event) -> Void)?

  /// A recorder on `clock`. `observer`, if given, sees every event as it is recorded, in
  /// sequence order (it is called under the recorder's lock: keep it short, and never record
  /// from it).
  public init(clock: ExampleClock, observer: (@Sendable (Event) -> Void)? = nil) {
    self.clock = clock
    self.observer = observer
  }

  // snippet: record
  /// Records `line` as printed by `lane` now. A line that ends with a ctime stamp keeps it apart.
  public func print(_ line: String, lane: String) {
    let elapsed = clock.elapsed()
    events.withLock { events in
      let event = Event(lane: lane, line: line, elapsed: elapsed, sequence: events.count)
      events.append(event)
      observer?(event)
    }
  }
  // end snippet: record

  /// Every event recorded so far, in sequence order.
  public var recorded: [Event] { events.withLock { $0 } }

  /// Records that `lane` spent the time from `from` (notebook seconds) until now on `kind`.
  public func note(_ kind: Activity.Kind, lane: String, from: Double) {
    let activity = Activity(lane: lane, kind: kind, from: from, to: clock.elapsed())
    activities.withLock { $0.append(activity) }
  }

  /// Every activity noted so far, in the order they ended.
  public var noted: [Activity] { activities.withLock { $0 } }
}
