import Foundation

/// What a timed or non-blocking `BlockingQueue` call throws: Python's `queue.Empty`,
/// `queue.Full`, and the `ValueError` of a negative timeout.
public enum QueueError: Error, Equatable, CustomStringConvertible {
  /// Python: `queue.Empty`: no item came in time.
  case empty
  /// Python: `queue.Full`: no place came free in time; the item was not put.
  case full
  /// Python: `ValueError("'timeout' must be a non-negative number")`.
  case negativeTimeout

  /// Python's name for it, and its message.
  public var description: String {
    switch self {
    case .empty: "queue.Empty"
    case .full: "queue.Full"
    case .negativeTimeout: "ValueError: 'timeout' must be a non-negative number"
    }
  }
}

/// Python's `queue.Queue(maxsize)` for threads: `put` blocks while the queue is full, `get`
/// while it is empty, and `join` until every item put has been marked done with `taskDone`.
///
/// Foundation has no blocking queue: `OperationQueue` and `DispatchQueue` queue work, not values.
/// This one is a buffer guarded by an `NSCondition`, the construct Python's own `queue` module is
/// built on (`threading.Condition`). Items come out in the order they went in; a `maxsize` of 0
/// or less means no bound, as in Python.
///
/// | Python | Swift | Same? |
/// | --- | --- | --- |
/// | `queue.Queue(maxsize=n)` | `BlockingQueue(maxsize: n)` | same; `n <= 0`: no bound |
/// | `q.put(x)`, `q.get()` | `q.put(x)`, `q.get()` | same |
/// | `q.put(x, timeout=t)` | `try q.put(x, timeout: t)` (notebook seconds, or a `Duration`) | same: throws `QueueError.full` when no place came free, and then `x` was not put |
/// | `q.get(timeout=t)` | `try q.get(timeout: t)` (notebook seconds, or a `Duration`) | same: throws `QueueError.empty` when no item came, and then none was taken |
/// | `q.put_nowait(x)`, `q.put(x, block=False)` | `try q.putNowait(x)` | same: `QueueError.full` if there is no room |
/// | `q.get_nowait()`, `q.get(block=False)` | `try q.getNowait()` | same: `QueueError.empty` if there is no item |
/// | `q.get(timeout=0)`, `q.put(x, timeout=0)` | `timeout: 0` | same: takes or puts if it can, at once |
/// | `q.get(timeout=-1)`; `q.put(x, timeout=-1)` on a bounded queue | `timeout: -1` | same: `QueueError.negativeTimeout` (Python's `ValueError`), even with an item or room there; an unbounded queue's `put` never looks at the timeout, in both |
/// | `q.get(timeout=1e10)` | `timeout: 10_000_000_000` | an item is taken at once in both; otherwise it waits here (clamped to `timeoutMax`) where Python raises `OverflowError` |
/// | `q.task_done()` | `q.taskDone()` | same |
/// | `q.task_done()` too often | `fatalError("ValueError: task_done() called too many times")` | traps where Python raises: it is a bug, and `taskDone()` cannot throw |
/// | `q.join()` | `q.join()` | same |
/// | `q.qsize()` | `q.count` | same |
/// | `q.shutdown()` (3.13) | none | the examples stop their consumers with a sentinel, as the notebook does |
public final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
  // safe: every stored property is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var buffer: [Element] = []
  private var unfinished = 0
  private var waitingPutters = 0
  private var waitingJoiners = 0
  private let maxsize: Int

  /// A queue holding at most `maxsize` items (0 or less: no bound). Python: `queue.Queue(maxsize)`.
  public init(maxsize: Int = 0) { self.maxsize = maxsize }

  private var isFull: Bool { maxsize > 0 && buffer.count >= maxsize }

  /// Puts `item` at the back, first waiting, blocked, until there is room. Python: `q.put(item)`.
  public func put(_ item: Element) {
    condition.withLock {
      if isFull { JoinableThread.willBlock() }
      while isFull {
        waitingPutters += 1
        condition.wait()
        waitingPutters -= 1
      }
      append(item)
    }
  }

  /// Puts `item` at the back, waiting at most `seconds` (notebook seconds) for room. Zero: puts
  /// it only if there is room now. Python: `q.put(item, timeout=seconds)`.
  /// - Throws: `QueueError.full` when no place came free in time (`item` was not put);
  ///   `QueueError.negativeTimeout` for a negative `seconds` on a bounded queue.
  public func put(_ item: Element, timeout seconds: Int) throws(QueueError) {
    if maxsize > 0 && seconds < 0 { throw .negativeTimeout }
    try put(item, until: sleepDeadline(seconds))
  }

  /// `put(_:timeout:)` for a real `Duration`.
  public func put(_ item: Element, timeout: Duration) throws(QueueError) {
    if maxsize > 0 && timeout < .zero { throw .negativeTimeout }
    try put(item, until: deadline(after: timeout))
  }

  /// Puts `item` only if there is room now. Python: `q.put_nowait(item)`.
  /// - Throws: `QueueError.full` when there is none.
  public func putNowait(_ item: Element) throws(QueueError) {
    try put(item, until: .now)
  }

  private func put(_ item: Element, until deadline: ContinuousClock.Instant) throws(QueueError) {
    let put = condition.withLock {
      // Decided here, under the lock: at the deadline the item is either in or not.
      if isFull && ContinuousClock.now < deadline { JoinableThread.willBlock() }
      while isFull {
        guard ContinuousClock.now < deadline else { return false }
        waitingPutters += 1
        condition.wait(until: deadline)
        waitingPutters -= 1
      }
      append(item)
      return true
    }
    if !put { throw .full }
  }

  private func append(_ item: Element) {
    buffer.append(item)
    unfinished += 1
    condition.broadcast()
  }

  /// Takes the item at the front, first waiting, blocked, until there is one. Python: `q.get()`.
  public func get() -> Element {
    condition.withLock {
      if buffer.isEmpty { JoinableThread.willBlock() }
      while buffer.isEmpty {
        condition.wait()
      }
      return takeFirst()
    }
  }

  /// Takes the item at the front, waiting at most `seconds` (notebook seconds) for one. Zero:
  /// takes one only if one is there. Python: `q.get(timeout=seconds)`.
  /// - Throws: `QueueError.empty` when no item came in time (none was taken);
  ///   `QueueError.negativeTimeout` for a negative `seconds`.
  public func get(timeout seconds: Int) throws(QueueError) -> Element {
    if seconds < 0 { throw .negativeTimeout }
    return try get(until: sleepDeadline(seconds))
  }

  /// `get(timeout:)` for a real `Duration`.
  public func get(timeout: Duration) throws(QueueError) -> Element {
    if timeout < .zero { throw .negativeTimeout }
    return try get(until: deadline(after: timeout))
  }

  /// Takes the item at the front only if one is there. Python: `q.get_nowait()`.
  /// - Throws: `QueueError.empty` when there is none.
  public func getNowait() throws(QueueError) -> Element {
    try get(until: .now)
  }

  private func get(until deadline: ContinuousClock.Instant) throws(QueueError) -> Element {
    let item: Element? = condition.withLock {
      // Decided here, under the lock: at the deadline the item is either taken or still queued.
      if buffer.isEmpty && ContinuousClock.now < deadline { JoinableThread.willBlock() }
      while buffer.isEmpty {
        guard ContinuousClock.now < deadline else { return nil }
        condition.wait(until: deadline)
      }
      return takeFirst()
    }
    guard let item else { throw .empty }
    return item
  }

  private func takeFirst() -> Element {
    defer { condition.broadcast() }
    return buffer.removeFirst()
  }

  /// Marks one item taken by `get()` as done. Python: `q.task_done()`. Called more times than
  /// there were items, it traps with Python's `ValueError` message.
  public func taskDone() {
    condition.withLock {
      if unfinished <= 0 { fatalError("ValueError: task_done() called too many times") }
      unfinished -= 1
      if unfinished == 0 { condition.broadcast() }
    }
  }

  /// Blocks until every item put so far has been marked done. Python: `q.join()`.
  public func join() {
    condition.withLock {
      if unfinished > 0 { JoinableThread.willBlock() }
      while unfinished > 0 {
        waitingJoiners += 1
        condition.wait()
        waitingJoiners -= 1
      }
    }
  }

  /// How many items wait in the queue now. Python: `q.qsize()`.
  public var count: Int { condition.withLock { buffer.count } }

  /// How many threads wait in `put` for a place, and in `join` for every `taskDone()`.
  public var waiting: (putters: Int, joiners: Int) {
    condition.withLock { (waitingPutters, waitingJoiners) }
  }
}
