// Threading Module, structured concurrency:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/TaskVersions/Examples/ThreadingModule.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 task.swift -o example && ./example`

import Foundation

// Notebook, "Threading Module": `do_async_job(name, delay)` and the list of what the `threading`
// module offers. Each item of that list is used once here and its answer printed; a `Task`
// handle lacks `is_alive`, a timed join and a task list, which `JoinableTask` supplies.

/// Python: `do_async_job(threadName, delay)`: print the time, then sleep.
func doAsyncJob(_ threadName: String, _ delay: Int) async throws {
  print("\(threadName): \(ctime())")
  try await sleep(delay)
}

func threadingModule() async throws {
  // Python: `threading.current_thread().name`. A task reads its own name with `Task.name`.
  print("current thread:", Task.name ?? "?")
  print("active count:", activeCount())

  // Python: `threading.Thread(target=…, name=…)` and `start()`: a task starts when it is made.
  let job1 = JoinableTask(name: "job-1") { try await doAsyncJob(Task.name ?? "?", 3) }
  let job2 = JoinableTask(name: "job-2") { try await doAsyncJob(Task.name ?? "?", 1) }
  print("active count:", activeCount())
  print("enumerate:", enumerate().joined(separator: ", "))
  print("job-1 is alive:", job1.isAlive)

  await job2.join()
  print("job-2 is alive:", job2.isAlive)
  print("active count:", activeCount())

  // A join with a timeout returns when the time is up, finished or not: ask `isAlive`.
  await job1.join(timeout: 1)
  print("after join(timeout=1), job-1 is alive:", job1.isAlive)
  print("name:", job1.name)
  // A task's own name is fixed when it is made: this changes the label kept beside it.
  job1.name = "job-1 renamed"
  print("renamed:", job1.name)

  await job1.join()
  print("job-1 is alive:", job1.isAlive)
  print("enumerate:", enumerate().joined(separator: ", "))
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

/// Python: `threading.active_count()`, counting the `JoinableTask`s alive and the main task.
func activeCount() -> Int { RunContext.current?.roster.count ?? 1 }

/// Python: `[t.name for t in threading.enumerate()]`.
func enumerate() -> [String] { RunContext.current?.roster.running ?? [Task.name ?? "?"] }

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
try await Task.detached(name: "MainThread") { try await threadingModule() }.value
