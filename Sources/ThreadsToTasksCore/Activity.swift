/// Something a lane spent time doing between its lines — what a timeline draws as a bar.
public struct Activity: Sendable, Hashable, Codable {
  /// What the lane was doing.
  public enum Kind: String, Sendable, Codable, CaseIterable {
    /// `time.sleep`.
    case sleep
    /// Waiting for another thread or task to finish: `join`, `await task.value`.
    case join
    /// Waiting to take a lock.
    case lockWait = "lock wait"
    /// Holding a lock.
    case lockHold = "lock hold"
  }

  /// The thread or task.
  public var lane: String
  /// What it did.
  public var kind: Kind
  /// When it began and ended, in notebook seconds since the example started.
  public var from: Double
  /// When it ended.
  public var to: Double

  /// An activity.
  public init(lane: String, kind: Kind, from: Double, to: Double) {
    self.lane = lane
    self.kind = kind
    self.from = from
    self.to = to
  }
}
