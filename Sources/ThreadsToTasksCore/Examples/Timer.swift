extension ExampleID {
  /// `threading.Timer` and periodic work: a delayed call, a cancelled one, a ticker stopped.
  public static let timer = ExampleID("timer")
}

extension Example {
  /// Main starts a timer that fires after 2 s and one set for 1 s that it cancels at once; then a
  /// ticker that ticks every 2 s until stopped. Main sleeps 3 s, stops the ticker (between its
  /// first and second tick), joins everything and says so. The cancelled timer never prints.
  static let timer = Example(
    id: .timer, title: "Timers and tickers",
    summary: "threading.Timer, cancel(), a ticker stopped by an event; Task.sleep and cancel()",
    group: .toolbox,
    guarantees: [
      .happensBefore(
        .line("ticker", "ticker stopped"), .line(mainLane, "done"), because: "join the ticker"),
      .happensBefore(
        .line("reminder", "reminder fired"), .line(mainLane, "done"),
        because: "join the reminder"),
    ]
  ) { _ in
    [
      ExpectedOrdering(lanes: [
        mainLane: [
          Event.Shape(text: "cancelled one", beat: 0), Event.Shape(text: "done", beat: 3),
        ],
        "reminder": [Event.Shape(text: "reminder fired", beat: 2)],
        "ticker": [
          Event.Shape(text: "tick 1", beat: 2), Event.Shape(text: "ticker stopped", beat: 3),
        ],
      ])
    ]
  }
}
