/// **Anti-solution.** An actor used as if it were the lock. It is not: an actor runs one piece of
/// code at a time, but every `await` inside its method ends that piece, and another caller's call
/// runs in the gap (actor reentrancy, SE-0306). The two workers' timestamps interleave:
/// `Thread-1 Thread-2 Thread-1 Thread-1 Thread-2 Thread-2` instead of three and three.
/// Kept as the counter-example the tests show failing (`side-by-side synchronizing-threads
/// --naive-actor`); `SerialPrinter` is the fix.
actor NaivePrinter: TimePrinter {
  func lockedPrintTime(_ threadName: String, _ delay: Int, _ counter: Int) async throws {
    print("lock value", true)
    // hazard: actor reentrancy. `printTime` suspends at every sleep, and each suspension lets the
    // other worker's call into this actor, which prints "lock value True" while we "hold" it.
    try await printTime(threadName, delay, counter)
  }
}
