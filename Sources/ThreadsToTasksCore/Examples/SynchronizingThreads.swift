extension ExampleID {
  /// Two threads serialized by a `Lock` around a print routine.
  public static let synchronizingThreads = ExampleID("synchronizing-threads")
}

extension Example {
  /// Two threads take one lock, print the time three times one delay apart (1 s and 2 s), and
  /// release it; main joins both. Which thread takes the lock first is the program's open choice.
  static let synchronizingThreads = Example(
    id: .synchronizingThreads, title: "Synchronizing Threads",
    summary:
      "two workers print 3 timestamps each under one lock; tasks: an AsyncLock inside an actor",
    guarantees: [
      .mutualExclusion(opening: "lock value True", because: "one holder of the lock at a time"),
      .happensBefore(
        .end(of: "Thread-1"), .line(mainLane, "Exiting Main Thread"), because: "join Thread-1"),
      .happensBefore(
        .end(of: "Thread-2"), .line(mainLane, "Exiting Main Thread"), because: "join Thread-2"),
    ],
    choice: { events in
      events.first { $0.text == "lock value True" }.map { "\($0.lane) takes the lock first" }
    }
  ) { _ in
    typealias Line = Event.Shape
    // snippet: lock-choice
    // Either worker may take the lock first: one ordering for each.
    let workers = [("Thread-1", 1), ("Thread-2", 2)]
    return [workers, workers.reversed()].map { order in
      var lanes: [String: [Line]] = [:]
      var lockFreeAt = 0
      for (name, delay) in order {
        lanes[name] =
          [
            Line(text: "Starting \(name)", beat: 0),
            Line(text: "lock value True", beat: lockFreeAt),
          ]
          + (1...3).map { Line(text: "\(name):", isStamped: true, beat: lockFreeAt + $0 * delay) }
        lockFreeAt += 3 * delay
      }
      lanes[mainLane] = [Line(text: "Exiting Main Thread", beat: lockFreeAt)]
      return ExpectedOrdering(choice: "\(order[0].0) takes the lock first", lanes: lanes)
    }
    // end snippet: lock-choice
  }
}
