import ThreadsToTasksCore

/// A task with what Python's `threading.Thread` has and a `Task` handle lacks: `isAlive`, a
/// `join(timeout:)` that gives up, and a name to read and change.
///
/// A `Task` starts when it is created (there is no separate `start()`), can be awaited or
/// cancelled, and that is all. Its name (`Task.name`, read inside it) is fixed at creation, so
/// `name` here is a label kept beside the task: changing it does not rename the running task.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `Thread(target=f, name="a").start()` | `JoinableTask(name: "a") { … }` | different: made and started at once, running up to its first suspension inside the call, as `start()` lets a new thread run; a body that never suspends runs to its end before the call returns |
/// | `join()` | `await join()` | same |
/// | `join(timeout=1)` | `await join(timeout: 1)` (notebook seconds) or `join(timeout: .milliseconds(20))` (real time) | same: returns when the time is up; ask `isAlive` |
/// | `join(0)`, `join(-1)` | `join(timeout: 0)`, `join(timeout: -1)` | same: no wait |
/// | `join(1e10)` | `join(timeout: .max)` | a finished task returns at once; otherwise a wait clamped to 10⁹ s (Python: `OverflowError` past `TIMEOUT_MAX`) |
/// | a thread joining itself: `RuntimeError: cannot join current thread` | a `JoinableTask` joining itself | same words, but a trap (`fatalError`): `join` does not throw, and it could only wait for good |
/// | `is_alive()`, `name` | `isAlive`, `name` | same |
/// | `threading.enumerate()`, `threading.active_count()` | `JoinableTask.active`, `.active.count` | the `JoinableTask`s alive, in the order they started; the main thread is none of them (`enumerate()` adds it) |
final class JoinableTask: Sendable {
  private let finished = Latch()
  private let label: Locked<String>
  /// The running task's identity, to refuse a join of itself.
  private let identity = Locked<Int?>(nil)
  /// Every `JoinableTask` whose operation has not returned, in the order they started: what
  /// Python's `threading._active` is to threads. The Swift runtime keeps no list of tasks.
  private static let alive = Locked<[JoinableTask]>([])
  // run: begin
  private let token: Int?
  // run: end

  /// Starts `operation` as a task called `name`, running it at once up to its first suspension,
  /// as Python's `start()` lets a new thread run. Python: `Thread(target=…, name=…).start()`.
  init(name: String, operation: @escaping @Sendable () async throws -> Void) {
    // run: begin
    let context = RunContext.current
    let token = context?.roster.enter(name)
    self.token = token
    // run: end
    let finished = self.finished
    let identity = self.identity
    label = Locked(name)
    Self.alive.withLock { $0.append(self) }
    Task.immediate(name: name) {
      identity.withLock { $0 = withUnsafeCurrentTask { $0?.hashValue } }
      // An error (a stopped sleep) ends the task, as an exception ends a Python thread.
      try? await operation()
      Self.alive.withLock { $0.removeAll { $0 === self } }
      // run: begin
      if let token { context?.roster.leave(token) }
      // run: end
      finished.open()
    }
  }

  /// The label. Python: `thread.name` (and the deprecated `getName()` / `setName()`).
  var name: String {
    get { label.withLock { $0 } }
    set {
      label.withLock { $0 = newValue }
      // run: begin
      if let token { RunContext.current?.roster.rename(token, to: newValue) }
      // run: end
    }
  }

  /// True until the task's operation has returned. Python: `is_alive()`.
  var isAlive: Bool { !finished.isOpen }

  /// The `JoinableTask`s alive now, in the order they started. Python: `threading.enumerate()`
  /// without the main thread.
  static var active: [JoinableTask] { alive.withLock { $0 } }

  /// Suspends until the task has finished. Python: `join()`.
  ///
  /// The task joining itself traps with Python's message, "cannot join current thread".
  func join() async {
    refuseJoiningItself()
    // run: begin
    let from = RunContext.current?.clock.elapsed()
    defer {
      if let from { RunContext.current?.recorder.note(.join, lane: currentLane, from: from) }
    }
    // run: end
    await finished.wait()
  }

  /// Suspends until the task has finished or `seconds` notebook seconds have passed (paced in a
  /// run); ask `isAlive` which. Zero or negative: no wait, as in Python; a finished task returns
  /// at once; a wait longer than 10⁹ s is clamped to that. Python: `join(timeout=seconds)`.
  ///
  /// The task joining itself traps with Python's message, "cannot join current thread".
  func join(timeout seconds: Int) async {
    await join(until: seconds <= 0 ? .now : timeoutDeadline(seconds))
  }

  /// `join(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  func join(timeout: Duration) async {
    await join(until: timeoutDeadline(timeout))
  }

  private func join(until deadline: ContinuousClock.Instant) async {
    refuseJoiningItself()
    // run: begin
    let from = RunContext.current?.clock.elapsed()
    defer {
      if let from { RunContext.current?.recorder.note(.join, lane: currentLane, from: from) }
    }
    // run: end
    // Finished, or no time to wait: at once. Else the end races a sleep (on the run's clock, so
    // a stopped run ends it too); the loser is cancelled, and neither is left running.
    guard isAlive, deadline > .now else { return }
    await withTaskGroup { race in
      race.addTask { await self.finished.wait() }
      race.addTask { try? await sleep(until: deadline) }
      await race.next()
      race.cancelAll()
    }
  }

  private func refuseJoiningItself() {
    let me = withUnsafeCurrentTask { $0?.hashValue }
    if me != nil, identity.withLock({ $0 }) == me { fatalError("cannot join current thread") }
  }
}
