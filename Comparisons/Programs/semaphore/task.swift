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
/// at once and throws all the same. (`AsyncLock` is this with one place.)
///
/// A timed acquire is decided here, under the semaphore's own lock: at the deadline the waiter
/// leaves the line unless a place was handed to it first, so it returns `true` holding a place
/// or `false` holding none — never a place taken and lost.
///
/// | Python | Swift | |
/// | --- | --- | --- |
/// | `BoundedSemaphore(2)` | `AsyncSemaphore(2)` | same |
/// | `BoundedSemaphore(-1)`: `ValueError: semaphore initial value must be >= 0` | `AsyncSemaphore(-1)` | same words, but a trap (`fatalError`): an initializer that cannot fail is what every caller writes |
/// | `acquire()`, returns `True` | `try await acquire()` | returns nothing; throws `CancellationError` if cancelled first (Python has no cancellation) |
/// | `acquire(blocking=False)` | `try await acquire(blocking: false)` | same: a try, `true` or `false` |
/// | `acquire(timeout=2)` | `try await acquire(timeout: 2)` (notebook seconds) or `acquire(timeout: .milliseconds(20))` (real time) | same: `true` holding a place, `false` holding none |
/// | `acquire(timeout=0)`, `acquire(timeout=-1)` | `acquire(timeout: 0)`, `acquire(timeout: -1)` | same: a try (Python's negative timeout waits no time) |
/// | `acquire(timeout=1e10)` | `acquire(timeout: .max)` | Python waits up to `TIMEOUT_MAX` (9.2e9 s) and raises `OverflowError` beyond; here any longer wait is clamped to 10⁹ s |
/// | `release()` | `try release()` | same |
/// | `release()` with every place free: `ValueError: Semaphore released too many times` | `try release()` throws `SemaphoreReleasedTooManyTimes` | same words, a Swift error |
/// | `with pool:` | `try await pool.withPermit { … }` | same |
public final class AsyncSemaphore: @unchecked Sendable {
  // safe: `available` and `line` are read and written only while holding `lock`. A bare `NSLock`
  // (not `Locked`): the fast path is one lock and a few instructions, with no generic closure.
  private let lock = NSLock()
  private var available: Int
  private let line = WaitLine<Void, Void>()
  private let value: Int

  /// A semaphore that lets `value` tasks in at once. Python: `threading.BoundedSemaphore(value)`.
  ///
  /// A negative `value` traps with Python's message, "semaphore initial value must be >= 0".
  public init(_ value: Int) {
    guard value >= 0 else { fatalError("semaphore initial value must be >= 0") }
    self.value = value
    available = value
  }

  /// Takes one of the places, first suspending until there is one. Python: `acquire()`.
  /// - Throws: `CancellationError` if the task is cancelled before it gets in.
  @inline(__always)  // into `AsyncLock.acquire()` too: one async frame fewer per acquire
  public func acquire() async throws {
    // The fast path: one lock, no continuation — a free place and nobody ahead. Waiting for good
    // has its own path, without a `Deadline`: a `ContinuousClock.Instant` held across a
    // suspension costs an allocation and value-witness calls per wait (its layout is resilient).
    switch enter(until: .never) {
    case .cancelled: throw CancellationError()
    case .served, .timedOut: return  // `.timedOut` needs a deadline: not here
    case .waits(let id): _ = try entered(await suspend(id, line, under: lock))
    }
  }

  /// Python: `acquire(blocking=False)` when `blocking` is false: takes a place if one is free
  /// and nobody waits, and returns at once whether it did; `acquire()` when true.
  /// - Throws: `CancellationError` if the task is cancelled before it gets in.
  public func acquire(blocking: Bool) async throws -> Bool {
    try await acquire(until: blocking ? .never : .at(.now))
  }

  /// Python: `acquire(timeout=seconds)`, in notebook seconds (paced in a run): `true` holding a
  /// place, `false` when `seconds` passed first, holding none. Zero or negative: a try, as in
  /// Python. A longer wait than 10⁹ s is clamped to that.
  /// - Throws: `CancellationError` if the task is cancelled before it gets in.
  public func acquire(timeout seconds: Int) async throws -> Bool {
    try await acquire(until: .at(seconds <= 0 ? .now : timeoutDeadline(seconds)))
  }

  /// `acquire(timeout:)` with a real-time `Duration`, for a wait shorter than a second.
  /// - Throws: `CancellationError` if the task is cancelled before it gets in.
  public func acquire(timeout: Duration) async throws -> Bool {
    try await acquire(until: .at(timeoutDeadline(timeout)))
  }

