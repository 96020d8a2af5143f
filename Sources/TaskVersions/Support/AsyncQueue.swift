import Foundation
import ThreadsToTasksCore

/// Python's `queue.Empty`: a `get` that may not wait, or whose time ran out, found no item.
public struct Empty: Error, CustomStringConvertible {
  @usableFromInline init() {}
  /// Python's name for it (`str(queue.Empty())` is empty).
  public var description: String { "Empty" }
}

/// Python's `queue.Full`: a `put` that may not wait, or whose time ran out, found no room; the
/// item was not put.
public struct Full: Error, CustomStringConvertible {
  @usableFromInline init() {}
  /// Python's name for it (`str(queue.Full())` is empty).
  public var description: String { "Full" }
}

/// Python's `queue.Queue(maxsize)` for tasks: a bounded channel. `put` suspends while the queue
/// is full, `get` while it is empty, and `join` until every item put has been marked done with
/// `taskDone`. Items come out in the order they went in; waiters are served first come, first
/// served; a `maxsize` of 0 or less means no bound, as in Python.
///
/// `AsyncStream` is not this: its `yield` never waits. With `.unbounded` a fast producer fills
/// memory; with `.bufferingOldest(n)` or `.bufferingNewest(n)` a full buffer drops items. Only a
/// `put` that suspends holds the producer back to the consumer's pace (back-pressure).
///
/// Cancellation: a task cancelled while it waits in `put` leaves without putting and throws
/// `CancellationError`; one cancelled in `get` leaves without taking and throws, unless an item
/// was already handed to it, which it then returns, so no item is ever lost. `join` throws too.
/// A timed `get` or `put` is decided under the queue's own lock: at the deadline the item was
/// taken (returned) or put, or it was not (`Empty`, `Full`) — never taken and lost, never put
/// and reported as not.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `queue.Queue(2)`; `Queue(0)`, `Queue(-1)`: no bound | `AsyncQueue(maxsize: 2)`; `maxsize: 0`, `-1`: no bound | same |
/// | `q.put(x)` | `try await q.put(x)` | same; throws `CancellationError` if cancelled first |
/// | `q.put(x, timeout=1)`, raises `queue.Full` | `try await q.put(x, timeout: 1)` (notebook seconds) or `timeout: .milliseconds(20)`, throws `Full` | same |
/// | `q.put(x, timeout=0)`; `q.put(x, block=False)`, `q.put_nowait(x)` | `put(x, timeout: 0)`; `try q.putNowait(x)` | same: a try |
/// | `q.put(x, timeout=-1)` on a bounded queue: `ValueError: 'timeout' must be a non-negative number` | `put(x, timeout: -1)` | same words, thrown as `ValueError` (unbounded: never waits, so never refused, as in Python) |
/// | `q.get()` | `try await q.get()` | same; throws `CancellationError` if cancelled before an item was handed to it |
/// | `q.get(timeout=1)`, raises `queue.Empty` | `try await q.get(timeout: 1)`, throws `Empty` | same |
/// | `q.get(timeout=0)`; `q.get(block=False)`, `q.get_nowait()` | `get(timeout: 0)`; `try q.getNowait()` | same: a try |
/// | `q.get(timeout=-1)`: `ValueError: 'timeout' must be a non-negative number` | `get(timeout: -1)` | same words, thrown as `ValueError` |
/// | `q.get(timeout=1e10)`: `OverflowError` | `get(timeout: .max)` | different: clamped to a wait of 10⁹ s |
/// | `q.task_done()` | `q.taskDone()` | same |
/// | `q.task_done()` too often: `ValueError: task_done() called too many times` | `q.taskDone()` | same words, but a trap (`fatalError`): a bug in the caller, and `taskDone()` does not throw |
/// | `q.join()` | `try await q.join()` | same; throws `CancellationError` if cancelled |
/// | `q.qsize()` | `q.count` | same |
public final class AsyncQueue<Element: Sendable>: @unchecked Sendable {
  // safe: `state` and the three lines are read and written only while holding `lock`.
  //
  // Why `@inlinable` and `@usableFromInline`: the queue is generic, and a generic function
  // compiled in this module runs unspecialized when a program in another module calls it — every
  // array, tuple and optional of `Element` then costs a run-time metadata look-up, which was most
  // of a `put`'s or `get`'s time (0.2 M items/s across modules against 2 M in one). So the calls a
  // program makes in its loop (`put`, `get`, their tries, `taskDone`, `join`) are `@inlinable`,
  // over internals marked `@usableFromInline`: the compiler specializes them in the caller's
  // module for its `Element`, as it does the standard library's collections. The timed calls
  // stay compiled here (they may wait anyway); what they share with the others is the same code.
  @usableFromInline struct State: Sendable {
    @usableFromInline var buffer = Buffer()
    @usableFromInline var unfinished = 0
    @usableFromInline init() {}
  }
  @usableFromInline let getters = WaitLine<Void, Element>()
  @usableFromInline let putters = WaitLine<Element, Void>()
  @usableFromInline let joiners = WaitLine<Void, Void>()
  /// The items, first in first out: an array read from a moving head (no copy per `get`).
  @usableFromInline struct Buffer: Sendable {
    @usableFromInline var items: [Element?] = []
    @usableFromInline var head = 0
    @usableFromInline init() {}
    @inlinable var count: Int { items.count - head }
    @inlinable mutating func append(_ item: Element) { items.append(item) }
    @inlinable mutating func removeFirst() -> Element {
      defer {
        items[head] = nil
        head += 1
        if head == items.count {
          items.removeAll(keepingCapacity: true)
          head = 0
        } else if head >= 64 && head * 2 >= items.count {
          items.removeFirst(head)
          head = 0
        }
      }
      return items[head]!
    }
  }
  @usableFromInline let lock = NSLock()
  @usableFromInline var state = State()
  @usableFromInline let maxsize: Int

