import Foundation
import TaskVersions
import Testing
import ThreadsToTasksCore

/// Each guarantee, broken on purpose in a real run: the verdict must say so, and say where.
@Suite("The checker catches every broken guarantee in a real run", .watchdog, .tags(.realTime))
struct BrokenRunTests {
  @Test("the naive actor interleaves the two workers")
  func naiveActor() async {
    let (thread, task) = await runBoth(.synchronizingThreads, variant: .naiveActor)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.kind == .notEquivalent)
    #expect(
      verdict.differences.contains {
        $0.hasPrefix("task ~ notebook: Thread-") && $0.contains("entered")
      })
    // Both workers print "lock value True" before the first is done (beat 3): the actor let the
    // second one in (at beat 0, or a little later on a busy machine). Not asked of a run that
    // woke too late to be held to its beats.
    guard !verdict.wasLate else { return }
    #expect(task.events.filter { $0.text == "lock value True" }.map(\.beat).allSatisfy { $0 < 3 })
  }

  @Test("a lock that does not exclude is caught")
  func lockThatDoesNotExclude() async {
    let (thread, task) = await runBoth(.synchronizingThreads, lock: LockThatDoesNotExclude())
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.kind == .notEquivalent)
    #expect(
      verdict.differences.contains { $0.hasPrefix("thread ~ notebook: ") && $0.contains("entered") }
    )
  }
}

/// The same mistake made by every paradigm alike: checking them only against each other would
/// call them equivalent; the notebook checks must not.
@Suite("A mistake every paradigm makes alike is still caught", .watchdog)
struct SharedMistakeTests {
  /// Judges the same broken transcript as the thread and as the task version.
  func judgeBoth(_ broken: Transcript) -> Verdict {
    var task = broken
    task.paradigm = .task
    return Equivalence.judge([broken, task])
  }

  func edited(_ example: ExampleID, choice: Int = 0, _ body: (inout [Event]) -> Void) -> Verdict {
    judgeBoth(expectedTranscript(example, choice: choice).editing(body))
  }

  @Test("the notebook's ordering, unbroken, is equivalent", arguments: ExampleID.allCases)
  func unbroken(example: ExampleID) {
    // Each paradigm's own ordering: an example may declare a difference by design.
    let runs = [expectedTranscript(example), expectedTranscript(example, .task)]
    #expect(Equivalence.judge(runs).isEquivalent)
  }

  @Test("a line missing in both")
  func missingLine() {
    let verdict = edited(.simpleThreading) { $0.removeAll { $0.text == "Exiting thread2" } }
    #expect(verdict.kind == .notEquivalent)
    #expect(verdict.differences.contains { $0.contains("thread ~ notebook: thread2:") })
  }

  @Test("an extra line, or an extra lane, in both")
  func extraLineOrLane() {
    for lane in [mainLane, "thread3"] {
      let verdict = edited(.simpleThreading) {
        $0.append(Event(lane: lane, text: "Done", elapsed: 4.1, sequence: 0))
      }
      #expect(verdict.kind == .notEquivalent, "\(lane)")
    }
  }

  @Test("Done, or Exiting Main Thread, one beat late in both")
  func lateInBoth() {
    for (example, text) in [
      (ExampleID.simpleThreading, "Done"), (.synchronizingThreads, "Exiting Main Thread"),
    ] {
      let verdict = edited(example) { events in
        let index = events.firstIndex { $0.text == text }!
        events[index].beat += 1
      }
      #expect(verdict.kind == .notEquivalent)
      #expect(verdict.differences.contains { $0.contains("'\(text)' at beat") })
    }
  }

  @Test("both transcripts empty")
  func bothEmpty() {
    let verdict = edited(.startNewThread) { $0 = [] }
    #expect(verdict.kind == .notEquivalent)
  }

  @Test("both using other delays than the seed's")
  func otherDelays() {
    // Seed 7's delays, held to seed 8's expected ordering.
    let seed7 = expectedTranscript(.simpleThreading, seed: 7)
    #expect(simpleThreadingDelays(seed: 7) != simpleThreadingDelays(seed: 8))
    var asSeed8 = seed7
    asSeed8.seed = 8
    #expect(judgeBoth(asSeed8).kind == .notEquivalent)
  }

  @Test("Thread-2 takes the lock but prints at Thread-1's beats, in both")
  func winnerAtTheOthersBeats() {
    let verdict = edited(.synchronizingThreads) { events in
      for index in events.indices {
        if events[index].lane == "Thread-1" && events[index].text != "Starting Thread-1" {
          events[index].lane = "Thread-2"
          events[index].text = events[index].text.replacingOccurrences(
            of: "Thread-1", with: "Thread-2")
        } else if events[index].lane == "Thread-2" && events[index].text != "Starting Thread-2" {
          events[index].lane = "Thread-1"
          events[index].text = events[index].text.replacingOccurrences(
            of: "Thread-2", with: "Thread-1")
        }
      }
      events.sort { $0.sequence < $1.sequence }
    }
    #expect(verdict.choices[.thread] == "Thread-2 takes the lock first")
    #expect(verdict.kind == .notEquivalent)
  }

  @Test("a line in the wrong lane, or reworded, in both")
  func wrongLaneOrReworded() {
    let wrongLane = edited(.simpleThreading) { events in
      let index = events.firstIndex { $0.text == "wait thread1" }!
      events[index].lane = "thread1"
    }
    #expect(wrongLane.kind == .notEquivalent)
    let reworded = edited(.simpleThreading) { events in
      let index = events.firstIndex { $0.text == "Done" }!
      events[index].text = "done."
    }
    #expect(reworded.kind == .notEquivalent)
  }

  @Test("lock value True before Starting Thread-1, in both")
  func lockBeforeStarting() {
    let verdict = edited(.synchronizingThreads) { events in
      let starting = events.firstIndex { $0.text == "Starting Thread-1" }!
      let event = events.remove(at: starting)
      let lock = events.firstIndex { $0.lane == "Thread-1" && $0.text == "lock value True" }!
      events.insert(event, at: lock + 1)
    }
    #expect(verdict.kind == .notEquivalent)
  }

  @Test("a join that does not wait is caught")
  func joinThatDoesNotWait() {
    // As if `thread1.join()` returned at once: "wait thread2" comes before "Exiting thread1".
    let verdict = edited(.simpleThreading) { events in
      let wait = events.remove(at: events.firstIndex { $0.text == "wait thread2" }!)
      events.insert(
        Event(lane: mainLane, text: wait.text, elapsed: 0, sequence: 0),
        at: events.firstIndex { $0.text == "Exiting thread1" }!)
    }
    #expect(verdict.differences.contains { $0.contains("(join thread1)") })
    #expect(verdict.kind == .notEquivalent)
  }

  @Test("a stamp that is not the clock at the time the line was printed")
  func stampAtTheWrongTime() {
    let verdict = edited(.synchronizingThreads) { events in
      let index = events.firstIndex { $0.isStamped }!
      // The old port's stamp: the start plus the whole beat, not the clock read when printed.
      events[index].elapsed += 0.95
      events[index].stamp = NotebookText.ctime(handMadeStart + Double(events[index].beat) - 1)
    }
    #expect(verdict.differences.contains { $0.contains("is stamped") })
    #expect(verdict.kind == .notEquivalent)
  }

  @Test("thread and task that differ from each other are caught by their pair check too")
  func pairDiffers() {
    let thread = expectedTranscript(.startNewThread, .thread)
    let task = expectedTranscript(.startNewThread, .task).editing { events in
      events[0].beat += 1
    }
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.checks.first { $0.name == "thread ~ task" }?.holds == false)
  }
}
