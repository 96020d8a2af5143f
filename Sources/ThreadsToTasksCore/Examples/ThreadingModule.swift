extension ExampleID {
  /// The `threading` module's API, toured with `do_async_job`.
  public static let threadingModule = ExampleID("threading-module")
}

extension Example {
  /// The notebook lists the `threading` API; the port uses each item once and prints its answer:
  /// job-1 sleeps 3 s, job-2 1 s; main joins job-2, then job-1 with a timeout that expires, reads
  /// and changes job-1's name, and joins it for good.
  static let threadingModule = Example(
    id: .threadingModule, title: "Threading Module",
    summary: "the API tour: current thread, counts, enumerate, join with a timeout, names"
  ) { _ in
    typealias Line = Event.Shape
    return [
      ExpectedOrdering(lanes: [
        mainLane: [
          Line(text: "current thread: MainThread", beat: 0),
          Line(text: "active count: 1", beat: 0),
          Line(text: "active count: 3", beat: 0),
          Line(text: "enumerate: MainThread, job-1, job-2", beat: 0),
          Line(text: "job-1 is alive: True", beat: 0),
          Line(text: "job-2 is alive: False", beat: 1),
          Line(text: "active count: 2", beat: 1),
          Line(text: "after join(timeout=1), job-1 is alive: True", beat: 2),
          Line(text: "name: job-1", beat: 2),
          Line(text: "renamed: job-1 renamed", beat: 2),
          Line(text: "job-1 is alive: False", beat: 3),
          Line(text: "enumerate: MainThread", beat: 3),
        ],
        "job-1": [Line(text: "job-1:", isStamped: true, beat: 0)],
        "job-2": [Line(text: "job-2:", isStamped: true, beat: 0)],
      ])
    ]
  }
}
