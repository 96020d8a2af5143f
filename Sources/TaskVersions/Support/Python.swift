import ThreadsToTasksCore

// What Python's `print`, `time.sleep`, `time.ctime`, `random.randint` and the `threading`
// module's functions are to the task examples: plain functions, doing what a plain program's
// would (`Swift.print`, `Task.sleep`, the real date, the tasks alive now). The lines between
// `run: begin` and `run: end` are what a run of the package adds: there, a task that belongs to a
// run prints into the run's transcript under its own name and sleeps on the run's clock.

// run: begin
/// The run the current task belongs to. A task-local value: every child task and every `Task`
/// an example starts inherits it, so runs side by side never mix.
enum RunContext {
  @TaskLocal static var current: ExampleContext?
  /// The name a task's lines go under when it has no `Task.name` (see `named`).
  @TaskLocal static var lane: String?
}

/// The name the current task's lines go under: its own, the one `named` gave it, or, for a task
/// nobody named, a `Dummy-N` as Python names a thread it did not start.
var currentLane: String {
  Task.name ?? RunContext.lane
    ?? RunContext.current?.dummyName(for: withUnsafeCurrentTask { $0?.hashValue }) ?? "?"
}
// run: end

/// Runs `operation` with its lines printed under `name`: for an `async let` child, which cannot
/// be named as a `Task` can.
func named<Result: Sendable>(
  _ name: String, _ operation: () async throws -> Result
) async rethrows -> Result {
  // run: begin
  if RunContext.current != nil {
    return try await RunContext.$lane.withValue(name, operation: operation)
  }
  // run: end
  return try await operation()
}

/// Python: `print(*items)`: the items joined by spaces, `True`/`False` for a `Bool`. A run that
/// was asked to stop prints nothing more. `terminator` is ignored (each call is one line); it is
/// there so that this function shadows `Swift.print` for every call: without it, a call with three
/// or more items (`print("a", 1, "b")`) chose `Swift.print` and bypassed the run.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let line = items.map(NotebookText.str).joined(separator: separator)
  // run: begin
  if let context = RunContext.current {
    if !context.stop.isRequested { context.recorder.print(line, lane: currentLane) }
    return
  }
  // run: end
  Swift.print(line)
}

/// Python: `time.sleep(seconds)`. Throws `CancellationError` when the task is cancelled, or the
/// run is asked to stop.
func sleep(_ seconds: Int) async throws {
  try await sleep(seconds, noted: true)
}

/// A sleep on the run's clock, noted in its timeline or not (a helper task's sleep is no lane's).
func sleep(_ seconds: Int, noted: Bool) async throws {
  // run: begin
  if let context = RunContext.current {
    let lane = currentLane
    let deadline = context.sleepDeadline(min(seconds, longestNotebookWait), lane: lane)
    let from = context.clock.elapsed()
    defer { if noted { context.recorder.note(.sleep, lane: lane, from: from) } }
    return try await sleep(until: deadline)
  }
  // run: end
  try await sleep(until: sleepDeadline(seconds))
}

/// Sleeps until `deadline`, taken by a caller before it starts the task that sleeps: a race
/// against the time (a timeout) then ends on time however late that task began. A stop request
/// ends it as it ends every sleep of the run.
func sleep(until deadline: ContinuousClock.Instant) async throws {
  // run: begin
  if let context = RunContext.current {
    try await context.stop.sleep(until: deadline)
    context.noteWake(deadline: deadline)
    return
  }
  // run: end
  try await Task.sleep(until: deadline, clock: .continuous)
}

/// The longest wait in notebook seconds a deadline is computed for (10⁹, about 31 years at the
/// notebook's pace): a longer one (`Int.max`) is clamped to it rather than overflow.
let longestNotebookWait = 1_000_000_000

/// When a wait of `seconds` notebook seconds that begins now ends: on the run's clock in a run,
/// else in real seconds. Clamped to `longestNotebookWait`.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  let seconds = min(seconds, longestNotebookWait)
  // run: begin
  if let context = RunContext.current { return context.clock.deadline(afterSleeping: seconds) }
  // run: end
  return .now + .seconds(seconds)
}

/// Python: `time.ctime(time.time())`.
func ctime() -> String {
  // run: begin
  if let context = RunContext.current { return context.ctime() }
  // run: end
  return NotebookText.ctime(.now)
}

/// Python: `random.randint(low, high)`; seeded in a run, so every paradigm draws the same.
func randint(_ low: Int, _ high: Int) -> Int {
  // run: begin
  if let context = RunContext.current { return context.randint(low, high) }
  // run: end
  return Int.random(in: low...high)
}

/// Python: `threading.active_count()`: the main thread and every `JoinableTask` alive.
func activeCount() -> Int {
  // run: begin
  if let context = RunContext.current { return context.roster.count }
  // run: end
  return 1 + JoinableTask.active.count
}

/// Python: `[t.name for t in threading.enumerate()]`: the main thread first (`MainThread`, where
/// a program's top-level code runs), then every `JoinableTask` alive, in the order they started.
func enumerate() -> [String] {
  // run: begin
  if let context = RunContext.current { return context.roster.running }
  // run: end
  return ["MainThread"] + JoinableTask.active.map(\.name)
}
