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
  func view(_ options: Options, output: Output) -> any View {
    switch self {
    case .columns: ColumnsView(output: output, paradigms: options.paradigms.members)
    case .transcript: TranscriptView(output: output)
    case .timeline: TimelineView(output: output)
    case .json: JSONLinesView(output: output)
    case .markdown: MarkdownView(output: output)
    }
  }
}

extension Output {
  /// The one-line verdict every view but JSON ends an example with.
  func verdictLine(_ result: ExampleResult) -> String {
    let verdict = result.verdict
    var text = "\(result.example.rawValue): "
    if result.wasStopped {
      text += paint("interrupted", .red) + " — partial result, "
    }
    if verdict.isEquivalent {
      text += paint(
        result.thread != nil && result.task != nil ? "equivalent" : "as the notebook", .green)
    } else {
      text += paint("NOT equivalent", .red) + ": " + verdict.differences[0]
      if verdict.differences.count > 1 { text += " (+\(verdict.differences.count - 1) more)" }
    }
    if Set(verdict.choices.values).count > 1 {
      let choices = verdict.choices.sorted { $0.key.rawValue > $1.key.rawValue }
      text +=
        "; open choice went differently: "
        + choices.map { "\($0.key.rawValue): \($0.value)" }.joined(separator: ", ")
    }
    return text + " (seed \(result.seed))"
  }
}
