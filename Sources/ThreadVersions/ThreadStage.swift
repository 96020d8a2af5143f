import ThreadsToTasksCore

/// What a thread version of an example prints to and sleeps on: Python's `print` and `time.sleep`.
public struct ThreadStage: Sendable {
  /// Where the example's lines go.
  public let recorder: Recorder
  /// The stop request the example's threads honour at every sleep.
  public let stop: StopSignal

  /// A stage that records into `recorder` and stops when `stop` is raised.
  public init(recorder: Recorder, stop: StopSignal) {
    self.recorder = recorder
    self.stop = stop
  }

  /// Python: `print(text)`. Once a stop is requested nothing more is printed, so the transcript
  /// ends where the run was stopped even though the threads take a moment to wind down.
  func print(_ text: String, lane: String) {
    guard !stop.isRequested else { return }
    recorder.print(text, lane: lane)
  }

  /// Python: `print("%s: %s" % (lane, time.ctime(time.time())))`.
  func printCtime(lane: String) {
    guard !stop.isRequested else { return }
    recorder.printCtime(lane: lane)
  }

  /// Python: `time.sleep(seconds)`, in notebook seconds; throws `Stopped` early on a stop request.
  func sleep(_ seconds: Int) throws(Stopped) {
    try stop.sleep(until: recorder.clock.deadline(afterSleeping: seconds))
  }
}
