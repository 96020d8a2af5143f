import Foundation
import Testing
import ThreadsToTasksCore

@testable import TaskVersions
@testable import ThreadVersions

/// Runs `program` as a thread version of `example` runs, on the runner's own path (its probe,
/// its lateness): for the broken-on-purpose variants, which are not registered programs.
func runThreadProgram(
  _ example: ExampleID, seed: UInt64 = 7, _ program: @escaping @Sendable () -> Void
) async -> Transcript {
  await ThreadVersions.runThreadProgram(example, seed: seed, clock: ExampleClock(pace: testPace)) {
    _ in program()
  }
}

/// Runs `program` as a task version of `example` runs, on the runner's own path (its probe, its
/// lateness): for the broken-on-purpose variants, which are not registered programs.
func runTaskProgram(
  _ example: ExampleID, seed: UInt64 = 7,
  _ program: @escaping @Sendable () async throws -> Void
) async -> Transcript {
  await TaskVersions.runTaskProgram(example, seed: seed, clock: ExampleClock(pace: testPace)) {
    _ in try await program()
  }
}

/// `lines` (lane, text, beat) with each line a `happensBefore` guarantee puts after another line
/// of its beat moved, with the rest of its lane in between, to just after that line: how a real
/// run records them. `expectedTranscript` merges lanes by beat and cannot know these.
func orderedByGuarantees(
  _ lines: [(String, String, Int)], _ example: ExampleID
) -> [(String, String, Int)] {
  var lines = lines
  for _ in lines.indices {
    var moved = false
    for case .happensBefore(let earlier, .line(let lane, let text), _) in example.guarantees {
      guard let after = lines.firstIndex(where: { $0.0 == lane && $0.1 == text }) else { continue }
      let found: Int? =
        switch earlier {
        case .line(let lane, let text): lines.firstIndex { $0.0 == lane && $0.1 == text }
        case .end(let lane): lines.lastIndex { $0.0 == lane }
        case .anyLane(let text): lines.firstIndex { $0.1 == text }
        }
      guard let before = found, before > after, lines[before].2 == lines[after].2 else { continue }
      let moving = (after..<before).filter { lines[$0].0 == lane }
      let kept = lines.indices.filter { !moving.contains($0) }.map { lines[$0] }
      let insertAt = kept.firstIndex { $0 == lines[before] }! + 1
      lines = Array(kept[..<insertAt]) + moving.map { lines[$0] } + Array(kept[insertAt...])
      moved = true
    }
    if !moved { break }
  }
  return lines
}

/// The same hand-made transcript judged as the thread and as the task version.
func judgeAsBoth(_ broken: Transcript) -> Verdict {
  var task = broken
  task.paradigm = .task
  return Equivalence.judge([broken, task])
}

@Suite(
  "Beyond the notebook: both paradigms keep each example's guarantees", .watchdog, .tags(.realTime))
struct BeyondTests {
  // MARK: producer-consumer

