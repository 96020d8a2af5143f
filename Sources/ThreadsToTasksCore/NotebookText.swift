import Foundation

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
