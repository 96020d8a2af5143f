// Simple threading, structured concurrency:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/TaskVersions/Examples/SimpleThreading.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 task.swift -o example && ./example`

import Foundation

// Notebook, "Simple threading": a `threading.Thread` subclass whose `run()` prints, sleeps a random
// 1-4 seconds and prints again; the main flow joins thread1, then thread2. Here `run()` is an
// async function, each thread a task, and `join()` awaits the task's value.

/// Python: `SimpleThreading.run()`.
func simpleThreading(_ name: String, delay: Int) async throws {
  print("Starting thread", name)
  try await doAsyncJob(name, delay)
  print("Exiting", name)
}

func simpleThreading() async throws {
  // port: the notebook draws each delay inside `run()`, so which thread gets which delay depends
  // on which runs first. Drawn here, before either starts, one seed fixes both.
  let delay1 = randint(1, 4)
  let delay2 = randint(1, 4)

  // Python: `thread1.start()`. `Task.immediate` runs the new task at once, up to its first
  // suspension, before the main flow goes on, as Python's `start()` usually lets a thread run.
  let thread1 = Task.immediate(name: "thread1") {
    try await simpleThreading("thread1", delay: delay1)
  }
  let thread2 = Task.immediate(name: "thread2") {
    try await simpleThreading("thread2", delay: delay2)
  }

  // thread2 may finish first; main still waits for thread1 before it looks at thread2.
  print("wait thread1")
  try await thread1.value
  print("wait thread2")
  try await thread2.value
  print("Done")
}

/// The same with `async let`, the structured way to start a child: its children are queued on the
/// cooperative pool and the main flow goes straight on, so `wait thread1` nearly always prints
/// first — an ordering Python's `start()` never gave in 200 runs, though the program allows it.
/// (`swift run side-by-side simple-threading --async-let`.)
func simpleThreadingWithAsyncLet() async throws {
  let delay1 = randint(1, 4)
  let delay2 = randint(1, 4)

  // `async let` takes no name: `named` gives each child's lines their thread's name.
  async let thread1: Void = named("thread1") { try await simpleThreading("thread1", delay: delay1) }
  async let thread2: Void = named("thread2") { try await simpleThreading("thread2", delay: delay2) }

  print("wait thread1")
  try await thread1
  print("wait thread2")
  try await thread2
  print("Done")
}

// MARK: - from Sources/TaskVersions/Support/Python.swift

// What Python's `print`, `time.sleep`, `time.ctime`, `random.randint` and the `threading`
// module's functions are to the task examples: plain functions, doing what a plain program's
// would (`Swift.print`, `Task.sleep`, the real date, the tasks alive now). The lines between
// `run: begin` and `run: end` are what a run of the package adds: there, a task that belongs to a
// run prints into the run's transcript under its own name and sleeps on the run's clock.

/// Runs `operation` with its lines printed under `name`: for an `async let` child, which cannot
/// be named as a `Task` can.
func named<Result: Sendable>(
  _ name: String, _ operation: () async throws -> Result
) async rethrows -> Result {
  return try await operation()
}

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

/// Python: `random.randint(low, high)`; seeded in a run, so every paradigm draws the same.
func randint(_ low: Int, _ high: Int) -> Int {
  return Int.random(in: low...high)
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

// MARK: - from Sources/TaskVersions/Examples/ThreadingModule.swift

// Notebook, "Threading Module": `do_async_job(name, delay)` and the list of what the `threading`
// module offers. Each item of that list is used once here and its answer printed; a `Task`
// handle lacks `is_alive`, a timed join and a task list, which `JoinableTask` supplies.

/// Python: `do_async_job(threadName, delay)`: print the time, then sleep.
func doAsyncJob(_ threadName: String, _ delay: Int) async throws {
  print("\(threadName): \(ctime())")
  try await sleep(delay)
}

// MARK: - main

// Detached: off the main actor, so `Task.immediate` runs a child at once, as in a run.
try await Task.detached(name: "MainThread") { try await simpleThreading() }.value
