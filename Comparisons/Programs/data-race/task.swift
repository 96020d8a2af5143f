// Read, modify, write, structured concurrency:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/TaskVersions/Examples/DataRace.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 task.swift -o example && ./example`

import Foundation

// The rest of the toolbox, read, modify, write: four tasks add to one count. Swift 6 refuses to
// compile the unguarded version (a captured `var` changed by concurrent tasks). An actor keeps
// the count: each call of `addOne()` is one step no other call can come between — as long as
// nothing inside it awaits (see the page's anti-solution).

/// The count the workers share. Python: the count and the `threading.Lock` around it.
actor SharedCount {
  private(set) var value = 0

  /// One update: the read and the write in one actor step, with no `await` between them.
  func addOne() {
    let value = self.value
    self.value = value + 1
  }
}

func addOne(to shared: SharedCount, times: Int) async {
  for _ in 0..<times {
    // The hop onto the actor is the `with lock:` of the thread version.
    await shared.addOne()
  }
  print("added", times)
}

func dataRace(workers: Int = 4, times: Int = 100) async {
  let shared = SharedCount()
  await withTaskGroup { threads in
    for n in 1...workers {
      threads.addImmediateTask(name: "worker\(n)") { await addOne(to: shared, times: times) }
    }
  }
  print("count:", await shared.value, "of", workers * times)
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
await Task.detached(name: "MainThread") { await dataRace() }.value
