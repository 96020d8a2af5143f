import ThreadsToTasksCore

/// Python's `queue.Queue(maxsize)` for tasks: a bounded channel. `put` suspends while the queue
/// is full, `get` while it is empty, and `join` until every item put has been marked done with
/// `taskDone`. Items come out in the order they went in; waiters are served first come, first
/// served; a `maxsize` of 0 means no bound, as in Python.
///
/// `AsyncStream` is not this: its `yield` never waits. With `.unbounded` a fast producer fills
/// memory; with `.bufferingOldest(n)` or `.bufferingNewest(n)` a full buffer drops items. Only a
/// `put` that suspends holds the producer back to the consumer's pace (back-pressure).
///
/// Cancellation: a task cancelled while it waits in `put` leaves without putting and throws
/// `CancellationError`; one cancelled in `get` leaves without taking and throws, unless an item
/// was already handed to it, which it then returns, so no item is ever lost. `join` throws too.
public final class AsyncQueue<Element: Sendable>: Sendable {
  private struct State {
    var buffer: [Element] = []
    var unfinished = 0
    var getters: [(id: Int, turn: CheckedContinuation<Element, any Error>)] = []
    var putters: [(id: Int, item: Element, turn: CheckedContinuation<Void, any Error>)] = []
    var joiners: [(id: Int, turn: CheckedContinuation<Void, any Error>)] = []
    var nextID = 0

    mutating func newID() -> Int {
      defer { nextID += 1 }
      return nextID
    }
  }
  private let state = Locked(State())
  private let maxsize: Int

  /// What a `put` found under the lock.
  private enum PutOutcome {
    case cancelled, accepted, handed(CheckedContinuation<Element, any Error>), waits
  }
  /// What a `get` found under the lock.
  private enum GetOutcome {
    case cancelled, taken(Element, CheckedContinuation<Void, any Error>?), waits
  }

  /// A queue holding at most `maxsize` items (0: no bound). Python: `queue.Queue(maxsize)`.
  public init(maxsize: Int = 0) { self.maxsize = maxsize }

  /// Puts `item` at the back, first suspending until there is room. Python: `q.put(item)`.
  /// - Throws: `CancellationError` if the task is cancelled before the item went in.
  public func put(_ item: Element) async throws {
    let id = state.withLock { $0.newID() }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Void, any Error>) in
        let outcome = state.withLock { state -> PutOutcome in
          if Task.isCancelled { return .cancelled }
          if !state.getters.isEmpty {
            // A task waits in `get`: the item goes straight to it.
            state.unfinished += 1
            return .handed(state.getters.removeFirst().turn)
          }
          if maxsize == 0 || state.buffer.count < maxsize {
            state.buffer.append(item)
            state.unfinished += 1
            return .accepted
          }
          state.putters.append((id, item, turn))
          return .waits
        }
        switch outcome {
        case .cancelled: turn.resume(throwing: CancellationError())
        case .accepted: turn.resume()
        case .handed(let getter):
          getter.resume(returning: item)
          turn.resume()
        case .waits: break
        }
      }
    } onCancel: {
      // Still waiting: leave without putting. Already accepted: nothing to undo.
      let turn = state.withLock { state in
        state.putters.firstIndex { $0.id == id }.map { state.putters.remove(at: $0).turn }
      }
      turn?.resume(throwing: CancellationError())
    }
  }

  /// Takes the item at the front, first suspending until there is one. Python: `q.get()`.
  /// - Throws: `CancellationError` if the task is cancelled before an item was handed to it.
  public func get() async throws -> Element {
    let id = state.withLock { $0.newID() }
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (turn: CheckedContinuation<Element, any Error>) in
        let outcome = state.withLock { state -> GetOutcome in
          if Task.isCancelled { return .cancelled }
          guard !state.buffer.isEmpty else {
            state.getters.append((id, turn))
            return .waits
          }
          let item = state.buffer.removeFirst()
          // Room again: the longest-waiting producer's item goes in.
          guard !state.putters.isEmpty else { return .taken(item, nil) }
          let putter = state.putters.removeFirst()
          state.buffer.append(putter.item)
          state.unfinished += 1
          return .taken(item, putter.turn)
        }
        switch outcome {
        case .cancelled: turn.resume(throwing: CancellationError())
        case .taken(let item, let putter):
          putter?.resume()
          turn.resume(returning: item)
        case .waits: break
        }
      }
    } onCancel: {
      // Still waiting: leave empty-handed. Already handed an item: it returns it.
      let turn = state.withLock { state in
        state.getters.firstIndex { $0.id == id }.map { state.getters.remove(at: $0).turn }
      }
      turn?.resume(throwing: CancellationError())
    }
  }

  /// Marks one item taken by `get()` as done. Python: `q.task_done()`, which raises `ValueError`
  /// when called more times than there were items; here that is a programming error that traps.
  public func taskDone() {
    let woken = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
      precondition(state.unfinished > 0, "taskDone() called more times than there were items")
      state.unfinished -= 1
      guard state.unfinished == 0 else { return [] }
      defer { state.joiners = [] }
      return state.joiners.map(\.turn)
    }
    for joiner in woken { joiner.resume() }
  }

  /// Suspends until every item put so far has been marked done. Python: `q.join()`.
  /// - Throws: `CancellationError` if the task is cancelled first.
  public func join() async throws {
    let id = state.withLock { $0.newID() }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Void, any Error>) in
        let outcome = state.withLock { state -> Bool? in
          if Task.isCancelled { return nil }
          if state.unfinished == 0 { return true }
          state.joiners.append((id, turn))
          return false
        }
        switch outcome {
        case nil: turn.resume(throwing: CancellationError())
        case true?: turn.resume()
        case false?: break
        }
      }
    } onCancel: {
      let turn = state.withLock { state in
        state.joiners.firstIndex { $0.id == id }.map { state.joiners.remove(at: $0).turn }
      }
      turn?.resume(throwing: CancellationError())
    }
  }

  /// How many items wait in the queue now. Python: `q.qsize()`.
  public var count: Int { state.withLock { $0.buffer.count } }

  /// How many tasks wait in `put` and in `get` now.
  public var waiting: (putters: Int, getters: Int) {
    state.withLock { ($0.putters.count, $0.getters.count) }
  }

  /// How many tasks wait in `join()` for every `taskDone()`.
  public var waitingJoiners: Int { state.withLock { $0.joiners.count } }
}
