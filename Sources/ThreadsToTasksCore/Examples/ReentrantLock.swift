extension ExampleID {
  /// `threading.RLock`: a lock its holder may take again, as a function that locks calls another.
  public static let reentrantLock = ExampleID("reentrant-lock")
}

extension Example {
  /// Two workers each take the lock, then call a logging function that takes it again — which
  /// an `RLock` allows its holder, and a `Lock` would deadlock on; each holds it across a sleep of
  /// its number in seconds, and logs again on the way out. Main joins both. Which worker takes the
  /// lock first is the open choice (the first started, usually).
  static let reentrantLock = Example(
    id: .reentrantLock, title: "Reentrant locks",
    summary: "threading.RLock: the holder takes it again; an async lock cannot",
    group: .toolbox,
    guarantees: [
      .mutualExclusion(opening: "takes the lock", because: "the RLock has one holder at a time")
    ]
      + ["worker1", "worker2"].map {
        .happensBefore(.end(of: $0), .line(mainLane, "both workers done"), because: "join \($0)")
      },
    choice: { events in
      events.first { $0.text == "takes the lock" }.map { "\($0.lane) takes the lock first" }
    }
  ) { _ in
    [("worker1", "worker2"), ("worker2", "worker1")].map { first, second in
      let firstDelay = first == "worker1" ? 1 : 2
      return ExpectedOrdering(
        choice: "\(first) takes the lock first",
        lanes: [
          first: [
            Event.Shape(text: "takes the lock", beat: 0),
            Event.Shape(text: "gives it back", beat: firstDelay),
          ],
          second: [
            Event.Shape(text: "takes the lock", beat: firstDelay),
            Event.Shape(text: "gives it back", beat: 3),
          ],
          mainLane: [Event.Shape(text: "both workers done", beat: 3)],
        ])
    }
  }
}
