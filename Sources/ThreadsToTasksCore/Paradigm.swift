/// The ways every example is written and run.
public enum Paradigm: String, Sendable, CaseIterable, Codable {
  /// Foundation `Thread`, `NSLock`, `NSCondition`: the classic code Python's `threading` maps to.
  case thread
  /// Swift structured concurrency: `Task`, task groups and actors.
  case task
  /// The Python program itself, run by `python3` when it is installed.
  case python
  /// The program in Python's `asyncio`, run by a Python 3.11+ when one is found: one task at a
  /// time on one thread, switching only at an `await` — Swift code isolated to one actor, where
  /// Swift's tasks run in parallel on a pool.
  case asyncio
}
