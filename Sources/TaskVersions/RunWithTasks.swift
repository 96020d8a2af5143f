import ThreadsToTasksCore

/// Runs the task version of `example` and returns what it printed.
///
/// The example's main flow is a child task named `main`, so cancelling the caller cancels the
/// whole tree through structured cancellation: every sleep throws at once, and the partial
/// transcript is returned.
///
/// - Parameters:
///   - seed: the seed the random delays are drawn with.
///   - clock: the run's time axis; it starts when the example's main flow does.
///   - naiveActor: in `synchronizing-threads`, use the reentrant `NaivePrinter` counter-example
///     instead of `SerialPrinter`.
///   - observer: sees each event as it is recorded.
public func runWithTasks(
  _ example: ExampleID, seed: UInt64, clock: ExampleClock, naiveActor: Bool = false,
  observer: (@Sendable (Event) -> Void)? = nil
) async -> Transcript {
  let recorder = Recorder(clock: clock, observer: observer)
  let stage = TaskStage(recorder: recorder)
  let printer: any TimePrinter = naiveActor ? NaivePrinter() : SerialPrinter()
  var wasStopped = false
  do {
    try await withThrowingTaskGroup { group in
      group.addTask(name: "main") {
        clock.start()
        switch example {
        case .startNewThread: try await startingWithThread(on: stage)
        case .threadingModule: try await threadingModule(on: stage)
        case .simpleThreading: try await simpleThreading(seed: seed, on: stage)
        case .synchronizingThreads: try await synchronizingThreads(on: stage, printer: printer)
        }
      }
      try await group.waitForAll()
    }
  } catch {
    // The examples throw nothing but the `CancellationError` of a cancelled sleep.
    wasStopped = true
  }
  return Transcript(
    example: example, paradigm: .task, seed: seed, startDate: clock.startDate,
    events: recorder.recorded, wasStopped: wasStopped)
}
