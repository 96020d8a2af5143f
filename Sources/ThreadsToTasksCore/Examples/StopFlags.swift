extension ExampleID {
  /// A worker loop stopped by a flag: `threading.Event`, `Thread.cancel()`, task cancellation.
  public static let stopFlags = ExampleID("stop-flags")
}

extension Example {
  /// A worker prints a round, then waits 2 s on the stop flag, until the flag is raised. Main
  /// raises it at beat 3, in the middle of the worker's second wait, which ends at once; the
  /// worker sees the flag, prints how many rounds it did, and ends. Then main waits 1 s on an
  /// event nobody sets, which returns `False`.
  static let stopFlags = Example(
    id: .stopFlags, title: "Stop flags and threading.Event",
    summary: "a worker loop checks a stop flag; setting it cuts the worker's wait short",
    group: .beyond,
    guarantees: [
      .happensBefore(
        .line(mainLane, "asking the worker to stop"), .line("worker", "stopping after 2 rounds"),
        because: "stopping is cooperative: the worker stops when asked, not before"),
      .happensBefore(.end(of: "worker"), .line(mainLane, "worker joined"), because: "join"),
    ]
  ) { _ in
    typealias Line = Event.Shape
    return [
      ExpectedOrdering(lanes: [
        "worker": [
          Line(text: "round 1", beat: 0), Line(text: "round 2", beat: 2),
          Line(text: "stopping after 2 rounds", beat: 3),
        ],
        mainLane: [
          Line(text: "asking the worker to stop", beat: 3), Line(text: "worker joined", beat: 3),
          Line(text: "wait(1) on an event nobody sets: False", beat: 4),
        ],
      ])
    ]
  }
}
