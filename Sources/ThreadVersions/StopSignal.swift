import Foundation
import ThreadsToTasksCore

/// A request to stop that threads check at each step.
///
/// A task can be cancelled from outside and its `Task.sleep` throws at once. Nothing can stop a
/// Foundation `Thread` from outside (Python cannot kill a thread either), so the thread versions
/// cooperate: every sleep waits on this signal's condition and ends early, throwing `Stopped`,
/// once a stop is requested.
public final class StopSignal: @unchecked Sendable {  // safe: `requested` only under `condition`
  private let condition = NSCondition()
  private var requested = false

  /// A signal nobody has raised yet.
  public init() {}

  // snippet: sleep
  /// Asks every thread sleeping on this signal, now or later, to stop.
  public func request() {
    condition.withLock {
      requested = true
      condition.broadcast()
    }
  }

  /// Whether a stop has been requested.
  public var isRequested: Bool { condition.withLock { requested } }

  /// Blocks until `deadline`, or throws `Stopped` as soon as a stop is requested.
  public func sleep(until deadline: ContinuousClock.Instant) throws(Stopped) {
    let stopped = condition.withLock {
      while !requested {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return false }
        let seconds =
          Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
        // Returns false on time-out and true on a broadcast; the loop re-checks both either way.
        _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
      }
      return true
    }
    if stopped { throw Stopped() }
  }
  // end snippet: sleep
}

/// Thrown by a thread's sleep when a stop was requested.
public struct Stopped: Error, Equatable {
  /// The error.
  public init() {}
}
