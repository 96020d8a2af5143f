extension ExampleID {
  /// `_thread.start_new_thread`: two fire-and-forget workers change a shared dictionary.
  public static let startNewThread = ExampleID("start-new-thread")
}

extension Example {
  /// The notebook starts two workers that change `origin_value` after 1 and 2 s and prints it in
  /// a later cell, run by hand. The port prints it right after starting (the workers are still
  /// asleep), then waits for both — the wait is the port's: a program's main flow does not pause
  /// for a person, and a process that ends takes its threads with it — and prints it again.
  static let startNewThread = Example(
    id: .startNewThread, title: "Starting with thread",
    summary: "two fire-and-forget workers change a shared dictionary after 1 and 2 s"
  ) { _ in
    typealias Line = Event.Shape
    let original = "{'a': 1, 'b': 2}"
    return [
      ExpectedOrdering(lanes: [
        mainLane: [
          Line(text: original, beat: 0),
          Line(text: "{'a': 'changed', 'b': 'changed'}", beat: 2),
          Line(text: "a copy taken before the start: \(original)", beat: 2),
        ]
      ])
    ]
  }
}
