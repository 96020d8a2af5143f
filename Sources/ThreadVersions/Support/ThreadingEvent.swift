import ThreadsToTasksCore

/// Python's `threading.Event` for threads: a flag that starts clear, that `set()` raises for good,
/// and that `wait` blocks on until it is raised.
///
/// Foundation has none: `Thread.cancel()` raises a flag nobody waits on, and a thread asleep in
/// `Thread.sleep` is not woken by it. Built on the core's `Latch`; a timed wait counts its
/// seconds on the run's clock, like `sleep`.
///
/// | Python | Swift | Same? |
/// | --- | --- | --- |
/// | `threading.Event()` | `ThreadingEvent()` | same |
/// | `e.set()` | `e.set()` | same |
/// | `e.is_set()` | `e.isSet` | same |
/// | `e.wait()` | `e.wait()` | same (returns nothing: it can only return `True`) |
/// | `e.wait(timeout=s)` | `e.wait(timeout: s)` (notebook seconds), `e.wait(timeout: .milliseconds(5))` | same: the flag is looked at first, then at the deadline; returns the flag |
/// | `e.wait(0)`, `e.wait(-1)` | `e.wait(timeout: 0)`, `e.wait(timeout: -1)` | same: return the flag at once |
/// | `e.wait(1e10)` | `e.wait(timeout: 10_000_000_000)` | a set event returns `true` at once in both; a clear one waits here (clamped to `timeoutMax`) where Python raises `OverflowError` |
/// | `e.clear()` | none | the examples raise the flag once; `set()` is for good |
public final class ThreadingEvent: Sendable {
  private let latch = Latch()

  /// A clear event. Python: `threading.Event()`.
  public init() {}

  /// Raises the flag and wakes every waiter. Python: `event.set()`.
  public func set() { latch.open() }

  /// Whether the flag is raised. Python: `event.is_set()`.
  public var isSet: Bool { latch.isOpen }

  /// Blocks until the flag is raised. Python: `event.wait()`.
  public func wait() {
    guard !latch.isOpen else { return }
    JoinableThread.willBlock()
    while !latch.wait(until: .now + .seconds(longestSingleWait)) {}
  }

  /// Blocks until the flag is raised or `seconds` (notebook seconds) have passed; returns the
  /// flag. Zero and negative return the flag at once. Python: `event.wait(timeout=seconds)`.
  @discardableResult
  public func wait(timeout seconds: Int) -> Bool {
    wait(until: sleepDeadline(seconds))
  }

  /// `wait(timeout:)` for a real `Duration`.
  @discardableResult
  public func wait(timeout: Duration) -> Bool {
    wait(until: deadline(after: timeout))
  }

  private func wait(until deadline: ContinuousClock.Instant) -> Bool {
    // The flag first, as Python's: a set event returns `true` whatever the timeout.
    if latch.isOpen { return true }
    if ContinuousClock.now < deadline { JoinableThread.willBlock() }
    return latch.wait(until: deadline)
  }
}
