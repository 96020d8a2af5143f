import ThreadsToTasksCore

/// What the notebook itself would print: each paradigm's lines as printed, one after the other.
struct TranscriptView: View {
  let output: Output

  func end(_ result: ExampleResult) {
    for transcript in result.transcripts {
      output.line(
        output.paint("── \(result.example.rawValue) · \(transcript.paradigm.rawValue)", .bold))
      for event in transcript.events { output.line(event.line) }
    }
    output.wrappedLine(output.verdictLine(result))
    output.line()
  }
}
