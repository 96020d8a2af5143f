import Foundation
import ThreadsToTasksCore

/// The default view: live, one row per line, beat on the left, the lane, then a column per
/// paradigm that runs (the thread version's line, the task version's, …). Rows come from
/// `Row.align`: each column, read down, is its paradigm's lines in the order it printed them;
/// a line with no match at its place in another paradigm's order stands in a row of its own,
/// marked `≠`.
///
/// Live: after each beat has passed in every run, the lines recorded up to it are aligned and
/// shown. Each paradigm's lines are taken in recorded order, up to its first line of a later beat,
/// so nothing printed is ever shown above a line it printed earlier.
///
/// Nothing is ever cut. On a terminal a cell too long for its column wraps onto continuation
/// lines. The columns sit side by side when most of the example's lines fit their width (three
/// in four of the lines the example is expected to print); else every row is stacked, one line
/// per paradigm. A file or a pipe has no width: the columns get the width an 80-column terminal
/// would give them, and a longer cell is written whole, pushing the rest of its row to the right.
final class ColumnsView: View {
  private let output: Output
  private let paradigms: [Paradigm]
  private let state = Locked(State())

  /// What one example's rows need: its layout, and its lines not shown yet.
  private struct State {
    var layout = Layout(stacked: false, laneWidth: 10, cellWidth: 35)
    var pending: [Paradigm: [Event]] = [:]
    var explained: Set<String> = []
  }

  /// How an example's rows are laid out.
  struct Layout: Equatable {
    /// One line per paradigm, instead of side by side.
    var stacked: Bool
    /// Characters for the lane name (side by side).
    var laneWidth: Int
    /// Characters per cell: a column's width side by side; what follows the label when stacked.
    var cellWidth: Int
  }

  /// The narrowest a column gets, whatever the lines.
  static let minimumCellWidth = 12
  /// `"  12 ≠ "`: the beat, right-aligned in four, and the mark.
  private static let gutterWidth = 7
  private static let separator = " │ "

  /// The widest label of the paradigms shown, when rows are stacked.
  private var labelWidth: Int { paradigms.map(\.rawValue.count).max() ?? 0 }

  init(output: Output, paradigms: [Paradigm]) {
    self.output = output
    self.paradigms = paradigms
  }

  /// The width of each of `columns` cells side by side in `width` characters, after the gutter
  /// and a lane of `laneWidth` characters.
  static func cellWidth(across width: Int, columns: Int, laneWidth: Int) -> Int {
    (width - gutterWidth - laneWidth - 1 - separator.count * (columns - 1)) / max(columns, 1)
  }

  /// The layout for `columns` paradigms in `width` characters (`nil`: a file or a pipe) of lines
  /// in `lanes` as wide as `lineWidths`: side by side when three in four of the lines fit a
  /// column, else stacked.
  static func layout(
    width: Int?, columns: Int, lanes: [String], lineWidths: [Int],
    labelWidth: Int = Paradigm.allCases.map(\.rawValue.count).max()!
  ) -> Layout {
    let laneWidth = max(lanes.map(\.count).max() ?? 0, 4)
    let sideBySide = cellWidth(across: width ?? 80, columns: columns, laneWidth: laneWidth)
    let sorted = lineWidths.sorted()
    let needed = sorted.isEmpty ? 0 : sorted[(sorted.count * 3 - 1) / 4]
    guard let width, sideBySide < max(needed, minimumCellWidth), columns > 1 else {
      return Layout(
        stacked: false, laneWidth: laneWidth, cellWidth: max(sideBySide, minimumCellWidth))
    }
    return Layout(
      stacked: true, laneWidth: laneWidth,
      cellWidth: max(width - gutterWidth - labelWidth - 1, minimumCellWidth))
  }

  func begin(_ example: ExampleID, seed: UInt64) {
    let expected = example.expectedOrderings(seed: seed).flatMap(\.lanes)
    let layout = Self.layout(
      width: output.width, columns: paradigms.count, lanes: expected.map(\.key),
      lineWidths: expected.flatMap(\.value).map { $0.text.count + ($0.isStamped ? 9 : 0) },
      labelWidth: labelWidth)
    state.withLock { $0 = State(layout: layout) }
    output.wrappedLine(
      output.paint("── \(example.rawValue) · \(example.title) · seed \(seed)", .bold))
    guard !layout.stacked else {
      for paradigm in paradigms {
        output.wrappedLine(
          output.paint("\(paradigm.rawValue): \(paradigm.columnTitle(example))", .dim))
      }
      return
    }
    let titles = paradigms.map { $0.columnTitle(example) }
    for line in lines(beat: "beat", mark: " ", lane: "lane", cells: titles, layout: layout) {
      output.line(output.paint(line, .dim))
    }
  }

