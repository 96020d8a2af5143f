/// The ways every example is written and run.
public enum Paradigm: String, Sendable, CaseIterable, Codable {
  /// Foundation `Thread`, `NSLock`, `NSCondition`: the classic code Python's `threading` maps to.
  case thread
  /// Swift structured concurrency: `Task`, task groups and actors.
  case task
  /// The Python program itself, run by `python3` when it is installed.
  case python
}
