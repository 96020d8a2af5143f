import Foundation
import Testing
import ThreadVersions
import ThreadsToTasksCore

@testable import TaskVersions

/// Rules a deliberate bug once broke while every other test stayed green. Each test names the
/// rule; the comment above it names the bug it catches (applied by hand, and seen to fail).
@Suite("The suite catches each broken rule", .watchdog)
struct BrokenRuleTests {
  // Bug: the mutual-exclusion check remembers only the first holder. With two lanes nothing
  // tells; a third lane entering while the second is inside does.
  @Test("a lock with three lanes: the third entering while the second is inside is caught")
  func threeLanesAtTheLock() {
    let guarantee = Guarantee.mutualExclusion(opening: "in", because: "the lock")
    let lines: [(String, String)] = [
      ("A", "in"), ("A", "out"), ("B", "in"), ("C", "in"), ("B", "out"), ("C", "out"),
    ]
    let found = guarantee.violations(in: events(lines))
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix("C entered at beat 0 while B was inside") == true, "\(found)")
    // One after another, all three: nothing to find.
    let serial: [(String, String)] = [
      ("A", "in"), ("A", "out"), ("B", "in"), ("B", "out"), ("C", "in"), ("C", "out"),
    ]
    #expect(guarantee.violations(in: events(serial)).isEmpty)
  }

  // Bug: a semaphore check that forgets who left, or counts a lane twice. Four lanes through a
  // semaphore of two, the third inside only once the first has left: fine; the fourth entering
  // while two are inside: caught, naming both.
  @Test("a semaphore of two with four lanes: the one too many is caught, the lawful ones are not")
  func fourLanesAtTheSemaphore() {
    let guarantee = Guarantee.atMostInside(2, opening: "in", closing: "out", because: "two places")
    let lawful: [(String, String)] = [
      ("A", "in"), ("B", "in"), ("A", "out"), ("C", "in"), ("B", "out"), ("D", "in"),
      ("C", "out"), ("D", "out"),
    ]
    #expect(guarantee.violations(in: events(lawful)).isEmpty)
    let tooMany: [(String, String)] = [
      ("A", "in"), ("B", "in"), ("A", "out"), ("C", "in"), ("D", "in"), ("B", "out"),
    ]
    let found = guarantee.violations(in: events(tooMany))
    #expect(found == ["D went inside at beat 0 while 2 were inside (B, C) (two places)"])
  }

  // Bug: the exit status taken as the largest number (NOT equivalent, 1, plus too late, 3,
  // exits 3 and hides the failure).
  @Test("the exit status of every combination of verdict kinds is the worst kind's, by precedence")
  func exitStatusOfEveryCombination() {
    let kinds = Verdict.Kind.allCases
    for mask in 0..<(1 << kinds.count) {
      let present = kinds.indices.filter { mask & (1 << $0) != 0 }.map { kinds[$0] }
      // The precedence, written out: interrupted, then NOT equivalent, then too late.
      let expected: Int32 =
        present.contains(.interrupted)
        ? 130 : present.contains(.notEquivalent) ? 1 : present.contains(.tooLate) ? 3 : 0
      #expect(Verdict.Kind.exitStatus(of: present) == expected, "\(present)")
      #expect(Verdict.Kind.exitStatus(of: present.reversed()) == expected, "\(present)")
    }
  }

  // Bug: the recorder takes the sequence number and appends in two lock sections: 160,000 events
  // got 85,216 distinct numbers, while every guarantee compares sequence numbers.
  @Test("under contention every event's sequence number is unique and is its place in print order")
  func sequenceNumbersUnderContention() async {
    let recorder = Recorder(clock: ExampleClock(pace: .test))
    let threads = 4
    let lines = 5_000
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      let group = DispatchGroup()
      for thread in 0..<threads {
        group.enter()
        Thread {
          for line in 0..<lines { recorder.print(String(line), lane: "T\(thread)") }
          group.leave()
        }.start()
      }
      group.notify(queue: .global()) { done.resume() }
    }
    let recorded = recorder.recorded
    #expect(recorded.count == threads * lines)
    // Compared as counts, not as arrays: a failure must not print 20,000 numbers.
    let distinct = Set(recorded.map(\.sequence)).count
    let misplaced = recorded.indices.filter { recorded[$0].sequence != $0 }.count
    #expect(distinct == recorded.count, "sequence numbers repeat")
    #expect(misplaced == 0, "\(misplaced) events carry a number other than their place")
    for (lane, laneEvents) in Dictionary(grouping: recorded, by: \.lane) {
      let outOfOrder = zip(laneEvents, laneEvents.dropFirst()).filter {
        Int($0.text)! >= Int($1.text)!
      }.count
      #expect(outOfOrder == 0, "\(lane): \(outOfOrder) lines out of print order")
    }
  }

  // Bug: `stops.min()` made `max()`: a run stopped in beat 2 beside one stopped in beat 5 was
  // judged up to beat 5, where the first had nothing.
  @Test("runs stopped in different beats are all judged up to the earliest stop")
  func earliestStop() {
    var early = expectedTranscript(.synchronizingThreads, .thread).editing {
      $0.removeAll { $0.beat >= 2 }
    }
    early.stoppedAt = 2.5
    var later = expectedTranscript(.synchronizingThreads, .task).editing {
      $0.removeAll { $0.beat >= 5 }
    }
    later.stoppedAt = 5.5
    let verdict = Equivalence.judge([later, early])
    #expect(verdict.judgedBefore == 2)
    #expect(verdict.checksHold, "\(verdict.differences)")
  }

  // Bug: the pair check skipped for examples with an open choice: only the JSON's per-check
  // result changed. Two runs that made the same choice and differ must fail their pair check.
  @Test("two runs that made the same open choice are compared with each other, line by line")
  func pairCheckWithAnOpenChoice() {
    let thread = expectedTranscript(.synchronizingThreads, .thread, choice: 0)
    let task = expectedTranscript(.synchronizingThreads, .task, choice: 0).editing { events in
      let index = events.firstIndex { $0.text == "Exiting Main Thread" }!
      events[index].beat += 1
    }
    let verdict = Equivalence.judge([thread, task])
    let pair = verdict.checks.first { $0.name == "thread ~ task" }
    #expect(pair?.holds == false, "the pair check did not compare the two runs")
  }

  // Bug: `isAlive` true before `start()` (Python: `is_alive()` is False until started).
  @Test("isAlive: false before start, true while the body runs, false once it has returned")
  func isAliveAcrossALife() {
    let gate = ThreadVersions.ThreadingEvent()
    let thread = JoinableThread(name: "alive") { gate.wait() }
    #expect(!thread.isAlive, "alive before start()")
    thread.start()
    #expect(thread.isAlive, "not alive while its body waits")
    gate.set()
    thread.join()  // its body returns at once: the gate is open
    #expect(!thread.isAlive, "alive after join()")
  }

  // Bug: `join(timeout:)` waits once (`if` for `while`), so any broadcast on the joined thread's
  // state ends the join while the thread is alive and the timeout far off — here the one its
  // first blocking call makes to wake its starter, while a third thread joins it. Python's join
  // returns only when the thread has ended or the time is up.
  @Test("a timed join that its thread's start wakes waits on, to the thread's end or the timeout")
  func timedJoinOutlastsAWakeUp() async {
    let alive = await onPlainThread { () -> Bool in
      let running = ThreadVersions.ThreadingEvent()
      let release = ThreadVersions.ThreadingEvent()
      // Unchecked: `JoinableThread` is not `Sendable` (Foundation's `Thread` is not), but its
      // `start`, `join` and `isAlive` each read and write its state under its own lock, so two
      // threads may call them at once, as Python's threads are joined from anywhere.
      nonisolated(unsafe) let thread = JoinableThread(name: "spins, then blocks") {
        running.set()
        // Busy, so that its start is still waiting (asleep) when the joiner below joins it.
        let busyUntil = ContinuousClock.now + .milliseconds(50)
        while ContinuousClock.now < busyUntil {}
        release.wait()  // its first block: wakes the starter, with a broadcast on its state
      }
      thread.switchInterval = 10
      let joined = ThreadVersions.ThreadingEvent()
      let aliveAfterJoin = Locked(true)
      Thread.detachNewThread {
        running.wait()
        thread.join(timeout: .seconds(30))  // far beyond the watchdog: ends only with the thread
        aliveAfterJoin.withLock { $0 = thread.isAlive }
        joined.set()
      }
      thread.start()  // returns at the thread's first block
      Thread.sleep(forTimeInterval: 0.3)  // the joiner waits on past that block
      release.set()
      joined.wait()
      return aliveAfterJoin.withLock { $0 }
    }
    #expect(!alive, "join(timeout:) returned while the thread was alive, long before the timeout")
  }

  // Bug: `withTimeout` takes its deadline in the child that sleeps to it, so a child that starts
  // late moves the deadline. Python's `asyncio.timeout(delay)` and `wait_for` take it at the call.
  // Here the two children are held 2.2 s on a paused executor: the deadline (2 s) has passed
  // when they start, so the time is up — though the work could finish 1.5 s after they start,
  // within a deadline counted from there. (A passed deadline used to wait for its sleep's timer,
  // which waits for a thread of a cooperative pool that other tests keep busy: with 0.25 s, then
  // 0.6 s, then 1.5 s to spare, a loaded run delivered it late and the work won. It now ends the
  // race at once; the hold is counted from the pause, as the task itself may start late.)
  @Test("withTimeout's deadline is taken at the call: children that start late do not move it")
  func timeoutDeadlineAtTheCall() async {
    let executor = DedicatedExecutor()
    let event = TaskVersions.ThreadingEvent()
    let paused = Latch()
    let called = ContinuousClock.now
    Thread.detachNewThread {
      // Counted from the pause, not from here: the task may start late on a busy machine.
      _ = paused.wait(until: .now + .seconds(30))
      Thread.sleep(until: Date() + 2.2)
      executor.resume()
      Thread.sleep(until: Date() + 1.5)
      event.set()
    }
    let outcome = await Task(executorPreference: executor) { () -> Result<Int, any Error> in
      executor.pause()  // from here on, jobs wait: this one runs on, its children do not start
      paused.open()
      do {
        return .success(
          try await withTimeout(.seconds(2)) {
            try await event.wait()
            return 1
          })
      } catch {
        return .failure(error)
      }
    }.value
    #expect(throws: TaskVersions.TimeoutError.self) { try outcome.get() }
    #expect(ContinuousClock.now - called < .seconds(30))
  }

  /// Events of beat 0, in the order given, with the sequence numbers that order gives.
  private func events(_ lines: [(String, String)]) -> [Event] {
    lines.enumerated().map { index, line in
      Event(lane: line.0, text: line.1, stamp: nil, elapsed: 0.1, sequence: index)
    }
  }
}

