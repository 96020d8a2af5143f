extension ExampleID {
  /// A `threading.Thread` subclass with random delays, joined in order.
  public static let simpleThreading = ExampleID("simple-threading")
}

extension Example {
  /// Two threads print, sleep a seeded random 1–4 s, print again; main joins thread1, then
  /// thread2. The delays are drawn by the main flow before either thread starts, delay1 first.
  static let simpleThreading = Example(
    id: .simpleThreading, title: "Simple threading",
    summary: "two workers sleep a seeded random 1-4 s; main joins thread1, then thread2",
    guarantees: [
      .happensBefore(.end(of: "thread1"), .line(mainLane, "wait thread2"), because: "join thread1"),
      .happensBefore(.end(of: "thread1"), .line(mainLane, "Done"), because: "join thread1"),
      .happensBefore(.end(of: "thread2"), .line(mainLane, "Done"), because: "join thread2"),
    ]
  ) { seed in
    typealias Line = Event.Shape
    let (delay1, delay2) = simpleThreadingDelays(seed: seed)
    func worker(_ name: String, _ delay: Int) -> [Line] {
      [
        Line(text: "Starting thread \(name)", beat: 0),
        Line(text: "\(name):", isStamped: true, beat: 0),
        Line(text: "Exiting \(name)", beat: delay),
      ]
    }
    return [
      ExpectedOrdering(lanes: [
        mainLane: [
          Line(text: "wait thread1", beat: 0), Line(text: "wait thread2", beat: delay1),
          Line(text: "Done", beat: max(delay1, delay2)),
        ],
        "thread1": worker("thread1", delay1),
        "thread2": worker("thread2", delay2),
      ])
    ]
  }
}

/// The two delays simple-threading draws with `seed`, as every paradigm's main flow draws them:
/// `randint(1, 4)` for thread1, then for thread2.
public func simpleThreadingDelays(seed: UInt64) -> (Int, Int) {
  var random = SeededRandom(seed: seed)
  return (random.randint(1, 4), random.randint(1, 4))
}
