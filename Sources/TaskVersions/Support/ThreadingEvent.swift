import ThreadsToTasksCore

/// Python's `threading.Event` for tasks: a flag that starts clear, that `set()` raises for good,
/// and that `wait` suspends on until it is raised.
///
/// For the one use a task needs most — "stop now" — cancellation is built in and needs no event
/// (see stop-flags). An event is for the other signals: "I have the lock", "the data is ready".
/// Built on the core's `Latch`; a timed wait counts its seconds on the run's clock, like `sleep`.
public final class ThreadingEvent: Sendable {
  private let latch = Latch()

  /// A clear event. Python: `threading.Event()`.
  public init() {}

  /// Raises the flag and resumes every waiter. Python: `event.set()`.
  public func set() { latch.open() }

  /// Whether the flag is raised. Python: `event.is_set()`.
  public var isSet: Bool { latch.isOpen }

  /// Suspends until the flag is raised. Python: `event.wait()`.
  /// - Throws: `CancellationError` if the task is cancelled first.
  public func wait() async throws {
    await latch.wait()
    if !latch.isOpen { throw CancellationError() }
  }

  /// Suspends until the flag is raised or `seconds` have passed; returns whether it was raised.
  /// Python: `event.wait(timeout=seconds)`.
  /// - Throws: `CancellationError` if the task is cancelled first.
  @discardableResult
  public func wait(timeout seconds: Int) async throws -> Bool {
    try await latch.wait(until: sleepDeadline(seconds))
  }
}