  func record(_ event: Event, paradigm: Paradigm, clock: ExampleClock) {
    state.withLock { $0.pending[paradigm, default: []].append(event) }
  }

  func tick(throughBeat beat: Int) {
    let (due, layout, explained) = state.withLock { state in
      var due: [Paradigm: [Event]] = [:]
      for (paradigm, events) in state.pending {
        // Recorded order: stop at the first line of a later beat, even if an earlier beat follows.
        let count = events.firstIndex { $0.beat > beat } ?? events.count
        due[paradigm] = Array(events.prefix(count))
        state.pending[paradigm]!.removeFirst(count)
      }
      let explained = state.explained
      state.explained.formUnion(due.values.joined().map(\.lane).filter(Self.isUnnamed))
      return (due, state.layout, explained)
    }
    var noted = explained
    for row in Row.align(due, paradigms: paradigms) {
      let lane = row.cells.values.first!.lane
      if Self.isUnnamed(lane) && !noted.contains(lane) {
        noted.insert(lane)
        output.wrappedLine(output.paint(Self.unnamedNote([lane]), .dim))
      }
      show(row, layout: layout)
    }
  }

  func end(_ result: ExampleResult) {
    tick(throughBeat: .max)
    output.wrappedLine(output.verdictLine(result))
    output.line()
  }

  /// Whether `lane` is a name Python made up for a thread it did not start.
  static func isUnnamed(_ lane: String) -> Bool { lane.hasPrefix("Dummy-") }

  /// Where unnamed lanes' names come from, said the first time they appear.
  static func unnamedNote(_ lanes: [String]) -> String {
    let names = lanes.joined(separator: ", ")
    let (what, them) = lanes.count == 1 ? ("the name", "a thread") : ("the names", "threads")
    return "  (\(names): \(what) Python's threading gives \(them) it did not start, as one from"
      + " _thread.start_new_thread; the Swift versions give it to a thread or task nobody named)"
  }

  private func show(_ row: Row, layout: Layout) {
    let differs = paradigms.count > 1 && row.differs(among: paradigms)
    let mark = differs ? output.paint("≠", .red) : " "
    let lane = row.cells.values.first!.lane
    let texts = paradigms.map { paradigm in row.cells[paradigm].map(Self.text) ?? "—" }
    if layout.stacked {
      let blank = String(repeating: " ", count: Self.gutterWidth + labelWidth + 1)
      for (index, (paradigm, text)) in zip(paradigms, texts).enumerated() {
        let cell = output.paint(pad(lane, layout.laneWidth), .dim) + " " + text
        let lines = cell.wrapped(to: layout.cellWidth, indent: layout.laneWidth + 1)
        let beat = index == 0 ? String(row.beat).leftPadded(to: 4) : "    "
        output.line("\(beat) \(mark) \(pad(paradigm.rawValue, labelWidth)) \(lines[0])")
        for line in lines.dropFirst() { output.line(blank + line) }
      }
    } else {
      for line in lines(
        beat: String(row.beat), mark: mark, lane: output.paint(lane, .dim), cells: texts,
        layout: layout)
      {
        output.line(line)
      }
    }
  }

  /// A row side by side: `beat mark lane cell │ cell …`, each cell wrapped in its column on a
  /// terminal, whole elsewhere.
  private func lines(beat: String, mark: String, lane: String, cells: [String], layout: Layout)
    -> [String]
  {
    let wrapped = cells.map { output.width == nil ? [$0] : $0.wrapped(to: layout.cellWidth) }
    let blank = String(repeating: " ", count: Self.gutterWidth + layout.laneWidth + 1)
    return (0..<wrapped.map(\.count).max()!).map { index in
      let parts = wrapped.map { pad(index < $0.count ? $0[index] : "", layout.cellWidth) }
      let start =
        index == 0
        ? "\(beat.leftPadded(to: 4)) \(mark) \(pad(lane, layout.laneWidth)) " : blank
      let text = start + parts.joined(separator: Self.separator)
      return text.trimmingTrailingSpaces
    }
  }

  /// The line as shown: its stamp shortened to the time of day.
  static func text(_ event: Event) -> String {
    event.stamp.map { event.text + " " + $0.timeOfDay } ?? event.text
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
  /// The heading of the paradigm's column for `example`.
  func columnTitle(_ example: ExampleID) -> String {
    switch self {
    case .thread: "thread (Foundation Thread)"
    case .task: "task (structured)"
    case .python:
      example.example.group == .notebook
        ? "python (the notebook's code)" : "python (not in the notebook)"
    case .asyncio: "asyncio (Python's tasks)"
    }
  }
}
