extension ExampleID {
  /// `threading.Condition`: two consumers wait for an item; `notify` wakes one, `notify_all` all.
  public static let condition = ExampleID("condition")
}

extension Example {
  /// The consumers of `condition`.
  static let conditionConsumers = ["consumer1", "consumer2"]

  /// Two consumers wait on one condition until an item is on the shelf. Main puts the first item
  /// at beat 1 and wakes one waiter, the second at beat 2 and wakes all; each consumer takes one
  /// and says so; main joins both. Which consumer gets the first item is the open choice (Python
  /// wakes the longest waiter, which is usually consumer1; nothing promises it).
  static let condition = Example(
    id: .condition, title: "Conditions",
    summary: "threading.Condition: wait_for, notify, notify_all; for tasks, a queue",
    group: .toolbox,
    guarantees: conditionConsumers.flatMap { consumer -> [Guarantee] in
      [
        .happensBefore(
          .line(mainLane, "put first"), .line(consumer, "got first"),
          because: "the item is on the shelf before anyone can take it"),
        .happensBefore(
          .line(mainLane, "put second"), .line(consumer, "got second"),
          because: "the item is on the shelf before anyone can take it"),
        .happensBefore(
          .end(of: consumer), .line(mainLane, "both consumers done"), because: "join \(consumer)"),
      ]
    },
    choice: { events in
      events.first { $0.text == "got first" }.map { "\($0.lane) gets the first item" }
    }
  ) { _ in
    conditionConsumers.map { first in
      let second = conditionConsumers.first { $0 != first }!
      return ExpectedOrdering(
        choice: "\(first) gets the first item",
        lanes: [
          mainLane: [
            Event.Shape(text: "put first", beat: 1), Event.Shape(text: "put second", beat: 2),
            Event.Shape(text: "both consumers done", beat: 2),
          ],
          first: [Event.Shape(text: "got first", beat: 1)],
          second: [Event.Shape(text: "got second", beat: 2)],
        ])
    }
  }
}
