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

// MARK: - from Sources/TaskVersions/Support/AsyncSemaphore.swift

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

// MARK: - from Sources/TaskVersions/Support/JoinableTask.swift

/// A task with what Python's `threading.Thread` has and a `Task` handle lacks: `isAlive`, a
/// `join(timeout:)` that gives up, and a name to read and change.
///
/// A `Task` starts when it is created (there is no separate `start()`), can be awaited or
/// cancelled, and that is all. Its name (`Task.name`, read inside it) is fixed at creation, so
/// `name` here is a label kept beside the task: changing it does not rename the running task.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `Thread(target=f, name="a").start()` | `JoinableTask(name: "a") { … }` | different: made and started at once, running up to its first suspension inside the call, as `start()` lets a new thread run; a body that never suspends runs to its end before the call returns |
/// | `join()` | `await join()` | same |
/// | `join(timeout=1)` | `await join(timeout: 1)` (notebook seconds) or `join(timeout: .milliseconds(20))` (real time) | same: returns when the time is up; ask `isAlive` |
/// | `join(0)`, `join(-1)` | `join(timeout: 0)`, `join(timeout: -1)` | same: no wait |
/// | `join(1e10)` | `join(timeout: .max)` | a finished task returns at once; otherwise a wait clamped to 10⁹ s (Python: `OverflowError` past `TIMEOUT_MAX`) |
/// | a thread joining itself: `RuntimeError: cannot join current thread` | a `JoinableTask` joining itself | same words, but a trap (`fatalError`): `join` does not throw, and it could only wait for good |
/// | `is_alive()`, `name` | `isAlive`, `name` | same |
/// | `threading.enumerate()`, `threading.active_count()` | `JoinableTask.active`, `.active.count` | the `JoinableTask`s alive, in the order they started; the main thread is none of them (`enumerate()` adds it) |
final class JoinableTask: Sendable {
  private let finished = Latch()
  private let label: Locked<String>
  /// The running task's identity, to refuse a join of itself.
  private let identity = Locked<Int?>(nil)
  /// Every `JoinableTask` whose operation has not returned, in the order they started: what
  /// Python's `threading._active` is to threads. The Swift runtime keeps no list of tasks.
  private static let alive = Locked<[JoinableTask]>([])

  /// Starts `operation` as a task called `name`, running it at once up to its first suspension,
  /// as Python's `start()` lets a new thread run. Python: `Thread(target=…, name=…).start()`.
  init(name: String, operation: @escaping @Sendable () async throws -> Void) {
    let finished = self.finished
    let identity = self.identity
    label = Locked(name)
    Self.alive.withLock { $0.append(self) }
    Task.immediate(name: name) {
      identity.withLock { $0 = withUnsafeCurrentTask { $0?.hashValue } }
      // An error (a stopped sleep) ends the task, as an exception ends a Python thread.
      try? await operation()
      Self.alive.withLock { $0.removeAll { $0 === self } }
      finished.open()
    }
  }

  /// The label. Python: `thread.name` (and the deprecated `getName()` / `setName()`).
  var name: String {
    get { label.withLock { $0 } }
    set {
      label.withLock { $0 = newValue }
    }
  }

  /// True until the task's operation has returned. Python: `is_alive()`.
  var isAlive: Bool { !finished.isOpen }

  /// The `JoinableTask`s alive now, in the order they started. Python: `threading.enumerate()`
  /// without the main thread.
  static var active: [JoinableTask] { alive.withLock { $0 } }

  /// Suspends until the task has finished. Python: `join()`.
  ///
  /// The task joining itself traps with Python's message, "cannot join current thread".
  func join() async {
    refuseJoiningItself()
    await finished.wait()
  }

  /// Suspends until the task has finished or `seconds` notebook seconds have passed (paced in a
  /// run); ask `isAlive` which. Zero or negative: no wait, as in Python; a finished task returns
  /// at once; a wait longer than 10⁹ s is clamped to that. Python: `join(timeout=seconds)`.
  ///
  /// The task joining itself traps with Python's message, "cannot join current thread".
  func join(timeout seconds: Int) async {
    await join(until: seconds <= 0 ? .now : timeoutDeadline(seconds))
  }

  /// `join(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  func join(timeout: Duration) async {
    await join(until: timeoutDeadline(timeout))
  }

  private func join(until deadline: ContinuousClock.Instant) async {
    refuseJoiningItself()
    // Finished, or no time to wait: at once. Else the end races a sleep (on the run's clock, so
    // a stopped run ends it too); the loser is cancelled, and neither is left running.
    guard isAlive, deadline > .now else { return }
    await withTaskGroup { race in
      race.addTask { await self.finished.wait() }
      race.addTask { try? await sleep(until: deadline) }
      await race.next()
      race.cancelAll()
    }
  }

  private func refuseJoiningItself() {
    let me = withUnsafeCurrentTask { $0?.hashValue }
    if me != nil, identity.withLock({ $0 }) == me { fatalError("cannot join current thread") }
  }
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

/// Python: `threading.active_count()`: the main thread and every `JoinableTask` alive.
func activeCount() -> Int {
  return 1 + JoinableTask.active.count
}

/// Python: `[t.name for t in threading.enumerate()]`: the main thread first (`MainThread`, where
/// a program's top-level code runs), then every `JoinableTask` alive, in the order they started.
func enumerate() -> [String] {
  return ["MainThread"] + JoinableTask.active.map(\.name)
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

// MARK: - main

// Detached: off the main actor, so `Task.immediate` runs a child at once, as in a run.
try await Task.detached(name: "MainThread") { try await threadingModule() }.value
