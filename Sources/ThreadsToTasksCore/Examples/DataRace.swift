extension ExampleID {
  /// Read, modify, write: four workers add to one count, and no update may be lost.
  public static let dataRace = ExampleID("data-race")
}

extension Example {
  /// The workers of `data-race`.
  static let dataRaceWorkers = (1...4).map { "worker\($0)" }

  /// Four workers each add 1 to a shared count 100 times, reading it, then writing it back one
  /// more, with the whole update inside a lock (Python, threads), or inside one actor step
  /// (tasks); each says when it is done; main joins them and prints the count. Nothing sleeps:
  /// every line is at beat 0, and the count is the point — any lost update shows in the last line.
  static let dataRace = Example(
    id: .dataRace, title: "Read, modify, write",
    summary: "counter += 1 from four workers: a lock, an actor, or lost updates",
    group: .toolbox,
    guarantees: dataRaceWorkers.map {
      .happensBefore(.end(of: $0), .line(mainLane, "count: 400 of 400"), because: "join \($0)")
    }
  ) { _ in
    var lanes: [String: [Event.Shape]] = [
      mainLane: [Event.Shape(text: "count: 400 of 400", beat: 0)]
    ]
    for worker in dataRaceWorkers { lanes[worker] = [Event.Shape(text: "added 100", beat: 0)] }
    return [ExpectedOrdering(lanes: lanes)]
  }
}
