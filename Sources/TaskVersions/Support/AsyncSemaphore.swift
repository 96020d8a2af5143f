import ThreadsToTasksCore

/// Python: `raise ValueError("Semaphore released too many times")`, from a `BoundedSemaphore`.
public struct SemaphoreReleasedTooManyTimes: Error, CustomStringConvertible {
  /// Python's message.
  public var description: String { "Semaphore released too many times" }
}

/// Python's `threading.BoundedSemaphore(value)` for tasks: `acquire()` suspends while `value`
/// tasks hold it, first come, first served; `release()` gives a place back, and refuses to give
/// back more than were taken.
///
/// A task cancelled while it waits never enters: if the cancellation comes first, it leaves the
/// queue and throws `CancellationError`; if a place was handed to it first, it hands the place on
/// at once and throws all the same. (The same design as `AsyncLock`, which is this with one place.)
public final class AsyncSemaphore: Sendable {
  private struct State {
    var available: Int
    var waiting: [(id: Int, turn: CheckedContinuation<Void, any Error>)] = []
    var nextID = 0
  }
  private let state: Locked<State>
  private let value: Int

  /// A semaphore that lets `value` tasks in at once. Python: `threading.BoundedSemaphore(value)`.
  public init(_ value: Int) {
    self.value = value
    state = Locked(State(available: value))
  }

  /// Takes one of the places, first suspending until there is one. Python: `acquire()`.
  /// - Throws: `CancellationError` if the task is cancelled before it gets in.
  public func acquire() async throws {
    let id = state.withLock { state in
      defer { state.nextID += 1 }
      return state.nextID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Void, any Error>) in
        let enterNow = state.withLock { state -> Bool? in
          if Task.isCancelled { return nil }
          if state.available > 0 && state.waiting.isEmpty {
            state.available -= 1
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
    // Handed a place in the same instant as the cancellation: pass it on, do not enter.
    if Task.isCancelled {
      handOn()
      throw CancellationError()
    }
  }

  /// Gives one place back: to the longest waiter, or to the next `acquire()`. Python: `release()`.
  /// - Throws: `SemaphoreReleasedTooManyTimes` when every place is already free.
  public func release() throws(SemaphoreReleasedTooManyTimes) {
    guard handOn(refusingBeyond: value) else { throw SemaphoreReleasedTooManyTimes() }
  }

  /// Runs `body` holding one place. Python: `with semaphore:`.
  /// - Throws: `CancellationError` if cancelled before it gets in (`body` does not run), or what
  ///   `body` throws.
  public func withPermit<Result>(
    _ body: () async throws -> Result
  ) async throws -> Result {
    try await acquire()
    // Synchronous, so it can sit in a `defer`; unbounded: this task took the place it gives back.
    defer { handOn() }
    return try await body()
  }

  /// Gives a place back to the longest waiter, or frees it; with `bound`, refuses (returns
  /// `false`) when that many places are already free. One lock for the check and the change, so
  /// two releases at once cannot both pass the check.
  @discardableResult
  private func handOn(refusingBeyond bound: Int? = nil) -> Bool {
    let (given, next) = state.withLock { state in
      guard state.waiting.isEmpty else { return (true, Optional(state.waiting.removeFirst().turn)) }
      if let bound, state.available >= bound { return (false, nil) }
      state.available += 1
      return (true, nil)
    }
    next?.resume()
    return given
  }

  /// How many places are free.
  public var availablePermits: Int { state.withLock { $0.available } }

  /// How many tasks wait for a place.
  public var waitingCount: Int { state.withLock { $0.waiting.count } }
}
