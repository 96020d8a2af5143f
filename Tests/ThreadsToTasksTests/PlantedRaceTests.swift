import Foundation
import Testing

/// Two threads incrementing one unguarded counter, written to be caught.
// @unchecked Sendable: deliberately unsafe; the planted race.
final class UnguardedTally: @unchecked Sendable {
  var value = 0
}

/// A data race planted in the test suite itself, so that `.ci/run` can prove ThreadSanitizer
/// reports races in the very configuration the suite runs in (`swift test --sanitize=thread`).
/// It only runs when `THREADS_TO_TASKS_PLANTED_RACE` is set; `.ci/run` sets it, runs this test
/// alone, and fails unless the sanitizer reports a data race.
@Suite("The sanitizer proof", .watchdog)
struct PlantedRaceTests {
  @Test(
    "a planted race between two threads (run only by .ci/run, which expects it reported)",
    .enabled(if: ProcessInfo.processInfo.environment["THREADS_TO_TASKS_PLANTED_RACE"] != nil))
  func plantedRace() async {
    let tally = UnguardedTally()
    let finished = DispatchGroup()
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      for _ in 0..<2 {
        finished.enter()
        // Plain Foundation threads: `JoinableThread.start()` waits for the new thread to block or
        // end, which would order the two racers and hide the race from the sanitizer.
        Thread.detachNewThread {
          for _ in 0..<10_000 { tally.value += 1 }
          finished.leave()
        }
      }
      finished.notify(queue: .global()) { done.resume() }
    }
    #expect(tally.value <= 20_000)
  }
}
