import Foundation
import Synchronization
import Testing
import ThreadsToTasksCore

@testable import TaskVersions
@testable import ThreadVersions

@Suite(
  "The rest of the toolbox: each example's guarantees, kept and broken", .watchdog, .tags(.realTime)
)
struct ToolboxTests {
  // MARK: data-race

  @Test("data-race: no update lost, in both paradigms, equivalent")
  func dataRace() async {
    let (thread, task) = await runBoth(.dataRace)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.isEquivalent || verdict.wasLate, "\(verdict.differences)")
    #expect(thread.events.last?.text == "count: 4000 of 4000")
    #expect(task.events.last?.text == "count: 4000 of 4000")
  }

  @Test(
    "data-race: a read and a write that other threads can come between lose updates, and are caught"
  )
  func threadsLoseUpdates() async {
    // The update split in two atomic steps with a yield between: no data race for the sanitizer
    // (each step is atomic), but two threads that read the same value both write it plus one.
    let run = await runThreadProgram(.dataRace) {
      let count = Atomic(0)
      // All four wait at a gate, so that they run at once rather than one after another.
      let gate = ThreadVersions.ThreadingEvent()
      let threads = (1...4).map { n in
        JoinableThread(name: "worker\(n)") {
          gate.wait()
          for _ in 0..<1_000 {
            let value = count.load(ordering: .relaxed)
            sched_yield()
            count.store(value + 1, ordering: .relaxed)
          }
          ThreadVersions.print("added", 1_000)
        }
      }
      for thread in threads { thread.start() }
      gate.set()
      for thread in threads { thread.join() }
      ThreadVersions.print("count:", count.load(ordering: .relaxed), "of", 4_000)
    }
    let last = run.events.last?.text ?? ""
    #expect(last.hasPrefix("count: ") && last != "count: 4000 of 4000", "\(last)")
    let verdict = Equivalence.judge([run])
    #expect(verdict.kind == .notEquivalent, "\(verdict.differences)")
    #expect(verdict.differences.contains { $0.contains("count: 4000 of 4000") })
  }

  /// The anti-solution for tasks: an actor whose update awaits between its read and its write.
  /// Each call is still a series of actor steps, but the `await` ends one step and lets another
  /// call in: actor reentrancy, and the same lost update as the threads'.
  actor CountWithAwaitInside {
    var value = 0
    func addOne() async {
      let value = self.value
      await Task.yield()  // hazard: another call runs here and reads the same value
      self.value = value + 1
    }
  }

  @Test("data-race: an actor method that awaits between its read and its write loses updates")
  func actorReentrancyLosesUpdates() async {
    let run = await runTaskProgram(.dataRace) {
      let shared = CountWithAwaitInside()
      await withTaskGroup(of: Void.self) { group in
        for n in 1...4 {
          group.addTask(name: "worker\(n)") {
            for _ in 0..<1_000 { await shared.addOne() }
            TaskVersions.print("added", 1_000)
          }
        }
      }
      TaskVersions.print("count:", await shared.value, "of", 4_000)
    }
    let last = run.events.last?.text ?? ""
    #expect(last.hasPrefix("count: ") && last != "count: 4000 of 4000", "\(last)")
    #expect(Equivalence.judge([run]).kind == .notEquivalent)
  }

  @Test("data-race: main printing the count before a worker ends breaks the join guarantee")
  func countBeforeJoin() {
    let verdict = judgeAsBoth(
      transcript(
        .dataRace, .thread,
        [
          ("worker1", "added 1000", 0), ("worker2", "added 1000", 0),
          ("worker3", "added 1000", 0), (mainLane, "count: 4000 of 4000", 0),
          ("worker4", "added 1000", 0),
        ]))
    #expect(verdict.kind == .notEquivalent)
    #expect(
      verdict.differences.contains {
        $0.contains("the end of worker4") && $0.contains("join worker4")
      })
  }
}
