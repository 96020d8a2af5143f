// Producer and consumer with queue.Queue, structured concurrency:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/TaskVersions/Examples/ProducerConsumer.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 task.swift -o example && ./example`

import Foundation

// Beyond the notebook, `queue.Queue`: a producer puts four items and a sentinel into a queue that
// holds two; a slow consumer takes them one at a time. The bound is the point: `put` suspends
// while the queue is full, so a fast producer is held back to the consumer's pace
// (back-pressure). The standard library has no such queue (see `AsyncQueue` for why
// `AsyncStream` is not one): `AsyncQueue` is this package's.

/// Python: `def producer(q)`.
func producer(_ q: AsyncQueue<Int?>) async throws {
  for item in 1...4 {
    // Suspends while the queue holds two items: the producer waits for the consumer.
    try await q.put(item)
    print("put", item)
  }
  // Python: `q.put(None)`, the sentinel that tells the consumer there is no more.
  try await q.put(nil)
  print("put the sentinel")
}

/// Python: `def consumer(q)`.
func consumer(_ q: AsyncQueue<Int?>) async throws {
  while true {
    // Suspends while the queue is empty.
    guard let item = try await q.get() else {
      print("got the sentinel")
      q.taskDone()
      break
    }
    try await sleep(1)  // the work on the item
    print("processed", item)
    q.taskDone()
  }
}

func producerConsumer() async throws {
  // Python: `queue.Queue(maxsize=2)`.
  let q = AsyncQueue<Int?>(maxsize: 2)
  try await withThrowingTaskGroup { group in
    // Python: `start()`. An immediate child runs up to its first suspension before the next.
    group.addImmediateTask(name: "consumer") { try await consumer(q) }
    // Python: `producer.start()` and `producer.join()`, in a group of one child. Join the
    // producer first: a `q.join()` called before anything was put returns at once.
    try await withThrowingTaskGroup { producing in
      producing.addImmediateTask(name: "producer") { try await producer(q) }
      try await producing.waitForAll()
    }
    // Python: `q.join()`: returns once every item put, the sentinel too, was marked done.
    try await q.join()
    print("all items processed")
    // Python: `consumer.join()`.
    try await group.waitForAll()
  }
}

/// **Anti-solution.** `AsyncStream` used as if it were the bounded queue. It is not: `yield`
/// never waits. With room for two, item 4 finds the buffer full and is dropped — silently, but
/// for the `.dropped` result nobody reads — and every `put` prints at beat 0.
func producerConsumerOverAsyncStream() async throws {
  let (items, continuation) = AsyncStream.makeStream(
    of: Int.self, bufferingPolicy: .bufferingOldest(2))
  try await withThrowingTaskGroup { group in
    group.addImmediateTask(name: "consumer") {
      for await item in items {
        try await sleep(1)
        print("processed", item)
      }
      print("got the sentinel")
    }
    group.addImmediateTask(name: "producer") {
      for item in 1...4 {
        // hazard: never suspends. A full buffer drops the item; the producer runs on regardless.
        continuation.yield(item)
        print("put", item)
      }
      continuation.finish()  // the stream's own sentinel
      print("put the sentinel")
    }
    // No `q.join()`: a stream cannot say when its items were processed, only that it ended.
    try await group.waitForAll()
    print("all items processed")
  }
}

// MARK: - from Sources/TaskVersions/Support/AsyncQueue.swift

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

// MARK: - from Sources/TaskVersions/Support/AsyncSemaphore.swift

/// Python's `ValueError`, where a call refuses an argument (a negative timeout): `message` is
/// Python's own.
public struct ValueError: Error, Equatable, CustomStringConvertible {
  /// Python's message, as `str(error)` gives it.
  public let message: String
  /// The message.
  public var description: String { message }
}

// MARK: - Waiting in line (shared by `AsyncSemaphore`, `AsyncLock` and `AsyncQueue`)
//
// `@usableFromInline` and `@inlinable` below: `AsyncQueue`'s calls are specialized in the
// caller's module (see there why), and they wait in these lines, so these are too.

/// How long a call may wait: for good, or until an instant (one already past: a try). Not a
/// `ContinuousClock.Instant?`: an optional of that type costs a generic metadata look-up at every
/// copy, which was most of an uncontended acquire's time.
@usableFromInline enum Deadline {
  case never
  case at(ContinuousClock.Instant)
}

