import ThreadsToTasksCore

/// A lock for tasks: `acquire()` suspends until the lock is free, first come, first served;
/// `release()` is synchronous, so it can sit in a `defer` right after the acquire, as
/// `NSLock.unlock()` does.
///
/// A task cancelled while it waits never enters: if the cancellation comes first, it leaves the
/// queue and throws `CancellationError`; if the lock was handed to it first, it hands the lock on
/// at once and throws all the same.
public final class AsyncLock: Sendable {
  private struct State {
    var isHeld = false
    var waiting: [(id: Int, turn: CheckedContinuation<Void, any Error>)] = []
    var nextID = 0
  }
  private let state = Locked(State())
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
    let id = state.withLock { state in
      defer { state.nextID += 1 }
      return state.nextID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Void, any Error>) in
        let enterNow = state.withLock { state -> Bool? in
          if Task.isCancelled { return nil }
          if !state.isHeld {
            state.isHeld = true
            return true
          }
          state.waiting.append((id, turn))
          return false
        }
        switch enterNow {
        case nil: turn.resume(throwing: CancellationError())
        case true?: turn.resume()
        case false?: break
        }
      }
    } onCancel: {
      let turn = state.withLock { state in
        state.waiting.firstIndex { $0.id == id }.map { state.waiting.remove(at: $0).turn }
      }
      turn?.resume(throwing: CancellationError())
    }
    someoneHolds.open()
    observer?(.acquired)
    // Handed the lock in the same instant as the cancellation: pass it on, do not enter.
    if Task.isCancelled {
      release()
      throw CancellationError()
    }
    return true
  }

  /// Python: `threadLock.release()`. Hands the lock to the longest waiter, or frees it.
  public func release() {
    observer?(.released)
    let next = state.withLock { state in
      guard !state.waiting.isEmpty else {
        state.isHeld = false
        return CheckedContinuation<Void, any Error>?.none
      }
      return state.waiting.removeFirst().turn
    }
    next?.resume()
  }
  // end snippet: acquire

  /// How many tasks wait for the lock.
  public var waitingCount: Int { state.withLock { $0.waiting.count } }
}
