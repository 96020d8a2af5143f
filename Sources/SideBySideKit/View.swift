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
    case .timeline: TimelineView(output: output)
    case .json: JSONLinesView(output: output)
    case .markdown: MarkdownView(output: output, stampsFrom: stampsFrom)
    }
  }
}

extension Output {
  /// The one-line verdict every view but JSON ends an example with: the kind, the first finding
  /// of a failed check, how an open choice went where the paradigms chose differently, and the
  /// seed.
  func verdictLine(_ result: ExampleResult) -> String {
    let verdict = result.verdict
    var text = "\(result.example.rawValue): "
    switch verdict.kind {
    case .equivalent:
      text += paint(result.transcripts.count > 1 ? "equivalent" : "as the notebook", .green)
    case .interrupted:
      text +=
        paint("interrupted", .red) + " — judged on beats before \(verdict.judgedBefore ?? 0): "
        + (verdict.checksHold ? "equivalent so far" : "NOT equivalent: " + verdict.differences[0])
    case .tooLate:
      let late = ((verdict.lateness.values.max() ?? 0) * 100).rounded() / 100
      text +=
        paint("too late to judge", .red)
        + ": sleeps woke up to \(late) notebook seconds late (tolerance \(Verdict.lateTolerance));"
        + " try a slower --pace. First finding: " + verdict.differences[0]
    case .notEquivalent:
      text += paint("NOT equivalent", .red) + ": " + verdict.differences[0]
      if verdict.differences.count > 1 { text += " (+\(verdict.differences.count - 1) more)" }
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
