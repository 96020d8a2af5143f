// Timeouts, structured concurrency:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/TaskVersions/Examples/Timeouts.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 task.swift -o example && ./example`

import Foundation

// Beyond the notebook, timeouts: `Lock.acquire(timeout=)`, `Thread.join(timeout)` and
// `Future.result(timeout=)`. Structured concurrency has no timeout built in: `withTimeout` races
// the work against a sleep and cancels the loser. Where the loser is a wait (the acquire), that
// is Python's timeout; where it is the work itself (the job), the work stops too, by design.

/// Python: `def slow_square(n)`.
func slowSquare(_ n: Int) async throws -> Int {
  try await sleep(2)
  return n * n
}

func timeouts() async throws {
  let lock = AsyncLock()
  let hasTheLock = ThreadingEvent()
  let holder = JoinableTask(name: "holder") {
    // Python: `with lock:`.
    try await lock.acquire()
    defer { lock.release() }
    hasTheLock.set()
    print("holder has the lock")
    try await sleep(3)
    print("holder lets go")
  }
  // Wait until the holder has it: a started task may not have reached the lock yet.
  try await hasTheLock.wait()

  // Python: `lock.acquire(timeout=1)`. The acquire loses the race and is cancelled, which takes
  // it out of the lock's queue: it never gets the lock later.
  let acquired = (try? await withTimeout(1) { try await lock.acquire() }) ?? false
  print("acquire(timeout=1):", acquired)
  if acquired { lock.release() }

  // Python: `holder.join(timeout=1)`: returns when the time is up, finished or not.
  await holder.join(timeout: 1)
  print("join(timeout=1): holder is alive:", holder.isAlive)

  // Python: `future.result(timeout=1)`. Here the job itself runs in the race, so losing cancels
  // it: there is no result to ask for afterwards, where Python's job runs on.
  do {
    print("result(timeout=1):", try await withTimeout(1) { try await slowSquare(3) })
  } catch is TimeoutError {
    print("result(timeout=1): TimeoutError")
  }

  await holder.join()
  print("done")
}

// MARK: - from Sources/TaskVersions/Support/AsyncLock.swift

/// A lock for tasks: `acquire()` suspends until the lock is free, first come, first served;
/// `release()` is synchronous, so it can sit in a `defer` right after the acquire, as
/// `NSLock.unlock()` does.
///
/// A task cancelled while it waits never enters: if the cancellation comes first, it leaves the
/// queue and throws `CancellationError`; if the lock was handed to it first, it hands the lock on
/// at once and throws all the same.
public final class AsyncLock: Sendable {
  // A lock is a semaphore with one place: the queue, and a cancelled waiter that never enters,
  // are `AsyncSemaphore`'s.
  private let permit = AsyncSemaphore(1)
  private let heldBack: String?
  private let someoneHolds = Latch()
  private let observer: (@Sendable (Transition) -> Void)?

  /// What an observer of the lock is told, in the calling task.
  public enum Transition: Sendable {
    /// The task asks for the lock.
    case acquiring
    /// The task has it.
    case acquired
    /// The task gives it back.
    case released
  }

  /// A free lock. `holdingBack` names a task that waits, at its first acquire, until another task
  /// holds the lock: how a test makes a program's other choice happen in a real run. `observer`
  /// is told each transition, in the task that makes it (a runner draws it on a timeline).
  public init(
    holdingBack lane: String? = nil, observer: (@Sendable (Transition) -> Void)? = nil
  ) {
    heldBack = lane
    self.observer = observer
  }

  /// Python: `threadLock.acquire()`; returns `true`, as Python's does.
  /// - Throws: `CancellationError` if the task is cancelled while it waits.
  @discardableResult
  public func acquire() async throws -> Bool {
    observer?(.acquiring)
    if let heldBack, Task.name == heldBack { await someoneHolds.wait() }
    try await permit.acquire()
    someoneHolds.open()
    observer?(.acquired)
    return true
  }

  /// Python: `threadLock.release()`. Hands the lock to the longest waiter, or frees it.
  /// Releasing a lock nobody holds, a `RuntimeError` in Python, changes nothing here.
  public func release() {
    observer?(.released)
    try? permit.release()
  }

  /// How many tasks wait for the lock.
  public var waitingCount: Int { permit.waitingCount }
}

// MARK: - from Sources/TaskVersions/Support/AsyncSemaphore.swift

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

// MARK: - from Sources/TaskVersions/Support/JoinableTask.swift

/// A task with what Python's `threading.Thread` has and a `Task` handle lacks: `isAlive`, a
/// `join(timeout:)` that gives up, and a name to read and change.
///
/// A `Task` starts when it is created (there is no separate `start()`), can be awaited or
/// cancelled, and that is all. Its name (`Task.name`, read inside it) is fixed at creation, so
/// `name` here is a label kept beside the task: changing it does not rename the running task.
final class JoinableTask: Sendable {
  private let finished = Latch()
  private let label: Locked<String>
  private let token: Int?

  /// Starts `operation` as a task called `name`, running it at once up to its first suspension,
  /// as Python's `start()` lets a new thread run. Python: `Thread(target=…, name=…).start()`.
  init(name: String, operation: @escaping @Sendable () async throws -> Void) {
    let context = RunContext.current
    let token = context?.roster.enter(name)
    let finished = self.finished
    label = Locked(name)
    self.token = token
    Task.immediate(name: name) {
      // An error (a stopped sleep) ends the task, as an exception ends a Python thread.
      try? await operation()
      if let token { context?.roster.leave(token) }
      finished.open()
    }
  }