  @Test("producer-consumer: a bounded queue in both paradigms, equivalent")
  func producerConsumer() async {
    let (thread, task) = await runBoth(.producerConsumer)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.isEquivalent || verdict.wasLate, "\(verdict.differences)")
  }

  @Test("producer-consumer: AsyncStream as the queue loses item 4 and never holds put back")
  func asyncStreamLosesAnItem() async {
    let task = await runTaskProgram(.producerConsumer) {
      try await TaskVersions.producerConsumerOverAsyncStream()
    }
    let verdict = Equivalence.judge([task])
    #expect(verdict.kind == .notEquivalent)
    #expect(!task.events.contains { $0.text == "processed 4" })
    #expect(verdict.differences.contains { $0.contains("consumer: ") }, "\(verdict.differences)")
    #expect(verdict.differences.contains { $0.contains("(the queue holds 2: put 4 waits") })
  }

  @Test("producer-consumer: a queue without a bound is caught by its guarantees")
  func unboundedQueue() async {
    let thread = await runThreadProgram(.producerConsumer) {
      let q = BlockingQueue<Int?>(maxsize: 0)
      let consumerThread = JoinableThread(name: "consumer") { ThreadVersions.consumer(q) }
      let producerThread = JoinableThread(name: "producer") { ThreadVersions.producer(q) }
      consumerThread.start()
      producerThread.start()
      q.join()
      consumerThread.join()
      producerThread.join()
    }
    let verdict = Equivalence.judge([thread])
    #expect(verdict.kind == .notEquivalent)
    #expect(verdict.differences.contains { $0.contains("put 4 waits until item 2 is taken") })
    #expect(verdict.differences.contains { $0.contains("waits until item 3 is taken") })
  }

  @Test("producer-consumer: a queue that loses an item, in both, is caught")
  func lostItem() {
    let verdict = judgeAsBoth(
      expectedTranscript(.producerConsumer).editing { $0.removeAll { $0.text == "processed 3" } })
    #expect(verdict.kind == .notEquivalent)
    #expect(verdict.differences.contains { $0.contains("consumer: 'processed 3' at beat 3") })
  }

  @Test("producer-consumer: join returning before the last task_done is caught")
  func joinTooEarly() {
    let verdict = judgeAsBoth(
      expectedTranscript(.producerConsumer).editing { events in
        let done = events.remove(at: events.firstIndex { $0.text == "all items processed" }!)
        events.insert(done, at: events.firstIndex { $0.text == "got the sentinel" }!)
      })
    #expect(verdict.differences.contains { $0.contains("(q.join() waits for every task_done())") })
  }

  // MARK: worker-pool

  @Test("worker-pool: equivalent, with the task group's cancellation declared and named")
  func workerPool() async {
    let (thread, task) = await runBoth(.workerPool)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.isEquivalent || verdict.wasLate, "\(verdict.differences)")
    #expect(verdict.declared.count == 1 && verdict.declared[0].hasPrefix("task: the first error"))
    guard !verdict.wasLate else { return }
    #expect(!task.events.contains { $0.text == "job 1 -> 1" })
    #expect(thread.events.contains { $0.text == "job 4 -> 16" })
  }

  @Test("worker-pool: a pool wider than two is caught, in both paradigms", arguments: [3, 4])
  func poolTooWide(width: Int) async {
    let thread = await runThreadProgram(.workerPool) {
      ThreadVersions.workerPool(maxWorkers: width)
    }
    let task = await runTaskProgram(.workerPool) {
      try await TaskVersions.workerPool(maxWorkers: width)
    }
    for run in [thread, task] {
      let verdict = Equivalence.judge([run])
      // On a busy machine a late start can put job 3's failure back on its beat: a late run
      // is not judged, either way.
      guard !verdict.wasLate else { continue }
      #expect(verdict.kind != .equivalent, "\(run.paradigm)")
      // Job 3 started at once instead of waiting for a free worker: it fails early (a beat early,
      // unless the machine is busy).
      #expect(
        verdict.differences.contains { $0.contains("'job 3 raised: job 3 failed' at beat") },
        "\(verdict.differences)")
    }
  }

  @Test("worker-pool: a task group that let the others finish would not be the declared one")
  func groupThatDoesNotCancel() {
    // The thread version's lines, as if the task version had not cancelled job 1 and job 4.
    var task = expectedTranscript(.workerPool, .thread)
    task.paradigm = .task
    let verdict = Equivalence.judge([expectedTranscript(.workerPool, .thread), task])
    #expect(verdict.kind == .notEquivalent)
    #expect(verdict.differences.contains { $0.hasPrefix("task ~ notebook: MainThread:") })
  }

  @Test("worker-pool: an exception that gets lost instead of raised by result() is caught")
  func lostException() {
    let verdict = judgeAsBoth(
      expectedTranscript(.workerPool).editing { $0.removeAll { $0.text.contains("raised") } })
    #expect(verdict.kind == .notEquivalent)
  }

  // MARK: timeouts

  @Test("timeouts: equivalent, with the job's cancellation in the task version declared")
  func timeouts() async {
    let (thread, task) = await runBoth(.timeouts)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.isEquivalent || verdict.wasLate, "\(verdict.differences)")
    #expect(verdict.declared.count == 1 && verdict.declared[0].hasPrefix("task: racing the job"))
  }

  @Test("timeouts: an acquire whose timeout does not fire is caught")
  func acquireThatWaits() {
    // As if `acquire(timeout=1)` had waited for the lock: True, when the holder lets go.
    let verdict = judgeAsBoth(
      expectedTranscript(.timeouts).editing { events in
        let index = events.firstIndex { $0.text.hasPrefix("acquire(timeout=1)") }!
        var waited = events.remove(at: index)
        waited.text = "acquire(timeout=1): True"
        waited.beat = 3
        events.insert(waited, at: events.firstIndex { $0.text == "holder lets go" }! + 1)
      })
    #expect(verdict.kind == .notEquivalent)
    #expect(verdict.differences.contains { $0.contains("acquire(timeout=1): False") })
  }

  @Test("timeouts: a join(timeout) that returns only when the holder is done is caught")
  func joinThatWaits() {
    let verdict = judgeAsBoth(
      expectedTranscript(.timeouts).editing { events in
        let index = events.firstIndex { $0.text.hasPrefix("join(timeout=1)") }!
        var waited = events.remove(at: index)
        waited.text = "join(timeout=1): holder is alive: False"
        events.insert(waited, at: events.firstIndex { $0.text == "holder lets go" }! + 1)
      })
    #expect(verdict.kind == .notEquivalent)
    #expect(verdict.differences.contains { $0.contains("(join(timeout=1) gives up") })
  }

  @Test("timeouts: a timeout around work that ignores cancellation returns only when it ends")
  func raceWithAStubbornLoser() async {
    let task = await runTaskProgram(.timeouts) {
      // `await task.value` does not end when the waiting task is cancelled: the deadline passes,
      // and `withTimeout` waits for the work, whose value it then returns.
      let stubborn = Task { try await TaskVersions.slowSquare(3) }
      do {
        TaskVersions.print("value:", try await withTimeout(1) { try await stubborn.value })
      } catch {
        TaskVersions.print("timed out:", error)
      }
    }
    #expect(task.events.map(\.line) == ["value: 9"])
    // Due at beat 1, it came only when the stubborn job ended, at beat 2 (or later, if the
    // unstructured job itself started late on a busy cooperative pool).
    #expect((task.events.first?.beat ?? 0) >= 2)
  }

  // MARK: stop-flags

  @Test("stop-flags: a cooperative stop in both paradigms, equivalent")
  func stopFlags() async {
    let (thread, task) = await runBoth(.stopFlags)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.isEquivalent || verdict.wasLate, "\(verdict.differences)")
  }

  @Test("stop-flags: a worker that stops before it is asked is caught")
  func stopsBeforeAsked() {
    let verdict = judgeAsBoth(
      expectedTranscript(.stopFlags).editing { events in
        let stopping = events.remove(at: events.firstIndex { $0.text.hasPrefix("stopping") }!)
        events.insert(stopping, at: events.firstIndex { $0.text.hasPrefix("asking") }!)
      })
    #expect(verdict.differences.contains { $0.contains("(stopping is cooperative") })
  }

  @Test("stop-flags: a stop that does not cut the wait short is caught by the beats")
  func waitNotCutShort() {
    // As if the flag were only read when the 2-second wait ran out, at beat 4.
    let verdict = judgeAsBoth(
      expectedTranscript(.stopFlags).editing { events in
        for index in events.indices
        where events[index].beat >= 3 && events[index].text != "asking the worker to stop" {
          events[index].beat += 1
        }
      })
    #expect(verdict.kind == .notEquivalent)
    #expect(
      verdict.differences.contains { $0.contains("worker: 'stopping after 2 rounds' at beat 4") })
  }
}

