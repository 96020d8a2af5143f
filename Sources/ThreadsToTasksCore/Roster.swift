/// The lanes that are running right now, in the order they started.
///
/// Python's `threading.active_count()` and `threading.enumerate()` read such a list that the
/// interpreter keeps. Neither Foundation (for threads) nor the Swift runtime (for tasks) keeps one
/// you can read, so an example that wants the answer keeps its own.
public final class Roster: Sendable {
  private let names: Locked<[String]>

  /// A roster holding `names` (typically `["main"]`).
  public init(_ names: [String] = []) { self.names = Locked(names) }

  /// Adds `name` when its lane starts.
  public func enter(_ name: String) { names.withLock { $0.append(name) } }

  /// Removes `name` when its lane's body has returned.
  public func leave(_ name: String) { names.withLock { $0.removeAll { $0 == name } } }

  /// The running lanes. Python: `threading.enumerate()`.
  public var running: [String] { names.withLock { $0 } }

  /// Python: `threading.active_count()`.
  public var count: Int { running.count }
}
