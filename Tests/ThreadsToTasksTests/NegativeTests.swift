import Testing
import ThreadsToTasksCore

/// Each guarantee, broken on purpose: the checker must say so, and say where.
@Suite("The checker catches every broken guarantee")
struct NegativeTests {
  @Test("the naive actor interleaves the two workers")
  func naiveActor() async {
    let (thread, task) = await runBoth(.synchronizingThreads, naiveActor: true)
    let verdict = Equivalence.compare(thread, task)
    #expect(!verdict.isEquivalent)
    #expect(
      verdict.differences.contains { $0.contains("in task: Thread-") && $0.contains("entered") })
    // Both workers print "lock value True" at beat 0: the actor let the second one in.
    let lockLines = task.events.filter { $0.text == "lock value True" }
    #expect(lockLines.map(\.beat) == [0, 0])
  }

  @Test("a lock that does not exclude is caught")
  func lockThatDoesNotExclude() async {
    let (thread, task) = await runBoth(.synchronizingThreads, lock: LockThatDoesNotExclude())
    let verdict = Equivalence.compare(thread, task)
    #expect(!verdict.isEquivalent)
    #expect(verdict.differences.contains { $0.hasPrefix("in thread: ") && $0.contains("entered") })
    #expect(!Equivalence.check(thread).isEquivalent)
  }

  @Test("a join that does not wait is caught")
  func joinThatDoesNotWait() {
    // As if `thread1.join()` returned at once: "wait thread2" comes before "Exiting thread1".
    let good = expectedTranscript(.simpleThreading)
    let broken = good.editing { events in
      let wait = events.remove(at: events.firstIndex { $0.text == "wait thread2" }!)
      events.insert(
        Event(lane: "main", text: wait.text, elapsed: 0, sequence: 0),
        at: events.firstIndex { $0.text == "Exiting thread1" }!)
    }
    let verdict = Equivalence.compare(good, broken)
    #expect(Equivalence.check(good).isEquivalent)
    #expect(verdict.differences.contains { $0.contains("(join thread1)") })
    #expect(verdict.differences.contains { $0.contains("main: 'wait thread2' at beat") })
  }

  @Test("a dropped event is caught and named")
  func droppedEvent() {
    let good = expectedTranscript(.synchronizingThreads)
    let broken = expectedTranscript(.synchronizingThreads, .task).editing { events in
      events.removeAll { $0.lane == "Thread-2" && $0.beat == 7 }
    }
    let verdict = Equivalence.compare(good, broken)
    #expect(
      verdict.differences == [
        "Thread-2: 'Thread-2: <ctime>' at beat 7 in thread is missing in task"
      ])
  }

  @Test("an event one beat late is caught, with its lane, beat and paradigm")
  func oneBeatLate() {
    let good = expectedTranscript(.startNewThread, .thread)
    let late = expectedTranscript(.startNewThread, .task).editing { events in
      let index = events.firstIndex { $0.lane == "worker-a" }!
      events[index].beat += 1
    }
    let verdict = Equivalence.compare(good, late)
    #expect(
      verdict.differences == [
        "worker-a: 'origin_value['a'] = 'changed'' at beat 1 in thread, at beat 2 in task"
      ])
  }

  @Test("an extra event is caught")
  func extraEvent() {
    let good = expectedTranscript(.threadingModule)
    let extra = good.editing { events in
      events.append(Event(lane: "job-2", text: "job-2:", isStamped: true, elapsed: 1, sequence: 0))
    }
    #expect(
      Equivalence.check(extra).differences == [
        "job-2: 'job-2: <ctime>' at beat 1 in thread is missing in notebook"
      ])
  }
}
