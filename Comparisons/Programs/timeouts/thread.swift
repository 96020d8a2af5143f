// Timeouts, Foundation `Thread`:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/ThreadVersions/Examples/Timeouts.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 thread.swift -o example && ./example`

import Foundation
internal import CoreFoundation

// Beyond the notebook, timeouts: `Lock.acquire(timeout=)`, `Thread.join(timeout)` and
// `Future.result(timeout=)`. Each gives up *waiting* when the time is up; none stops the work it
// waited for. Foundation's timed waits take a date, not a duration: `deadline(after:)`.

/// Python: `def slow_square(n)`.
func slowSquare(_ n: Int) -> Int {
  sleep(2)
  return n * n
}

func timeouts() {
  let lock = NSLock()
  let hasTheLock = ThreadingEvent()
  let holder = JoinableThread(name: "holder") {
    // Python: `with lock:`.
    lock.withLock {
      hasTheLock.set()
      print("holder has the lock")
      sleep(3)
      print("holder lets go")
    }
  }
  holder.start()
  // Wait until the holder has it: a started thread may not have reached the lock yet.
  hasTheLock.wait()

  // Python: `lock.acquire(timeout=1)`: false when the time is up first.
  let acquired = lock.lock(before: deadline(after: 1))
  print("acquire(timeout=1):", acquired)
  if acquired { lock.unlock() }

  // Python: `holder.join(timeout=1)`: returns when the time is up, finished or not.
  holder.join(timeout: 1)
  print("join(timeout=1): holder is alive:", holder.isAlive)

  // Python: `future = pool.submit(slow_square, 3)`. Foundation has no future: see `Future`.
  let future = Future<Int>()
  let job = JoinableThread(name: "job") { future.set(slowSquare(3)) }
  job.start()
  // Python: `future.result(timeout=1)`, which raises `TimeoutError` when the time is up first.
  if let result = future.result(timeout: 1) {
    print("result(timeout=1):", result)
  } else {
    print("result(timeout=1): TimeoutError")
  }
  // Only the waiting timed out: the job ran on, and its result still comes.
  print("result():", future.result())
  job.join()  // Python: leaving `with ThreadPoolExecutor(...)` waits for the pool's thread

  holder.join()
  print("done")
}

// MARK: - from Sources/ThreadVersions/Support/Deadline.swift

/// Python's `timeout=seconds`, as the `Date` that Foundation's timed waits take
/// (`NSLock.lock(before:)`, `NSCondition.wait(until:)`): `seconds` from now, on the run's clock
/// when the calling thread belongs to a run, so a paced run times out at its pace.
///
/// Counted, like a sleep, from the beat the wait begins on: see `ExampleClock.deadline`.
func deadline(after seconds: Int) -> Date {
  Date(timeIntervalSinceNow: realSeconds(until: sleepDeadline(seconds)))
}

// MARK: - from Sources/ThreadVersions/Support/Future.swift

/// A result that one thread sets once and any thread may wait for: what Python's
/// `concurrent.futures.Future` is to its pool, for a plain `Thread`. Foundation has no future.
///
/// Unlike a queue of one, reading it does not take the value away: `result()` may be asked any
/// number of times, before or after a `result(timeout:)` that gave up.
public final class Future<Value: Sendable>: @unchecked Sendable {
  // safe: `value` is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var value: Value?

  /// A future with no result yet.
  public init() {}

  /// Sets the result and wakes every waiter. Python: what the pool does when the job returns.
  public func set(_ result: Value) {
    condition.withLock {
      precondition(value == nil, "a future is set once")
      value = result
      condition.broadcast()
    }
  }

  /// Blocks until the result is set. Python: `future.result()`.
  public func result() -> Value {
    condition.withLock {
      while value == nil { condition.wait() }
      return value!
    }
  }

  /// Blocks until the result is set or `seconds` have passed; `nil` when the time ran out.
  /// Python: `future.result(timeout=seconds)`, which raises `TimeoutError` instead.
  public func result(timeout seconds: Int) -> Value? {
    let deadline = deadline(after: seconds)
    return condition.withLock {
      while value == nil, condition.wait(until: deadline) {}
      return value
    }
  }
}

// MARK: - from Sources/ThreadVersions/Support/JoinableThread.swift

// Subclassing Foundation's `Thread` (as Python subclasses `threading.Thread`) does not compile on
// this Linux toolchain without this import: "cannot inherit from class 'Thread' because it has
// overridable members that could not be loaded" (swift-corelibs-foundation PR #5122). Importing
// CoreFoundation in one file of the module lets the compiler load those members.

