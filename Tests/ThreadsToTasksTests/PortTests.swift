import Testing
import ThreadsToTasksCore

@Suite("The port: both paradigms agree with each other and with the notebook")
struct PortTests {
  @Test(
    "both versions are equivalent, and each prints what the notebook's program guarantees",
    arguments: ExampleID.allCases)
  func paradigmsAgree(example: ExampleID) async {
    let (thread, task) = await runBoth(example)
    let verdict = Equivalence.compare(thread, task)
    #expect(verdict.isEquivalent, "\(verdict.differences)")
    #expect(!thread.events.isEmpty && !thread.wasStopped && !task.wasStopped)
    for transcript in [thread, task] {
      let check = Equivalence.check(transcript)
      #expect(check.isEquivalent, "\(transcript.paradigm): \(check.differences)")
    }
  }

  // Seeds 1-8 cover thread1 finishing first, second, and both at once (a tie in one beat).
  @Test(
    "simple-threading agrees for every seed's random delays",
    arguments: 1...8 as ClosedRange<UInt64>)
  func simpleThreadingSeeds(seed: UInt64) async {
    let (thread, task) = await runBoth(.simpleThreading, seed: seed)
    #expect(Equivalence.compare(thread, task).isEquivalent)
    #expect(Equivalence.check(thread).isEquivalent, "\(Equivalence.check(thread).differences)")
  }

  @Test("the seeds tried cover a tie and both finishing orders")
  func seedsCoverTies() {
    let delays = (1...8 as ClosedRange<UInt64>).map { seed -> (Int, Int) in
      var random = SeededRandom(seed: seed)
      return (random.randint(1, 4), random.randint(1, 4))
    }
    #expect(delays.contains { $0 == $1 })
    #expect(delays.contains { $0 < $1 })
    #expect(delays.contains { $0 > $1 })
  }
}
