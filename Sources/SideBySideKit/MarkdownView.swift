import Foundation
import ThreadsToTasksCore

/// Markdown ready to paste into a page: a table of the paradigms' lines aligned by `Row.align` (each
/// column in the order its paradigm printed, a line with no match marked `≠`), the verdict, and a Mermaid
/// `gantt` chart per paradigm (GitHub renders it): a milestone per line, a bar where a lane sleeps
/// or waits.
struct MarkdownView: View {
  let output: Output
  /// When set, lines are stamped as if the run had started then (UTC), on their beat, so that a
  /// page does not change with the day it was regenerated. The order stays the recorded one.
  var stampsFrom: Date?

  /// The line as shown: as printed, or stamped from `stampsFrom`.
  func shown(_ event: Event) -> String {
    guard let stampsFrom, event.isStamped else { return event.line }
    let utc = TimeZone(identifier: "UTC") ?? .current
    return event.text + " " + NotebookText.ctime(stampsFrom + Double(event.beat), timeZone: utc)
  }

  func end(_ result: ExampleResult) {
    output.line("#### `\(result.example.rawValue)`, seed \(result.seed)")
    output.line()
    let paradigms = result.transcripts.map(\.paradigm)
    output.line("| beat | " + paradigms.map(\.rawValue).joined(separator: " | ") + " | |")
    output.line("| ---: | " + paradigms.map { _ in "---" }.joined(separator: " | ") + " | :-: |")
    let events = Dictionary(
      uniqueKeysWithValues: result.transcripts.map { ($0.paradigm, $0.events) })
    let rows = Row.align(events, paradigms: paradigms)
    for row in rows {
      let cells = paradigms.map { paradigm in
        row.cells[paradigm].map {
          "`\($0.lane)` " + shown($0).replacingOccurrences(of: "|", with: "\\|")
        } ?? "—"
      }
      let mark = paradigms.count > 1 && row.differs(among: paradigms) ? "≠" : ""
      output.line("| \(row.beat) | " + cells.joined(separator: " | ") + " | \(mark) |")
    }
    let unnamed = Set(
      result.transcripts.flatMap { TimelineView.lanes(of: $0) }.filter(ColumnsView.isUnnamed))
    if !unnamed.isEmpty {
      output.line()
      output.line(ColumnsView.unnamedNote(unnamed.sorted()).trimmingCharacters(in: .whitespaces))
    }
    output.line()
    output.line("Verdict: " + output.verdictLine(result))
    for transcript in result.transcripts {
      output.line()
      output.line(Self.gantt(transcript))
    }
    output.line()
  }

  /// A Mermaid `gantt` block: a section per lane, notebook seconds across with a tick each; a
  /// bar where the lane sleeps, waits for the lock (`crit`), holds it (`active`) or waits for
  /// another to finish (`done`); a milestone where it prints.
  static func gantt(_ transcript: Transcript) -> String {
    var lines = [
      "```mermaid", "gantt",
      "    title \(transcript.example.rawValue) with \(transcript.paradigm.rawValue)s",
      "    dateFormat X", "    axisFormat %S", "    tickInterval 1second",
    ]
    for lane in TimelineView.lanes(of: transcript) {
      lines.append("    section \(lane)")
      let activities = transcript.activities.filter { $0.lane == lane }
        .map {
          (kind: $0.kind, from: ExampleClock.beat(of: $0.from), to: ExampleClock.beat(of: $0.to))
        }
        .filter { $0.from < $0.to }
        .sorted { ($0.from, $0.kind.rawValue) < ($1.from, $1.kind.rawValue) }
      for activity in activities {
        let (what, tag) =
          switch activity.kind {
          case .sleep: ("sleeps", "")
          case .join: ("waits for another to finish", "done, ")
          case .lockWait: ("waits for the lock", "crit, ")
          case .lockHold: ("holds the lock", "active, ")
          }
        lines.append("    \(what) : \(tag)\(activity.from), \(activity.to)")
      }
      for event in transcript.events where event.lane == lane {
        lines.append("    \(label(event)) : milestone, \(event.beat), 0s")
      }
    }
    return (lines + ["```"]).joined(separator: "\n")
  }

  /// A task name Mermaid accepts: no `:` (it ends the name), `;` or `#`.
  static func label(_ event: Event) -> String {
    let text = event.isStamped ? event.text + " ctime" : event.text
    return text.replacingOccurrences(of: ":", with: "")
      .replacingOccurrences(of: ";", with: ",").replacingOccurrences(of: "#", with: "")
  }
}
