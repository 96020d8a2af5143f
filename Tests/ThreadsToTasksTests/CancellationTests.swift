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

@Suite("Stopping a run", .watchdog, .tags(.realTime), .timeLimit(.minutes(1)))
struct CancellationTests {
  @Test(
    "stopping a version ends it at its next step; the transcript shows where it stopped",
    arguments: ExampleID.allCases.filter(\.runsPastItsFirstBeat), [Paradigm.thread, .task])
  func stop(example: ExampleID, paradigm: Paradigm) async {
    let (transcript, stoppedAt) = await runAndStop(example, paradigm)
    #expect(transcript.wasStopped)
    // Every sleep lasts a beat or more, so an event more than a beat after the stop request
    // would mean a worker slept on. Both runners return only once every worker has stopped.
    #expect(transcript.events.allSatisfy { $0.elapsed < stoppedAt + 1 }, "\(transcript.events)")
    #expect(Equivalence.judge([transcript]).kind == .interrupted)
  }

  @Test("a thread asleep on a stop signal wakes when the stop is requested, or the test fails")
  func stopSignal() async throws {
    let signal = StopSignal()
    let asleep = Latch()
    let outcome = Locked<Bool?>(nil)
    let finished = Latch()
    let sleeper = JoinableThread(name: "sleeper") {
      asleep.open()
      // An hour: only the stop request can end this sleep within the test.
      let slept = signal.sleep(until: .now + .seconds(3600))
      outcome.withLock { $0 = slept }
      finished.open()
    }
    sleeper.start()
    await asleep.wait()
    signal.request()
    // Bounded: if the request does nothing, this fails after two seconds instead of hanging.
    let woke = try await finished.wait(until: .now + .seconds(2))
    #expect(woke, "the stop request did not wake the sleeping thread")
    #expect(outcome.withLock { $0 } == false)
  }

  @Test("a task asleep on a stop signal throws when the stop is requested, or the test fails")
  func stopSignalTask() async throws {
    let signal = StopSignal()
    let sleeper = Task { try await signal.sleep(until: .now + .seconds(3600)) }
    signal.request()
    let ended = Latch()
    Task {
      _ = await sleeper.result
      ended.open()
    }
    let woke = try await ended.wait(until: .now + .seconds(2))
    #expect(woke, "the stop request did not end the sleeping task")
    guard woke else {
      // Fail, not hang: cancelling ends the hour-long sleep that the stop request did not.
      sleeper.cancel()
      return
    }
    await #expect(throws: CancellationError.self) { try await sleeper.value }
  }
}

extension ExampleID {
  /// Whether the example prints anything after beat 0: one that does not (data-race) has nothing
  /// a stop could cut short.
  var runsPastItsFirstBeat: Bool {
    expectedOrderings(seed: 7).contains { $0.lanes.values.joined().contains { $0.beat > 0 } }
  }
}
