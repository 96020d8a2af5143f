import ThreadsToTasksCore

/// A task with what Python's `threading.Thread` has and a `Task` handle lacks: `isAlive`, a
/// `join(timeout:)` that gives up, and a name to read and change.
///
/// A `Task` starts when it is created (there is no separate `start()`), can be awaited or
/// cancelled, and that is all. Its name (`Task.name`, read inside it) is fixed at creation, so
/// `name` here is a label kept beside the task: changing it does not rename the running task.
final class JoinableTask: Sendable {
  private let finished = Latch()
  private let label: Locked<String>
  private let token: Int?

  /// Starts `operation` as a task called `name`, running it at once up to its first suspension,
  /// as Python's `start()` lets a new thread run. Python: `Thread(target=…, name=…).start()`.
  init(name: String, operation: @escaping @Sendable () async throws -> Void) {
    let context = RunContext.current
    let token = context?.roster.enter(name)
    let finished = self.finished
    label = Locked(name)
    self.token = token
    Task.immediate(name: name) {
      // An error (a stopped sleep) ends the task, as an exception ends a Python thread.
      try? await operation()
      if let token { context?.roster.leave(token) }
      finished.open()
    }
  }

  /// The label. Python: `thread.name` (and the deprecated `getName()` / `setName()`).
  var name: String {
    get { label.withLock { $0 } }
    set {
      label.withLock { $0 = newValue }
      if let token { RunContext.current?.roster.rename(token, to: newValue) }
    }
  }

  /// True until the task's operation has returned. Python: `is_alive()`.
  var isAlive: Bool { !finished.isOpen }

  /// Suspends until the task has finished. Python: `join()`.
  func join() async {
    let from = RunContext.current?.clock.elapsed()
    await finished.wait()
    if let from { RunContext.current?.recorder.note(.join, lane: currentLane, from: from) }
  }

  /// Suspends until the task has finished or `seconds` have passed; ask `isAlive` which.
  /// Python: `join(timeout=seconds)`. Racing the end against a sleep is the whole trick; the
  /// loser is cancelled, and neither is left running.
  func join(timeout seconds: Int) async {
    let from = RunContext.current?.clock.elapsed()
    defer {
      if let from { RunContext.current?.recorder.note(.join, lane: currentLane, from: from) }
    }
    let deadline = sleepDeadline(seconds)
    await withTaskGroup { race in
      race.addTask { await self.finished.wait() }
      race.addTask { try? await sleep(until: deadline) }
      await race.next()
      race.cancelAll()
    }
  }
}
