import Foundation
import ThreadsToTasksCore

/// The default view: live, one row per event, beat on the left, then a column per paradigm that
/// runs (the thread version's line, the task version's, …); rows where some paradigm has no
/// matching line are marked `≠`.
///
/// Nothing is ever cut. On a terminal a cell too long for its column wraps onto continuation
/// lines; where the columns would get fewer than `minimumCellWidth` characters each, every row is
/// stacked instead, one line per paradigm. A file or a pipe has no width: the columns get the
/// width an 80-column terminal would give them, and a longer cell is written whole, pushing the
/// rest of its row to the right.
final class ColumnsView: View {
  private let output: Output
  private let paradigms: [Paradigm]
  private let pending = Locked<(events: [Paradigm: [Event]], startDates: [Paradigm: Date])>(
    ([:], [:]))
  private let stacked: Bool
  /// Characters per cell: a column's width side by side; what follows the label when stacked.
  private let cellWidth: Int
  /// The widest paradigm name, the label of a stacked line.
  private let labelWidth: Int

  /// The narrowest a column gets before rows are stacked: two fit in 80 columns, three in 118.
  static let minimumCellWidth = 35
  private static let laneWidth = 10
  /// `"  12 ≠ "`: the beat, right-aligned in four, and the mark.
  private static let gutterWidth = 7
  private static let separator = " │ "

  init(output: Output, paradigms: [Paradigm]) {
    self.output = output
    self.paradigms = paradigms
    labelWidth = paradigms.map(\.rawValue.count).max() ?? 0
    let sideBySide = Self.cellWidth(across: output.width ?? 80, columns: paradigms.count)
    stacked = output.width != nil && sideBySide < Self.minimumCellWidth
    cellWidth =
      stacked
      ? output.width! - Self.gutterWidth - labelWidth - 1
      : max(sideBySide, Self.minimumCellWidth)
  }

  /// The width of each of `columns` cells side by side in `width` characters.
  static func cellWidth(across width: Int, columns: Int) -> Int {
    (width - gutterWidth - separator.count * (columns - 1)) / max(columns, 1)
  }

  func begin(_ example: ExampleID, seed: UInt64) {
    pending.withLock { $0 = ([:], [:]) }
    output.wrappedLine(
      output.paint("── \(example.rawValue) · \(example.title) · seed \(seed)", .bold))
    guard !stacked else { return }
    let titles = paradigms.map(\.columnTitle)
    let header = "beat   " + titles.map { pad($0, cellWidth) }.joined(separator: Self.separator)
    output.line(output.paint(output.width == nil ? header.trimmingTrailingSpaces : header, .dim))
  }

  func record(_ event: Event, paradigm: Paradigm, clock: ExampleClock) {
    pending.withLock {
      $0.events[paradigm, default: []].append(event)
      $0.startDates[paradigm] = clock.startDate
    }
  }

  func tick(throughBeat beat: Int) {
    let (events, startDates) = pending.withLock { pending in
      let due = (pending.events.mapValues { $0.filter { $0.beat <= beat } }, pending.startDates)
      for paradigm in pending.events.keys {
        pending.events[paradigm]!.removeAll { $0.beat <= beat }
      }
      return due
    }
    for row in Self.rows(events, paradigms: paradigms) { show(row, startDates: startDates) }
  }

  func end(_ result: ExampleResult) {
    tick(throughBeat: .max)
    output.wrappedLine(output.verdictLine(result))
    output.line()
  }

  /// The events of each paradigm paired into rows, one cell per paradigm in `paradigms` order:
  /// an event joins the first row that lacks its paradigm and holds an event of the same lane and
  /// shape, else starts a row of its own. Rows are ordered by beat, then by when they happened.
  static func rows(_ events: [Paradigm: [Event]], paradigms: [Paradigm]) -> [(
    beat: Int, cells: [Event?]
  )] {
    var rows: [[Event?]] = []
    for (column, paradigm) in paradigms.enumerated() {
      for event in events[paradigm] ?? [] {
        let match = rows.firstIndex { cells in
          cells[column] == nil
            && cells.contains {
              $0.map { $0.lane == event.lane && $0.shape == event.shape } ?? false
            }
        }
        if let match {
          rows[match][column] = event
        } else {
          var cells = [Event?](repeating: nil, count: paradigms.count)
          cells[column] = event
          rows.append(cells)
        }
      }
    }
    func start(_ cells: [Event?]) -> (Int, Double) {
      let present = cells.compactMap { $0 }
      return (present[0].beat, present.map(\.elapsed).min()!)
    }
    return rows.sorted { start($0) < start($1) }.map { (start($0).0, $0) }
  }

  private func show(_ row: (beat: Int, cells: [Event?]), startDates: [Paradigm: Date]) {
    let differs = paradigms.count > 1 && row.cells.contains { $0 == nil }
    let mark = differs ? output.paint("≠", .red) : " "
    let beat = String(row.beat).leftPadded(to: 4)
    let cells = zip(paradigms, row.cells).map { paradigm, event in
      event.map { cell($0, startDate: startDates[paradigm]!) } ?? ["—"]
    }
    if stacked {
      let blank = String(repeating: " ", count: Self.gutterWidth + labelWidth + 1)
      for (index, (paradigm, lines)) in zip(paradigms, cells).enumerated() {
        let label = pad(paradigm.rawValue, labelWidth)
        output.line("\(index == 0 ? beat : "    ") \(mark) \(label) \(lines[0])")
        for line in lines.dropFirst() { output.line(blank + line) }
      }
    } else {
      let blank = String(repeating: " ", count: Self.gutterWidth)
      for index in 0..<cells.map(\.count).max()! {
        let parts = cells.map { pad(index < $0.count ? $0[index] : "", cellWidth) }
        let text =
          (index == 0 ? "\(beat) \(mark) " : blank) + parts.joined(separator: Self.separator)
        // A terminal row is exactly as wide as the terminal; a file gets no trailing blanks.
        output.line(output.width == nil ? text.trimmingTrailingSpaces : text)
      }
    }
  }

  /// `lane     line`, the timestamp shortened to the time of day, in lines of `cellWidth` on a
  /// terminal (continuation lines indented past the lane), as one line elsewhere.
  private func cell(_ event: Event, startDate: Date) -> [String] {
    let line = event.stamp.map { event.text + " " + $0.timeOfDay } ?? event.text
    let text = output.paint(pad(event.lane, Self.laneWidth), .dim) + " " + line
    guard output.width != nil else { return [text] }
    return text.wrapped(to: cellWidth, indent: Self.laneWidth + 1)
  }

  /// Pads `text` with spaces to `width` visible characters; longer text is left whole.
  private func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.visibleCount))
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

  /// The text without the spaces at its end.
  var trimmingTrailingSpaces: String {
    String(self[..<(lastIndex { $0 != " " }.map(index(after:)) ?? startIndex)])
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
    case .asyncio: "asyncio (Python's tasks)"
    }
  }
}