  /// Takes a place, waiting for one until `deadline` (`nil`: for good); whether it got one.
  func acquire(until deadline: Deadline) async throws -> Bool {
    // The fast path: one lock, no continuation — a free place and nobody ahead, or a place in line.
    switch enter(until: deadline) {
    case .cancelled: throw CancellationError()
    case .served: return true
    case .timedOut: return false
    case .waits(let id):
      return try entered(await waitInLine(id, line, under: lock, until: deadline))
    }
  }

  /// Whether a wait in line ended inside: `true` holding a place, `false` timed out.
  private func entered(_ outcome: WaitOutcome<Void>) throws -> Bool {
    switch outcome {
    case .granted:
      // Handed a place in the same instant as the cancellation: pass it on, do not enter.
      if Task.isCancelled {
        handOn()
        throw CancellationError()
      }
      return true
    case .timedOut: return false
    case .cancelled: throw CancellationError()
    }
  }

  private func enter(until deadline: Deadline) -> LineEntry {
    lock.lock()
    defer { lock.unlock() }
    if Task.isCancelled { return .cancelled }
    if available > 0 && line.isEmpty {
      available -= 1
      return .served
    }
    if case .at(let instant) = deadline, instant <= .now { return .timedOut }
    return .waits(line.join(()))
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
    let (given, wake) = settleRelease(refusingBeyond: bound)
    wake?.resume()
    return given
  }

  private func settleRelease(refusingBeyond bound: Int?) -> (Bool, WaitLine<Void, Void>.Wake?) {
    lock.lock()
    defer { lock.unlock() }
    if let served = line.serveFirst({ _ in () }) { return (true, served.wake) }
    if let bound, available >= bound { return (false, nil) }
    available += 1
    return (true, nil)
  }

  /// How many places are free.
  public var availablePermits: Int { lock.withLock { available } }

  /// How many tasks wait for a place.
  public var waitingCount: Int { lock.withLock { line.count } }
}

// MARK: - Waiting in line (shared by `AsyncSemaphore`, `AsyncLock` and `AsyncQueue`)
//
// `@usableFromInline` and `@inlinable` below: `AsyncQueue`'s calls are specialized in the
// caller's module (see there why), and they wait in these lines, so these are too.

/// How long a call may wait: for good, or until an instant (one already past: a try). Not a
/// `ContinuousClock.Instant?`: an optional of that type costs a generic metadata look-up at every
/// copy, which was most of an uncontended acquire's time.
@usableFromInline enum Deadline {
  case never
  case at(ContinuousClock.Instant)
}

/// What a call found under its type's lock: served at once, or a ticket in the line.
@usableFromInline enum LineEntry {
  case cancelled, served, timedOut, waits(Int)
}

/// How a wait in a `WaitLine` ended.
@usableFromInline enum WaitOutcome<Granted: Sendable>: Sendable {
  /// Served: handed what it waited for.
  case granted(Granted)
  /// Its deadline passed first; it left the line empty-handed.
  case timedOut
  /// Its task was cancelled first; it left the line empty-handed.
  case cancelled
}

/// Tasks waiting, first come, first served, for what a type hands out under its own lock (a
/// place, an item, room for an item). Each waiter holds a ticket; every change — served, timed
/// out, cancelled — happens under the type's lock, so a waiter leaves the line exactly once, with
/// exactly one outcome. A waiter joins the line before it suspends; an outcome decided in between
/// is kept for it and handed over when it suspends. So each continuation is resumed exactly once,
/// by construction: hence an `UnsafeContinuation` (a `CheckedContinuation`'s checks, and its
/// resilient layout, cost a generic metadata look-up per copy on the fast path).
///
/// A class, so that the owner's lock guards it in place (a struct reached through a key path was
/// copied on every change). Every method must be called holding the owner's `NSLock`.
@usableFromInline final class WaitLine<Payload: Sendable, Granted: Sendable>: @unchecked Sendable {
  // safe: every read and write happens under the owning type's `NSLock` (see above).
  @usableFromInline typealias Turn = UnsafeContinuation<WaitOutcome<Granted>, Never>

  /// A waiter to resume once the type's lock is let go.
  @usableFromInline struct Wake: Sendable {
    @usableFromInline let turn: Turn
    @usableFromInline let outcome: WaitOutcome<Granted>
    @usableFromInline init(turn: Turn, outcome: WaitOutcome<Granted>) {
      self.turn = turn
      self.outcome = outcome
    }
    /// Resumes the waiter with its outcome.
    @inlinable func resume() { turn.resume(returning: outcome) }
  }

  @usableFromInline var line: [(id: Int, payload: Payload, turn: Turn?)] = []
  @usableFromInline var decided: [Int: WaitOutcome<Granted>] = [:]
  @usableFromInline var nextID = 0

  @usableFromInline init() {}

