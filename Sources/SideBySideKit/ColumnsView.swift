import Foundation
import ThreadsToTasksCore

/// The default view: live, one row per event, beat on the left, the thread version's line in the
/// left column and the task version's on the right; rows where they differ are marked `≠`.
/// Narrower than 80 columns, each row is stacked on two lines instead.
final class ColumnsView: View {
  private let output: Output
  private let paradigms: [Paradigm]
  private let pending = Locked<(thread: [Event], task: [Event], startDates: [Paradigm: Date])>(
    ([], [], [:]))
  private static let laneWidth = 8

  init(output: Output, paradigms: [Paradigm]) {
    self.output = output
    self.paradigms = paradigms
  }

  private var stacked: Bool { output.width < 80 }
  private var cellWidth: Int {
    paradigms.count == 1 ? output.width - 8 : (output.width - 10) / 2
  }

  func begin(_ example: ExampleID, seed: UInt64) {
    pending.withLock { $0 = ([], [], [:]) }
    output.line(output.paint("── \(example.rawValue) · \(example.title) · seed \(seed)", .bold))
    guard !stacked else { return }
    let titles = paradigms.map {
      $0 == .thread ? "thread (Foundation Thread)" : "task (structured)"
    }
    output.line(
      output.paint(
        "beat   " + titles.map { pad($0, cellWidth) }.joined(separator: " │ "), .dim))
  }

  func record(_ event: Event, paradigm: Paradigm, clock: ExampleClock) {
    pending.withLock {
      paradigm == .thread ? $0.thread.append(event) : $0.task.append(event)
      $0.startDates[paradigm] = clock.startDate
    }
  }

  func tick(throughBeat beat: Int) {
    let (thread, task, startDates) = pending.withLock { pending in
      let due = (
        pending.thread.filter { $0.beat <= beat }, pending.task.filter { $0.beat <= beat },
        pending.startDates
      )
      pending.thread.removeAll { $0.beat <= beat }
      pending.task.removeAll { $0.beat <= beat }
      return due
    }
    for row in Row.pair(thread: thread, task: task) { show(row, startDates: startDates) }
  }

  func end(_ result: ExampleResult) {
    tick(throughBeat: .max)
    output.line(output.verdictLine(result))
    output.line()
  }

  private func show(_ row: Row, startDates: [Paradigm: Date]) {
    let differs = paradigms.count == 2 && row.differs
    let mark = differs ? output.paint("≠", .red) : " "
    let beat = String(row.beat).leftPadded(to: 4)
    let sides = paradigms.map { $0 == .thread ? row.thread : row.task }
    if stacked {
      for (paradigm, event) in zip(paradigms, sides) {
        let cell = event.map { cellText($0, startDate: startDates[paradigm]!) } ?? "—"
        let label = pad(paradigm.rawValue, 6)
        output.line("\(paradigm == paradigms[0] ? beat : "    ") \(mark) \(label) \(cell)")
      }
    } else {
      let cells = zip(paradigms, sides).map { paradigm, event in
        pad(event.map { cellText($0, startDate: startDates[paradigm]!) } ?? "—", cellWidth)
      }
      output.line("\(beat) \(mark) " + cells.joined(separator: " │ "))
    }
  }

  /// `lane     line`, the timestamp shortened to the time of day to fit the column.
  private func cellText(_ event: Event, startDate: Date) -> String {
    let line =
      event.isStamped
      ? event.text + " " + NotebookText.ctime(startDate + Double(event.beat)).timeOfDay
      : event.text
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
