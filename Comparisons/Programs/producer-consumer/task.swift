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

// MARK: - from Sources/TaskVersions/Support/Python.swift

// What Python's `print`, `time.sleep`, `time.ctime`, `random.randint` and the `threading`
// module's functions are to the task examples. An example calls them as plain functions; inside a
// run they print into the run's transcript, under the name of the task that prints, and sleep on
// the run's clock; outside a run they do what a plain program does (`Swift.print`, `Task.sleep`,
// the real date). The standalone programs on the pages define them in a few lines.

/// The run the current task belongs to. A task-local value: every child task and every `Task`
/// an example starts inherits it, so runs side by side never mix.
enum RunContext {
  @TaskLocal static var current: ExampleContext?
  /// The name a task's lines go under when it has no `Task.name` (see `named`).
  @TaskLocal static var lane: String?
}

/// Python: `print(*items)`: the items joined by spaces, `True`/`False` for a `Bool`. A run that
/// was asked to stop prints nothing more. `terminator` is ignored (each call is one line); it is
/// there so that this function shadows `Swift.print` for every call: without it, a call with three
/// or more items (`print("a", 1, "b")`) chose `Swift.print` and bypassed the run.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let line = items.map(NotebookText.str).joined(separator: separator)
  guard let context = RunContext.current else { return Swift.print(line) }
  guard !context.stop.isRequested else { return }
  context.recorder.print(line, lane: currentLane)
}

/// The name the current task's lines go under: its own, the one `named` gave it, or, for a task
/// nobody named, a `Dummy-N` as Python names a thread it did not start.
var currentLane: String {
  Task.name ?? RunContext.lane
    ?? RunContext.current?.dummyName(for: withUnsafeCurrentTask { $0?.hashValue }) ?? "?"
}

/// Python: `time.sleep(seconds)`. Throws `CancellationError` when the task is cancelled, or the
/// run is asked to stop.
func sleep(_ seconds: Int) async throws {
  try await sleep(seconds, noted: true)
}

/// A sleep on the run's clock, noted in its timeline or not (a helper task's sleep is no lane's).
func sleep(_ seconds: Int, noted: Bool) async throws {
  guard let context = RunContext.current else {
    return try await Task.sleep(for: .seconds(seconds))
  }
  let lane = currentLane
  let deadline = context.sleepDeadline(seconds, lane: lane)
  let from = context.clock.elapsed()
  defer { if noted { context.recorder.note(.sleep, lane: lane, from: from) } }
  try await sleep(until: deadline)
}

/// Sleeps until `deadline`, taken by a caller before it starts the task that sleeps: a race
/// against the time (a timeout) then ends on time however late that task began. A stop request
/// ends it as it ends every sleep of the run.
func sleep(until deadline: ContinuousClock.Instant) async throws {
  guard let context = RunContext.current else {
    return try await Task.sleep(until: deadline, clock: .continuous)
  }
  try await context.stop.sleep(until: deadline)
  context.noteWake(deadline: deadline)
}

/// When a wait of `seconds` notebook seconds that begins now ends: on the run's clock in a run,
/// else in real seconds.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  RunContext.current?.clock.deadline(afterSleeping: seconds) ?? .now + .seconds(seconds)
}

/// Python: `time.ctime(time.time())`.
func ctime() -> String { RunContext.current?.ctime() ?? NotebookText.ctime(.now) }

// MARK: - from Sources/ThreadsToTasksCore/NotebookText.swift

/// How Python prints things, so every paradigm prints the same lines.
public enum NotebookText {
  private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Python's `time.ctime(t)`: `"Wed Nov  5 10:00:00 2026"`, the day padded with a space.
  ///
  /// `DateFormatter` cannot pad with a space (`d` gives "5", `dd` gives "05"), so the fields are
  /// assembled by hand.
  public static func ctime(_ date: Date, timeZone: TimeZone = .current) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents(
      [.weekday, .month, .day, .hour, .minute, .second, .year], from: date)
    func padded(_ value: Int?, with pad: Character) -> String {
      let digits = String(value ?? 0)
      return digits.count < 2 ? String(pad) + digits : digits
    }
    let weekday = weekdays[(parts.weekday ?? 1) - 1]
    let month = months[(parts.month ?? 1) - 1]
    return "\(weekday) \(month) \(padded(parts.day, with: " ")) "
      + "\(padded(parts.hour, with: "0")):\(padded(parts.minute, with: "0"))"
      + ":\(padded(parts.second, with: "0")) \(parts.year ?? 0)"
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

// MARK: - from Sources/ThreadsToTasksCore/Locked.swift

/// A value that is only ever read or written while holding an `NSLock`.
///
/// The package's one hand-made `Sendable` container. `NSLock` rather than `Mutex` because
/// ThreadSanitizer reports false races on `Mutex` on this toolchain, and the suite must run clean
/// under it.
public final class Locked<Value: Sendable>: @unchecked Sendable {  // safe: all under `lock`
  private let lock = NSLock()
  private var value: Value

  /// A container holding `value`.
  public init(_ value: Value) { self.value = value }

  /// Runs `body` with exclusive access to the value. Keep `body` short: it runs under the lock.
  public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    try lock.withLock { try body(&value) }
  }
}

// MARK: - main

// Detached: off the main actor, so `Task.immediate` runs a child at once, as in a run.
try await Task.detached(name: "MainThread") { try await producerConsumer() }.value
