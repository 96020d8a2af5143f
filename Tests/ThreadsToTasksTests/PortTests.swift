import TaskVersions
import Testing
import ThreadsToTasksCore

@Suite(
  "The port: every paradigm agrees with the notebook and with the others", .watchdog,
  .tags(.realTime))
struct PortTests {
  @Test(
    "both versions are equivalent to the notebook and to each other", arguments: ExampleID.notebook)
  func paradigmsAgree(example: ExampleID) async {
    let (thread, task) = await runBoth(example)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.isEquivalent || verdict.wasLate, "\(verdict.differences)")
    #expect(
      verdict.checks.map(\.name) == ["thread ~ notebook", "task ~ notebook", "thread ~ task"])
    #expect(!thread.events.isEmpty && !thread.wasStopped && !task.wasStopped)
  }

  // Seeds 1-8 cover thread1 finishing first, second, and both at once (a tie in one beat).
  @Test(
    "simple-threading agrees for every seed's random delays",
    arguments: 1...8 as ClosedRange<UInt64>)
  func simpleThreadingSeeds(seed: UInt64) async {
    let (thread, task) = await runBoth(.simpleThreading, seed: seed)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.isEquivalent || verdict.wasLate, "\(verdict.differences)")
  }

  @Test("the seeds tried cover a tie and both finishing orders")
  func seedsCoverTies() {
    let delays = (1...8 as ClosedRange<UInt64>).map(simpleThreadingDelays)
    #expect(delays.contains { $0 == $1 })
    #expect(delays.contains { $0 < $1 })
    #expect(delays.contains { $0 > $1 })
  }

  @Test("the lock's other outcome, forced in a real run: Thread-2 first, in both paradigms")
  func threadTwoTakesTheLockFirst() async {
    let (thread, task) = await runBoth(.synchronizingThreads, holdBack: "Thread-1")
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.isEquivalent || verdict.wasLate, "\(verdict.differences)")
    #expect(verdict.choices[.thread] == "Thread-2 takes the lock first")
    #expect(verdict.choices[.task] == "Thread-2 takes the lock first")
  }

  @Test("the async let variant keeps every guarantee: the program allows its ordering")
  func asyncLetVariant() async {
    let (thread, task) = await runBoth(.simpleThreading, variant: .asyncLet)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.isEquivalent || verdict.wasLate, "\(verdict.differences)")
  }
}

extension Tag {
  /// Tests that run examples in real time (at the test pace), apart from the pure ones.
  @Tag static var realTime: Self
}

@Suite("Each outcome of every open choice, taken by a real run", .watchdog, .tags(.realTime))
struct OpenChoiceTests {
  /// A seed whose two delays are equal: thread1 and thread2 end in the same beat.
  static let tie = (UInt64(1)...100).first {
    simpleThreadingDelays(seed: $0).0 == simpleThreadingDelays(seed: $0).1
  }!

  @Test(
    "equal delays: whichever thread is held back ends second, in both paradigms",
    arguments: [("thread1", "thread2"), ("thread2", "thread1")])
  func tieEitherWay(heldBack: String, first: String) async {
    let (thread, task) = await runBoth(.simpleThreading, seed: Self.tie, holdBack: heldBack)
    let verdict = Equivalence.judge([thread, task])
    #expect(verdict.isEquivalent || verdict.wasLate, "\(verdict.differences)")
    // A run that woke late is not held to its order within a beat.
    guard !verdict.wasLate else { return }
    for run in [thread, task] {
      let exits = run.events.filter { $0.text.hasPrefix("Exiting ") }
      #expect(exits.map(\.lane) == [first, heldBack], "\(run.paradigm)")
      #expect(Set(exits.map(\.beat)).count == 1, "\(run.paradigm): both in one beat")
    }
  }

  @Test("a sleep that begins late still ends on its beat: lateness does not add up")
  func sleepsEndOnTheirBeat() {
    let clock = ExampleClock(pace: .test)
    let start = clock.startInstant
    let lateStart = start + Pace.test.duration(0.6)
    #expect(clock.deadline(afterSleeping: 2, from: lateStart) == start + Pace.test.duration(2))
    #expect(clock.deadline(afterSleeping: 1, from: start) == start + Pace.test.duration(1))
  }
}
