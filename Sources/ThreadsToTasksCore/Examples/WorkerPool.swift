extension ExampleID {
  /// `ThreadPoolExecutor(max_workers=2)`: results in completion order, one job raising.
  public static let workerPool = ExampleID("worker-pool")
}

extension Example {
  /// Four jobs on two workers: job 1 sleeps 3 s, job 2 1 s, job 3 1 s and raises, job 4 2 s.
  /// Jobs 1 and 2 start at once; job 3 waits for job 2's worker (beats 1-2), job 4 for job 3's
  /// (beats 2-4). Main prints each outcome as its job completes. Python's pool, and the thread
  /// version, let every job finish; the task group cancels the rest on the first error.
  static let workerPool: Example = {
    var example = Example(
      id: .workerPool, title: "A pool of workers with results and exceptions",
      summary: "ThreadPoolExecutor(max_workers=2): results as completed, one job raises",
      group: .beyond
    ) { _ in
      typealias Line = Event.Shape
      return [
        ExpectedOrdering(lanes: [
          mainLane: [
            Line(text: "job 2 -> 4", beat: 1), Line(text: "job 3 raised: job 3 failed", beat: 2),
            Line(text: "job 1 -> 1", beat: 3), Line(text: "job 4 -> 16", beat: 4),
            Line(text: "pool shut down", beat: 4),
          ]
        ])
      ]
    }
    example.declaredDifferences[.task] = DeclaredDifference(
      "the first error to leave a task group cancels the other children (job 1 in its sleep) and "
        + "no more are added (job 4), where Python's pool lets every submitted job run to its end"
    ) { _ in
      typealias Line = Event.Shape
      return [
        ExpectedOrdering(lanes: [
          mainLane: [
            Line(text: "job 2 -> 4", beat: 1), Line(text: "job 3 raised: job 3 failed", beat: 2),
            Line(text: "pool shut down", beat: 2),
          ]
        ])
      ]
    }
    example.declaredDifferences[.asyncio] = DeclaredDifference(
      "asyncio.TaskGroup, like a Swift task group, cancels its other tasks on the first error "
        + "(job 1 in its sleep) and hands the error on in an ExceptionGroup, so job 4 never starts, "
        + "where Python's pool lets every submitted job run to its end",
      expectedOrderings: example.declaredDifferences[.task]!.expectedOrderings)
    return example
  }()
}
