import ThreadsToTasksCore

// What Python's `print`, `time.sleep`, `time.ctime`, `random.randint` and the `threading`
// module's functions are to the task examples. An example calls them as plain functions; inside a
// run they print into the run's transcript, under the name of the task that prints, and sleep on
// the run's clock; outside a run they do what a plain program does (`Swift.print`, `Task.sleep`,
// the real date). The standalone programs on the pages define them in a few lines.

/// The run the current task belongs to. A task-local value: every child task and every `Task`
/// an example starts inherits it, so runs side by side never mix.
enum RunContext {
  @TaskLocal static var current: ExampleContext?
  /// The name a task's lines go under when it has no `Task.name` (see `named`).
  @TaskLocal static var lane: String?
}

/// Runs `operation` with its lines printed under `name`: for an `async let` child, which cannot
/// be named as a `Task` can.
func named<Result: Sendable>(
  _ name: String, _ operation: () async throws -> Result
) async rethrows -> Result {
  try await RunContext.$lane.withValue(name, operation: operation)
}

/// Python: `print(*items)`: the items joined by spaces, `True`/`False` for a `Bool`. A run that
/// was asked to stop prints nothing more. `terminator` is ignored (each call is one line); it is
/// there so that this function shadows `Swift.print` for every call: without it, a call with three
/// or more items (`print("a", 1, "b")`) chose `Swift.print` and bypassed the run.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let line = items.map(NotebookText.str).joined(separator: separator)
  guard let context = RunContext.current else { return Swift.print(line) }
  guard !context.stop.isRequested else { return }
  context.recorder.print(line, lane: currentLane)
}

/// The name the current task's lines go under: its own, the one `named` gave it, or, for a task
/// nobody named, a `Dummy-N` as Python names a thread it did not start.
var currentLane: String {
  Task.name ?? RunContext.lane
    ?? RunContext.current?.dummyName(for: withUnsafeCurrentTask { $0?.hashValue }) ?? "?"
}

/// Python: `time.sleep(seconds)`. Throws `CancellationError` when the task is cancelled, or the
/// run is asked to stop.
func sleep(_ seconds: Int) async throws {
  try await sleep(seconds, noted: true)
}

/// A sleep on the run's clock, noted in its timeline or not (a helper task's sleep is no lane's).
func sleep(_ seconds: Int, noted: Bool) async throws {
  guard let context = RunContext.current else {
    return try await Task.sleep(for: .seconds(seconds))
  }
  let lane = currentLane
  let deadline = context.sleepDeadline(seconds, lane: lane)
  let from = context.clock.elapsed()
  defer { if noted { context.recorder.note(.sleep, lane: lane, from: from) } }
  try await sleep(until: deadline)
}

/// Sleeps until `deadline`, taken by a caller before it starts the task that sleeps: a race
/// against the time (a timeout) then ends on time however late that task began. A stop request
/// ends it as it ends every sleep of the run.
func sleep(until deadline: ContinuousClock.Instant) async throws {
  guard let context = RunContext.current else {
    return try await Task.sleep(until: deadline, clock: .continuous)
  }
  try await context.stop.sleep(until: deadline)
  context.noteWake(deadline: deadline)
}

/// When a wait of `seconds` notebook seconds that begins now ends: on the run's clock in a run,
/// else in real seconds.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  RunContext.current?.clock.deadline(afterSleeping: seconds) ?? .now + .seconds(seconds)
}

/// Python: `time.ctime(time.time())`.
func ctime() -> String { RunContext.current?.ctime() ?? NotebookText.ctime(.now) }

/// Python: `random.randint(low, high)`; seeded in a run, so every paradigm draws the same.
func randint(_ low: Int, _ high: Int) -> Int {
  RunContext.current?.randint(low, high) ?? Int.random(in: low...high)
}

/// Python: `threading.active_count()`, counting the `JoinableTask`s alive and the main task.
func activeCount() -> Int { RunContext.current?.roster.count ?? 1 }

/// Python: `[t.name for t in threading.enumerate()]`.
func enumerate() -> [String] { RunContext.current?.roster.running ?? [Task.name ?? "?"] }