/// The usual orderings the README states — thread1's first line before main's `wait thread1`,
/// and the lock to Thread-1 — come from Python's `start()`, which returns once the new thread has
/// run to its first blocking call. Without that start handshake (Foundation's bare `start()`)
/// main printed first in almost every trial here. Each trial runs only the opening of the two
/// examples, in the examples' own shapes, so that many trials cost little.
@Suite("The usual orderings, over many openings", .watchdog, .tags(.realTime))
struct UsualOrderingTests {
  /// Trials per paradigm and example; a threshold of nine in ten of them.
  static let trials = 30
  static let threshold = 27

  /// simple-threading's opening on threads: two threads that print, then block; main prints
  /// after starting both. Returns the lines in the order printed.
  static func threadOpening() -> [String] {
    let lines = Locked<[String]>([])
    let workers = (1...2).map { n in
      JoinableThread(name: "thread\(n)") {
        lines.withLock { $0.append("Starting thread\(n)") }
        // The example's first sleep.
        ThreadVersions.ThreadingEvent().wait(timeout: .milliseconds(5))
      }
    }
    for worker in workers { worker.start() }
    lines.withLock { $0.append("wait thread1") }
    for worker in workers { worker.join() }
    return lines.withLock { $0 }
  }

  /// synchronizing-threads' opening on threads: two threads take one lock and hold it across a
  /// block. Returns the name of the thread that took it first.
  static func threadLockWinner() -> String {
    let lock = NSLock()
    let first = Locked<String?>(nil)
    let workers = (1...2).map { n in
      JoinableThread(name: "Thread-\(n)") {
        lock.lock()
        defer { lock.unlock() }
        first.withLock { $0 = $0 ?? "Thread-\(n)" }
        // The first sleep, holding the lock.
        ThreadVersions.ThreadingEvent().wait(timeout: .milliseconds(2))
      }
    }
    for worker in workers { worker.start() }
    for worker in workers { worker.join() }
    return first.withLock { $0 } ?? "nobody"
  }

