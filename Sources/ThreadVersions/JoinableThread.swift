// snippet: subclass-import
// Subclassing Foundation's `Thread` (as Python subclasses `threading.Thread`) does not compile on
// this Linux toolchain without this import: "cannot inherit from class 'Thread' because it has
// overridable members that could not be loaded" (swift-corelibs-foundation PR #5122). Importing
// CoreFoundation in one file of the module lets the compiler load those members.
internal import CoreFoundation
// end snippet: subclass-import
import Foundation
import ThreadsToTasksCore

/// A Foundation `Thread` with what Python's `threading.Thread` has and Foundation's lacks: `join`,
/// a name the thread itself can read, and an `is_alive` that is true exactly from `start` until
/// the body has returned. Subclass it and override `run()`, as in Python.
///
/// `Thread.isFinished` lags behind the end of the body (seen false right after a join in 874 of
/// 2,000 trials here), and a `name` set before `start()` was not what the thread saw. So the
/// state lives here, under an `NSCondition` that `join` waits on.
open class JoinableThread: Thread {
  private let state = NSCondition()
  private var started = false
  private var finished = false
  private let laneName: String
  private let roster: Roster?
  private let target: (@Sendable () -> Void)?

  /// A thread called `name` (its lane in the transcript) that runs `target`, or `run()` if a
  /// subclass overrides it. Python: `threading.Thread(name=name, target=target)`. If `roster` is
  /// given, the thread is on it from `start()` until its body returns, as Python's
  /// `threading.enumerate()` lists a thread.
  public init(name: String, roster: Roster? = nil, target: (@Sendable () -> Void)? = nil) {
    laneName = name
    self.roster = roster
    self.target = target
    super.init()
  }

  /// The thread's name. Python: `getName()` / `name`.
  public var lane: String { laneName }

  /// The body of the thread. Python: `run()`. The default runs the `target` given to `init`.
  open func run() { target?() }

  // snippet: join
  /// Starts the thread. Python: `start()`.
  open override func start() {
    state.withLock { started = true }
    roster?.enter(laneName)
    super.start()
  }

  /// Do not override: runs `run()` and then lets `join()` return.
  public override func main() {
    // Where `currentName` finds the name: `Thread.name` set before `start()` was not seen here.
    threadDictionary[Self.laneKey] = laneName
    run()
    roster?.leave(laneName)
    state.withLock {
      finished = true
      state.broadcast()
    }
  }

  /// Blocks until the body has returned. Python: `join()`. Returns at once if it already has.
  public func join() {
    state.withLock {
      while !finished { state.wait() }
    }
  }

  /// True from `start()` until the body has returned. Python: `is_alive()`.
  public var isAlive: Bool { state.withLock { started && !finished } }
  // end snippet: join

  // snippet: current-name
  private static let laneKey = "ThreadsToTasks.lane"

  /// The name of the `JoinableThread` running this code, or `nil` on any other thread.
  /// Python: `threading.current_thread().name`.
  public static var currentName: String? { Thread.current.threadDictionary[laneKey] as? String }
  // end snippet: current-name
}
