extension ExampleID {
  /// `threading.local()`: each thread's own request, read by a function that takes none.
  public static let threadLocal = ExampleID("thread-local")
}

extension Example {
  /// Two workers each keep their request in a thread-local, sleep 1 s and 2 s, and log it through
  /// a function that takes no request; each then starts a helper that logs too. Main, after the
  /// joins, has no request of its own. A thread started by a worker starts with an empty
  /// `threading.local`; a child task inherits its parent's task-locals: the declared difference.
  static let threadLocal: Example = {
    typealias Line = Event.Shape
    func lanes(helperSees: (Int) -> String) -> [String: [Line]] {
      var lanes: [String: [Line]] = [mainLane: [Line(text: "main sees a request: False", beat: 2)]]
      for n in 1...2 {
        lanes["worker\(n)"] = [Line(text: "handling request \(n)", beat: n)]
        lanes["helper\(n)"] = [Line(text: "helper sees \(helperSees(n))", beat: n)]
      }
      return lanes
    }
    let helpersSeeNothing = lanes { _ in "None" }
    let helpersInherit = lanes { "request \($0)" }
    var example = Example(
      id: .threadLocal, title: "Thread-local state",
      summary: "threading.local(): each worker's own request; @TaskLocal for tasks",
      group: .beyond,
      guarantees: (1...2).map { n in
        .happensBefore(
          .end(of: "helper\(n)"), .line(mainLane, "main sees a request: False"),
          because: "worker\(n) joins helper\(n), and main joins worker\(n)")
      }
    ) { _ in [ExpectedOrdering(lanes: helpersSeeNothing)] }
    example.declaredDifferences[.task] = DeclaredDifference(
      "a child task inherits the task-locals of the task that starts it, so each helper sees its "
        + "worker's request, where a thread started by a thread starts with an empty "
        + "threading.local and sees None"
    ) { _ in [ExpectedOrdering(lanes: helpersInherit)] }
    example.declaredDifferences[.asyncio] = DeclaredDifference(
      "a task made by asyncio.create_task starts with a copy of its creator's contextvars, as a "
        + "child task inherits task-locals, so each helper sees its worker's request, where a "
        + "thread started by a thread starts with an empty threading.local and sees None",
      expectedOrderings: example.declaredDifferences[.task]!.expectedOrderings)
    return example
  }()
}
