import ThreadsToTasksCore

/// Python's `threading.Event` for tasks: a flag that starts clear, that `set()` raises for good,
/// and that `wait` suspends on until it is raised.
///
/// For the one use a task needs most — "stop now" — cancellation is built in and needs no event
/// (see stop-flags). An event is for the other signals: "I have the lock", "the data is ready".
/// Built on the core's `Latch`; a timed wait counts its seconds on the run's clock, like `sleep`.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `threading.Event()` | `ThreadingEvent()` | same |
/// | `set()`, `is_set()` | `set()`, `isSet` | same (no `clear()`: no example needs one) |
/// | `wait()` | `try await wait()` | same; throws `CancellationError` if cancelled first |
/// | `wait(timeout=1)`, returns the flag | `try await wait(timeout: 1)` (notebook seconds) or `wait(timeout: .milliseconds(20))` (real time) | same |
/// | `wait(0)`, `wait(-1)` | `wait(timeout: 0)`, `wait(timeout: -1)` | same: a look at the flag |
/// | `wait(1e10)` on a set event: `True` | `wait(timeout: .max)` | same: the flag is read first; on a clear one, a wait clamped to 10⁹ s |
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

  /// Suspends until the flag is raised or `seconds` notebook seconds have passed (paced in a
  /// run); returns the flag. A raised flag returns `true` at once, whatever `seconds`; zero or
  /// negative is a look at the flag, as in Python; a wait longer than 10⁹ s is clamped to that.
  /// Python: `event.wait(timeout=seconds)`.
  /// - Throws: `CancellationError` if the task is cancelled before the flag is raised.
  @discardableResult
  public func wait(timeout seconds: Int) async throws -> Bool {
    if latch.isOpen { return true }
    return try await latch.wait(until: seconds <= 0 ? .now : timeoutDeadline(seconds))
  }

  /// `wait(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  /// - Throws: `CancellationError` if the task is cancelled before the flag is raised.
  @discardableResult
  public func wait(timeout: Duration) async throws -> Bool {
    try await latch.wait(until: timeoutDeadline(timeout))
  }
}
