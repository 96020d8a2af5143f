import TaskVersions
import Testing
import ThreadVersions
import ThreadsToTasksCore

/// Starts one version of `example`, and stops it as soon as its first event is recorded (at beat
/// 0, with all its sleeps ahead): a task version by cancelling it, a thread version by the stop
/// request that cancelling `runWithThreads` raises. Returns the transcript and when the stop was
/// requested, in notebook seconds.
func runAndStop(_ example: ExampleID, _ paradigm: Paradigm) async -> (
  transcript: Transcript, stoppedAt: Double
) {
  let clock = ExampleClock(pace: testPace)
  let (started, signal) = AsyncStream.makeStream(of: Void.self)
  let running = Task {
    let observer: @Sendable (Event) -> Void = { _ in signal.yield() }
    return paradigm == .thread
      ? await runWithThreads(example, seed: 7, clock: clock, observer: observer)
      : await runWithTasks(example, seed: 7, clock: clock, observer: observer)
  }
  for await _ in started { break }
  let stoppedAt = clock.elapsed()
  running.cancel()
  return (await running.value, stoppedAt)
}

@Suite("Stopping a run")
struct CancellationTests {
  @Test(
    "stopping a version ends it at its next step; the transcript shows where it stopped",
    arguments: ExampleID.allCases, [Paradigm.thread, .task])
  func stop(example: ExampleID, paradigm: Paradigm) async {
    let (transcript, stoppedAt) = await runAndStop(example, paradigm)
    #expect(transcript.wasStopped)
    // Every sleep lasts a beat or more, so an event more than a beat after the stop request
    // would mean a worker slept on. Both runners return only once every worker has stopped.
    #expect(transcript.events.allSatisfy { $0.elapsed < stoppedAt + 1 }, "\(transcript.events)")
    #expect(!Equivalence.check(transcript).isEquivalent)
  }

  @Test("a thread sleeping on a stop signal wakes when the stop is requested")
  func stopSignal() async throws {
    let signal = StopSignal()
    let stopped = Locked(false)
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      let sleeper = JoinableThread(name: "sleeper") {
        // An hour: only the stop request can end this sleep within the test.
        do { try signal.sleep(until: .now + .seconds(3600)) } catch {
          stopped.withLock { $0 = true }
        }
        done.resume()
      }
      sleeper.start()
      signal.request()
    }
    #expect(stopped.withLock { $0 })
  }
}
