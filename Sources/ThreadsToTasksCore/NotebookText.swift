import Foundation

/// How the notebook's Python prints things, so both Swift versions print the same lines.
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

  /// Python's `repr` of a `dict` with string keys: `{'a': 1, 'b': 'changed'}`, keys sorted (a
  /// Swift `Dictionary` has no insertion order to keep).
  public static func repr(_ dictionary: [String: Value]) -> String {
    let items = dictionary.keys.sorted().map { "'\($0)': \(dictionary[$0]!)" }
    return "{" + items.joined(separator: ", ") + "}"
  }

  /// A value in the notebook's dictionary: Python's `1` or `'changed'`.
  public enum Value: Sendable, Hashable, CustomStringConvertible {
    /// A Python `int`.
    case int(Int)
    /// A Python `str`.
    case string(String)

    /// The value as Python's `repr` prints it.
    public var description: String {
      switch self {
      case .int(let value): String(value)
      case .string(let value): "'\(value)'"
      }
    }
  }
}

extension NotebookText {
  /// Python's `repr` of a `bool`: `True` or `False`.
  public static func repr(_ value: Bool) -> String { value ? "True" : "False" }
}
