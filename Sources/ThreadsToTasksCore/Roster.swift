/// The threads or tasks of a run that are alive right now, in the order they started.
///
/// Python's `threading.active_count()` and `threading.enumerate()` read such a list that the
/// interpreter keeps. Neither Foundation (for threads) nor the Swift runtime (for tasks) keeps one
/// you can read, so the support code keeps one per run.
public final class Roster: Sendable {
  private let entries = Locked<(next: Int, alive: [(token: Int, name: String)])>((0, []))

  /// An empty roster: each runner enters its main flow first.
  public init() {}

  /// Adds `name` when its thread or task starts; returns the token that `leave` and `rename` take.
  public func enter(_ name: String) -> Int {
    entries.withLock { entries in
      defer { entries.next += 1 }
      entries.alive.append((entries.next, name))
      return entries.next
    }
  }

  /// Removes the entry when its body has returned.
  public func leave(_ token: Int) { entries.withLock { $0.alive.removeAll { $0.token == token } } }

  /// Changes the entry's name. Python: `thread.name = …`.
  public func rename(_ token: Int, to name: String) {
    entries.withLock { entries in
      for index in entries.alive.indices where entries.alive[index].token == token {
        entries.alive[index].name = name
      }
    }
  }

  /// The names alive now. Python: `[t.name for t in threading.enumerate()]`.
  public var running: [String] { entries.withLock { $0.alive.map(\.name) } }

  /// Python: `threading.active_count()`.
  public var count: Int { entries.withLock { $0.alive.count } }
}
