import ThreadsToTasksCore

/// A lock for tasks: `acquire()` suspends until the lock is free, first come, first served;
/// `release()` is synchronous, so it can sit in a `defer` right after the acquire, as
/// `NSLock.unlock()` does.
///
/// A task cancelled while it waits never enters: if the cancellation comes first, it leaves the
/// queue and throws `CancellationError`; if the lock was handed to it first, it hands the lock on
/// at once and throws all the same.
public final class AsyncLock: Sendable {
  // A lock is a semaphore with one place: the queue, and a cancelled waiter that never enters,
  // are `AsyncSemaphore`'s.
  private let permit = AsyncSemaphore(1)
  private let heldBack: String?
  private let someoneHolds = Latch()
  private let observer: (@Sendable (Transition) -> Void)?

  /// What an observer of the lock is told, in the calling task.
  public enum Transition: Sendable {
    /// The task asks for the lock.
    case acquiring
    /// The task has it.
    case acquired
    /// The task gives it back.
    case released
  }

  /// A free lock. `holdingBack` names a task that waits, at its first acquire, until another task
  /// holds the lock: how a test makes a program's other choice happen in a real run. `observer`
  /// is told each transition, in the task that makes it (a runner draws it on a timeline).
  public init(
    holdingBack lane: String? = nil, observer: (@Sendable (Transition) -> Void)? = nil
  ) {
    heldBack = lane
    self.observer = observer
  }

  // snippet: acquire
  /// Python: `threadLock.acquire()`; returns `true`, as Python's does.
  /// - Throws: `CancellationError` if the task is cancelled while it waits.
  @discardableResult
  public func acquire() async throws -> Bool {
    observer?(.acquiring)
    if let heldBack, Task.name == heldBack { await someoneHolds.wait() }
    try await permit.acquire()
    someoneHolds.open()
    observer?(.acquired)
    return true
  }

  /// Python: `threadLock.release()`. Hands the lock to the longest waiter, or frees it.
  /// Releasing a lock nobody holds, a `RuntimeError` in Python, changes nothing here.
  public func release() {
    observer?(.released)
    try? permit.release()
  }
  // end snippet: acquire

  /// How many tasks wait for the lock.
  public var waitingCount: Int { permit.waitingCount }
}
