// Stop flags and threading.Event, structured concurrency:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/TaskVersions/Examples/StopFlags.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 task.swift -o example && ./example`

import Foundation

// Beyond the notebook, stop flags: a worker loop that checks a flag each round and waits in
// between, so that raising the flag also ends the wait. Python uses a `threading.Event` for both.
// A task has both built in: `cancel()` raises its flag, `Task.isCancelled` reads it, and a
// cancelled task's sleep ends at once. Still cooperative: a task that never looks runs on.

/// Python: `def worker()`.
func worker() async {
  var rounds = 0
  // Python: `while not stop.is_set()`. Or `try Task.checkCancellation()`, which throws instead.
  while !Task.isCancelled {
    rounds += 1
    print("round", rounds)
    // Python: `stop.wait(2)`. Cancelling the task ends this sleep at once, with an error that
    // `try?` drops, so the loop looks at the flag.
    try? await sleep(2)
  }
  print("stopping after", rounds, "rounds")
}

func stopFlags() async throws {
  let workerTask = Task.immediate(name: "worker") { await worker() }
  // An unstructured task is not cancelled with the task that made it: pass cancellation on.
  try await withTaskCancellationHandler {
    try await sleep(3)
  } onCancel: {
    workerTask.cancel()
  }

  print("asking the worker to stop")
  // Python: `stop.set()`. Cooperative: this raises the flag and ends the worker's sleep.
  workerTask.cancel()
  await workerTask.value
  print("worker joined")

  // Python: `event.wait(timeout)` returns the flag: `False` when the time ran out.
  print("wait(1) on an event nobody sets:", try await ThreadingEvent().wait(timeout: 1))
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

// MARK: - from Sources/TaskVersions/Support/ThreadingEvent.swift

/// Python's `threading.Event` for tasks: a flag that starts clear, that `set()` raises for good,
/// and that `wait` suspends on until it is raised.
///
/// For the one use a task needs most — "stop now" — cancellation is built in and needs no event
/// (see stop-flags). An event is for the other signals: "I have the lock", "the data is ready".
/// Built on the core's `Latch`; a timed wait counts its seconds on the run's clock, like `sleep`.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `threading.Event()` | `ThreadingEvent()` | same |
/// | `set()`, `is_set()` | `set()`, `isSet` | same (no `clear()`: no example needs one) |
/// | `wait()` | `try await wait()` | same; throws `CancellationError` if cancelled first |
/// | `wait(timeout=1)`, returns the flag | `try await wait(timeout: 1)` (notebook seconds) or `wait(timeout: .milliseconds(20))` (real time) | same |
/// | `wait(0)`, `wait(-1)` | `wait(timeout: 0)`, `wait(timeout: -1)` | same: a look at the flag |
/// | `wait(1e10)` on a set event: `True` | `wait(timeout: .max)` | same: the flag is read first; on a clear one, a wait clamped to 10⁹ s |
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

  /// Suspends until the flag is raised or `seconds` notebook seconds have passed (paced in a
  /// run); returns the flag. A raised flag returns `true` at once, whatever `seconds`; zero or
  /// negative is a look at the flag, as in Python; a wait longer than 10⁹ s is clamped to that.
  /// Python: `event.wait(timeout=seconds)`.
  /// - Throws: `CancellationError` if the task is cancelled before the flag is raised.
  @discardableResult
  public func wait(timeout seconds: Int) async throws -> Bool {
    if latch.isOpen { return true }
    return try await latch.wait(until: seconds <= 0 ? .now : timeoutDeadline(seconds))
  }

  /// `wait(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  /// - Throws: `CancellationError` if the task is cancelled before the flag is raised.
  @discardableResult
  public func wait(timeout: Duration) async throws -> Bool {
    try await latch.wait(until: timeoutDeadline(timeout))
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
try await Task.detached(name: "MainThread") { try await stopFlags() }.value
