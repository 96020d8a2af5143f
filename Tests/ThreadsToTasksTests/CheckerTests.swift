import Foundation
import Testing
import ThreadsToTasksCore

@Suite("The verdict model", .watchdog)
struct CheckerTests {
  @Test("beats round down: an event up to a whole beat late keeps its beat")
  func beatsRoundDown() {
    #expect(ExampleClock.beat(of: 1.6) == 1)
    #expect(ExampleClock.beat(of: 1.999) == 1)
    #expect(ExampleClock.beat(of: 2.9999999) == 3)
  }

  @Test("when two kinds apply: interrupted, then not equivalent, then too late, then equivalent")
  func precedence() {
    #expect(Verdict.Kind.worst([.equivalent, .tooLate]) == .tooLate)
    #expect(Verdict.Kind.worst([.tooLate, .notEquivalent, .equivalent]) == .notEquivalent)
    #expect(Verdict.Kind.worst([.notEquivalent, .interrupted]) == .interrupted)
    #expect(Verdict.Kind.worst([]) == .equivalent)
    #expect(Verdict.Kind.allCases.map(\.exitStatus) == [130, 1, 3, 0])
  }

  @Test("wrong beats in a run whose sleeps woke late are too late to judge, not NOT equivalent")
  func tooLate() {
    var late = expectedTranscript(.simpleThreading).editing { events in
      let index = events.firstIndex { $0.text == "Done" }!
      events[index].beat += 1
    }
    late.lateness = 0.8
    #expect(Equivalence.judge([late]).kind == .tooLate)
    late.lateness = 0.1
    #expect(Equivalence.judge([late]).kind == .notEquivalent)
  }

  @Test("a probe tick that fell due and was never woken for is lateness at the run's end")
  func unservedProbeTick() throws {
    // A run the machine starves from start to end: its probe never wakes, so only the end of the
    // run can tell how late it is. (Seen: a run that never sleeps printed every line a beat late,
    // under ThreadSanitizer, with a lateness of 0, and was judged NOT equivalent.)
    let clock = ExampleClock(pace: try Pace(seconds: 0.002))
    let context = ExampleContext(recorder: Recorder(clock: clock), seed: 1)
    clock.start()
    context.noteProbe(1)  // tick 1 was woken for (early: no lateness)
    #expect(context.maximumLateness == 0)
    // Time passes, the run's subject here: tick 2 (half a beat) is three beats overdue.
    let overdue = context.probeTick(2) + clock.pace.duration(3)
    while ContinuousClock.now < overdue { Thread.sleep(forTimeInterval: 0.001) }
    context.noteProbeAtEnd()
    #expect(context.maximumLateness >= 3)
    // A probe that woke for every tick due leaves nothing for the end to add.
    let served = ExampleContext(recorder: Recorder(clock: ExampleClock(pace: .test)), seed: 1)
    served.clock.start()
    served.noteProbeAtEnd()
    #expect(served.maximumLateness == 0)
  }

  @Test("a broken guarantee is named before any line at another beat, whichever check has it")
  func brokenGuaranteeFirst() {
    // The thread run: its last line a beat late (a difference). The task run: Thread-2 takes the
    // lock while Thread-1 holds it (a broken guarantee), in a check that comes after the thread's.
    let late = expectedTranscript(.synchronizingThreads, .thread).editing { events in
      events[events.count - 1].beat += 1
    }
    let broken = expectedTranscript(.synchronizingThreads, .task).editing { events in
      let index = events.firstIndex { $0.lane == "Thread-2" && $0.text == "lock value True" }!
      let lock = events.remove(at: index)
      events.insert(lock, at: 2)
    }
    let verdict = Equivalence.judge([late, broken])
    #expect(verdict.kind == .notEquivalent)
    #expect(verdict.differences.contains { $0.hasPrefix("thread ~ notebook: ") })
    let first = verdict.differences.first ?? ""
    #expect(first.hasPrefix("task ~ notebook: Thread-") && first.contains("entered"), "\(first)")
  }

  @Test("lateness never excuses a broken guarantee")
  func lateButBroken() {
    var broken = expectedTranscript(.synchronizingThreads).editing { events in
      let index = events.firstIndex { $0.lane == "Thread-2" && $0.text == "lock value True" }!
      let lock = events.remove(at: index)
      events.insert(lock, at: 2)
    }
    broken.lateness = 0.9
    #expect(Equivalence.judge([broken]).kind == .notEquivalent)
  }

  @Test("an interrupted run is judged only on the beats it completed")
  func interrupted() {
    var partial = expectedTranscript(.synchronizingThreads).editing { events in
      events.removeAll { $0.beat >= 4 }
    }
    partial.stoppedAt = 4.5
    let verdict = Equivalence.judge([partial])
    #expect(verdict.kind == .interrupted)
    #expect(verdict.judgedBefore == 4)
    #expect(verdict.checksHold, "\(verdict.differences)")
    // A line missing from the part it ran is still found.
    var broken = partial.editing { $0.removeAll { $0.beat == 2 } }
    broken.stoppedAt = 4.5
    #expect(!Equivalence.judge([broken]).checksHold)
  }

  @Test("runs that chose differently are each held to their own choice's ordering")
  func choices() {
    let first = expectedTranscript(.synchronizingThreads, .thread, choice: 0)
    let second = expectedTranscript(.synchronizingThreads, .task, choice: 1)
    let verdict = Equivalence.judge([first, second])
    #expect(verdict.isEquivalent, "\(verdict.differences)")
    #expect(verdict.choices[.thread] == "Thread-1 takes the lock first")
    #expect(verdict.choices[.task] == "Thread-2 takes the lock first")
  }

  @Test("the checker names the lane, the line and the beat where runs part")
  func namesWhere() {
    let good = expectedTranscript(.startNewThread, .thread)
    let late = expectedTranscript(.startNewThread, .task).editing { events in events[0].beat += 1 }
    let verdict = Equivalence.judge([good, late])
    #expect(
      verdict.differences.contains(
        "thread ~ task: MainThread: '{'a': 1, 'b': 2}' at beat 0 in thread, at beat 1 in task"))
  }
}
