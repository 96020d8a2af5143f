import ThreadsToTasksCore

/// What a task version of an example prints to and sleeps on: Python's `print` and `time.sleep`.
public struct TaskStage: Sendable {
  /// Where the example's lines go.
  public let recorder: Recorder

  /// A stage that records into `recorder`.
  public init(recorder: Recorder) { self.recorder = recorder }

  /// Python: `print(text)`.
  func print(_ text: String, lane: String) { recorder.print(text, lane: lane) }

  /// Python: `print("%s: %s" % (lane, time.ctime(time.time())))`.
  func printCtime(lane: String) { recorder.printCtime(lane: lane) }

  /// Python: `time.sleep(seconds)`, in notebook seconds. Suspends the task without holding a
  /// thread, and throws `CancellationError` at once if the task is cancelled.
  func sleep(_ seconds: Int) async throws {
    try await Task.sleep(until: recorder.clock.deadline(afterSleeping: seconds), clock: .continuous)
  }
}
