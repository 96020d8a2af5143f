import TaskVersions
import Testing
import ThreadVersions
import ThreadsToTasksCore

/// Starts `run` with an observer, and cancels it as soon as an event `stopAt` accepts is
/// recorded (the tests stop at the first event, at beat 0, with every example's sleeps ahead). Returns the transcript and when the stop was requested, in notebook seconds.
func runAndStop(
  at stopAt: @escaping @Sendable (Event) -> Bool,
  _ run: @escaping @Sendable (ExampleClock, @escaping @Sendable (Event) -> Void) async -> Transcript
) async -> (transcript: Transcript, stoppedAt: Double) {
  let clock = ExampleClock(pace: testPace)
  let (reached, signal) = AsyncStream.makeStream(of: Void.self)
  let running = Task { await run(clock) { if stopAt($0) { signal.yield() } } }
  for await _ in reached { break }
  let stoppedAt = clock.elapsed()
  running.cancel()
  return (await running.value, stoppedAt)
}

@Suite("Stopping a run")
struct CancellationTests {
  @Test(
    "cancelling a task version ends all its children at once; the transcript shows where",
    arguments: ExampleID.allCases)
  func cancelTasks(example: ExampleID) async {
    let (transcript, stoppedAt) = await runAndStop(at: { _ in true }) {
      clock, observer in
      await runWithTasks(example, seed: 7, clock: clock, observer: observer)
    }
    #expect(transcript.wasStopped)
    // Every sleep lasts a beat or more, so an event more than a beat after the stop request
    // would mean a child slept on; `runWithTasks` returned only after all had stopped.
    #expect(transcript.events.allSatisfy { $0.elapsed < stoppedAt + 1 }, "\(transcript.events)")
    #expect(!Equivalence.check(transcript).isEquivalent)
  }

  @Test(
    "a stop request ends a thread version at its next sleep; the transcript shows where",
    arguments: ExampleID.allCases)
  func stopThreads(example: ExampleID) async {
    let (transcript, stoppedAt) = await runAndStop(at: { _ in true }) {
      clock, observer in
      await runWithThreads(example, seed: 7, clock: clock, observer: observer)
    }
    #expect(transcript.wasStopped)
    #expect(transcript.events.allSatisfy { $0.elapsed < stoppedAt + 1 }, "\(transcript.events)")
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
