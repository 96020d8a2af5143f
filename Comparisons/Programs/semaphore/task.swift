// Semaphores, structured concurrency:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/TaskVersions/Examples/Semaphore.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 task.swift -o example && ./example`

import Foundation

// Beyond the notebook, `threading.BoundedSemaphore`: four workers, and a semaphore that lets two
// of them in at a time. Swift has no async semaphore, so this is one (`AsyncSemaphore`): a
// waiting task suspends and holds no thread, and a cancelled waiter leaves the queue. Each worker
// is a child of a task group; the group is their join.

func semaphore(value: Int = 2) async throws {
  // Python: `pool = threading.BoundedSemaphore(2)`.
  let pool = AsyncSemaphore(value)
  try await withThrowingTaskGroup { group in
    for n in 1...4 {
      // Python: `start()`. An immediate child runs at once, up to its first suspension.
      group.addImmediateTask(name: "worker\(n)") {
        // Python: `with pool:`. Suspends while two workers are inside.
        try await pool.withPermit {
          print("inside")
          try await sleep(2)
          print("leaving")
        }
      }
    }
    try await group.waitForAll()
  }
  print("all workers done")

  // Every place is free again: one more release is a bug, and a bounded semaphore says so.
  do {
    try pool.release()
  } catch {
    print("release() once too many:", error)
  }
}

/// The other way to let two in, when the workers are yours to start: no semaphore, but a group
/// that keeps two children running and adds the next one each time one ends. Nothing to release,
/// so nothing to release once too often; but it only limits the children of this group, where a
/// semaphore limits whoever shares it.
func semaphoreWithAGroup(width: Int = 2) async throws {
  try await withThrowingTaskGroup(of: Void.self) { group in
    for n in 1...4 {
      // `width` children running: wait for one to end before adding the next.
      if n > width { _ = try await group.next() }
      group.addImmediateTask(name: "worker\(n)") {
        print("inside")
        try await sleep(2)
        print("leaving")
      }
    }
    try await group.waitForAll()
  }
  print("all workers done")
}

// MARK: - from Sources/TaskVersions/Support/AsyncSemaphore.swift

/// Python: `raise ValueError("Semaphore released too many times")`, from a `BoundedSemaphore`.
public struct SemaphoreReleasedTooManyTimes: Error, CustomStringConvertible {
  /// Python's message.
  public var description: String { "Semaphore released too many times" }
}

/// Python's `threading.BoundedSemaphore(value)` for tasks: `acquire()` suspends while `value`
/// tasks hold it, first come, first served; `release()` gives a place back, and refuses to give
/// back more than were taken.
///
/// A task cancelled while it waits never enters: if the cancellation comes first, it leaves the
/// queue and throws `CancellationError`; if a place was handed to it first, it hands the place on
/// at once and throws all the same. (The same design as `AsyncLock`, which is this with one place.)
public final class AsyncSemaphore: Sendable {
  private struct State {
    var available: Int
    var waiting: [(id: Int, turn: CheckedContinuation<Void, any Error>)] = []
    var nextID = 0
  }
  private let state: Locked<State>
  private let value: Int

  /// A semaphore that lets `value` tasks in at once. Python: `threading.BoundedSemaphore(value)`.
  public init(_ value: Int) {
    self.value = value
    state = Locked(State(available: value))
  }

