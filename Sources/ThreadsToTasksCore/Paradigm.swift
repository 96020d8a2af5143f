/// The two ways every example is written.
public enum Paradigm: String, Sendable, CaseIterable, Codable {
  /// Foundation `Thread`, `NSLock`, `NSCondition`: the classic code Python's `threading` maps to.
  case thread
  /// Swift structured concurrency: `Task`, `async let`, task groups and actors.
  case task
  /// Python's `threading`, run by `python3`: the notebook's own constructs, as a third column.
  case python
}
