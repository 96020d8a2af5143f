import ThreadsToTasksCore

/// A picture in the terminal: one swimlane per lane, beats across, `●` where the lane prints, `─`
/// where it sleeps or waits on a join, `░` where it waits for the lock; thread version above,
/// task version below.
struct TimelineView: View {
  let output: Output
  private static let beatWidth = 3
  private static let laneWidth = 12

  func end(_ result: ExampleResult) {
    let lastBeat = result.transcripts.flatMap(\.events).map(\.beat).max() ?? 0
    for transcript in result.transcripts {
      output.line(
        output.paint("── \(result.example.rawValue) · \(transcript.paradigm.rawValue)", .bold))
      output.line(Self.axis(through: lastBeat))
      for lane in Self.lanes(of: transcript) {
        output.line(Self.swimlane(lane, in: transcript, through: lastBeat))
      }
    }
    output.line(output.paint("● prints a line   ─ sleeps or joins   ░ waits for the lock", .dim))
    output.wrappedLine(output.verdictLine(result))
    output.line()
  }

  /// `MainThread` first, then the lanes in the order they first printed.
  static func lanes(of transcript: Transcript) -> [String] {
    [mainLane] + transcript.lanes.filter { $0 != mainLane }
  }

  static func axis(through lastBeat: Int) -> String {
    let labels = (0...lastBeat).map {
      String($0).padding(toLength: beatWidth, withPad: " ", startingAt: 0)
    }
    return String(repeating: " ", count: laneWidth) + labels.joined()
  }

  /// One lane: the main flow runs from beat 0; a worker from its first line; each to its last.
  static func swimlane(_ lane: String, in transcript: Transcript, through lastBeat: Int) -> String {
    var cells = Array(repeating: Character(" "), count: (lastBeat + 1) * beatWidth)
    let events = transcript.events.filter { $0.lane == lane }
    var from = lane == mainLane ? 0 : events.first.map { $0.beat * beatWidth }
    for event in events {
      let at = event.beat * beatWidth
      if let start = from, start < at {
        let fill: Character = event.text == "lock value True" ? "░" : "─"
        for index in start..<at where cells[index] != "●" { cells[index] = fill }
      }
      cells[at] = "●"
      from = at + 1
    }
    return lane.padding(toLength: laneWidth, withPad: " ", startingAt: 0)
      + String(cells)
      .replacingOccurrences(of: " +$", with: "", options: .regularExpression)
  }
}
