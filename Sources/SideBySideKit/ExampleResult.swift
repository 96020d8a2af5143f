import ThreadsToTasksCore

/// One example's runs in the paradigms that ran, and the verdict on them.
public struct ExampleResult: Sendable {
  /// The example.
  public var example: ExampleID
  /// The seed its random delays were drawn with.
  public var seed: UInt64
  /// The runs, in `Paradigm` order.
  public var transcripts: [Transcript]
  /// The verdict on them.
  public var verdict: Verdict

  /// The result of `transcripts` (at least one).
  public init(example: ExampleID, seed: UInt64, transcripts: [Transcript]) {
    self.example = example
    self.seed = seed
    self.transcripts = transcripts
    verdict = Equivalence.judge(transcripts)
  }

  /// The run of `paradigm`, if it ran.
  public func transcript(_ paradigm: Paradigm) -> Transcript? {
    transcripts.first { $0.paradigm == paradigm }
  }

  /// Whether the run was interrupted before it finished.
  public var wasStopped: Bool { transcripts.contains { $0.wasStopped } }
}