/// What a call found under its type's lock: served at once, or a ticket in the line.
@usableFromInline enum LineEntry {
  case cancelled, served, timedOut, waits(Int)
}

/// How a wait in a `WaitLine` ended.
@usableFromInline enum WaitOutcome<Granted: Sendable>: Sendable {
  /// Served: handed what it waited for.
  case granted(Granted)
  /// Its deadline passed first; it left the line empty-handed.
  case timedOut
  /// Its task was cancelled first; it left the line empty-handed.
  case cancelled
}

/// Tasks waiting, first come, first served, for what a type hands out under its own lock (a
/// place, an item, room for an item). Each waiter holds a ticket; every change — served, timed
/// out, cancelled — happens under the type's lock, so a waiter leaves the line exactly once, with
/// exactly one outcome. A waiter joins the line before it suspends; an outcome decided in between
/// is kept for it and handed over when it suspends. So each continuation is resumed exactly once,
/// by construction: hence an `UnsafeContinuation` (a `CheckedContinuation`'s checks, and its
/// resilient layout, cost a generic metadata look-up per copy on the fast path).
///
/// A class, so that the owner's lock guards it in place (a struct reached through a key path was
/// copied on every change). Every method must be called holding the owner's `NSLock`.
@usableFromInline final class WaitLine<Payload: Sendable, Granted: Sendable>: @unchecked Sendable {
  // safe: every read and write happens under the owning type's `NSLock` (see above).
  @usableFromInline typealias Turn = UnsafeContinuation<WaitOutcome<Granted>, Never>

  /// A waiter to resume once the type's lock is let go.
  @usableFromInline struct Wake: Sendable {
    @usableFromInline let turn: Turn
    @usableFromInline let outcome: WaitOutcome<Granted>
    @usableFromInline init(turn: Turn, outcome: WaitOutcome<Granted>) {
      self.turn = turn
      self.outcome = outcome
    }
    /// Resumes the waiter with its outcome.
    @inlinable func resume() { turn.resume(returning: outcome) }
  }

  @usableFromInline var line: [(id: Int, payload: Payload, turn: Turn?)] = []
  @usableFromInline var decided: [Int: WaitOutcome<Granted>] = [:]
  @usableFromInline var nextID = 0

  @usableFromInline init() {}

  /// Whether nobody waits.
  @inlinable var isEmpty: Bool { line.isEmpty }
  /// How many wait.
  @inlinable var count: Int { line.count }

  /// Joins the back of the line with `payload`; returns the ticket.
  @inlinable func join(_ payload: Payload) -> Int {
    defer { nextID += 1 }
    line.append((nextID, payload, nil))
    return nextID
  }

  /// Serves the first waiter: takes it out of the line with what `grant` gives it. Returns its
  /// payload, and whom to wake (none if it has not suspended yet: it finds its outcome then).
  @inlinable func serveFirst(
    _ grant: (Payload) -> Granted
  ) -> (payload: Payload, wake: Wake?)? {
    guard !line.isEmpty else { return nil }
    let first = line.removeFirst()
    return (first.payload, settle(first.id, first.turn, .granted(grant(first.payload))))
  }

  /// Serves every waiter at once (a queue's `join` when the last task is done).
  @inlinable func serveAll(_ granted: Granted) -> [Wake] {
    var woken: [Wake] = []
    while let served = serveFirst({ _ in granted }) { served.wake.map { woken.append($0) } }
    return woken
  }

  /// Takes the waiter `id` out of the line with `outcome` (timed out, cancelled), unless it was
  /// served first; whom to wake.
  @inlinable func leave(_ id: Int, _ outcome: WaitOutcome<Granted>) -> Wake? {
    guard let index = line.lastIndex(where: { $0.id == id }) else { return nil }
    let waiter = line.remove(at: index)
    return settle(id, waiter.turn, outcome)
  }

  /// The waiter `id` suspends with `turn`: its outcome, if one was decided in between.
  @inlinable func suspend(_ id: Int, _ turn: Turn) -> WaitOutcome<Granted>? {
    if !decided.isEmpty, let outcome = decided.removeValue(forKey: id) { return outcome }
    if let index = line.lastIndex(where: { $0.id == id }) { line[index].turn = turn }
    return nil
  }

