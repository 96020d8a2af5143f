extension ExampleID {
  /// `threading.BoundedSemaphore(2)`: four workers, at most two inside at once.
  public static let semaphore = ExampleID("semaphore")
}

extension Example {
  /// The lanes of the four workers.
  static let semaphoreWorkers = (1...4).map { "worker\($0)" }

  /// Four workers go through a `BoundedSemaphore(2)`, each printing "inside", sleeping 2 s and
  /// printing "leaving". Two are inside from beat 0 to 2, the other two from 2 to 4; main joins
  /// them all, then releases the semaphore once too often, which a bounded semaphore refuses.
  /// Which two go first is the program's open choice: a semaphore promises a count, not an order.
  static let semaphore: Example = {
    var example = Example(
      id: .semaphore, title: "Semaphores",
      summary: "BoundedSemaphore(2): four workers, at most two inside at once",
      group: .beyond,
      guarantees: [
        .atMostInside(
          2, opening: "inside", closing: "leaving",
          because: "BoundedSemaphore(2) lets two workers in at a time")
      ]
        + semaphoreWorkers.map {
          .happensBefore(.end(of: $0), .line(mainLane, "all workers done"), because: "join \($0)")
        },
      choice: { events in
        let first = events.filter { $0.text == "inside" }.prefix(2).map(\.lane).sorted()
        return first.count == 2 ? "\(first[0]) and \(first[1]) go in first" : nil
      }
    ) { _ in semaphoreOrderings(refusal: "Semaphore released too many times") }
    example.declaredDifferences[.asyncio] = DeclaredDifference(
      "asyncio's BoundedSemaphore names itself in the error a release once too many raises, "
        + "where threading's says 'Semaphore'"
    ) { _ in semaphoreOrderings(refusal: "BoundedSemaphore released too many times") }
    return example
  }()

  /// The orderings of `semaphore`, the main flow's last line ending with `refusal`, the message of
  /// the error a release once too many raises.
  static func semaphoreOrderings(refusal: String) -> [ExpectedOrdering] {
    typealias Line = Event.Shape
    let workers = semaphoreWorkers
    var orderings: [ExpectedOrdering] = []
    // Any two of the four may go in first: one ordering for each pair.
    for (index, first) in workers.enumerated() {
      for second in workers[(index + 1)...] {
        var lanes: [String: [Line]] = [:]
        for worker in workers {
          let enters = worker == first || worker == second ? 0 : 2
          lanes[worker] = [
            Line(text: "inside", beat: enters), Line(text: "leaving", beat: enters + 2),
          ]
        }
        lanes[mainLane] = [
          Line(text: "all workers done", beat: 4),
          Line(text: "release() once too many: \(refusal)", beat: 4),
        ]
        orderings.append(
          ExpectedOrdering(choice: "\(first) and \(second) go in first", lanes: lanes))
      }
    }
    return orderings
  }
}
