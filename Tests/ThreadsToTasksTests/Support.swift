import Foundation
import TaskVersions
import ThreadVersions
import ThreadsToTasksCore

/// Runs both versions of `example` at once on one clock, as `side-by-side` does.
func runBoth(
  _ example: ExampleID, seed: UInt64 = 7, naiveActor: Bool = false,
  lock: any NSLocking & Sendable = NSLock()
) async -> (thread: Transcript, task: Transcript) {
  let clock = ExampleClock(pace: .test)
  async let thread = runWithThreads(example, seed: seed, clock: clock, lock: lock)
  async let task = runWithTasks(example, seed: seed, clock: clock, naiveActor: naiveActor)
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

/// The notebook's ordering for `example` as a transcript, lanes interleaved by beat.
func expectedTranscript(
  _ example: ExampleID, _ paradigm: Paradigm = .thread, seed: UInt64 = 7, choice: Int = 0
) -> Transcript {
  let ordering = example.expectedOrderings(seed: seed)[choice]
  let lines = ordering.lanes.flatMap { lane, shapes in
    shapes.enumerated().map { (lane, $1.text, $1.beat, $0) }
  }.sorted { ($0.2, $0.0 == "main" ? 1 : 0, $0.3) < ($1.2, $1.0 == "main" ? 1 : 0, $1.3) }
  return transcript(example, paradigm, seed: seed, lines.map { ($0.0, $0.1, $0.2) })
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