  @inlinable func settle(
    _ id: Int, _ turn: Turn?, _ outcome: WaitOutcome<Granted>
  ) -> Wake? {
    guard let turn else {
      decided[id] = outcome
      return nil
    }
    return Wake(turn: turn, outcome: outcome)
  }
}

/// Waits with ticket `id` in `line`, guarded by `lock`, until served, `deadline` passes (`nil`:
/// never), or the task is cancelled.
@inlinable func waitInLine<Payload: Sendable, Granted: Sendable>(
  _ id: Int, _ line: WaitLine<Payload, Granted>, under lock: NSLock,
  until deadline: Deadline
) async -> WaitOutcome<Granted> {
  guard case .at(let deadline) = deadline else { return await suspend(id, line, under: lock) }
  return await waitInLine(id, line, under: lock, until: deadline)
}

/// The timed wait: the deadline is a child task that, when its sleep ends, takes the waiter out
/// of the line under the lock — unless it was served first. Not inlined: it uses the run's sleep.
@usableFromInline func waitInLine<Payload: Sendable, Granted: Sendable>(
  _ id: Int, _ line: WaitLine<Payload, Granted>, under lock: NSLock,
  until deadline: ContinuousClock.Instant
) async -> WaitOutcome<Granted> {
  await withTaskGroup { timer in
    timer.addTask {
      // Cancelled: the wait is over, or the task was cancelled, which its handler settles. A
      // stop request (in a run) ends the sleep too: it times out then.
      do { try await sleep(until: deadline) } catch { if Task.isCancelled { return } }
      lock.withLock { line.leave(id, .timedOut) }?.resume()
    }
    let outcome = await suspend(id, line, under: lock)
    timer.cancelAll()
    return outcome
  }
}

@inlinable func suspend<Payload: Sendable, Granted: Sendable>(
  _ id: Int, _ line: WaitLine<Payload, Granted>, under lock: NSLock
) async -> WaitOutcome<Granted> {
  await withTaskCancellationHandler {
    await withUnsafeContinuation { (turn: WaitLine<Payload, Granted>.Turn) in
      if let outcome = lock.withLock({ line.suspend(id, turn) }) {
        turn.resume(returning: outcome)
      }
    }
  } onCancel: {
    lock.withLock { line.leave(id, .cancelled) }?.resume()
  }
}

/// The longest wait a timeout asks for: 10⁹ real seconds, about 31 years. Longer ones (`Int.max`
/// notebook seconds, `Duration.seconds(Int64.max)`) are clamped to it, where `Task.sleep(until:)`
/// would trap ("Not enough bits") and Python raises `OverflowError` past `TIMEOUT_MAX`.
let longestWait = Duration.seconds(1_000_000_000)

/// When a timeout of `seconds` notebook seconds that begins now ends (paced in a run), clamped.
func timeoutDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  min(sleepDeadline(seconds), .now + longestWait)
}

/// When a timeout of `duration` (real time) that begins now ends, clamped; a negative one has
/// already passed.
func timeoutDeadline(_ duration: Duration) -> ContinuousClock.Instant {
  .now + min(duration, longestWait)
}

// MARK: - from Sources/TaskVersions/Support/Python.swift

/// Python: `print(*items)`: the items joined by spaces, `True`/`False` for a `Bool`. A run that
/// was asked to stop prints nothing more. `terminator` is ignored (each call is one line); it is
/// there so that this function shadows `Swift.print` for every call: without it, a call with three
/// or more items (`print("a", 1, "b")`) chose `Swift.print` and bypassed the run.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let line = items.map(NotebookText.str).joined(separator: separator)
  Swift.print(line)
}

/// Python: `time.sleep(seconds)`. Throws `CancellationError` when the task is cancelled, or the
/// run is asked to stop.
func sleep(_ seconds: Int) async throws {
  try await sleep(seconds, noted: true)
}

/// A sleep on the run's clock, noted in its timeline or not (a helper task's sleep is no lane's).
func sleep(_ seconds: Int, noted: Bool) async throws {
  try await sleep(until: sleepDeadline(seconds))
}

/// Sleeps until `deadline`, taken by a caller before it starts the task that sleeps: a race
/// against the time (a timeout) then ends on time however late that task began. A stop request
/// ends it as it ends every sleep of the run.
func sleep(until deadline: ContinuousClock.Instant) async throws {
  try await Task.sleep(until: deadline, clock: .continuous)
}

