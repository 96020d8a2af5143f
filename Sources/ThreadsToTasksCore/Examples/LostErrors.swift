extension ExampleID {
  /// An exception in a thread: `threading.excepthook` against Swift's errors and traps.
  public static let lostErrors = ExampleID("lost-errors")
}

extension Example {
  /// A worker sleeps 1 s and fails; main joins it and goes on. Python reports the failure through
  /// `threading.excepthook`, in the failing thread; the thread version catches it in the body (a
  /// `Thread` body cannot throw), in the worker's lane too. A task's error goes to the task that
  /// awaits it: the task version's group hands it to main, which reports it — the declared
  /// difference.
  static let lostErrors: Example = {
    typealias Line = Event.Shape
    let failure = "uncaught in worker: worker failed"
    var example = Example(
      id: .lostErrors, title: "Errors in threads and tasks",
      summary:
        "threading.excepthook; a Thread body cannot throw; a task's error goes to its awaiter",
      group: .toolbox,
      guarantees: [
        .happensBefore(
          .anyLane(failure), .line(mainLane, "main goes on"),
          because: "main joins the worker, and hears of its failure, before it goes on")
      ]
    ) { _ in
      [
        ExpectedOrdering(lanes: [
          "worker": [Line(text: failure, beat: 1)],
          mainLane: [Line(text: "main goes on", beat: 1)],
        ])
      ]
    }
    example.declaredDifferences[.task] = DeclaredDifference(
      "an error thrown in a child task goes to the task that awaits it — here the group hands it "
        + "to main, which reports it — where Python calls threading.excepthook in the thread "
        + "that failed"
    ) { _ in
      [
        ExpectedOrdering(lanes: [
          mainLane: [Line(text: failure, beat: 1), Line(text: "main goes on", beat: 1)]
        ])
      ]
    }
    // asyncio's TaskGroup hands the error to main as Swift's group does.
    example.declaredDifferences[.asyncio] = DeclaredDifference(
      "a task's exception goes to whoever awaits it — the TaskGroup raises it in main, in an "
        + "ExceptionGroup — as in Swift's task group",
      expectedOrderings: example.declaredDifferences[.task]!.expectedOrderings)
    return example
  }()
}