@Suite("withTimeout: the race that replaces Python's timeout=", .watchdog, .tags(.realTime))
struct WithTimeoutTests {
  /// Runs `body` in a run context at the test pace, so `sleep(1)` lasts one test beat. The clock
  /// starts first, as a run's does: a deadline taken before the axis starts would fall a beat
  /// short.
  func paced<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
    let context = ExampleContext(
      recorder: Recorder(clock: ExampleClock(pace: testPace)), seed: 0)
    context.clock.start()
    return try await RunContext.$current.withValue(context, operation: body)
  }

  @Test("the work that finishes first gives its value, and the sleep is cancelled")
  func workWins() async throws {
    let start = ContinuousClock.now
    let value = try await paced { try await withTimeout(200) { 42 } }
    #expect(value == 42)
    // Not a speed check: far below the 200 beats of the sleep (40 s, under the watchdog's 45),
    // it proves the sleep was cancelled; a loaded machine took up to 8 s here.
    #expect(ContinuousClock.now - start < testPace.duration(100))
  }

  @Test("the time runs out first: TimeoutError, and the work is cancelled, not left running")
  func timeWins() async throws {
    let cancelled = Latch()
    await #expect(throws: TimeoutError.self) {
      try await paced {
        try await withTimeout(1) {
          // Fifty beats: however late the race begins on a busy machine, the time runs out first.
          do { try await TaskVersions.sleep(50) } catch {
            cancelled.open()
            throw error
          }
        }
      }
    }
    #expect(cancelled.isOpen)
  }

  @Test("the work's own error comes through")
  func workThrows() async {
    struct Failed: Error {}
    await #expect(throws: Failed.self) {
      try await paced { try await withTimeout(5) { throw Failed() } }
    }
  }

  @Test("cancelling the caller cancels both: CancellationError")
  func callerCancelled() async {
    let race = Task {
      try await paced { try await withTimeout(5) { try await TaskVersions.sleep(5) } }
    }
    race.cancel()
    await #expect(throws: CancellationError.self) { try await race.value }
  }
}
