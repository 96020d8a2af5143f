import ThreadsToTasksCore

/// One example's run in one or both paradigms, and the verdict on it.
public struct ExampleResult: Sendable {
  /// The example.
  public var example: ExampleID
  /// The seed its random delays were drawn with.
  public var seed: UInt64
  /// The thread version's transcript, if it ran.
  public var thread: Transcript?
  /// The task version's transcript, if it ran.
  public var task: Transcript?

  /// The transcripts that ran, thread first.
  public var transcripts: [Transcript] { [thread, task].compactMap { $0 } }

  /// Whether the run was interrupted before it finished.
  public var wasStopped: Bool { transcripts.contains { $0.wasStopped } }

  /// Both versions compared, or the one that ran checked against the notebook.
  public var verdict: Verdict {
    if let thread, let task { return Equivalence.compare(thread, task) }
    return Equivalence.check(transcripts[0])
  }
}
