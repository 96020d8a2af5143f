import ThreadsToTasksCore

/// What a lock for tasks offers: the twin of Foundation's `NSLocking` (`lock()`/`unlock()`),
/// which the thread version's printer takes. `SerialPrinter` takes any of these, so a runner can
/// pass a lock that also draws itself on a timeline.
protocol AsyncLocking: Sendable {
  /// Python: `lock.acquire()`; returns `true`, as Python's does.
  /// - Throws: `CancellationError` if the task is cancelled while it waits.
  func acquire() async throws -> Bool
  /// Python: `lock.release()`. Synchronous, so it can sit in a `defer`.
  func release()
}

/// A lock for tasks: `acquire()` suspends until the lock is free, first come, first served;
/// `release()` is synchronous, so it can sit in a `defer` right after the acquire, as
/// `NSLock.unlock()` does.
///
/// A task cancelled while it waits never enters: if the cancellation comes first, it leaves the
/// queue and throws `CancellationError`; if the lock was handed to it first, it hands the lock on
/// at once and throws all the same. A timed acquire is decided under the lock's own lock: at the
/// deadline it returns `true` holding the lock or `false` with the lock not taken by it — never
/// the lock taken and lost.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `threading.Lock()` | `AsyncLock()` | same |
/// | `acquire()`, returns `True` | `try await acquire()` | same; throws `CancellationError` if cancelled first (Python has no cancellation) |
/// | `acquire(blocking=False)` | `try await acquire(blocking: false)` | same: a try |
/// | `acquire(timeout=1)` | `try await acquire(timeout: 1)` (notebook seconds) or `acquire(timeout: .milliseconds(20))` (real time) | same: `True` holding it, `False` not |
/// | `acquire(timeout=0)` | `acquire(timeout: 0)` | same: a try |
/// | `acquire(timeout=-1)` | `acquire(timeout: -1)` | same: no timeout |
/// | `acquire(timeout=-100)`: `ValueError: timeout value must be a non-negative number` | `acquire(timeout: -100)`, or any negative `Duration` | same words, thrown as `ValueError` |
/// | `acquire(timeout=1e10)`: `OverflowError` | `acquire(timeout: .max)` | different: clamped to a wait of 10⁹ s |
/// | `release()` | `release()` | same |
/// | `release()` of a free lock: `RuntimeError: release unlocked lock` | `release()` | different: changes nothing (a `release()` in a `defer` cannot throw) |
/// | `with lock:` | `try await acquire()` then `defer { release() }` | same |
public final class AsyncLock: AsyncLocking {
  // A lock is a semaphore with one place: the queue, the timed wait, and a cancelled waiter that
  // never enters, are `AsyncSemaphore`'s.
  private let permit = AsyncSemaphore(1)

  /// A free lock. Python: `threading.Lock()`.
  public init() {}

  // snippet: acquire
  /// Python: `threadLock.acquire()`; returns `true`, as Python's does.
  /// - Throws: `CancellationError` if the task is cancelled while it waits.
  @discardableResult
  public func acquire() async throws -> Bool {
    try await permit.acquire()
    return true
  }

  /// Python: `threadLock.release()`. Hands the lock to the longest waiter, or frees it.
  /// Releasing a lock nobody holds, a `RuntimeError` in Python, changes nothing here.
  public func release() {
    try? permit.release()
  }
  // end snippet: acquire

  /// Python: `acquire(blocking=False)` when `blocking` is false: takes the lock if it is free and
  /// nobody waits, and returns at once whether it did; `acquire()` when true.
  /// - Throws: `CancellationError` if the task is cancelled first.
  public func acquire(blocking: Bool) async throws -> Bool {
    try await permit.acquire(until: blocking ? .never : .at(.now))
  }

  /// Python: `acquire(timeout=seconds)`, in notebook seconds (paced in a run): `true` holding the
  /// lock, `false` when `seconds` passed first. 0 is a try; -1 waits for good, as in Python; a
  /// wait longer than 10⁹ s is clamped to that.
  /// - Throws: `ValueError` for any other negative `seconds`, as Python raises;
  ///   `CancellationError` if the task is cancelled first.
  public func acquire(timeout seconds: Int) async throws -> Bool {
    if seconds == -1 { return try await acquire() }
    guard seconds >= 0 else {
      throw ValueError(message: "timeout value must be a non-negative number")
    }
    return try await permit.acquire(until: .at(seconds == 0 ? .now : timeoutDeadline(seconds)))
  }

  /// `acquire(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  /// - Throws: `ValueError` for a negative `timeout`; `CancellationError` if the task is
  ///   cancelled first.
  public func acquire(timeout: Duration) async throws -> Bool {
    guard timeout >= .zero else {
      throw ValueError(message: "timeout value must be a non-negative number")
    }
    return try await permit.acquire(until: .at(timeoutDeadline(timeout)))
  }

  /// Whether some task holds the lock. Python: `lock.locked()`.
  public var locked: Bool { permit.availablePermits == 0 }

  /// How many tasks wait for the lock.
  public var waitingCount: Int { permit.waitingCount }
}
