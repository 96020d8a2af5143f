// Starting with thread, structured concurrency:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/TaskVersions/Examples/StartingWithThread.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 task.swift -o example && ./example`

import Foundation

// Notebook, "Starting with thread": `_thread.start_new_thread` starts two fire-and-forget workers
// that change a shared dictionary after 1 and 2 seconds. Here each worker is an unstructured
// `Task`, the nearest thing to a thread nobody joins, and the dictionary belongs to an actor.

/// The dictionary both workers write into: Python's `origin_value`.
///
/// Python hands the dict itself to each thread, and every thread sees the one object. A Swift
/// `Dictionary` is a value: a task that captured one would change its own copy, and Swift 6
/// refuses to let two tasks capture a `var` at all. So the shared dictionary lives in an actor,
/// which lets one task at a time in.
actor SharedDictionary {
  private var values: [String: any Sendable]

  init(_ values: [String: any Sendable]) { self.values = values }

  func set(_ key: String, _ value: any Sendable) { values[key] = value }

  /// A copy of the contents now: a value that later writes do not change.
  var copy: [String: any Sendable] { values }

  /// As Python prints a dict: `{'a': 1, 'b': 'changed'}`.
  var description: String { pythonRepr(values) }
}

/// Python: `change_value(dir, key, value, delay)`.
func changeValue(_ dir: SharedDictionary, _ key: String, _ value: String, _ delay: Int)
  async throws

{
  try await sleep(delay)
  await dir.set(key, value)
}

func startingWithThread() async throws {
  let originValue = SharedDictionary(["a": 1, "b": 2])
  let copy = await originValue.copy

  // port: an unstructured task, unlike a detached thread, hands back a handle; the main flow
  // keeps both and awaits them. The notebook has no wait: its next cell is run by hand, later.
  var workers: [Task<Void, any Error>] = []
  for (key, delay) in [("a", 1), ("b", 2)] {
    workers.append(Task { try await changeValue(originValue, key, "changed", delay) })
  }
  print(await originValue.description)  // port: the workers are still asleep

  for worker in workers { try await worker.value }
  print(await originValue.description)
  print("a copy taken before the start:", pythonRepr(copy))
}

/// Python's `repr` of a dict with string keys, in key order (a Swift `Dictionary` keeps none).
func pythonRepr(_ dictionary: [String: any Sendable]) -> String {
  let items = dictionary.keys.sorted().map { key in
    let value = dictionary[key]!
    return "'\(key)': " + (value is String ? "'\(value)'" : "\(value)")
  }
  return "{" + items.joined(separator: ", ") + "}"
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
try await Task.detached(name: "MainThread") { try await startingWithThread() }.value
