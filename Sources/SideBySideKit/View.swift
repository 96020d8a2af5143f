import Foundation
import ThreadsToTasksCore

/// A way of showing runs. The session calls `begin`, then `record` for every event as it happens
/// (from any thread, with the clock of the run it belongs to), `tick` after each beat has passed,
/// and `end` with the result.
protocol View: Sendable {
  func begin(_ example: ExampleID, seed: UInt64)
  func record(_ event: Event, paradigm: Paradigm, clock: ExampleClock)
  func tick(throughBeat beat: Int)
  func end(_ result: ExampleResult)
}

extension View {
  func begin(_ example: ExampleID, seed: UInt64) {}
  func record(_ event: Event, paradigm: Paradigm, clock: ExampleClock) {}
  func tick(throughBeat beat: Int) {}
}

extension Options.Format {
  func view(_ options: Options, output: Output, stampsFrom: Date? = nil) -> any View {
    switch self {
    case .columns: ColumnsView(output: output, paradigms: options.members)
    case .transcript: TranscriptView(output: output)
    case .timeline: TimelineView(output: output, paradigms: options.members)
    case .json: JSONLinesView(output: output)
    case .markdown: MarkdownView(output: output, stampsFrom: stampsFrom)
    }
  }
}

extension Output {
  /// The verdict every view but JSON ends an example with, in the README's words: the kind,
  /// every finding of the checks that failed (all of them, never "and 4 more"), how an open
  /// choice went where the paradigms chose differently, the declared differences, and the seed.
  /// One line; `wrappedLine` breaks it to a terminal's width.
  func verdictLine(_ result: ExampleResult) -> String {
    let verdict = result.verdict
    var text = "\(result.example.rawValue): "
    let findings = verdict.differences.joined(separator: "; ")
    switch verdict.kind {
    case .equivalent:
      text += paint(Verdict.Kind.equivalent.rawValue, .green)
    case .interrupted:
      text +=
        paint(Verdict.Kind.interrupted.rawValue, .red)
        + " — judged on beats before \(verdict.judgedBefore ?? 0): "
        + (verdict.checksHold ? "equivalent so far" : "NOT equivalent: " + findings)
    case .tooLate:
      let late = ((verdict.lateness.values.max() ?? 0) * 100).rounded() / 100
      text +=
        paint(Verdict.Kind.tooLate.rawValue, .red)
        + ": sleeps woke up to \(late) notebook seconds late (tolerance \(Verdict.lateTolerance));"
        + " try a slower --pace. Findings: " + findings
    case .notEquivalent:
      text += paint(Verdict.Kind.notEquivalent.rawValue, .red) + ": " + findings
    }
    if Set(verdict.choices.values).count > 1 {
      let choices = verdict.choices.sorted { $0.key.rawValue > $1.key.rawValue }
      text +=
        "; open choice went differently: "
        + choices.map { "\($0.key.rawValue): \($0.value)" }.joined(separator: ", ")
    }
    for difference in verdict.declared { text += "; declared difference, \(difference)" }
    return text + " (seed \(result.seed))"
  }
}
