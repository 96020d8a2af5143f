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

/// Runs both versions of `example` at once, as `side-by-side` does: each on its own clock, whose
/// axis starts when that version's main flow starts.
func runBoth(
  _ example: ExampleID, seed: UInt64 = 7, naiveActor: Bool = false,
  lock: any NSLocking & Sendable = NSLock()
) async -> (thread: Transcript, task: Transcript) {
  async let thread = runWithThreads(
    example, seed: seed, clock: ExampleClock(pace: testPace), lock: lock)
  async let task = runWithTasks(
    example, seed: seed, clock: ExampleClock(pace: testPace), naiveActor: naiveActor)
  return await (thread, task)
}

/// A lock that lets everyone in: what a broken lock looks like to the checker.
final class LockThatDoesNotExclude: NSLocking, Sendable {
  func lock() {}
  func unlock() {}
}

/// Builds a transcript by hand: `(lane, text, beat)`, stamped when the text ends with ":".
func transcript(
  _ example: ExampleID, _ paradigm: Paradigm = .thread, seed: UInt64 = 7,
  _ lines: [(String, String, Int)]
) -> Transcript {
  Transcript(
    example: example, paradigm: paradigm, seed: seed, startDate: Date(timeIntervalSince1970: 0),
    events: lines.enumerated().map { index, line in
      Event(
        lane: line.0, text: line.1, isStamped: line.1.hasSuffix(":"), elapsed: Double(line.2),
        sequence: index)
    })
}

/// The notebook's ordering for `example` as a transcript. Lanes are merged by beat; within a beat
/// a lane's last event (a release, an exit) comes before other lanes' events, and `main` last, so
/// the recording order respects the joins and the lock as a real run's does.
func expectedTranscript(
  _ example: ExampleID, _ paradigm: Paradigm = .thread, seed: UInt64 = 7, choice: Int = 0
) -> Transcript {
  var lanes = example.expectedOrderings(seed: seed)[choice].lanes.mapValues { $0[...] }
  var lines: [(String, String, Int)] = []
  while let lane = lanes.filter({ !$0.value.isEmpty }).keys.min(by: { first, second in
    func key(_ lane: String) -> (Int, Int, Int, String) {
      let shapes = lanes[lane]!
      return (shapes.first!.beat, shapes.count == 1 ? 0 : 1, lane == "main" ? 1 : 0, lane)
    }
    return key(first) < key(second)
  }) {
    let shape = lanes[lane]!.removeFirst()
    lines.append((lane, shape.text, shape.beat))
  }
  return transcript(example, paradigm, seed: seed, lines)
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

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
