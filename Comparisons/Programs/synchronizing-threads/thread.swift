// Synchronizing Threads, Foundation `Thread`:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/ThreadVersions/Examples/SynchronizingThreads.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 thread.swift -o example && ./example`

import Foundation
internal import CoreFoundation

// Notebook, "Synchronizing Threads": two threads each take one lock, print the time three times
// one delay apart, and release it, so one prints all its lines before the other starts.

/// Python: `class SynchronizingThread(threading.Thread)`.
final class SynchronizingThread: JoinableThread {
  private let threadID: Int
  private let counter: Int
  private let threadLock: any NSLocking & Sendable

  init(_ threadID: Int, _ name: String, _ counter: Int, threadLock: any NSLocking & Sendable) {
    self.threadID = threadID
    self.counter = counter
    self.threadLock = threadLock
    super.init(name: name)
  }

  override func run() {
    let name = self.name ?? "?"
    print("Starting " + name)
    // Python: `lock = threadLock.acquire()`, which returns True; `NSLock.lock()` returns nothing.
    threadLock.lock()
    // Python: `threadLock.release()`, written where it cannot be skipped.
    defer { threadLock.unlock() }
    print("lock value", true)
    printTime(name, counter, 3)
  }
}

/// Python: `print_time(threadName, delay, counter)`.
func printTime(_ threadName: String, _ delay: Int, _ counter: Int) {
  var counter = counter
  while counter > 0 {
    sleep(delay)
    print("\(threadName): \(ctime())")
    counter -= 1
  }
}

func synchronizingThreads(threadLock: any NSLocking & Sendable = NSLock()) {
  var threads: [SynchronizingThread] = []

  let syncThread1 = SynchronizingThread(1, "Thread-1", 1, threadLock: threadLock)
  let syncThread2 = SynchronizingThread(2, "Thread-2", 2, threadLock: threadLock)

  syncThread1.start()
  syncThread2.start()

  threads.append(syncThread1)
  threads.append(syncThread2)

  // Python: `for t in threads: t.join()`.
  for thread in threads { thread.join() }
  print("Exiting Main Thread")
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

// MARK: - main

Thread.current.name = "MainThread"
synchronizingThreads()
