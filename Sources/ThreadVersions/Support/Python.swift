import Foundation
import ThreadsToTasksCore

// What Python's `print`, `time.sleep`, `time.ctime`, `random.randint` and the `threading`
// module's functions are to the thread examples. An example calls them as plain functions; inside
// a run they print into the run's transcript, under the name of the thread that prints, and sleep
// on the run's clock; outside a run they do what a plain program does (`Swift.print`,
// `Thread.sleep`, the real date). The standalone programs on the pages define them in a few lines.

/// The run the calling thread belongs to, if any.
private var context: ExampleContext? { RunBinding.current?.context }

/// Python: `print(*items)`: the items joined by spaces, `True`/`False` for a `Bool`. A run that
/// was asked to stop prints nothing more. `terminator` is ignored (each call is one line); it is
/// there so that this function shadows `Swift.print` for every call: without it, a call with three
/// or more items (`print("a", 1, "b")`) chose `Swift.print` and bypassed the run.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let line = items.map(NotebookText.str).joined(separator: separator)
  guard let context else { return Swift.print(line) }
  guard !context.stop.isRequested else { return }
  context.recorder.print(line, lane: Thread.current.name ?? "?")
}

/// Python: `time.sleep(seconds)`. In a run, a stop request ends it early.
func sleep(_ seconds: Int) {
  let deadline = sleepDeadline(seconds)
  JoinableThread.willBlock()
  guard let context else { return Thread.sleep(forTimeInterval: realSeconds(until: deadline)) }
  let from = context.clock.elapsed()
  let lane = Thread.current.name ?? "?"
  if context.stop.sleep(until: deadline) { context.noteWake(deadline: deadline) }
  context.onSchedule(lane)
  context.recorder.note(.sleep, lane: lane, from: from)
}

/// Python: `time.sleep(0.1)`, a fraction of a second: `duration` of real time, not paced. In a
/// run, a stop request ends it early.
func sleep(for duration: Duration) {
  let deadline = deadline(after: max(duration, .zero))
  JoinableThread.willBlock()
  guard let context else { return Thread.sleep(forTimeInterval: realSeconds(until: deadline)) }
  context.stop.sleep(until: deadline)
}

/// When a sleep of `seconds` notebook seconds that begins now ends: on the run's clock when the
/// calling thread belongs to a run, else in real seconds. `seconds` is clamped to ±`timeoutMax`
/// (so `Int.max` overflows nothing); zero and negative give a deadline already past.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  let seconds = min(max(seconds, -timeoutMax), timeoutMax)
  guard let context = RunBinding.current?.context else { return .now + .seconds(seconds) }
  return context.sleepDeadline(seconds, lane: Thread.current.name ?? "?")
}

/// Real seconds from now until `deadline`, for `NSCondition.wait(until:)`.
func realSeconds(until deadline: ContinuousClock.Instant) -> Double {
  let remaining = ContinuousClock.now.duration(to: deadline)
  return Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
}

/// Python: `time.ctime(time.time())`.
func ctime() -> String { context?.ctime() ?? NotebookText.ctime(Date()) }

/// Python: `random.randint(low, high)`; seeded in a run, so every paradigm draws the same.
func randint(_ low: Int, _ high: Int) -> Int {
  context?.randint(low, high) ?? Int.random(in: low...high)
}

/// Python: `threading.active_count()`.
func activeCount() -> Int { context?.roster.count ?? 1 }

/// Python: `[t.name for t in threading.enumerate()]`.
func enumerate() -> [String] { context?.roster.running ?? [Thread.current.name ?? "?"] }

/// Python: `_thread.start_new_thread(function, args)`: a thread nobody can join, whose function
/// runs once. Foundation's `Thread.detachNewThread` is the same; this one also passes the run on.
func startNewThread(_ function: @escaping @Sendable () -> Void) {
  JoinableThread(name: context?.dummyName() ?? "Dummy", target: function).start()
}
