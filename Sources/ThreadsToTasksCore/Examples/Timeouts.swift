extension ExampleID {
  /// `Lock.acquire(timeout=)`, `join(timeout)` and `Future.result(timeout=)`.
  public static let timeouts = ExampleID("timeouts")
}

extension Example {
  /// A holder thread keeps a lock from beat 0 to 3. Main's `acquire(timeout=1)` gives up at 1;
  /// its `join(timeout=1)` on the holder returns at 2 with the holder alive; at 2 it submits a
  /// 2-second job and waits for its result with `timeout=1`, which raises at 3. In Python (and
  /// the thread version) the job runs on and its result comes at 4; racing the job in a task
  /// group cancels it at 3.
  static let timeouts: Example = {
    typealias Line = Event.Shape
    let holder = [
      Line(text: "holder has the lock", beat: 0), Line(text: "holder lets go", beat: 3),
    ]
    let waits = [
      Line(text: "acquire(timeout=1): False", beat: 1),
      Line(text: "join(timeout=1): holder is alive: True", beat: 2),
      Line(text: "result(timeout=1): TimeoutError", beat: 3),
    ]
    var example = Example(
      id: .timeouts, title: "Timeouts",
      summary:
        "acquire(timeout=), join(timeout), result(timeout=) give up; threads work on, a task is cancelled",
      group: .beyond,
      guarantees: [
        .happensBefore(
          .line(mainLane, "acquire(timeout=1): False"), .line("holder", "holder lets go"),
          because: "acquire(timeout=1) gives up while the holder still has the lock"),
        .happensBefore(
          .line(mainLane, "join(timeout=1): holder is alive: True"),
          .line("holder", "holder lets go"),
          because: "join(timeout=1) gives up while the holder still runs"),
        .happensBefore(.end(of: "holder"), .line(mainLane, "done"), because: "holder.join()"),
      ]
    ) { _ in
      [
        ExpectedOrdering(lanes: [
          "holder": holder,
          mainLane: waits + [Line(text: "result(): 9", beat: 4), Line(text: "done", beat: 4)],
        ])
      ]
    }
    example.declaredDifferences[.task] = DeclaredDifference(
      "racing the job against the timeout in a task group cancels the job that lost, where "
        + "Python's result(timeout=) only stops waiting and the job runs on to give its result"
    ) { _ in
      [
        ExpectedOrdering(lanes: ["holder": holder, mainLane: waits + [Line(text: "done", beat: 3)]])
      ]
    }
    example.declaredDifferences[.asyncio] = DeclaredDifference(
      "asyncio.wait_for cancels the job when its time runs out, as racing it in a task group "
        + "does, where concurrent.futures' result(timeout=) only stops waiting and the job runs on",
      expectedOrderings: example.declaredDifferences[.task]!.expectedOrderings)
    return example
  }()
}