  /// The label. Python: `thread.name` (and the deprecated `getName()` / `setName()`).
  var name: String {
    get { label.withLock { $0 } }
    set {
      label.withLock { $0 = newValue }
      if let token { RunContext.current?.roster.rename(token, to: newValue) }
    }
  }

  /// True until the task's operation has returned. Python: `is_alive()`.
  var isAlive: Bool { !finished.isOpen }

  /// Suspends until the task has finished. Python: `join()`.
  func join() async {
    let from = RunContext.current?.clock.elapsed()
    await finished.wait()
    if let from { RunContext.current?.recorder.note(.join, lane: currentLane, from: from) }
  }

  /// Suspends until the task has finished or `seconds` have passed; ask `isAlive` which.
  /// Python: `join(timeout=seconds)`. Racing the end against a sleep is the whole trick; the
  /// loser is cancelled, and neither is left running.
  func join(timeout seconds: Int) async {
    let from = RunContext.current?.clock.elapsed()
    defer {
      if let from { RunContext.current?.recorder.note(.join, lane: currentLane, from: from) }
    }
    let deadline = sleepDeadline(seconds)
    await withTaskGroup { race in
      race.addTask { await self.finished.wait() }
      race.addTask { try? await sleep(until: deadline) }
      await race.next()
      race.cancelAll()
    }
  }
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

// MARK: - from Sources/TaskVersions/Support/ThreadingEvent.swift

/// Python's `threading.Event` for tasks: a flag that starts clear, that `set()` raises for good,
/// and that `wait` suspends on until it is raised.
///
/// For the one use a task needs most — "stop now" — cancellation is built in and needs no event
/// (see stop-flags). An event is for the other signals: "I have the lock", "the data is ready".
/// Built on the core's `Latch`; a timed wait counts its seconds on the run's clock, like `sleep`.
public final class ThreadingEvent: Sendable {
  private let latch = Latch()

  /// A clear event. Python: `threading.Event()`.
  public init() {}

  /// Raises the flag and resumes every waiter. Python: `event.set()`.
  public func set() { latch.open() }

  /// Whether the flag is raised. Python: `event.is_set()`.
  public var isSet: Bool { latch.isOpen }

  /// Suspends until the flag is raised. Python: `event.wait()`.
  /// - Throws: `CancellationError` if the task is cancelled first.
  public func wait() async throws {
    await latch.wait()
    if !latch.isOpen { throw CancellationError() }
  }

  /// Suspends until the flag is raised or `seconds` have passed; returns whether it was raised.
  /// Python: `event.wait(timeout=seconds)`.
  /// - Throws: `CancellationError` if the task is cancelled first.
  @discardableResult
  public func wait(timeout seconds: Int) async throws -> Bool {
    try await latch.wait(until: sleepDeadline(seconds))
  }
}

// MARK: - from Sources/TaskVersions/Support/Timeout.swift

/// Python's `TimeoutError`: the time ran out before the work was done.
struct TimeoutError: Error, CustomStringConvertible {
  var description: String { "TimeoutError" }
}

/// Runs `operation`, but for at most `seconds`: Python's `timeout=` for any async work.
///
/// Swift has no built-in for this. The two race in a task group: the operation, and a sleep that
/// throws `TimeoutError`. The first to finish decides; the group cancels the other and waits for
/// it to end before returning. So the operation that lost is cancelled, not left running — and it
/// stops only as soon as it honours cancellation: a sleep, a lock's or a queue's wait ends at
/// once, but `await task.value` of some other task does not, and the race then waits for it.
///
/// - Throws: `TimeoutError` when the time ran out first; the operation's error if it threw
///   first; `CancellationError` if the calling task is cancelled.
func withTimeout<Result: Sendable>(
  _ seconds: Int, _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
  // The deadline is taken now: the sleeping child may start later, but must not end later.
  let deadline = sleepDeadline(seconds)
  return try await withThrowingTaskGroup(of: Result.self) { race in
    race.addTask { try await operation() }
    race.addTask {
      try await sleep(until: deadline)
      throw TimeoutError()
    }
    // Whichever way the first one ends, the other is cancelled, and the group waits for it.
    defer { race.cancelAll() }
    return try await race.next()!
  }
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

// MARK: - from Sources/ThreadsToTasksCore/Latch.swift

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
  @discardableResult
  public func wait(until deadline: ContinuousClock.Instant) -> Bool {
    condition.withLock {
      while !opened {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return false }
        let seconds =
          Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
        // Returns false on time-out and true on a broadcast; the loop re-checks both either way.
        _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
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
  /// Throws `CancellationError` if the task is cancelled.
  public func wait(until deadline: ContinuousClock.Instant) async throws -> Bool {
    try await withThrowingTaskGroup { group in
      group.addTask {
        try await Task.sleep(until: deadline, clock: .continuous)
        return false
      }
      group.addTask {
        await self.wait()
        return true
      }
      defer { group.cancelAll() }
      let opened = try await group.next()!
      try Task.checkCancellation()
      return opened
    }
  }
}

// MARK: - main

// Detached: off the main actor, so `Task.immediate` runs a child at once, as in a run.
try await Task.detached(name: "MainThread") { try await timeouts() }.value
