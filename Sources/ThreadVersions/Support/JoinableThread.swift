// snippet: subclass-import
// Subclassing Foundation's `Thread` (as Python subclasses `threading.Thread`) does not compile on
// this Linux toolchain without this import: "cannot inherit from class 'Thread' because it has
// overridable members that could not be loaded" (swift-corelibs-foundation PR #5122). Importing
// CoreFoundation in one file of the module lets the compiler load those members.
internal import CoreFoundation
// end snippet: subclass-import
import Foundation
import ThreadsToTasksCore

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

  // snippet: start
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
  // end snippet: start

  // snippet: join
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
  // end snippet: join
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
