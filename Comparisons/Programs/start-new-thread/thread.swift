// Starting with thread, Foundation `Thread`:
// a whole program that `swift run regenerate-pages` assembles from the example's file,
// Sources/ThreadVersions/Examples/StartingWithThread.swift, and the package's support it uses.
// Build and run: `swiftc -swift-version 6 thread.swift -o example && ./example`

internal import CoreFoundation
import Foundation
import Synchronization

// Notebook, "Starting with thread": `_thread.start_new_thread` starts two fire-and-forget workers
// that change a shared dictionary after 1 and 2 seconds. The closest Foundation call is
// `Thread.detachNewThread`, which, like Python's, hands back nothing to wait on.

/// The dictionary both workers write into: Python's `origin_value`.
///
/// Python hands the dict itself to each thread, and every thread sees the one object. A Swift
/// `Dictionary` is a value: a closure that captured one would change its own copy, and Swift 6
/// refuses to let two threads capture a `var` at all. So the shared dictionary is a class, and
/// because two threads write it, every access takes a lock.
final class SharedDictionary: CustomStringConvertible, @unchecked Sendable {  // safe: `lock`
  private let lock = NSLock()
  private var values: [String: any Sendable]

  init(_ values: [String: any Sendable]) { self.values = values }

  subscript(key: String) -> (any Sendable)? {
    get { lock.withLock { values[key] } }
    set { lock.withLock { values[key] = newValue } }
  }

  /// A copy of the contents now: a value that later writes do not change.
  var copy: [String: any Sendable] { lock.withLock { values } }

  /// As Python prints a dict: `{'a': 1, 'b': 'changed'}`.
  var description: String { pythonRepr(copy) }
}

/// Python: `change_value(dir, key, value, delay)`.
func changeValue(_ dir: SharedDictionary, _ key: String, _ value: String, _ delay: Int) {
  sleep(delay)
  dir[key] = value
}

func startingWithThread() {
  let originValue = SharedDictionary(["a": 1, "b": 2])
  let copy = originValue.copy

  // port: a detached thread gives back no handle to join, so each worker leaves a group when it
  // is done, and the main flow waits on the group. The notebook has no wait: its next cell is run
  // by hand, later.
  let workDone = DispatchGroup()
  for (key, delay) in [("a", 1), ("b", 2)] {
    workDone.enter()
    startNewThread {
      changeValue(originValue, key, "changed", delay)
      workDone.leave()
    }
  }
  print(originValue)  // port: the workers are still asleep

  workDone.wait()
  print(originValue)
  print("a copy taken before the start:", pythonRepr(copy))
}

/// Python's `repr` of a dict with string keys, in key order (a Swift `Dictionary` keeps none).
func pythonRepr(_ dictionary: [String: any Sendable]) -> String {
  let items = dictionary.keys.sorted().map { key in
    let value = dictionary[key]!
    return "'\(key)': " + (value is String ? "'\(value)'" : "\(value)")
  }
  return "{" + items.joined(separator: ", ") + "}"
}

// MARK: - from Sources/ThreadVersions/Support/CoreAffinity.swift

/// Which processors a thread may run on (Linux's CPU affinity), so that `JoinableThread.start()`
/// can put the new thread on the starter's own processor until its first line.
///
/// Why: Python's `start()` hands the new thread the interpreter (the GIL) and waits; handing it
/// over is a switch between two threads on one processor. A new Foundation `Thread` is put on
/// another processor, idle or busy: waking an idle one costs more than the switch, and a busy one
/// makes the start wait for that processor's turn. A thread inherits its creator's affinity, so
/// the starter narrows its own to the processor it is on, creates the thread, and widens its own
/// again; the new thread widens its own at its first line, before anything of its body.
/// Measured here (2 virtual processors, release build, medians): the new thread's first line
/// came 17–19 µs after `start()` was called, 21–23 µs without the narrowing; 1,000 starts took
/// 27–32 ms, 33–37 ms without; and with a Python interpreter starting beside them, 31–41 ms
/// against 115–150 ms.
///
/// Only on Linux, and only when the calls are there: elsewhere, or when one fails, nothing is
/// narrowed and the start costs what the wake-up costs.
struct CoreAffinity: Equatable, @unchecked Sendable {
  #if os(Linux)
    // safe: the mask is a value, copied in and out of the system calls, never shared mutably.
    private var mask: cpu_set_t
  #endif

