import ThreadsToTasksCore

/// The actor that replaces the notebook's lock and the routine it guards, and keeps the lock's
/// promise: one whole `lockedPrintTime` at a time, in the order the calls arrived.
///
/// An actor alone only keeps its *steps* apart: every `await` in its method lets another call in
/// (see `NaivePrinter`). So a call first takes a turn — at once if the printer is free, otherwise
/// by waiting in a first-in, first-out queue of continuations — and holds it across all its
/// sleeps until it returns, when the turn passes straight to the next in line.
///
/// Trade-offs, as with a lock: a caller cancelled while waiting leaves the queue at once (its
/// call throws `CancellationError`) without disturbing the others; the holder is not boosted in
/// priority for the sake of a higher-priority waiter; and a holder that never returns holds the
/// turn forever, exactly as a thread that never releases a lock.
public actor SerialPrinter: TimePrinter {
  private var isTaken = false
  private var waiting: [(ticket: Int, turn: CheckedContinuation<Void, any Error>)] = []
  private var nextTicket = 0

  /// A free printer.
  public init() {}

  // snippet: locked-print-time
  /// Python: `threadLock.acquire()`, `print("lock value", lock)`, `print_time(…)`,
  /// `threadLock.release()`; the turn is held across every sleep of `print_time`.
  public func lockedPrintTime(
    _ threadName: String, _ delay: Int, _ counter: Int, on stage: TaskStage
  ) async throws {
    try await takeTurn()
    defer { passTurn() }
    stage.print("lock value True", lane: threadName)
    // Still reentrant here, as every actor is: a call that comes in during these sleeps finds the
    // turn taken and queues, instead of printing.
    try await printTime(threadName, delay, counter, on: stage)
  }
  // end snippet: locked-print-time

  /// Runs `job` while holding the turn: any whole job, kept apart from every other, in arrival
  /// order. (`lockedPrintTime` is this, spelled out for the notebook's routine.)
  /// - Throws: `CancellationError` if cancelled while waiting, or what `job` throws.
  public func exclusively<Result: Sendable>(_ job: @Sendable () async throws -> Result)
    async throws -> Result
  {
    try await takeTurn()
    defer { passTurn() }
    return try await job()
  }

  // snippet: take-turn
  /// Python: `threadLock.acquire()`. Waits for the turn, first come, first served, and returns
  /// the caller's place in the order of arrival.
  /// - Throws: `CancellationError` if the calling task is cancelled while it waits.
  @discardableResult
  func takeTurn() async throws -> Int {
    let ticket = nextTicket
    nextTicket += 1
    guard isTaken else {
      isTaken = true
      return ticket
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Void, any Error>) in
        // A task cancelled before it got here would never be found by the handler's lookup.
        if Task.isCancelled {
          turn.resume(throwing: CancellationError())
        } else {
          waiting.append((ticket, turn))
        }
      }
    } onCancel: {
      // The handler runs outside the actor; it hops on to take the ticket out of the queue.
      // The continuation was queued before this can run: queueing happens on the actor, before
      // the call suspends and lets the actor run anything else.
      Task { await self.leaveQueue(ticket) }
    }
    return ticket
  }

  /// Python: `threadLock.release()`. Hands the turn to the longest waiter, or frees it.
  func passTurn() {
    if waiting.isEmpty {
      isTaken = false
    } else {
      waiting.removeFirst().turn.resume()
    }
  }

  private func leaveQueue(_ ticket: Int) {
    guard let index = waiting.firstIndex(where: { $0.ticket == ticket }) else { return }
    waiting.remove(at: index).turn.resume(throwing: CancellationError())
  }
  // end snippet: take-turn

  /// How many callers are waiting for the turn.
  var waitingCount: Int { waiting.count }
}
