import Testing
import ThreadsToTasksCore

@Suite("The equivalence checker itself")
struct CheckerTests {
  @Test("every expected ordering passes its own check", arguments: ExampleID.allCases)
  func expectedOrderingsAreConsistent(example: ExampleID) {
    for choice in example.expectedOrderings(seed: 7).indices {
      let verdict = Equivalence.check(expectedTranscript(example, choice: choice))
      #expect(verdict.isEquivalent, "\(verdict.differences)")
    }
  }

  @Test(
    "either worker may take the lock first, and runs that differ there are compared like with like")
  func choicePoint() {
    let threadFirst = expectedTranscript(.synchronizingThreads, .thread, choice: 0)
    let taskSecond = expectedTranscript(.synchronizingThreads, .task, choice: 1)
    let verdict = Equivalence.compare(threadFirst, taskSecond)
    #expect(verdict.isEquivalent, "\(verdict.differences)")
    #expect(verdict.choices[.thread] == "Thread-1 takes the lock first")
    #expect(verdict.choices[.task] == "Thread-2 takes the lock first")
  }

  @Test("a run held to the wrong choice's ordering is not equivalent")
  func choiceMismatchStillChecked() {
    // Thread-2 won the lock, but then printed at Thread-1's beats: no ordering allows that.
    let broken = expectedTranscript(.synchronizingThreads, .task, choice: 1).editing { events in
      for index in events.indices where events[index].lane == "Thread-2" && events[index].isStamped
      {
        events[index].beat += 1
      }
    }
    let verdict = Equivalence.compare(expectedTranscript(.synchronizingThreads), broken)
    #expect(!verdict.isEquivalent)
    #expect(
      verdict.differences.contains { $0.contains("notebook (Thread-2 takes the lock first)") })
  }

  @Test("events of different lanes in one beat may come in either order")
  func tiesInOneBeat() {
    let first = transcript(
      .simpleThreading, .thread,
      [
        ("thread1", "Starting thread thread1", 0), ("thread2", "Starting thread thread2", 0),
        ("main", "wait thread1", 0),
      ])
    let second = transcript(
      .simpleThreading, .task,
      [
        ("main", "wait thread1", 0), ("thread2", "Starting thread thread2", 0),
        ("thread1", "Starting thread thread1", 0),
      ])
    #expect(Equivalence.compare(first, second).isEquivalent)
  }

  @Test("one lane's events out of order are not equivalent")
  func laneOrderMatters() {
    let first = transcript(.threadingModule, .thread, [("main", "one", 0), ("main", "two", 0)])
    let second = transcript(.threadingModule, .task, [("main", "two", 0), ("main", "one", 0)])
    let verdict = Equivalence.compare(first, second)
    #expect(
      verdict.differences == ["main: event 1 is 'one' at beat 0 in thread, 'two' at beat 0 in task"]
    )
  }

  @Test("two empty transcripts are equivalent; an empty one against a full one is not")
  func emptyTranscripts() {
    let empty = transcript(.synchronizingThreads, .thread, [])
    #expect(Equivalence.compare(empty, transcript(.synchronizingThreads, .task, [])).isEquivalent)
    let verdict = Equivalence.compare(empty, expectedTranscript(.synchronizingThreads, .task))
    #expect(verdict.differences.count == 3)
    #expect(verdict.differences.allSatisfy { $0.contains("is missing in thread") })
    #expect(!Equivalence.check(empty).isEquivalent)
  }
}