  @Test("threads: thread1's first line before main's, and the lock to Thread-1, in 9 of 10")
  func threads() async {
    let (openings, winners) = await onPlainThread {
      let openings = (0..<Self.trials).map { _ in Self.threadOpening() }
      let winners = (0..<Self.trials).map { _ in Self.threadLockWinner() }
      return (openings, winners)
    }
    let thread1First = openings.filter { $0.first == "Starting thread1" }.count
    let neverThread2First = openings.allSatisfy { $0.first != "Starting thread2" }
    let lockToThread1 = winners.filter { $0 == "Thread-1" }.count
    #expect(thread1First >= Self.threshold, "thread1 first in \(thread1First) of \(Self.trials)")
    #expect(neverThread2First, "thread2 started before thread1")
    #expect(
      lockToThread1 >= Self.threshold, "lock to Thread-1 in \(lockToThread1) of \(Self.trials)")
  }

  @Test("tasks: thread1's first line before main's, and the lock to Thread-1, in 9 of 10")
  func tasks() async {
    var thread1First = 0
    var lockToThread1 = 0
    for _ in 0..<Self.trials {
      let lines = Locked<[String]>([])
      await withTaskGroup(of: Void.self) { group in
        for n in 1...2 {
          group.addImmediateTask(name: "thread\(n)") {
            lines.withLock { $0.append("Starting thread\(n)") }
            try? await Task.sleep(for: .milliseconds(5))
          }
        }
        lines.withLock { $0.append("wait thread1") }
      }
      if lines.withLock({ $0.first }) == "Starting thread1" { thread1First += 1 }
      let lock = AsyncLock()
      let first = Locked<String?>(nil)
      await withTaskGroup(of: Void.self) { group in
        for n in 1...2 {
          group.addImmediateTask(name: "Thread-\(n)") {
            guard (try? await lock.acquire()) != nil else { return }
            defer { lock.release() }
            first.withLock { $0 = $0 ?? "Thread-\(n)" }
            try? await Task.sleep(for: .milliseconds(2))
          }
        }
      }
      if first.withLock({ $0 }) == "Thread-1" { lockToThread1 += 1 }
    }
    #expect(thread1First >= Self.threshold, "thread1 first in \(thread1First) of \(Self.trials)")
    #expect(
      lockToThread1 >= Self.threshold, "lock to Thread-1 in \(lockToThread1) of \(Self.trials)")
  }
}
