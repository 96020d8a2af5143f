import ThreadsToTasksCore

/// Python's `threading.Event` for threads: a flag that starts clear, that `set()` raises for good,
/// and that `wait` blocks on until it is raised.
///
/// Foundation has none: `Thread.cancel()` raises a flag nobody waits on, and a thread asleep in
/// `Thread.sleep` is not woken by it. Built on the core's `Latch`; a timed wait counts its
/// seconds on the run's clock, like `sleep`.
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
    while !latch.wait(until: .now + .seconds(3600)) {}
  }

  /// Blocks until the flag is raised or `seconds` have passed; returns whether it was raised.
  /// Python: `event.wait(timeout=seconds)`, which also returns the flag.
  @discardableResult
  public func wait(timeout seconds: Int) -> Bool {
    latch.wait(until: sleepDeadline(seconds))
  }
}