  /// A queue holding at most `maxsize` items (0 or less: no bound). Python: `queue.Queue(maxsize)`.
  public init(maxsize: Int = 0) { self.maxsize = maxsize }

  /// Puts `item` at the back, first suspending until there is room. Python: `q.put(item)`.
  /// - Throws: `CancellationError` if the task is cancelled before the item went in.
  @inlinable public func put(_ item: Element) async throws {
    _ = try await put(item, until: .never)
  }

  /// Python: `q.put(item, timeout=seconds)`, in notebook seconds (paced in a run). 0 is a try; a
  /// wait longer than 10⁹ s is clamped to that.
  /// - Throws: `Full` if there was no room before `seconds` passed (the item was not put);
  ///   `ValueError` for a negative `seconds` on a bounded queue, as Python raises;
  ///   `CancellationError` if the task is cancelled before the item went in.
  public func put(_ item: Element, timeout seconds: Int) async throws {
    if seconds < 0 && maxsize > 0 { throw Self.negativeTimeout }
    guard try await put(item, until: .at(seconds <= 0 ? .now : timeoutDeadline(seconds))) else {
      throw Full()
    }
  }

  /// `put(_:timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  public func put(_ item: Element, timeout: Duration) async throws {
    if timeout < .zero && maxsize > 0 { throw Self.negativeTimeout }
    guard try await put(item, until: .at(timeoutDeadline(timeout))) else { throw Full() }
  }

  /// Python: `q.put_nowait(item)`, `q.put(item, block=False)`: puts it if there is room.
  /// - Throws: `Full` if there is none (the item was not put); `CancellationError` if the task
  ///   is cancelled.
  @inlinable public func putNowait(_ item: Element) throws {
    switch enter(item, until: .at(.now)) {
    case .cancelled: throw CancellationError()
    case .handed(let wake):
      wake.resume()
    case .accepted: break
    case .full, .waits: throw Full()
    }
  }

  /// What a `put` found under the lock.
  @usableFromInline enum PutEntry {
    case cancelled, accepted, handed(WaitLine<Void, Element>.Wake), full, waits(Int)
  }

  /// Puts `item` or hands it to a waiting getter, or — room none — a try (`deadline` passed)
  /// fails, or the caller takes a place in line. Under the lock.
  @inlinable func enter(_ item: Element, until deadline: Deadline) -> PutEntry {
    lock.lock()
    defer { lock.unlock() }
    if Task.isCancelled { return .cancelled }
    if let served = getters.serveFirst({ _ in item }) {
      // A task waits in `get`: the item goes straight to it.
      state.unfinished += 1
      return served.wake.map { .handed($0) } ?? .accepted
    }
    if maxsize <= 0 || state.buffer.count < maxsize {
      state.buffer.append(item)
      state.unfinished += 1
      return .accepted
    }
    if case .at(let instant) = deadline, instant <= .now { return .full }
    return .waits(putters.join(item))
  }

  /// Puts `item`, waiting for room until `deadline` (`nil`: for good); whether it was put.
  @inlinable func put(_ item: Element, until deadline: Deadline) async throws -> Bool {
    // The fast path: one lock, no continuation, when there is room or a getter waits.
    switch enter(item, until: deadline) {
    case .cancelled: throw CancellationError()
    case .accepted: return true
    case .handed(let wake):
      wake.resume()
      return true
    case .full: return false
    case .waits(let id):
      switch await waitInLine(id, putters, under: lock, until: deadline) {
      // Accepted, even if cancelled in the same instant: the item is in, so it says so.
      case .granted: return true
      case .timedOut: return false
      case .cancelled: throw CancellationError()
      }
    }
  }

  /// Takes the item at the front, first suspending until there is one. Python: `q.get()`.
  /// - Throws: `CancellationError` if the task is cancelled before an item was handed to it.
  @inlinable public func get() async throws -> Element {
    guard let item = try await get(until: .never) else { throw Empty() }
    return item
  }

  /// Python: `q.get(timeout=seconds)`, in notebook seconds (paced in a run). 0 is a try; a wait
  /// longer than 10⁹ s is clamped to that.
  /// - Throws: `Empty` if no item came before `seconds` passed; `ValueError` for a negative
  ///   `seconds`, as Python raises; `CancellationError` if the task is cancelled before an item
  ///   was handed to it.
  public func get(timeout seconds: Int) async throws -> Element {
    guard seconds >= 0 else { throw Self.negativeTimeout }
    guard let item = try await get(until: .at(seconds == 0 ? .now : timeoutDeadline(seconds)))
    else {
      throw Empty()
    }
    return item
  }

  /// `get(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  public func get(timeout: Duration) async throws -> Element {
    guard timeout >= .zero else { throw Self.negativeTimeout }
    guard let item = try await get(until: .at(timeoutDeadline(timeout))) else { throw Empty() }
    return item
  }

  /// Python: `q.get_nowait()`, `q.get(block=False)`: takes the front item if there is one.
  /// - Throws: `Empty` if there is none; `CancellationError` if the task is cancelled.
  @inlinable public func getNowait() throws -> Element {
    switch take(until: .at(.now)) {
    case .cancelled: throw CancellationError()
    case .taken(let item, let putter):
      putter?.resume()
      return item
    case .empty, .waits: throw Empty()
    }
  }

  /// What a `get` found under the lock.
  @usableFromInline enum GetEntry {
    case cancelled, taken(Element, WaitLine<Element, Void>.Wake?), empty, waits(Int)
  }

  /// Takes the front item — and lets the longest-waiting producer's item in behind — or a try
  /// (`deadline` passed) fails, or the caller takes a place in line. Under the lock.
  @inlinable func take(until deadline: Deadline) -> GetEntry {
    lock.lock()
    defer { lock.unlock() }
    if Task.isCancelled { return .cancelled }
    guard state.buffer.count == 0 else {
      let item = state.buffer.removeFirst()
      // Room again: the longest-waiting producer's item goes in.
      guard let served = putters.serveFirst({ _ in () }) else { return .taken(item, nil) }
      state.buffer.append(served.payload)
      state.unfinished += 1
      return .taken(item, served.wake)
    }
    if case .at(let instant) = deadline, instant <= .now { return .empty }
    return .waits(getters.join(()))
  }

  /// Takes an item, waiting for one until `deadline` (`nil`: for good); `nil` if none came.
  @inlinable func get(until deadline: Deadline) async throws -> Element? {
    // The fast path: one lock, no continuation, when an item is there.
    switch take(until: deadline) {
    case .cancelled: throw CancellationError()
    case .taken(let item, let putter):
      putter?.resume()
      return item
    case .empty: return nil
    case .waits(let id):
      switch await waitInLine(id, getters, under: lock, until: deadline) {
      // Handed an item, even if cancelled in the same instant: it returns it, so none is lost.
      case .granted(let item): return item
      case .timedOut: return nil
      case .cancelled: throw CancellationError()
      }
    }
  }

  private static var negativeTimeout: ValueError {
    ValueError(message: "'timeout' must be a non-negative number")
  }

  /// Marks one item taken by `get()` as done. Python: `q.task_done()`.
  ///
  /// Called more times than items were put, it traps with Python's message, "task_done() called
  /// too many times" (Python raises `ValueError`; here it is a bug in the caller, and `taskDone()`
  /// cannot throw). A trap, not a `precondition`, which an optimized build drops without a word.
  @inlinable public func taskDone() {
    let woken = lock.withLock { () -> [WaitLine<Void, Void>.Wake]? in
      guard state.unfinished > 0 else { return nil }
      state.unfinished -= 1
      return state.unfinished == 0 ? joiners.serveAll(()) : []
    }
    guard let woken else { fatalError("task_done() called too many times") }
    for joiner in woken { joiner.resume() }
  }

  /// Suspends until every item put so far has been marked done. Python: `q.join()`.
  /// - Throws: `CancellationError` if the task is cancelled first.
  @inlinable public func join() async throws {
    let entry = lock.withLock { () -> LineEntry in
      if Task.isCancelled { return .cancelled }
      if state.unfinished == 0 { return .served }
      return .waits(joiners.join(()))
    }
    switch entry {
    case .cancelled: throw CancellationError()
    case .served, .timedOut: return
    case .waits(let id):
      if case .cancelled = await waitInLine(id, joiners, under: lock, until: .never) {
        throw CancellationError()
      }
    }
  }

  /// How many items wait in the queue now. Python: `q.qsize()`.
  public var count: Int { lock.withLock { state.buffer.count } }

  /// How many tasks wait in `put` and in `get` now.
  public var waiting: (putters: Int, getters: Int) {
    lock.withLock { (putters.count, getters.count) }
  }

  /// How many tasks wait in `join()` for every `taskDone()`.
  public var waitingJoiners: Int { lock.withLock { joiners.count } }
}
