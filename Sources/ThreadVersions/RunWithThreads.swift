import Foundation
import ThreadsToTasksCore

/// Runs the thread version of `example` and returns what it printed.
///
/// The example's main flow runs on a thread of its own, where it may block on joins and locks as
/// the notebook's does. The caller is suspended, not blocked, until that thread is done: a
/// blocking wait here would hold one of the cooperative pool's few threads (two on a 2-core
/// machine) and starve every task beside it. Cancelling the caller requests a stop, which the
/// threads honour at their next sleep; the partial transcript is returned.
///
/// - Parameters:
///   - seed: the seed the random delays are drawn with.
///   - clock: the run's time axis; it starts when the example's main flow does.
///   - lock: the lock of `synchronizing-threads` (a test can pass one that does not exclude).
///   - observer: sees each event as it is recorded.
public func runWithThreads(
  _ example: ExampleID, seed: UInt64, clock: ExampleClock,
  lock: any NSLocking & Sendable = NSLock(),
  observer: (@Sendable (Event) -> Void)? = nil
) async -> Transcript {
  let recorder = Recorder(clock: clock, observer: observer)
  let stage = ThreadStage(recorder: recorder, stop: StopSignal())
  // snippet: bridge
  await withTaskCancellationHandler {
    await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
      let main = JoinableThread(name: "main") {
        clock.start()
        switch example {
        case .startNewThread: startingWithThread(on: stage)
        case .threadingModule: threadingModule(on: stage)
        case .simpleThreading: simpleThreading(seed: seed, on: stage)
        case .synchronizingThreads: synchronizingThreads(on: stage, lock: lock)
        }
        finished.resume()
      }
      main.start()
    }
  } onCancel: {
    stage.stop.request()
  }
  // end snippet: bridge
  return Transcript(
    example: example, paradigm: .thread, seed: seed, startDate: clock.startDate,
    events: recorder.recorded, wasStopped: stage.stop.isRequested)
}
