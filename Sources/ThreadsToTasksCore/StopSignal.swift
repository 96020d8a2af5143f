/// A request to stop that every sleep of a run honours, in every paradigm.
///
/// Nothing can stop a Foundation `Thread` from outside (Python cannot kill a thread either), and a
/// task that an example started with `Task.immediate` is not cancelled with its parent. So the
/// runners stop a run in one way: every sleep waits on this signal too and ends as soon as a
/// stop is requested — a thread's sleep returns early, a task's throws `CancellationError`.
public struct StopSignal: Sendable {
  private let latch = Latch()

  /// A signal nobody has raised yet.
  public init() {}

  /// Asks every sleep on this signal, now or later, to end.
  public func request() { latch.open() }

  /// Whether a stop has been requested.
  public var isRequested: Bool { latch.isOpen }

  /// Blocks the thread until `deadline`; returns `false` early if a stop is requested.
  @discardableResult
  public func sleep(until deadline: ContinuousClock.Instant) -> Bool {
    !latch.wait(until: deadline)
  }

  /// Suspends the task until `deadline`. Throws `CancellationError` as soon as a stop is
  /// requested or the task is cancelled.
  public func sleep(until deadline: ContinuousClock.Instant) async throws {
    if try await latch.wait(until: deadline) { throw CancellationError() }
  }
}
