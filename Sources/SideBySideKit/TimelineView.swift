import ThreadsToTasksCore

/// A picture in the terminal: one swimlane per lane, beats across, a cell a third of a beat:
/// `●` where the lane prints, `─` where it sleeps, `═` where it sleeps holding the lock, `▒` where
/// it holds the lock otherwise, `░` where it waits for the lock, `┄` where it waits for another to
/// finish; one block per paradigm. The Python harness reports its lanes' sleeps, joins and lock
/// waits and holds as the Swift recorders do, so every paradigm is drawn alike.
///
/// On a terminal the run shows as it goes, time running downward: after each beat has passed in
/// every run, a row for it, a cell per lane and paradigm with a `●` per line it printed then. To a
/// file or a pipe only the picture at each example's end is written.
final class TimelineView: View {
  let output: Output
  let paradigms: [Paradigm]
  /// Each example's lanes (expected, then any other that printed), lines not yet drawn live, and
  /// the next beat to draw.
  private let live = Locked<(lanes: [String], pending: [Paradigm: [Event]], next: Int)>(
    ([], [:], 0))

  private static let beatWidth = 3
  private static let laneWidth = 12

  init(output: Output, paradigms: [Paradigm]) {
    self.output = output
    self.paradigms = paradigms
  }

  func begin(_ example: ExampleID, seed: UInt64) {
    let expected = Set(example.expectedOrderings(seed: seed).flatMap(\.lanes.keys))
    let lanes = [mainLane] + expected.subtracting([mainLane]).sorted()
    live.withLock { $0 = (lanes, [:], 0) }
    guard output.width != nil else { return }
    output.wrappedLine(
      output.paint("── \(example.rawValue) · \(example.title) · seed \(seed)", .bold))
    output.wrappedLine(
      output.paint(
        "beat  " + paradigms.map { _ in lanes.joined(separator: " ") }.joined(separator: " │ ")
          + "   (" + paradigms.map(\.rawValue).joined(separator: " │ ") + "; ● a line printed)",
        .dim))
  }

  func record(_ event: Event, paradigm: Paradigm, clock: ExampleClock) {
    guard output.width != nil else { return }
    live.withLock { $0.pending[paradigm, default: []].append(event) }
  }

  func tick(throughBeat beat: Int) {
    guard output.width != nil else { return }
    let (lanes, due, from, last) = live.withLock { live in
      let last =
        beat == .max ? live.pending.values.joined().map(\.beat).max() ?? live.next - 1 : beat
      // Lines of a later beat (a run whose clock started earlier) wait for their row.
      let due = live.pending.mapValues { $0.filter { $0.beat <= last } }
      live.pending = live.pending.mapValues { $0.filter { $0.beat > last } }
      defer { live.next = max(live.next, last + 1) }
      return (live.lanes, due, live.next, last)
    }
    // A row per beat now passed; then, for lines that reached the view after their beat's row
    // was drawn (a pipe's delay), a row again for that beat.
    let late = Set(due.values.joined().map(\.beat).filter { $0 < from }).sorted()
    // Half-open: with nothing new to draw (`last` below `from`, as at the end of a run the ticker
    // has drawn through) it is empty, where a closed range from `from` would trap.
    for row in Array(from..<max(last + 1, from)) + late {
      let blocks = paradigms.map { paradigm in
        let events = (due[paradigm] ?? []).filter { $0.beat == row }
        return lanes.map { lane in
          let count = events.filter { $0.lane == lane }.count
          let marks = count == 0 ? "·" : String(repeating: "●", count: count)
          return marks.padding(toLength: max(lane.count, marks.count), withPad: " ", startingAt: 0)
        }.joined(separator: " ")
      }
      output.line(
        (String(row).leftPadded(to: 4) + "  " + blocks.joined(separator: " │ "))
          .trimmingTrailingSpaces)
    }
    for lane in Set(due.values.joined().map(\.lane)).sorted() where !lanes.contains(lane) {
      output.wrappedLine(output.paint("  (\(lane) printed too: not drawn live)", .dim))
    }
  }

