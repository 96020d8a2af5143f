import Foundation
import TaskVersions
import ThreadVersions
import ThreadsToTasksCore

/// The pace the tests run at: `Pace.test`, unless `THREADS_TO_TASKS_TEST_PACE` gives another
/// number of seconds. ThreadSanitizer slows everything several times over (a sleep of one beat
/// was seen to end almost a beat late), so `.ci/run` widens the pace for the sanitized suite.
let testPace: Pace = {
  let override = ProcessInfo.processInfo.environment["THREADS_TO_TASKS_TEST_PACE"]
  return override.flatMap { try? Pace(seconds: Double($0) ?? .nan) } ?? .test
}()

/// Runs the thread and task versions of `example` at once, as `side-by-side` does: each on its
/// own clock, whose axis starts when that version's main flow starts.
func runBoth(
  _ example: ExampleID, seed: UInt64 = 7, variant: TaskVariant? = nil,
  lock: any NSLocking & Sendable = NSLock(), holdBack: String? = nil, pace: Pace = testPace
) async -> (thread: Transcript, task: Transcript) {
  var knobs = ThreadKnobs()
  knobs.lock = lock
  async let thread = runWithThreads(
    example, seed: seed, clock: ExampleClock(pace: pace), holdBack: holdBack, knobs: knobs)
  async let task = runWithTasks(
    example, seed: seed, clock: ExampleClock(pace: pace), holdBack: holdBack,
    variant: variant)
  return await (thread, task)
}

/// A lock that lets everyone in: what a broken lock looks like to the checker.
final class LockThatDoesNotExclude: NSLocking, Sendable {
  func lock() {}
  func unlock() {}
}

/// The start date of every hand-made transcript.
let handMadeStart = Date(timeIntervalSince1970: 1_000_000)

/// Builds a transcript by hand: `(lane, text, beat)`; a text ending with ":" gets the stamp its
/// beat's clock shows.
func transcript(
  _ example: ExampleID, _ paradigm: Paradigm = .thread, seed: UInt64 = 7,
  _ lines: [(String, String, Int)]
) -> Transcript {
  Transcript(
    example: example, paradigm: paradigm, seed: seed, startDate: handMadeStart,
    events: lines.enumerated().map { index, line in
      Event(
        lane: line.0, text: line.1,
        stamp: line.1.hasSuffix(":")
          ? NotebookText.ctime(handMadeStart + Double(line.2) + 0.1) : nil,
        elapsed: Double(line.2) + 0.1, sequence: index)
    })
}

/// The notebook's ordering for `example` as a transcript. Lanes are merged by beat; within a beat
/// a lane's last event (a release, an exit) comes before other lanes' events, and the main flow
/// last, so the recording order respects the joins and the lock as a real run's does.
func expectedTranscript(
  _ example: ExampleID, _ paradigm: Paradigm = .thread, seed: UInt64 = 7, choice: Int = 0
) -> Transcript {
  var lanes = example.example.expectedOrderings(seed: seed, paradigm: paradigm)[choice].lanes
    .mapValues { $0[...] }
  var lines: [(String, String, Int)] = []
  while let lane = lanes.filter({ !$0.value.isEmpty }).keys.min(by: { first, second in
    func key(_ lane: String) -> (Int, Int, Int, String) {
      let shapes = lanes[lane]!
      return (shapes.first!.beat, shapes.count == 1 ? 0 : 1, lane == mainLane ? 1 : 0, lane)
    }
    return key(first) < key(second)
  }) {
    let shape = lanes[lane]!.removeFirst()
    lines.append((lane, shape.text, shape.beat))
  }
  return transcript(example, paradigm, seed: seed, orderedByGuarantees(lines, example))
}

extension Transcript {
  /// The transcript with `body` applied to its events, renumbered in their new order.
  func editing(_ body: (inout [Event]) -> Void) -> Transcript {
    var copy = self
    body(&copy.events)
    for index in copy.events.indices { copy.events[index].sequence = index }
    return copy
  }
}

/// A task executor with a thread of its own, for tests that start a thousand busy tasks.
///
/// The examples' tasks wake from their sleeps on the cooperative pool, which has two threads
/// here. A thousand tasks queued on that pool would make every other test's wake-ups wait behind
/// them, by more than a beat. Run under this executor's preference, the crowd queues here instead.
final class DedicatedExecutor: TaskExecutor {
  private let queue = DispatchQueue(label: "ThreadsToTasksTests.DedicatedExecutor")

  /// Holds every job enqueued from now on until `resume()`.
  func pause() { queue.suspend() }

  /// Returns once every job enqueued so far has run. A task that was seen to join a wait line
  /// may still be running the job that joined it, on its way to suspending: pausing then would
  /// not stop it, and a release would hand it the place within that same job. After `settled()`
  /// it has suspended.
  func settled() async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      queue.async { done.resume() }
    }
  }

  /// Runs the held jobs, and every later one as it comes.
  func resume() { queue.resume() }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}

extension Verdict {
  /// Whether a run woke later than the checker tolerates. A real run on a busy machine is then
  /// not held to its beats — nor to a guarantee that hangs on timing, as a timeout's does — so a
  /// positive test asks for `isEquivalent || wasLate`; a run that was on time must be equivalent.
  var wasLate: Bool { (lateness.values.max() ?? 0) > Verdict.lateTolerance }
}

/// Runs `body` on a plain thread of its own and suspends the caller until it returns: a test
/// that blocks must not block the cooperative pool the other tests run on (two threads here).
func onPlainThread<Result: Sendable>(
  _ body: @escaping @Sendable () -> Result
) async -> Result {
  await withCheckedContinuation { (done: CheckedContinuation<Result, Never>) in
    Thread.detachNewThread { done.resume(returning: body()) }
  }
}

/// A new folder, `prefix` and a UUID, inside this test process's own folder in the temporary
/// directory, for the files a test writes (a fake `python3`, a copy of the harness, a binary
/// without its resources). That folder is removed when the process exits, so a run of the suite
/// leaves nothing behind (it used to leave about thirty folders a run).
func scratchFolder(_ prefix: String) throws -> URL {
  let folder = testScratch.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}

/// This process's folder for `scratchFolder`, removed at its exit.
private let testScratch: URL = {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("ThreadsToTasksTests-\(getpid())-\(UUID().uuidString)")
  atexit(removeTestScratch)
  return folder
}()

private func removeTestScratch() {
  try? FileManager.default.removeItem(at: testScratch)
}
