// snippet: subclass-import
// Subclassing Foundation's `Thread` (as Python subclasses `threading.Thread`) does not compile on
// this Linux toolchain without this import: "cannot inherit from class 'Thread' because it has
// overridable members that could not be loaded" (swift-corelibs-foundation PR #5122). Importing
// CoreFoundation in one file of the module lets the compiler load those members.
internal import CoreFoundation
// end snippet: subclass-import
import Foundation
import Synchronization

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
  // run: begin
  /// The run this thread belongs to, if any: the one of the thread that created it, unless a
  /// runner binds it to another before `start()`. Set before `start()`, read after.
  var binding = RunBinding.forNewThread()
  // run: end

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
      // run: begin
      binding?.renamed(to: newValue ?? "")
      // run: end
    }
  }

  /// The body of the thread. Python: `run()`. The default runs the `target` given to `init`.
  open func run() { target?() }

  // snippet: start
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
    // run: begin
    let calledAt = binding?.starting(storedName)
    // run: end
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
    // run: begin
    if let calledAt { binding?.started(calledAt: calledAt) }
    // run: end
  }

  /// How long this thread's start waits at most for it to block.
  private var startWaitsAtMost: Double {
    // run: begin
    if let binding { return binding.switchInterval(switchInterval) }
    // run: end
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
    // run: begin
    binding?.finished()
    // run: end
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
  // end snippet: start

  // snippet: join
  /// Blocks until the body has returned. Python: `join()`. Returns at once if it already has.
  /// Traps, as Python raises `RuntimeError`, when the thread was never started or is the caller.
  public func join() {
    refuseMisusedJoin()
    // run: begin
    let waiting = JoinWait()
    // run: end
    // Told outside `state`: a thread joining this one while this one joins it takes the two
    // locks the other way round.
    if !hasEnded { Self.willBlock() }
    state.withLock {
      while !finished { state.wait() }
    }
    // run: begin
    waiting.end(joined: binding?.finishedAt)
    // run: end
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
    // run: begin
    let waiting = JoinWait()
    // run: end
    if !hasEnded && ContinuousClock.now < deadline { Self.willBlock() }
    state.withLock {
      while !finished && ContinuousClock.now < deadline { state.wait(until: deadline) }
    }
    // run: begin
    waiting.end()
    // run: end
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
  // end snippet: join
}
