import Foundation
import ThreadsToTasksCore

// What Python's `print`, `time.sleep`, `time.ctime`, `random.randint` and the `threading`
// module's functions are to the thread examples: plain functions, doing what a plain program's
// would (`Swift.print`, `Thread.sleep`, the real date, the threads alive now). The lines between
// `run: begin` and `run: end` are what a run of the package adds: there, a thread that belongs to
// a run prints into the run's transcript under its own name and sleeps on the run's clock.

// run: begin
/// The run the calling thread belongs to, if any.
private var context: ExampleContext? { RunBinding.current?.context }
// run: end

/// Python: `print(*items)`: the items joined by spaces, `True`/`False` for a `Bool`. `terminator`
/// is ignored (each call is one line); it is there so that this function shadows `Swift.print`
/// for every call: without it, a call with three items (`print("a", 1, "b")`) chose
/// `Swift.print`, which prints `true` where Python prints `True`.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let line = items.map(NotebookText.str).joined(separator: separator)
  // run: begin
  if let context {
    // A run that was asked to stop prints nothing more.
    if !context.stop.isRequested { context.recorder.print(line, lane: Thread.current.name ?? "?") }
    return
  }
  // run: end
  Swift.print(line)
}

/// Python: `time.sleep(seconds)`, `seconds` in notebook seconds (real seconds in a plain
/// program). Tells `JoinableThread.start()` that the thread blocks, as a sleep releases Python's
/// GIL.
func sleep(_ seconds: Int) {
  let deadline = sleepDeadline(seconds)
  JoinableThread.willBlock()
  // run: begin
  if let context {
    // A stop request ends the sleep early.
    let from = context.clock.elapsed()
    let lane = Thread.current.name ?? "?"
    if context.stop.sleep(until: deadline) { context.noteWake(deadline: deadline) }
    context.onSchedule(lane)
    context.recorder.note(.sleep, lane: lane, from: from)
    return
  }
  // run: end
  Thread.sleep(forTimeInterval: realSeconds(until: deadline))
}

/// Python: `time.sleep(0.1)`, a fraction of a second: `duration` of real time, not paced.
func sleep(for duration: Duration) {
  let deadline = deadline(after: max(duration, .zero))
  JoinableThread.willBlock()
  // run: begin
  if let context {
    context.stop.sleep(until: deadline)
    return
  }
  // run: end
  Thread.sleep(forTimeInterval: realSeconds(until: deadline))
}

/// When a sleep of `seconds` notebook seconds that begins now ends (real seconds in a plain
/// program). `seconds` is clamped to ±`timeoutMax` (so `Int.max` overflows nothing); zero and
/// negative give a deadline already past.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  let seconds = min(max(seconds, -timeoutMax), timeoutMax)
  // run: begin
  if let context { return context.sleepDeadline(seconds, lane: Thread.current.name ?? "?") }
  // run: end
  return .now + .seconds(seconds)
}

/// Real seconds from now until `deadline`, for `NSCondition.wait(until:)`.
func realSeconds(until deadline: ContinuousClock.Instant) -> Double {
  let remaining = ContinuousClock.now.duration(to: deadline)
  return Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
}

/// Python: `time.ctime(time.time())`.
func ctime() -> String {
  // run: begin
  if let context { return context.ctime() }
  // run: end
  return NotebookText.ctime(Date())
}

/// Python: `random.randint(low, high)`; seeded in a run, so every paradigm draws the same.
func randint(_ low: Int, _ high: Int) -> Int {
  // run: begin
  if let context { return context.randint(low, high) }
  // run: end
  return Int.random(in: low...high)
}

/// Python: `threading.active_count()`: the main thread and every `JoinableThread` alive.
func activeCount() -> Int {
  // run: begin
  if let context { return context.roster.count }
  // run: end
  return JoinableThread.active.count
}

/// Python: `[t.name for t in threading.enumerate()]`: the main thread first, then every
/// `JoinableThread` alive, in the order they started.
func enumerate() -> [String] {
  // run: begin
  if let context { return context.roster.running }
  // run: end
  return JoinableThread.active.map { $0.name ?? "?" }
}

/// Python: `_thread.start_new_thread(function, args)`: a thread nobody can join, whose function
/// runs once. Foundation's `Thread.detachNewThread` is the same; this one is a `JoinableThread`,
/// so that its start behaves as Python's and `enumerate()` lists it.
func startNewThread(_ function: @escaping @Sendable () -> Void) {
  JoinableThread(name: dummyName(), target: function).start()
}

/// How many threads `dummyName()` has named.
private let dummies = Locked(0)

/// The name Python gives a thread that `threading` did not start: `Dummy-1`, `Dummy-2`, … in the
/// order they are asked for.
func dummyName() -> String {
  // run: begin
  if let context { return context.dummyName() }
  // run: end
  return dummies.withLock { count in
    count += 1
    return "Dummy-\(count)"
  }
}
