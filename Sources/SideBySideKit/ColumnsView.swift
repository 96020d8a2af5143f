import Foundation
import ThreadsToTasksCore

/// The default view: live, one row per event, beat on the left, the thread version's line in the
/// left column and the task version's on the right; rows where they differ are marked `≠`.
/// Narrower than 80 columns, each row is stacked on two lines instead.
final class ColumnsView: View {
  private let output: Output
  private let paradigms: [Paradigm]
  private let pending = Locked<[Paradigm: [Event]]>([:])
  private static let laneWidth = 10

  init(output: Output, paradigms: [Paradigm]) {
    self.output = output
    self.paradigms = paradigms
  }

  private var stacked: Bool { output.width < 80 }
  private var cellWidth: Int {
    (output.width - 7 - 3 * (paradigms.count - 1)) / paradigms.count
  }

  func begin(_ example: ExampleID, seed: UInt64) {
    pending.withLock { $0 = [:] }
    output.line(output.paint("── \(example.rawValue) · \(example.title) · seed \(seed)", .bold))
    guard !stacked else { return }
    let titles = paradigms.map(\.columnTitle)
    output.line(
      output.paint(
        "beat   " + titles.map { pad($0, cellWidth) }.joined(separator: " │ "), .dim))
  }

  func record(_ event: Event, paradigm: Paradigm, clock: ExampleClock) {
    pending.withLock { $0[paradigm, default: []].append(event) }
  }

  func tick(throughBeat beat: Int) {
    let due = pending.withLock { pending in
      let due = pending.mapValues { $0.filter { $0.beat <= beat } }
      for paradigm in pending.keys { pending[paradigm]!.removeAll { $0.beat <= beat } }
      return due
    }
    for row in Row.pair(due) { show(row) }
  }

  func end(_ result: ExampleResult) {
    tick(throughBeat: .max)
    output.line(output.verdictLine(result))
    output.line()
  }

  private func show(_ row: Row) {
    let differs = paradigms.count > 1 && row.differs(among: paradigms)
    let mark = differs ? output.paint("≠", .red) : " "
    let beat = String(row.beat).leftPadded(to: 4)
    let sides = paradigms.map { row.cells[$0] }
    if stacked {
      for (paradigm, event) in zip(paradigms, sides) {
        let cell = event.map(cellText) ?? "—"
        let label = pad(paradigm.rawValue, 6)
        output.line("\(paradigm == paradigms[0] ? beat : "    ") \(mark) \(label) \(cell)")
      }
    } else {
      let cells = zip(paradigms, sides).map { paradigm, event in
        pad(event.map(cellText) ?? "—", cellWidth)
      }
      output.line("\(beat) \(mark) " + cells.joined(separator: " │ "))
    }
  }

  /// `lane     line`, the timestamp shortened to the time of day to fit the column.
  private func cellText(_ event: Event) -> String {
    let line = event.stamp.map { event.text + " " + $0.timeOfDay } ?? event.text
    return output.paint(pad(event.lane, Self.laneWidth), .dim) + " " + line
  }

  /// Pads or cuts `text` to exactly `width` visible characters.
  private func pad(_ text: String, _ width: Int) -> String {
    let visible = text.visibleCount
    if visible <= width { return text + String(repeating: " ", count: width - visible) }
    return String(text.strippingColour.prefix(width - 1)) + "…"
  }
}

extension String {
  /// `text` right-aligned in `width` characters.
  func leftPadded(to width: Int) -> String {
    String(repeating: " ", count: max(0, width - count)) + self
  }

  /// `"10:00:01"` out of a ctime string.
  var timeOfDay: String { String(split(separator: " ")[3]) }

  /// The text without ANSI colour codes.
  var strippingColour: String {
    replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
  }

  /// How many characters show on screen.
  var visibleCount: Int { strippingColour.count }
}

extension Paradigm {
  /// The heading of the paradigm's column.
  var columnTitle: String {
    switch self {
    case .thread: "thread (Foundation Thread)"
    case .task: "task (structured)"
    case .python: "python (the notebook's code)"
    }
  }
}
