/// One line an example printed: who printed it, what, and when on the notebook's time axis.
public struct Event: Sendable, Hashable, Codable {
  /// The thread or task that printed the line (`main`, `thread1`, `Thread-2` …).
  public var lane: String
  /// The line without its timestamp.
  public var text: String
  /// Whether the line ends with a `time.ctime()` timestamp, as `"thread1: Wed Nov  5 10:00:01 2026"`.
  public var isStamped: Bool
  /// Notebook seconds since the example started.
  public var elapsed: Double
  /// The notebook second the event falls in: `elapsed`, rounded down (see `ExampleClock.beat`).
  public var beat: Int
  /// The event's place in the order the recorder received events. Recording takes a lock, so if
  /// one event happens-before another, its sequence number is smaller.
  public var sequence: Int

  /// An event; its beat is the one `elapsed` falls in unless given.
  public init(
    lane: String, text: String, isStamped: Bool = false, elapsed: Double, beat: Int? = nil,
    sequence: Int
  ) {
    self.lane = lane
    self.text = text
    self.isStamped = isStamped
    self.elapsed = elapsed
    self.beat = beat ?? ExampleClock.beat(of: elapsed)
    self.sequence = sequence
  }

  /// What the equivalence compares: the line and its beat, not the exact time or sequence.
  public var shape: Shape { Shape(text: text, isStamped: isStamped, beat: beat) }

  /// An event as the notebook's expected ordering states it, and as two paradigms must agree on.
  public struct Shape: Sendable, Hashable, CustomStringConvertible {
    /// The line without its timestamp.
    public var text: String
    /// Whether a timestamp follows the text.
    public var isStamped: Bool
    /// The notebook second it happens in.
    public var beat: Int

    /// A shape.
    public init(text: String, isStamped: Bool = false, beat: Int) {
      self.text = text
      self.isStamped = isStamped
      self.beat = beat
    }

    /// `'thread1: <ctime>' at beat 2`
    public var description: String { "'\(isStamped ? text + " <ctime>" : text)' at beat \(beat)" }
  }
}