  /// Whether nobody waits.
  @inlinable var isEmpty: Bool { line.isEmpty }
  /// How many wait.
  @inlinable var count: Int { line.count }

  /// Joins the back of the line with `payload`; returns the ticket.
  @inlinable func join(_ payload: Payload) -> Int {
    defer { nextID += 1 }
    line.append((nextID, payload, nil))
    return nextID
  }

  /// Serves the first waiter: takes it out of the line with what `grant` gives it. Returns its
  /// payload, and whom to wake (none if it has not suspended yet: it finds its outcome then).
  @inlinable func serveFirst(
    _ grant: (Payload) -> Granted
  ) -> (payload: Payload, wake: Wake?)? {
    guard !line.isEmpty else { return nil }
    let first = line.removeFirst()
    return (first.payload, settle(first.id, first.turn, .granted(grant(first.payload))))
  }

  /// Serves every waiter at once (a queue's `join` when the last task is done).
  @inlinable func serveAll(_ granted: Granted) -> [Wake] {
    var woken: [Wake] = []
    while let served = serveFirst({ _ in granted }) { served.wake.map { woken.append($0) } }
    return woken
  }

  /// Takes the waiter `id` out of the line with `outcome` (timed out, cancelled), unless it was
  /// served first; whom to wake.
  @inlinable func leave(_ id: Int, _ outcome: WaitOutcome<Granted>) -> Wake? {
    guard let index = line.lastIndex(where: { $0.id == id }) else { return nil }
    let waiter = line.remove(at: index)
    return settle(id, waiter.turn, outcome)
  }

  /// The waiter `id` suspends with `turn`: its outcome, if one was decided in between.
  @inlinable func suspend(_ id: Int, _ turn: Turn) -> WaitOutcome<Granted>? {
    if !decided.isEmpty, let outcome = decided.removeValue(forKey: id) { return outcome }
    if let index = line.lastIndex(where: { $0.id == id }) { line[index].turn = turn }
    return nil
  }

  @inlinable func settle(
    _ id: Int, _ turn: Turn?, _ outcome: WaitOutcome<Granted>
  ) -> Wake? {
    guard let turn else {
      decided[id] = outcome
      return nil
    }
    return Wake(turn: turn, outcome: outcome)
  }
}

/// Waits with ticket `id` in `line`, guarded by `lock`, until served, `deadline` passes (`nil`:
/// never), or the task is cancelled.
@inlinable func waitInLine<Payload: Sendable, Granted: Sendable>(
  _ id: Int, _ line: WaitLine<Payload, Granted>, under lock: NSLock,
  until deadline: Deadline
) async -> WaitOutcome<Granted> {
  guard case .at(let deadline) = deadline else { return await suspend(id, line, under: lock) }
  return await waitInLine(id, line, under: lock, until: deadline)
}

/// The timed wait: the deadline is a child task that, when its sleep ends, takes the waiter out
/// of the line under the lock — unless it was served first. Not inlined: it uses the run's sleep.
@usableFromInline func waitInLine<Payload: Sendable, Granted: Sendable>(
  _ id: Int, _ line: WaitLine<Payload, Granted>, under lock: NSLock,
  until deadline: ContinuousClock.Instant
) async -> WaitOutcome<Granted> {
  await withTaskGroup { timer in
    timer.addTask {
      // Cancelled: the wait is over, or the task was cancelled, which its handler settles. A
      // stop request (in a run) ends the sleep too: it times out then.
      do { try await sleep(until: deadline) } catch { if Task.isCancelled { return } }
      lock.withLock { line.leave(id, .timedOut) }?.resume()
    }
    let outcome = await suspend(id, line, under: lock)
    timer.cancelAll()
    return outcome
  }
}

@inlinable func suspend<Payload: Sendable, Granted: Sendable>(
  _ id: Int, _ line: WaitLine<Payload, Granted>, under lock: NSLock
) async -> WaitOutcome<Granted> {
  await withTaskCancellationHandler {
    await withUnsafeContinuation { (turn: WaitLine<Payload, Granted>.Turn) in
      if let outcome = lock.withLock({ line.suspend(id, turn) }) {
        turn.resume(returning: outcome)
      }
    }
  } onCancel: {
    lock.withLock { line.leave(id, .cancelled) }?.resume()
  }
}

/// The longest wait a timeout asks for: 10⁹ real seconds, about 31 years. Longer ones (`Int.max`
/// notebook seconds, `Duration.seconds(Int64.max)`) are clamped to it, where `Task.sleep(until:)`
/// would trap ("Not enough bits") and Python raises `OverflowError` past `TIMEOUT_MAX`.
let longestWait = Duration.seconds(1_000_000_000)

/// When a timeout of `seconds` notebook seconds that begins now ends (paced in a run), clamped.
func timeoutDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  min(sleepDeadline(seconds), .now + longestWait)
}