/// The longest wait in notebook seconds a deadline is computed for (10⁹, about 31 years at the
/// notebook's pace): a longer one (`Int.max`) is clamped to it rather than overflow.
let longestNotebookWait = 1_000_000_000

/// When a wait of `seconds` notebook seconds that begins now ends: on the run's clock in a run,
/// else in real seconds. Clamped to `longestNotebookWait`.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  let seconds = min(seconds, longestNotebookWait)
  return .now + .seconds(seconds)
}

/// Python: `time.ctime(time.time())`.
func ctime() -> String {
  return NotebookText.ctime(.now)
}

// MARK: - from Sources/ThreadsToTasksCore/NotebookText.swift

/// How Python prints things, so every paradigm prints the same lines.
public enum NotebookText {
  private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Python's `time.ctime(t)`: `"Wed Nov  5 10:00:00 2026"`, the day padded with a space.
  ///
  /// Without `timeZone`, in the C library's local time, as Python's `time.ctime` (`localtime`):
  /// whatever `TZ` holds — `:Europe/Berlin`, `XYZ-5:30`, `<+0545>-5:45` — both print the same
  /// wall time. (Foundation's `TimeZone.current` reads `TZ` otherwise, and falls back to UTC on
  /// forms it does not know.) The seconds are rounded down, as Python's are. With `timeZone`, in
  /// that zone.
  ///
  /// `DateFormatter` cannot pad with a space (`d` gives "5", `dd` gives "05"), so the fields are
  /// assembled by hand.
  public static func ctime(_ date: Date, timeZone: TimeZone? = nil) -> String {
    guard let timeZone else { return localCtime(date) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents(
      [.weekday, .month, .day, .hour, .minute, .second, .year], from: date)
    return format(
      weekday: (parts.weekday ?? 1) - 1, month: (parts.month ?? 1) - 1, day: parts.day ?? 0,
      hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0,
      year: parts.year ?? 0)
  }

  /// `ctime` in the C library's local time (`localtime_r`, after `tzset` reads `TZ`).
  private static func localCtime(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var fields = tm()
    tzset()
    guard localtime_r(&seconds, &fields) != nil else {
      return ctime(date, timeZone: TimeZone(identifier: "UTC"))
    }
    return format(
      weekday: Int(fields.tm_wday), month: Int(fields.tm_mon), day: Int(fields.tm_mday),
      hour: Int(fields.tm_hour), minute: Int(fields.tm_min), second: Int(fields.tm_sec),
      year: Int(fields.tm_year) + 1900)
  }

  private static func format(
    weekday: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, year: Int
  ) -> String {
    func padded(_ value: Int, with pad: Character) -> String {
      let digits = String(value)
      return digits.count < 2 ? String(pad) + digits : digits
    }
    return "\(weekdays[weekday]) \(months[month]) \(padded(day, with: " ")) "
      + "\(padded(hour, with: "0")):\(padded(minute, with: "0")):\(padded(second, with: "0")) \(year)"
  }

  /// `line` split into its text and the ctime stamp it ends with: `("thread1:", "Wed Nov  5
  /// 10:00:01 2026")`, or `(line, nil)` when it ends with none.
  public static func splitStamp(_ line: String) -> (text: String, stamp: String?) {
    let characters = Array(line)
    guard characters.count >= 24 else { return (line, nil) }
    let stamp = String(characters.suffix(24))
    let fields = stamp.split(separator: " ", omittingEmptySubsequences: true)
    guard fields.count == 5, weekdays.contains(String(fields[0])),
      months.contains(String(fields[1])), fields[3].count == 8, fields[4].count == 4,
      stamp.dropFirst(7).prefix(2).trimmingCharacters(in: .whitespaces).allSatisfy(\.isNumber)
    else { return (line, nil) }
    let text = String(characters.dropLast(24))
    return (text.hasSuffix(" ") ? String(text.dropLast()) : text, stamp)
  }

  /// An item as Python's `print` shows it: `True`/`False` for a `Bool`, else its description.
  public static func str(_ item: Any) -> String {
    if let flag = item as? Bool { return flag ? "True" : "False" }
    return String(describing: item)
  }
}

// MARK: - main

// Detached: off the main actor, so `Task.immediate` runs a child at once, as in a run.
try await Task.detached(name: "MainThread") { try await producerConsumer() }.value
