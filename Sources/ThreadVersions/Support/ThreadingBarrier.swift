import Foundation

/// Python's `threading.Barrier(parties)` for threads: each `wait()` blocks until `parties`
/// threads are waiting, then all of them go on, and the barrier is ready for the next round.
///
/// Foundation has none (Glibc's `pthread_barrier_t` exists on Linux only). A count and a round
/// number under an `NSCondition`: the round number is how a woken thread tells "my round is
/// over" from a spurious wake-up, and what makes the barrier reusable.
///
/// | Python | Swift | same? |
/// | --- | --- | --- |
/// | `Barrier(parties)` | `ThreadingBarrier(parties)` | same; `parties` < 1 traps, where Python raises `ValueError` |
/// | `wait()` → arrival index | `wait()` → arrival index | same: 0 for the first to arrive, `parties - 1` for the last |
/// | `wait(timeout)`, `abort()`, `reset()`, `broken` | — | not here: no example needs a broken barrier |
public final class ThreadingBarrier: @unchecked Sendable {
  // safe: `waiting` and `round` are read and written only while holding `condition`.
  private let condition = NSCondition()
  private let parties: Int
  private var waiting = 0
  private var round = 0

  /// A barrier for `parties` threads. Python: `threading.Barrier(parties)`.
  public init(_ parties: Int) {
    guard parties >= 1 else { fatalError("parties must be >= 1") }
    self.parties = parties
  }

  /// Blocks until `parties` threads are waiting, then lets them all go. Returns this thread's
  /// arrival index, as Python's does: 0 for the first, `parties - 1` for the last.
  @discardableResult
  public func wait() -> Int {
    JoinableThread.willBlock()
    return condition.withLock {
      let index = waiting
      waiting += 1
      if waiting == parties {
        waiting = 0
        round += 1
        condition.broadcast()
        return index
      }
      let myRound = round
      while round == myRound { condition.wait() }
      return index
    }
  }
}
