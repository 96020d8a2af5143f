/// What the notebook's program guarantees for one run, written down independently of both ports.
///
/// Each example's expected ordering lists, lane by lane, the lines it prints and the beat each
/// falls in. Where the program leaves a choice open — which worker takes the lock first — there is
/// one ordering per way the choice can go, and each run is held to the one its own choice picked.
public struct ExpectedOrdering: Sendable {
  /// How the open choice went (`"Thread-1 takes the lock first"`), or `nil` when there is none.
  public var choice: String?
  /// Each lane's lines in order.
  public var lanes: [String: [Event.Shape]]
}

extension ExampleID {
  /// The orderings the notebook's program allows with `seed`: one per way its open choice can go.
  public func expectedOrderings(seed: UInt64) -> [ExpectedOrdering] {
    typealias Line = Event.Shape
    switch self {
    case .startNewThread:
      let original = NotebookText.repr(["a": .int(1), "b": .int(2)])
      let changed = NotebookText.repr(["a": .string("changed"), "b": .string("changed")])
      return [
        ExpectedOrdering(
          choice: nil,
          lanes: [
            "main": [
              Line(text: original, beat: 0), Line(text: changed, beat: 2),
              Line(text: "a Dictionary copy taken before the start: \(original)", beat: 2),
            ],
            "worker-a": [Line(text: "origin_value['a'] = 'changed'", beat: 1)],
            "worker-b": [Line(text: "origin_value['b'] = 'changed'", beat: 2)],
          ])
      ]
    case .threadingModule:
      return [
        ExpectedOrdering(
          choice: nil,
          lanes: [
            "main": [
              Line(text: "current thread: main", beat: 0), Line(text: "active count: 1", beat: 0),
              Line(text: "active count: 3", beat: 0),
              Line(text: "enumerate: main, job-1, job-2", beat: 0),
              Line(text: "job-1 is alive: True", beat: 0),
              Line(text: "job-2 is alive: False", beat: 1), Line(text: "active count: 2", beat: 1),
              Line(text: "job-1 is alive: False", beat: 2), Line(text: "enumerate: main", beat: 2),
            ],
            "job-1": [Line(text: "job-1:", isStamped: true, beat: 0)],
            "job-2": [Line(text: "job-2:", isStamped: true, beat: 0)],
          ])
      ]
    case .simpleThreading:
      var random = SeededRandom(seed: seed)
      let delay1 = random.randint(1, 4)
      let delay2 = random.randint(1, 4)
      func worker(_ name: String, _ delay: Int) -> [Line] {
        [
          Line(text: "Starting thread \(name)", beat: 0),
          Line(text: "\(name):", isStamped: true, beat: 0),
          Line(text: "Exiting \(name)", beat: delay),
        ]
      }
      return [
        ExpectedOrdering(
          choice: nil,
          lanes: [
            "main": [
              Line(text: "wait thread1", beat: 0), Line(text: "wait thread2", beat: delay1),
              Line(text: "Done", beat: max(delay1, delay2)),
            ],
            "thread1": worker("thread1", delay1),
            "thread2": worker("thread2", delay2),
          ])
      ]
    // snippet: lock-choice
    case .synchronizingThreads:
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
        lanes["main"] = [Line(text: "Exiting Main Thread", beat: lockFreeAt)]
        return ExpectedOrdering(choice: "\(order[0].0) takes the lock first", lanes: lanes)
      }
    // end snippet: lock-choice
    }
  }

  /// How the example's open choice went in `events`, named as in `expectedOrderings(seed:)`.
  public func choice(in events: [Event]) -> String? {
    guard self == .synchronizingThreads else { return nil }
    let first = events.first { $0.text == "lock value True" }
    return first.map { "\($0.lane) takes the lock first" }
  }

  /// The happens-before promises the example's program makes (joins, awaits, the lock).
  public var guarantees: [Guarantee] {
    switch self {
    case .startNewThread:
      let done = NotebookText.repr(["a": .string("changed"), "b": .string("changed")])
      return ["worker-a", "worker-b"].map {
        .happensBefore(
          .end(of: $0), .line("main", done), because: "main reads after waiting for \($0)")
      }
    case .threadingModule:
      // The jobs print nothing when they end, so no recorded line marks the end a join waits
      // for; the beats of the "is alive: False" lines are what check the joins here.
      return []
    case .simpleThreading:
      return [
        .happensBefore(.end(of: "thread1"), .line("main", "wait thread2"), because: "join thread1"),
        .happensBefore(.end(of: "thread1"), .line("main", "Done"), because: "join thread1"),
        .happensBefore(.end(of: "thread2"), .line("main", "Done"), because: "join thread2"),
      ]
    case .synchronizingThreads:
      return [
        .mutualExclusion(opening: "lock value True", because: "one holder of the lock at a time"),
        .happensBefore(
          .end(of: "Thread-1"), .line("main", "Exiting Main Thread"), because: "join Thread-1"),
        .happensBefore(
          .end(of: "Thread-2"), .line("main", "Exiting Main Thread"), because: "join Thread-2"),
      ]
    }
  }
}