/// A Foundation `Thread` with what Python's `threading.Thread` has and Foundation's lacks: a
/// `start()` that returns once the thread is running, `join()` and `join(timeout:)`, an
/// `isAlive` that is true exactly from `start()` until the body has returned, and a `name` the
/// thread itself reads back. Subclass it and override `run()`, as in Python.
///
/// `Thread.isFinished` lags behind the end of the body (seen false right after a join in 874 of
/// 2,000 trials here), and a `name` set before `start()` was not what the thread saw. So the
/// state lives here, under an `NSCondition` that `start` and `join` wait on.
open class JoinableThread: Thread {
  private let state = NSCondition()
  private var started = false
  private var running = false
  private var blocking = false
  private var finished = false
  private var finishedAt: Double?
  private var storedName: String
  private var rosterToken: Int?
  private let target: (@Sendable () -> Void)?
  /// The run this thread belongs to: the one of the thread that created it.
  let context: ExampleContext?

  /// A thread called `name` that runs `target`, or `run()` if a subclass overrides it.
  /// Python: `threading.Thread(name=name, target=target)`.
  public init(name: String, target: (@Sendable () -> Void)? = nil) {
    self.storedName = name
    self.target = target
    context = (Thread.current as? JoinableThread)?.context
    super.init()
  }

  /// A thread of the run `context`: how a runner starts an example's main flow.
  init(name: String, context: ExampleContext, target: @escaping @Sendable () -> Void) {
    self.storedName = name
    self.target = target
    self.context = context
    super.init()
  }

  /// The thread's name, which the thread reads back as `Thread.current.name`.
  /// Python: `thread.name` (and the deprecated `getName()` / `setName()`).
  open override var name: String? {
    get { state.withLock { storedName } }
    set {
      state.withLock {
        storedName = newValue ?? ""
        if let rosterToken { context?.roster.rename(rosterToken, to: storedName) }
      }
    }
  }

  /// The body of the thread. Python: `run()`. The default runs the `target` given to `init`.
  open func run() { target?() }

  /// Starts the thread and returns once it is running — and, as far as the run can tell, has run
  /// up to its first blocking call (a sleep, a join, the lock), or for 5 ms (at most a tenth of a
  /// beat). Python: `start()`
  /// waits for the new thread to signal that it has started, and the GIL then usually lets that
  /// thread run until it blocks or its switch interval (5 ms) is up. Foundation's `start()`
  /// returns at once, before the thread has run at all, which lets the main flow print first
  /// almost every time.
  open override func start() {
    let calledAt = context?.clock.elapsed()
    state.withLock {
      started = true
      rosterToken = context?.roster.enter(storedName)
    }
    super.start()
    state.withLock {
      while !running { state.wait() }
      // Paced, so that at a fast pace the wait stays a small part of a beat.
      let interval = min(0.005, 0.1 * (context?.clock.pace.secondsPerBeat ?? 1))
      let switchInterval = Date(timeIntervalSinceNow: interval)
      while !blocking && !finished && state.wait(until: switchInterval) {}
    }
    // The notebook's time line counts a start as taking no time: the starting thread falls
    // behind by whatever it took.
    if let calledAt, let context {
      context.fallsBehind(Thread.current.name ?? "?", by: context.clock.elapsed() - calledAt)
    }
  }

  /// Tells `start()` that the calling thread is about to block: its start is over.
  static func willBlock() {
    guard let thread = Thread.current as? JoinableThread else { return }
    thread.state.withLock {
      thread.blocking = true
      thread.state.broadcast()
    }
  }

  /// Do not override: signals `start()`, runs `run()`, then lets `join()` return.
  public override func main() {
    state.withLock {
      running = true
      state.broadcast()
    }
    run()
    state.withLock {
      if let rosterToken { context?.roster.leave(rosterToken) }
      finished = true
      finishedAt = context?.clock.elapsed()
      state.broadcast()
    }
  }

  /// Blocks until the body has returned. Python: `join()`. Returns at once if it already has.
  public func join() {
    Self.willBlock()
    let waiting = JoinWait()
    let ended = state.withLock {
      while !finished { state.wait() }
      return finishedAt
    }
    waiting.end(joined: ended)
  }

  /// Blocks until the body has returned or `seconds` have passed; check `isAlive` to tell which.
  /// Python: `join(timeout=seconds)`.
  public func join(timeout seconds: Int) {
    let deadline = sleepDeadline(seconds)
    Self.willBlock()
    let waiting = JoinWait()
    state.withLock {
      while !finished, ContinuousClock.now < deadline {
        _ = state.wait(until: Date(timeIntervalSinceNow: realSeconds(until: deadline)))
      }
    }
    waiting.end()
  }

  /// True from `start()` until the body has returned. Python: `is_alive()`.
  public var isAlive: Bool { state.withLock { started && !finished } }
}

/// A join of the calling thread, noted in its run's timeline when it ends.
private struct JoinWait {
  let thread = Thread.current as? JoinableThread
  let lane = Thread.current.name ?? "?"
  let from = (Thread.current as? JoinableThread)?.context?.clock.elapsed()

  /// Ends the wait; `joined` is when the joined thread ended, if it did while we waited.
  func end(joined: Double? = nil) {
    guard let context = thread?.context, let from else { return }
    context.onSchedule(lane)
    context.recorder.note(.join, lane: lane, from: from)
    // Returned late? (The join could return from the thread's end on.)
    if let joined, joined > from { context.noteLate(since: joined) }
  }
}