  /// Narrows the calling thread to the processor it is on, and returns what to widen it to
  /// again: its affinity before. `nil` when nothing was narrowed.
  static func narrowCallerToItsProcessor() -> CoreAffinity? {
    #if os(Linux)
      guard let calls = Calls.resolved, let before = ofCaller() else { return nil }
      let processor = Int(calls.processor())
      guard processor >= 0, processor < MemoryLayout<cpu_set_t>.size * 8 else { return nil }
      var one = cpu_set_t()
      withUnsafeMutableBytes(of: &one) { $0[processor / 8] = UInt8(1 << (processor % 8)) }
      guard calls.set(0, MemoryLayout<cpu_set_t>.size, &one) == 0 else { return nil }
      return before
    #else
      return nil
    #endif
  }

  /// The calling thread's affinity; `nil` where it cannot be read.
  static func ofCaller() -> CoreAffinity? {
    #if os(Linux)
      var mask = cpu_set_t()
      guard let calls = Calls.resolved, calls.get(0, MemoryLayout<cpu_set_t>.size, &mask) == 0
      else { return nil }
      return CoreAffinity(mask: mask)
    #else
      return nil
    #endif
  }

  /// Whether the two allow the same processors.
  static func == (a: CoreAffinity, b: CoreAffinity) -> Bool {
    #if os(Linux)
      withUnsafeBytes(of: a.mask) { a in withUnsafeBytes(of: b.mask) { a.elementsEqual($0) } }
    #else
      true
    #endif
  }

  /// Gives the calling thread this affinity.
  func apply() {
    #if os(Linux)
      var mask = mask
      _ = Calls.resolved?.set(0, MemoryLayout<cpu_set_t>.size, &mask)
    #endif
  }

  #if os(Linux)
    /// glibc's `sched_getaffinity`, `sched_setaffinity` and `sched_getcpu`, which Swift's `Glibc`
    /// module does not import (they need `_GNU_SOURCE`), looked up once by name.
    private struct Calls: @unchecked Sendable {
      // safe: three C function pointers, set once and never written again.
      typealias Mask = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
      let get: Mask
      let set: Mask
      let processor: @convention(c) () -> Int32

      static let resolved: Calls? = {
        func look(_ name: String) -> UnsafeMutableRawPointer? { dlsym(nil, name) }
        guard let get = look("sched_getaffinity"), let set = look("sched_setaffinity"),
          let processor = look("sched_getcpu")
        else { return nil }
        return Calls(
          get: unsafeBitCast(get, to: Mask.self), set: unsafeBitCast(set, to: Mask.self),
          processor: unsafeBitCast(processor, to: (@convention(c) () -> Int32).self))
      }()
    }
  #endif
}

// MARK: - from Sources/ThreadVersions/Support/Deadline.swift

/// The longest timeout the thread types count, in notebook seconds (real seconds for a
/// `Duration`): about 31,700 years at the notebook's pace. A longer one is clamped to it, so no
/// arithmetic on it can overflow. Python: a timeout past `threading.TIMEOUT_MAX` (about 9.2e9 s
/// on Linux) raises `OverflowError`; here it waits as long as this, which is for ever in practice.
let timeoutMax = 1_000_000_000_000

/// The longest single `NSCondition` wait asked for, in real seconds (about 31 years).
/// `NSCondition.wait(until:)` traps (SIGILL, nothing on stderr) for a date past the year 2262,
/// between 7.4e9 and 7.5e9 s from now; a longer wait is made of several of these.
let longestSingleWait = 1e9

