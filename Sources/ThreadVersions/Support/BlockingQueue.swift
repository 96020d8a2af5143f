import Foundation

/// Python's `queue.Queue(maxsize)` for threads: `put` blocks while the queue is full, `get`
/// while it is empty, and `join` until every item put has been marked done with `taskDone`.
///
/// Foundation has no blocking queue: `OperationQueue` and `DispatchQueue` queue work, not values.
/// This one is a buffer guarded by an `NSCondition`, the construct Python's own `queue` module is
/// built on (`threading.Condition`). Items come out in the order they went in; a `maxsize` of 0
/// means no bound, as in Python.
public final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
  // safe: every stored property is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var buffer: [Element] = []
  private var unfinished = 0
  private var waitingPutters = 0
  private var waitingJoiners = 0
  private let maxsize: Int

  /// A queue holding at most `maxsize` items (0: no bound). Python: `queue.Queue(maxsize)`.
  public init(maxsize: Int = 0) { self.maxsize = maxsize }

  /// Puts `item` at the back, first waiting, blocked, until there is room. Python: `q.put(item)`.
  public func put(_ item: Element) {
    condition.withLock {
      while maxsize > 0 && buffer.count >= maxsize {
        waitingPutters += 1
        condition.wait()
        waitingPutters -= 1
      }
      buffer.append(item)
      unfinished += 1
      condition.broadcast()
    }
  }

  /// Takes the item at the front, first waiting, blocked, until there is one. Python: `q.get()`.
  public func get() -> Element {
    condition.withLock {
      while buffer.isEmpty {
        condition.wait()
      }
      defer { condition.broadcast() }
      return buffer.removeFirst()
    }
  }

  /// Marks one item taken by `get()` as done. Python: `q.task_done()`, which raises `ValueError`
  /// when called more times than there were items; here that is a programming error that traps.
  public func taskDone() {
    condition.withLock {
      precondition(unfinished > 0, "taskDone() called more times than there were items")
      unfinished -= 1
      if unfinished == 0 { condition.broadcast() }
    }
  }

  /// Blocks until every item put so far has been marked done. Python: `q.join()`.
  public func join() {
    condition.withLock {
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