// MARK: - from Sources/ThreadVersions/Support/Python.swift

// What Python's `print`, `time.sleep`, `time.ctime`, `random.randint` and the `threading`
// module's functions are to the thread examples. An example calls them as plain functions; inside
// a run they print into the run's transcript, under the name of the thread that prints, and sleep
// on the run's clock; outside a run they do what a plain program does (`Swift.print`,
// `Thread.sleep`, the real date). The standalone programs on the pages define them in a few lines.

/// The run the calling thread belongs to, if any.
private var context: ExampleContext? { (Thread.current as? JoinableThread)?.context }

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

/// When a sleep of `seconds` notebook seconds that begins now ends: on the run's clock when the
/// calling thread belongs to a run, else in real seconds.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  guard let context = (Thread.current as? JoinableThread)?.context else {
    return .now + .seconds(seconds)
  }
  return context.sleepDeadline(seconds, lane: Thread.current.name ?? "?")
}

/// Real seconds from now until `deadline`, for `NSCondition.wait(until:)`.
func realSeconds(until deadline: ContinuousClock.Instant) -> Double {
  let remaining = ContinuousClock.now.duration(to: deadline)
  return Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
}

/// Python: `time.ctime(time.time())`.
func ctime() -> String { context?.ctime() ?? NotebookText.ctime(Date()) }

// MARK: - from Sources/ThreadVersions/Support/ThreadingEvent.swift

/// Python's `threading.Event` for threads: a flag that starts clear, that `set()` raises for good,
/// and that `wait` blocks on until it is raised.
///
/// Foundation has none: `Thread.cancel()` raises a flag nobody waits on, and a thread asleep in
/// `Thread.sleep` is not woken by it. Built on the core's `Latch`; a timed wait counts its
/// seconds on the run's clock, like `sleep`.
public final class ThreadingEvent: Sendable {
  private let latch = Latch()

  /// A clear event. Python: `threading.Event()`.
  public init() {}

  /// Raises the flag and wakes every waiter. Python: `event.set()`.
  public func set() { latch.open() }

  /// Whether the flag is raised. Python: `event.is_set()`.
  public var isSet: Bool { latch.isOpen }

  /// Blocks until the flag is raised. Python: `event.wait()`.
  public func wait() {
    while !latch.wait(until: .now + .seconds(3600)) {}
  }

  /// Blocks until the flag is raised or `seconds` have passed; returns whether it was raised.
  /// Python: `event.wait(timeout=seconds)`, which also returns the flag.
  @discardableResult
  public func wait(timeout seconds: Int) -> Bool {
    latch.wait(until: sleepDeadline(seconds))
  }
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

// MARK: - from Sources/ThreadsToTasksCore/Latch.swift

/// A one-way signal: closed until `open()`, then open for good. Threads wait for it by blocking,
/// tasks by suspending. Python: `threading.Event` with `set()` and `wait()`.
public final class Latch: @unchecked Sendable {  // safe: all state only under `condition`
  private let condition = NSCondition()
  private var opened = false
  private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
  private var nextWaiter = 0

  /// A closed latch.
  public init() {}

  /// Opens the latch and wakes every waiter.
  public func open() {
    let woken = condition.withLock {
      opened = true
      condition.broadcast()
      defer { waiters = [:] }
      return Array(waiters.values)
    }
    for waiter in woken { waiter.resume() }
  }

  /// Whether the latch is open.
  public var isOpen: Bool { condition.withLock { opened } }

  /// Blocks the thread until the latch opens or `deadline` passes; returns whether it opened.
  @discardableResult
  public func wait(until deadline: ContinuousClock.Instant) -> Bool {
    condition.withLock {
      while !opened {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return false }
        let seconds =
          Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
        // Returns false on time-out and true on a broadcast; the loop re-checks both either way.
        _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
      }
      return true
    }
  }

  /// Suspends the task until the latch opens, or the task is cancelled.
  public func wait() async {
    let id = condition.withLock {
      defer { nextWaiter += 1 }
      return nextWaiter
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
        // Cancelled before this ran, the handler found nothing to resume: resume here instead.
        let resumeNow = condition.withLock {
          if opened || Task.isCancelled { return true }
          waiters[id] = waiter
          return false
        }
        if resumeNow { waiter.resume() }
      }
    } onCancel: {
      let waiter = condition.withLock { waiters.removeValue(forKey: id) }
      waiter?.resume()
    }
  }

  /// Suspends the task until the latch opens or `deadline` passes; returns whether it opened.
  /// Throws `CancellationError` if the task is cancelled.
  public func wait(until deadline: ContinuousClock.Instant) async throws -> Bool {
    try await withThrowingTaskGroup { group in
      group.addTask {
        try await Task.sleep(until: deadline, clock: .continuous)
        return false
      }
      group.addTask {
        await self.wait()
        return true
      }
      defer { group.cancelAll() }
      let opened = try await group.next()!
      try Task.checkCancellation()
      return opened
    }
  }
}

// MARK: - main

Thread.current.name = "MainThread"
timeouts()