/// When a timeout of `duration` (real time) that begins now ends, clamped; a negative one has
/// already passed.
func timeoutDeadline(_ duration: Duration) -> ContinuousClock.Instant {
  .now + min(duration, longestWait)
}

// MARK: - from Sources/TaskVersions/Support/Python.swift

/// Python: `print(*items)`: the items joined by spaces, `True`/`False` for a `Bool`. A run that
/// was asked to stop prints nothing more. `terminator` is ignored (each call is one line); it is
/// there so that this function shadows `Swift.print` for every call: without it, a call with three
/// or more items (`print("a", 1, "b")`) chose `Swift.print` and bypassed the run.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let line = items.map(NotebookText.str).joined(separator: separator)
  Swift.print(line)
}

/// Python: `time.sleep(seconds)`. Throws `CancellationError` when the task is cancelled, or the
/// run is asked to stop.
func sleep(_ seconds: Int) async throws {
  try await sleep(seconds, noted: true)
}

/// A sleep on the run's clock, noted in its timeline or not (a helper task's sleep is no lane's).
func sleep(_ seconds: Int, noted: Bool) async throws {
  try await sleep(until: sleepDeadline(seconds))
}

/// Sleeps until `deadline`, taken by a caller before it starts the task that sleeps: a race
/// against the time (a timeout) then ends on time however late that task began. A stop request
/// ends it as it ends every sleep of the run.
func sleep(until deadline: ContinuousClock.Instant) async throws {
  try await Task.sleep(until: deadline, clock: .continuous)
}

/// The longest wait in notebook seconds a deadline is computed for (10⁹, about 31 years at the
/// notebook's pace): a longer one (`Int.max`) is clamped to it rather than overflow.
let longestNotebookWait = 1_000_000_000

/// When a wait of `seconds` notebook seconds that begins now ends: on the run's clock in a run,
/// else in real seconds. Clamped to `longestNotebookWait`.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  let seconds = min(seconds, longestNotebookWait)
  return .now + .seconds(seconds)
}

/// Python: `time.ctime(time.time())`.
func ctime() -> String {
  return NotebookText.ctime(.now)
}

// MARK: - from Sources/ThreadsToTasksCore/NotebookText.swift

/// How Python prints things, so every paradigm prints the same lines.
public enum NotebookText {
  private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Python's `time.ctime(t)`: `"Wed Nov  5 10:00:00 2026"`, the day padded with a space.
  ///
  /// Without `timeZone`, in the C library's local time, as Python's `time.ctime` (`localtime`):
  /// whatever `TZ` holds — `:Europe/Berlin`, `XYZ-5:30`, `<+0545>-5:45` — both print the same
  /// wall time. (Foundation's `TimeZone.current` reads `TZ` otherwise, and falls back to UTC on
  /// forms it does not know.) The seconds are rounded down, as Python's are. With `timeZone`, in
  /// that zone.
  ///
  /// `DateFormatter` cannot pad with a space (`d` gives "5", `dd` gives "05"), so the fields are
  /// assembled by hand.
  public static func ctime(_ date: Date, timeZone: TimeZone? = nil) -> String {
    guard let timeZone else { return localCtime(date) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents(
      [.weekday, .month, .day, .hour, .minute, .second, .year], from: date)
    return format(
      weekday: (parts.weekday ?? 1) - 1, month: (parts.month ?? 1) - 1, day: parts.day ?? 0,
      hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0,
      year: parts.year ?? 0)
  }

  /// `ctime` in the C library's local time (`localtime_r`, after `tzset` reads `TZ`).
  private static func localCtime(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var fields = tm()
    tzset()
    guard localtime_r(&seconds, &fields) != nil else {
      return ctime(date, timeZone: TimeZone(identifier: "UTC"))
    }
    return format(
      weekday: Int(fields.tm_wday), month: Int(fields.tm_mon), day: Int(fields.tm_mday),
      hour: Int(fields.tm_hour), minute: Int(fields.tm_min), second: Int(fields.tm_sec),
      year: Int(fields.tm_year) + 1900)
  }

  private static func format(
    weekday: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, year: Int
  ) -> String {
    func padded(_ value: Int, with pad: Character) -> String {
      let digits = String(value)
      return digits.count < 2 ? String(pad) + digits : digits
    }
    return "\(weekdays[weekday]) \(months[month]) \(padded(day, with: " ")) "
      + "\(padded(hour, with: "0")):\(padded(minute, with: "0")):\(padded(second, with: "0")) \(year)"
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

// MARK: - main

// Detached: off the main actor, so `Task.immediate` runs a child at once, as in a run.
try await Task.detached(name: "MainThread") { try await semaphore() }.value
