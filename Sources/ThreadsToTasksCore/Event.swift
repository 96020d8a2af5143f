import Foundation

/// One line an example printed: who printed it, what, and when on the example's time axis.
public struct Event: Sendable, Hashable, Codable {
  /// The thread or task that printed the line (`MainThread`, `thread1`, `Thread-2` …).
  public var lane: String
  /// The line without its timestamp.
  public var text: String
  /// The `time.ctime()` timestamp the line ended with (`"Wed Nov  5 10:00:01 2026"`), if any.
  public var stamp: String?
  /// Notebook seconds since the example started.
  public var elapsed: Double
  /// The notebook second the event falls in: `elapsed`, rounded down (see `ExampleClock.beat`).
  public var beat: Int
  /// The event's place in the order the recorder received events. Recording takes a lock, so if
  /// one event happens-before another, its sequence number is smaller.
  public var sequence: Int

  /// An event; its beat is the one `elapsed` falls in unless given.
  public init(
    lane: String, text: String, stamp: String? = nil, elapsed: Double, beat: Int? = nil,
    sequence: Int
  ) {
    self.lane = lane
    self.text = text
    self.stamp = stamp
    self.elapsed = elapsed
    self.beat = beat ?? ExampleClock.beat(of: elapsed)
    self.sequence = sequence
  }

  /// An event as printed: `line` split into its text and the ctime stamp it ends with, if any.
  public init(lane: String, line: String, elapsed: Double, sequence: Int) {
    let (text, stamp) = NotebookText.splitStamp(line)
    self.init(lane: lane, text: text, stamp: stamp, elapsed: elapsed, sequence: sequence)
  }

  /// Whether the line ended with a timestamp.
  public var isStamped: Bool { stamp != nil }

  /// The line as printed.
  public var line: String { stamp.map { text + " " + $0 } ?? text }

  /// What the equivalence compares: the line and its beat, not the exact time, stamp or sequence.
  public var shape: Shape { Shape(text: text, isStamped: isStamped, beat: beat) }

  /// An event as the expected ordering states it, and as two paradigms must agree on.
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
