extension ExampleID {
  /// `threading.Barrier(3)`: three runners arrive at different times and go on together.
  public static let barrier = ExampleID("barrier")
}

extension Example {
  /// The runners of `barrier`.
  static let barrierRunners = (1...3).map { "runner\($0)" }

  /// Three runners sleep 1, 2 and 3 s, say they arrived, and wait at a barrier for three; when
  /// the third arrives all three go on and say so; main joins them. No runner goes on before the
  /// last has arrived.
  static let barrier = Example(
    id: .barrier, title: "Barriers",
    summary: "threading.Barrier(3): three runners meet, then go on together",
    group: .toolbox,
    guarantees: barrierRunners.flatMap { arriving in
      barrierRunners.map { going -> Guarantee in
        .happensBefore(
          .line(arriving, "arrived"), .line(going, "go"),
          because: "the barrier lets no one on before all three have arrived")
      }
    }
      + barrierRunners.map {
        .happensBefore(.end(of: $0), .line(mainLane, "all through"), because: "join \($0)")
      }
  ) { _ in
    var lanes: [String: [Event.Shape]] = [mainLane: [Event.Shape(text: "all through", beat: 3)]]
    for (index, runner) in barrierRunners.enumerated() {
      lanes[runner] = [
        Event.Shape(text: "arrived", beat: index + 1), Event.Shape(text: "go", beat: 3),
      ]
    }
    return [ExpectedOrdering(lanes: lanes)]
  }
}