/// Python's `timeout=seconds`, as the `Date` that Foundation's timed waits take
/// (`NSLock.lock(before:)`, `NSCondition.wait(until:)`): `seconds` (notebook seconds) from now,
/// on the run's clock when the calling thread belongs to a run, so a paced run times out at its
/// pace. Never later than `longestSingleWait` from now; zero or negative give a date already past,
/// which makes `lock(before:)` a try (Python's `acquire(timeout=-1)` waits for ever instead, and
/// other negative values raise `ValueError`).
///
/// Counted, like a sleep, from the beat the wait begins on: see `ExampleClock.deadline`.
func deadline(after seconds: Int) -> Date {
  Date(timeIntervalSinceNow: min(realSeconds(until: sleepDeadline(seconds)), longestSingleWait))
}

/// The instant `duration` (real time) from now, `duration` clamped to ±`timeoutMax` seconds.
func deadline(after duration: Duration) -> ContinuousClock.Instant {
  let bound = Duration.seconds(timeoutMax)
  return .now + min(max(duration, .zero - bound), bound)
}

extension NSCondition {
  /// Waits, holding the lock, until signalled or `deadline`, whichever comes first; returns at
  /// once when the deadline has passed. Never hands Foundation a date it traps on: a far deadline
  /// is waited for `longestSingleWait` at a time. The caller loops on its condition and on
  /// `ContinuousClock.now < deadline`, as every condition wait must (wake-ups may be spurious).
  func wait(until deadline: ContinuousClock.Instant) {
    let remaining = realSeconds(until: deadline)
    guard remaining > 0 else { return }
    _ = wait(until: Date(timeIntervalSinceNow: min(remaining, longestSingleWait)))
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
/// Foundation keeps no join, and a `name` set before `start()` was not what the thread saw; a
/// join built on a signal at the end of the thread's block returns before the block does, so
/// `isFinished` can still read `false` right after it (1,887 of 2,000 trials here, 0 of 2,000 a
/// millisecond later: the join is early, Foundation is not late). So the state lives here, under
/// an `NSCondition` that `start` and `join` wait on, and `isAlive` reads it.
///
/// | Python | Swift | Same? |
/// | --- | --- | --- |
/// | `threading.Thread(name=n, target=f)` | `JoinableThread(name: n, target: f)` | same |
/// | a subclass overriding `run()` | a subclass overriding `run()` | same |
/// | `t.start()` | `t.start()` | same: returns once the thread runs and has blocked, ended or run 5 ms |
/// | `t.start()` a second time | `fatalError("RuntimeError: threads can only be started once")` | traps: `start()` overrides `Thread.start()`, which cannot throw |
/// | `t.join()` | `t.join()` | same |
/// | `t.join(timeout=s)` | `t.join(timeout: s)` (notebook seconds), `t.join(timeout: .milliseconds(5))` | same; zero and negative check once and return, as Python's `max(timeout, 0)` |
/// | `t.join(timeout=1e10)` | waits (clamped to `timeoutMax`) | Python raises `OverflowError` past `threading.TIMEOUT_MAX` |
/// | `t.join()` before `t.start()` | `fatalError("RuntimeError: cannot join thread before it is started")` | traps, at once, instead of raising |
/// | `t.join()` from `t` itself | `fatalError("RuntimeError: cannot join current thread")` | traps, at once, instead of raising |
/// | `t.is_alive()` | `t.isAlive` | same |
/// | `threading.enumerate()`, `threading.active_count()` | `JoinableThread.active`, `.active.count` | same: the main thread, then every `JoinableThread` from its `start()` until its body has returned; a Foundation `Thread` started otherwise is not listed |
/// | `t.name`, `t.name = n` | `t.name`, `t.name = n` | same (an optional, as `Thread`'s) |
/// | `t.daemon` | none | every Foundation thread is a daemon: the process ends when `main` returns |
open class JoinableThread: Thread {
  private let state = NSCondition()
  private var started = false
  private var runningSince: ContinuousClock.Instant?
  /// How far the start is: the starter watches this, then sleeps on `state` till it is over.
  private let phase = Atomic<StartPhase>(.watching)
  /// The starter's affinity before `start()` narrowed it: the new thread's, from its first line.
  /// Written before the thread is created, read by it after.
  private var widenAtFirstLine: CoreAffinity?
  private var finished = false
  private var storedName: String
  private let target: (@Sendable () -> Void)?
  /// Every `JoinableThread` started whose body has not returned, by identity, with the order
  /// they started in: Python's `threading._active`, a dict keyed by thread ident. Foundation keeps
  /// no such list. A dictionary, as Python's, so that a thread leaves it in constant time: with a
  /// list scanned at each end, 2,000 threads ending close together queued on its lock (the last
  /// join returned 86 ms after the last body). (`Thread` is not `Sendable`, so no `Sendable`
  /// container can hold it: the table is guarded by hand.)
  // safe: `alive` and `starts` are read and written only under `aliveLock`.
  nonisolated(unsafe) private static var alive: [ObjectIdentifier: Started] = [:]
  /// How many have started: the next one's place in `alive`.
  nonisolated(unsafe) private static var starts = 0
  private static let aliveLock = NSLock()
  private typealias Started = (order: Int, thread: JoinableThread)

  /// A thread called `name` that runs `target`, or `run()` if a subclass overrides it.
  /// Python: `threading.Thread(name=name, target=target)`.
  public init(name: String, target: (@Sendable () -> Void)? = nil) {
    self.storedName = name
    self.target = target
    super.init()
  }

  /// The thread's name, which the thread reads back as `Thread.current.name`.
  /// Python: `thread.name` (and the deprecated `getName()` / `setName()`).
  open override var name: String? {
    get { state.withLock { storedName } }
    set {
      state.withLock { storedName = newValue ?? "" }
    }
  }

  /// The body of the thread. Python: `run()`. The default runs the `target` given to `init`.
  open func run() { target?() }

  /// CPython's switch interval (`sys.getswitchinterval()`, 5 ms, in real seconds): how long a
  /// thread that does not block keeps the interpreter before another thread gets a turn, and so
  /// the longest `start()` waits for the new thread. Python: `sys.setswitchinterval(seconds)`,
  /// for the whole process there; here per thread, set before `start()`.
  public var switchInterval = 0.005

  /// Starts the thread and returns once it is running and has reached its first blocking call,
  /// or has ended, or has run for `switchInterval`. Python: `start()` waits for the new thread to
  /// signal that it runs; the GIL then lets that thread run until it blocks (which releases the
  /// GIL) or its switch interval is up. Foundation's `start()` returns at once, before the thread
  /// has run at all, which lets the starting thread print first almost every time.
  ///
  /// Every blocking call of this package's thread types (`sleep`, `join`, `BlockingQueue`,
  /// `BoundedSemaphore`, `ThreadingEvent`, `Future`) tells `start()` through `willBlock()`. A body
  /// that blocks where the package cannot see — `Thread.sleep`, a bare `NSCondition` or `NSLock` —
  /// costs its start the whole 5 ms; call `JoinableThread.willBlock()` before such a call to end
  /// the start there.
  ///
  /// On Linux the new thread begins on the starter's processor, so that the wait hands that
  /// processor over as Python's start hands over the GIL, and it takes the starter's own
  /// affinity at its first line (see `CoreAffinity`); the starter's is as it was.
  ///
  /// A second call traps: `fatalError("RuntimeError: threads can only be started once")`.
  open override func start() {
    state.withLock {
      if started { fatalError("RuntimeError: threads can only be started once") }
      started = true
    }
    Self.aliveLock.withLock {
      Self.alive[ObjectIdentifier(self)] = (Self.starts, self)
      Self.starts += 1
    }
    // The new thread starts on this thread's processor (see `CoreAffinity`), so the wait below
    // hands the processor over, as Python's start hands over the GIL, rather than waking another.
    widenAtFirstLine = CoreAffinity.narrowCallerToItsProcessor()
    super.start()
    widenAtFirstLine?.apply()
    let interval = startWaitsAtMost
    // Being woken from a sleep on `state` costs 15–20 µs, as much as the whole start; so first
    // watch `phase`, yielding the processor, which runs the new thread if it waits for it.
    let watchUntil = ContinuousClock.now + .microseconds(200)
    while phase.load(ordering: .acquiring) == .watching && ContinuousClock.now < watchUntil {
      sched_yield()
    }
    state.withLock {
      // Asleep from here on: `startIsOver()` must wake us.
      guard
        phase.compareExchange(
          expected: .watching, desired: .asleep, ordering: .acquiringAndReleasing
        ).exchanged
      else { return }
      // From the moment the thread runs, wait at most one interval. Until it runs, look again
      // every interval, or millisecond if that is longer: the thread does not say it runs, which
      // saves a wake-up per start.
      while phase.load(ordering: .acquiring) != .over {
        guard let runningSince else {
          state.wait(until: .now + .seconds(max(interval, 0.001)))
          continue
        }
        let due = runningSince + .seconds(interval)
        if ContinuousClock.now >= due { break }
        state.wait(until: due)
      }
      // Any later `willBlock()` need not take the lock.
      phase.store(.over, ordering: .releasing)
    }
  }

  /// How long this thread's start waits at most for it to block.
  private var startWaitsAtMost: Double {
    return switchInterval
  }

  /// Tells `start()` that the calling thread is about to block: its start is over. Nothing
  /// happens when the caller is not a `JoinableThread` or its start is over already.
  public static func willBlock() {
    (Thread.current as? JoinableThread)?.startIsOver()
  }

  /// Ends the start: the starter, if it still waits, returns. Only the starter's sleep on
  /// `state` needs the lock and a wake-up; while it watches `phase`, a store is enough.
  private func startIsOver() {
    if phase.load(ordering: .acquiring) == .over { return }
    let (exchanged, seen) = phase.compareExchange(
      expected: .watching, desired: .over, ordering: .acquiringAndReleasing)
    guard !exchanged, seen == .asleep else { return }
    state.withLock {
      phase.store(.over, ordering: .releasing)
      state.broadcast()
    }
  }

  /// Do not override: lets `start()` time its wait, runs `run()`, then lets `join()` return.
  public override func main() {
    widenAtFirstLine?.apply()
    state.withLock { runningSince = .now }
    run()
    Self.aliveLock.withLock { Self.alive[ObjectIdentifier(self)] = nil }
    state.withLock {
      finished = true
      phase.store(.over, ordering: .releasing)
      state.broadcast()
    }
  }

  /// The phases of a start, for `phase`: the starter watches it, then sleeps on `state`; the
  /// start is over once the thread blocks or ends, or the starter stops waiting.
  private enum StartPhase: UInt8, AtomicRepresentable {
    case watching, asleep, over
  }

  /// Blocks until the body has returned. Python: `join()`. Returns at once if it already has.
  /// Traps, as Python raises `RuntimeError`, when the thread was never started or is the caller.
  public func join() {
    refuseMisusedJoin()
    // Told outside `state`: a thread joining this one while this one joins it takes the two
    // locks the other way round.
    if !hasEnded { Self.willBlock() }
    state.withLock {
      while !finished { state.wait() }
    }
  }

  /// Blocks until the body has returned or `seconds` (notebook seconds) have passed; check
  /// `isAlive` to tell which. Zero and negative check once and return, as Python's
  /// `max(timeout, 0)`; a huge one is clamped to `timeoutMax`. Python: `join(timeout=seconds)`.
  public func join(timeout seconds: Int) {
    join(until: sleepDeadline(max(seconds, 0)))
  }

  /// `join(timeout:)` for a real `Duration`.
  public func join(timeout: Duration) {
    join(until: deadline(after: max(timeout, .zero)))
  }

  private func join(until deadline: ContinuousClock.Instant) {
    refuseMisusedJoin()
    if !hasEnded && ContinuousClock.now < deadline { Self.willBlock() }
    state.withLock {
      while !finished && ContinuousClock.now < deadline { state.wait(until: deadline) }
    }
  }

  /// Python's checks before a join, in its words; traps because `join()` cannot throw.
  private func refuseMisusedJoin() {
    if !state.withLock({ started }) {
      fatalError("RuntimeError: cannot join thread before it is started")
    }
    if Thread.current === self { fatalError("RuntimeError: cannot join current thread") }
  }

  /// Whether the body has returned, as this type knows it (`Thread.isFinished` turns true a
  /// little later, once the block has returned).
  private var hasEnded: Bool { state.withLock { finished } }

  /// True from `start()` until the body has returned. Python: `is_alive()`.
  public var isAlive: Bool { state.withLock { started && !finished } }

  /// The threads alive now: the main thread, then every `JoinableThread` from its `start()`
  /// until its body has returned, in the order they started. Python: `threading.enumerate()`;
  /// `active.count` is `threading.active_count()`.
  public static var active: [Thread] {
    let started: [Thread] = aliveLock.withLock {
      alive.values.sorted { $0.order < $1.order }.map(\.thread)
    }
    return [Thread.mainThread] + started
  }
}

// MARK: - from Sources/ThreadVersions/Support/Python.swift

// What Python's `print`, `time.sleep`, `time.ctime`, `random.randint` and the `threading`
// module's functions are to the thread examples: plain functions, doing what a plain program's
// would (`Swift.print`, `Thread.sleep`, the real date, the threads alive now). The lines between
// `run: begin` and `run: end` are what a run of the package adds: there, a thread that belongs to
// a run prints into the run's transcript under its own name and sleeps on the run's clock.

/// Python: `print(*items)`: the items joined by spaces, `True`/`False` for a `Bool`. `terminator`
/// is ignored (each call is one line); it is there so that this function shadows `Swift.print`
/// for every call: without it, a call with three items (`print("a", 1, "b")`) chose
/// `Swift.print`, which prints `true` where Python prints `True`.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let line = items.map(NotebookText.str).joined(separator: separator)
  Swift.print(line)
}

/// Python: `time.sleep(seconds)`, `seconds` in notebook seconds (real seconds in a plain
/// program). Tells `JoinableThread.start()` that the thread blocks, as a sleep releases Python's
/// GIL.
func sleep(_ seconds: Int) {
  let deadline = sleepDeadline(seconds)
  JoinableThread.willBlock()
  Thread.sleep(forTimeInterval: realSeconds(until: deadline))
}

/// Python: `time.sleep(0.1)`, a fraction of a second: `duration` of real time, not paced.
func sleep(for duration: Duration) {
  let deadline = deadline(after: max(duration, .zero))
  JoinableThread.willBlock()
  Thread.sleep(forTimeInterval: realSeconds(until: deadline))
}

/// When a sleep of `seconds` notebook seconds that begins now ends (real seconds in a plain
/// program). `seconds` is clamped to ±`timeoutMax` (so `Int.max` overflows nothing); zero and
/// negative give a deadline already past.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant {
  let seconds = min(max(seconds, -timeoutMax), timeoutMax)
  return .now + .seconds(seconds)
}

/// Real seconds from now until `deadline`, for `NSCondition.wait(until:)`.
func realSeconds(until deadline: ContinuousClock.Instant) -> Double {
  let remaining = ContinuousClock.now.duration(to: deadline)
  return Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
}

/// Python: `time.ctime(time.time())`.
func ctime() -> String {
  return NotebookText.ctime(Date())
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
  return dummies.withLock { count in
    count += 1
    return "Dummy-\(count)"
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

Thread.current.name = "MainThread"
startingWithThread()
