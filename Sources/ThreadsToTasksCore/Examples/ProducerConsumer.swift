extension ExampleID {
  /// `queue.Queue(maxsize=2)` between a producer and a slow consumer, stopped by a sentinel.
  public static let producerConsumer = ExampleID("producer-consumer")
}

extension Example {
  /// A producer puts 1 to 4 and then a sentinel (`None`) into a queue that holds two; a consumer
  /// takes one item at a time and works a second on it. The consumer takes item 1 at once, so
  /// items 2 and 3 fit and `put 4` waits for room until item 2 is taken, at beat 1; the sentinel
  /// waits for item 3, at beat 2. Main's `q.join()` returns once every item, the sentinel
  /// included, was marked `task_done()`.
  static let producerConsumer = Example(
    id: .producerConsumer, title: "Producer and consumer with queue.Queue",
    summary: "a bounded queue.Queue: put waits for room, get for an item, join for task_done",
    group: .beyond,
    guarantees: [
      .happensBefore(
        .line("consumer", "processed 1"), .line("producer", "put 4"),
        because: "the queue holds 2: put 4 waits until item 2 is taken"),
      .happensBefore(
        .line("consumer", "processed 2"), .line("producer", "put the sentinel"),
        because: "the queue holds 2: the sentinel waits until item 3 is taken"),
      .happensBefore(
        .end(of: "consumer"), .line(mainLane, "all items processed"),
        because: "q.join() waits for every task_done()"),
    ]
  ) { _ in
    typealias Line = Event.Shape
    return [
      ExpectedOrdering(lanes: [
        "producer": [
          Line(text: "put 1", beat: 0), Line(text: "put 2", beat: 0),
          Line(text: "put 3", beat: 0), Line(text: "put 4", beat: 1),
          Line(text: "put the sentinel", beat: 2),
        ],
        "consumer": (1...4).map { Line(text: "processed \($0)", beat: $0) } + [
          Line(text: "got the sentinel", beat: 4)
        ],
        mainLane: [Line(text: "all items processed", beat: 4)],
      ])
    ]
  }
}