  /// Takes one of the places, first suspending until there is one. Python: `acquire()`.
  /// - Throws: `CancellationError` if the task is cancelled before it gets in.
  public func acquire() async throws {
    let id = state.withLock { state in
      defer { state.nextID += 1 }
      return state.nextID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Void, any Error>) in
        let enterNow = state.withLock { state -> Bool? in
          if Task.isCancelled { return nil }
          if state.available > 0 && state.waiting.isEmpty {
            state.available -= 1
            return true
          }
          state.waiting.append((id, turn))
          return false
        }
        switch enterNow {
        case nil: turn.resume(throwing: CancellationError())
        case true?: turn.resume()
        case false?: break
        }
      }
    } onCancel: {
      let turn = state.withLock { state in
        state.waiting.firstIndex { $0.id == id }.map { state.waiting.remove(at: $0).turn }
      }
      turn?.resume(throwing: CancellationError())
    }
    // Handed a place in the same instant as the cancellation: pass it on, do not enter.
    if Task.isCancelled {
      handOn()
      throw CancellationError()
    }
  }

  /// Gives one place back: to the longest waiter, or to the next `acquire()`. Python: `release()`.
  /// - Throws: `SemaphoreReleasedTooManyTimes` when every place is already free.
  public func release() throws(SemaphoreReleasedTooManyTimes) {
    guard handOn(refusingBeyond: value) else { throw SemaphoreReleasedTooManyTimes() }
  }

  /// Runs `body` holding one place. Python: `with semaphore:`.
  /// - Throws: `CancellationError` if cancelled before it gets in (`body` does not run), or what
  ///   `body` throws.
  public func withPermit<Result>(
    _ body: () async throws -> Result
  ) async throws -> Result {
    try await acquire()
    // Synchronous, so it can sit in a `defer`; unbounded: this task took the place it gives back.
    defer { handOn() }
    return try await body()
  }

  /// Gives a place back to the longest waiter, or frees it; with `bound`, refuses (returns
  /// `false`) when that many places are already free. One lock for the check and the change, so
  /// two releases at once cannot both pass the check.
  @discardableResult
  private func handOn(refusingBeyond bound: Int? = nil) -> Bool {
    let (given, next) = state.withLock { state in
      guard state.waiting.isEmpty else { return (true, Optional(state.waiting.removeFirst().turn)) }
      if let bound, state.available >= bound { return (false, nil) }
      state.available += 1
      return (true, nil)
    }
    next?.resume()
    return given
  }

  /// How many places are free.
  public var availablePermits: Int { state.withLock { $0.available } }

  /// How many tasks wait for a place.
  public var waitingCount: Int { state.withLock { $0.waiting.count } }
}

// MARK: - from Sources/TaskVersions/Support/Python.swift

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

// MARK: - from Sources/ThreadsToTasksCore/NotebookText.swift

/// How Python prints things, so every paradigm prints the same lines.
public enum NotebookText {
  private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Python's `time.ctime(t)`: `"Wed Nov  5 10:00:00 2026"`, the day padded with a space.
  ///
  /// `DateFormatter` cannot pad with a space (`d` gives "5", `dd` gives "05"), so the fields are
  /// assembled by hand.
  public static func ctime(_ date: Date, timeZone: TimeZone = .current) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents(
      [.weekday, .month, .day, .hour, .minute, .second, .year], from: date)
    func padded(_ value: Int?, with pad: Character) -> String {
      let digits = String(value ?? 0)
      return digits.count < 2 ? String(pad) + digits : digits
    }
    let weekday = weekdays[(parts.weekday ?? 1) - 1]
    let month = months[(parts.month ?? 1) - 1]
    return "\(weekday) \(month) \(padded(parts.day, with: " ")) "
      + "\(padded(parts.hour, with: "0")):\(padded(parts.minute, with: "0"))"
      + ":\(padded(parts.second, with: "0")) \(parts.year ?? 0)"
  }

  /// `line` split into its text and the ctime stamp it ends with: `("thread1:", "Wed Nov  5
  /// 10:00:01 2026")`, or `(line, nil)` when it ends with none.
  public static func splitStamp(_ line: String) -> (text: String, stamp: String?) {
    let characters = Array(line)
    guard characters.count >= 24 else { return (line, nil) }
    let stamp = String(characters.suffix(24))
    let fields = stamp.split(separator: " ", omittingEmptySubsequences: true)
    guard fields.count == 5, weekdays.contains(String(fields[0])),
      months.contains(String(fields[1])), fields[3].count == 8, fields[4].count == 4,
      stamp.dropFirst(7).prefix(2).trimmingCharacters(in: .whitespaces).allSatisfy(\.isNumber)
    else { return (line, nil) }
    let text = String(characters.dropLast(24))
    return (text.hasSuffix(" ") ? String(text.dropLast()) : text, stamp)
  }

  /// An item as Python's `print` shows it: `True`/`False` for a `Bool`, else its description.
  public static func str(_ item: Any) -> String {
    if let flag = item as? Bool { return flag ? "True" : "False" }
    return String(describing: item)
  }
}

// MARK: - from Sources/ThreadsToTasksCore/Locked.swift

/// A value that is only ever read or written while holding an `NSLock`.
///
/// The package's one hand-made `Sendable` container. `NSLock` rather than `Mutex` because
/// ThreadSanitizer reports false races on `Mutex` on this toolchain, and the suite must run clean
/// under it.
public final class Locked<Value: Sendable>: @unchecked Sendable {  // safe: all under `lock`
  private let lock = NSLock()
  private var value: Value

  /// A container holding `value`.
  public init(_ value: Value) { self.value = value }

  /// Runs `body` with exclusive access to the value. Keep `body` short: it runs under the lock.
  public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    try lock.withLock { try body(&value) }
  }
}

// MARK: - main

// Detached: off the main actor, so `Task.immediate` runs a child at once, as in a run.
try await Task.detached(name: "MainThread") { try await semaphore() }.value