  func end(_ result: ExampleResult) {
    tick(throughBeat: .max)
    let lastBeat = Self.lastBeat(of: result.transcripts)
    var explained: Set<String> = []
    var drawn: Set<Character> = []
    for transcript in result.transcripts {
      output.line(
        output.paint("── \(result.example.rawValue) · \(transcript.paradigm.rawValue)", .bold))
      output.line(Self.axis(through: lastBeat))
      let lanes = Self.lanes(of: transcript)
      for lane in lanes {
        let swimlane = Self.swimlane(lane, in: transcript, through: lastBeat)
        drawn.formUnion(swimlane.dropFirst(Self.laneWidth))
        output.line(swimlane)
      }
      let unnamed = lanes.filter { ColumnsView.isUnnamed($0) && !explained.contains($0) }
      if !unnamed.isEmpty {
        explained.formUnion(unnamed)
        output.wrappedLine(output.paint(ColumnsView.unnamedNote(unnamed), .dim))
      }
    }
    output.wrappedLine(output.paint(Self.legend(of: drawn), .dim))
    output.wrappedLine(output.verdictLine(result))
    output.line()
  }

  /// What each mark means, in the order they are listed: what a picture draws is one of these.
  static let marks: [(mark: Character, meaning: String)] = [
    ("●", "prints"), ("─", "sleeps"), ("═", "sleeps holding the lock"), ("▒", "holds the lock"),
    ("░", "waits for the lock"), ("┄", "waits for another to finish"),
  ]

  /// The legend of a picture that draws `drawn`: the marks it uses, no others.
  static func legend(of drawn: Set<Character>) -> String {
    marks.filter { drawn.contains($0.mark) }.map { "\($0.mark) \($0.meaning)" }
      .joined(separator: "  ")
  }

  /// The last beat anything happens in.
  static func lastBeat(of transcripts: [Transcript]) -> Int {
    let ends = transcripts.flatMap {
      $0.events.map(\.beat) + $0.activities.map { ExampleClock.beat(of: $0.to) }
    }
    return ends.max() ?? 0
  }

  /// `MainThread` first, then the other lanes in name order: the same picture every time.
  static func lanes(of transcript: Transcript) -> [String] {
    let others = Set(transcript.events.map(\.lane) + transcript.activities.map(\.lane))
      .subtracting([mainLane])
    return [mainLane] + others.sorted()
  }

  static func axis(through lastBeat: Int) -> String {
    let labels = (0...lastBeat).map {
      String($0).padding(toLength: beatWidth, withPad: " ", startingAt: 0)
    }
    return String(repeating: " ", count: laneWidth) + labels.joined()
  }

  /// One lane, drawn from its activities, or from the gaps between its lines when it has none.
  static func swimlane(_ lane: String, in transcript: Transcript, through lastBeat: Int) -> String {
    var cells = Array(repeating: Character(" "), count: (lastBeat + 1) * beatWidth)
    let events = transcript.events.filter { $0.lane == lane }
    let activities = transcript.activities.filter { $0.lane == lane }
    func span(_ activity: Activity) -> Range<Int> {
      let from = Int((activity.from * Double(beatWidth)).rounded(.down))
      let to = Int((activity.to * Double(beatWidth)).rounded(.down))
      return min(from, cells.count)..<min(max(to, from), cells.count)
    }
    if activities.isEmpty {
      // A lane with no activity noted waited on something unobserved — `await task.value`, a
      // task group; a run with none noted at all (a Python that reports none) shows `─`.
      let gap: Character = transcript.activities.isEmpty ? "─" : "┄"
      var from = lane == mainLane ? 0 : events.first.map { $0.beat * beatWidth }
      for event in events {
        let at = event.beat * beatWidth
        if let start = from, start < at { for index in start..<at { cells[index] = gap } }
        from = at + 1
      }
    } else {
      // Lowest first: each later layer draws over the earlier ones.
      for kind in [Activity.Kind.lockHold, .join, .sleep, .lockWait] {
        for activity in activities where activity.kind == kind {
          for index in span(activity) {
            cells[index] =
              switch kind {
              case .lockHold: "▒"
              case .join: "┄"
              case .sleep: cells[index] == "▒" ? "═" : "─"
              case .lockWait: "░"
              }
          }
        }
      }
    }
    for event in events { cells[min(event.beat * beatWidth, cells.count - 1)] = "●" }
    return lane.padding(toLength: laneWidth, withPad: " ", startingAt: 0)
      + String(cells)
      .replacingOccurrences(of: " +$", with: "", options: .regularExpression)
  }
}
