import Foundation

/// A one-way signal: closed until `open()`, then open for good. Threads wait for it by blocking,
/// tasks by suspending. Python: `threading.Event` with `set()` and `wait()`.
public final class Latch: @unchecked Sendable {  // safe: all state only under `condition`
  private let condition = NSCondition()
  private var opened = false
  private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
  private var nextWaiter = 0

  /// A closed latch.
  public init() {}

  /// Opens the latch and wakes every waiter.
  public func open() {
    let woken = condition.withLock {
      opened = true
      condition.broadcast()
      defer { waiters = [:] }
      return Array(waiters.values)
    }
    for waiter in woken { waiter.resume() }
  }

  /// Whether the latch is open.
  public var isOpen: Bool { condition.withLock { opened } }

  /// Blocks the thread until the latch opens or `deadline` passes; returns whether it opened.
  /// An open latch returns `true` at once, whatever the deadline; any deadline is taken, however
  /// far (no trap) or long past (then it only looks).
  @discardableResult
  public func wait(until deadline: ContinuousClock.Instant) -> Bool {
    condition.withLock {
      while !opened {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return false }
        let seconds =
          Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
        // Returns false on time-out and true on a broadcast; the loop re-checks both either way.
        // At most 1e9 s (31 years) at a time: `NSCondition` traps (SIGILL) on a date past 2262.
        _ = condition.wait(until: Date(timeIntervalSinceNow: min(seconds, 1e9)))
      }
      return true
    }
  }

  /// Suspends the task until the latch opens, or the task is cancelled.
  public func wait() async {
    let id = condition.withLock {
      defer { nextWaiter += 1 }
      return nextWaiter
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
        // Cancelled before this ran, the handler found nothing to resume: resume here instead.
        let resumeNow = condition.withLock {
          if opened || Task.isCancelled { return true }
          waiters[id] = waiter
          return false
        }
        if resumeNow { waiter.resume() }
      }
    } onCancel: {
      let waiter = condition.withLock { waiters.removeValue(forKey: id) }
      waiter?.resume()
    }
  }

  /// Suspends the task until the latch opens or `deadline` passes; returns whether it opened.
  /// An open latch returns `true` at once, whatever the deadline (Python's `Event.wait` reads the
  /// flag first); a deadline already past is a look at the flag. A deadline further off than
  /// 10⁹ s is clamped to that (`Task.sleep(until:)` traps on one past what it can count).
  /// Throws `CancellationError` if the task is cancelled before the latch opens.
  public func wait(until deadline: ContinuousClock.Instant) async throws -> Bool {
    if isOpen { return true }
    try Task.checkCancellation()
    let deadline = min(deadline, .now + .seconds(1_000_000_000))
    guard deadline > .now else { return isOpen }
    let opened = try await withThrowingTaskGroup { group in
      group.addTask {
        try await Task.sleep(until: deadline, clock: .continuous)
        return false
      }
      group.addTask {
        // Ends when the latch opens, or the task is cancelled: say which.
        await self.wait()
        return self.isOpen
      }
      defer { group.cancelAll() }
      return try await group.next()!
    }
    // Opened in the same instant as the deadline: the flag is what counts.
    if opened || isOpen { return true }
    try Task.checkCancellation()
    return false
  }
}
