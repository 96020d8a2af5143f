import Foundation
import ThreadsToTasksCore

/// What a runner may change in an example, for the tests and the command's variants. The
/// examples themselves take these as ordinary parameters with ordinary defaults.
public struct ThreadKnobs: Sendable {
  /// The lock of `synchronizing-threads` (a test passes one that does not exclude).
  public var lock: any NSLocking & Sendable = NSLock()

  /// The defaults: a real `NSLock`.
  public init() {}
}

/// Each example's thread program. Register a new example here.
let threadPrograms: [ExampleID: @Sendable (ThreadKnobs, ExampleContext) -> Void] = [
  .startNewThread: { _, _ in startingWithThread() },
  .threadingModule: { _, _ in threadingModule() },
  .simpleThreading: { _, _ in simpleThreading() },
  .synchronizingThreads: { knobs, context in
    synchronizingThreads(
      threadLock: ObservedLock(knobs.lock, context: context, holdingBack: context.holdBack))
  },
  .producerConsumer: { _, _ in producerConsumer() },
  .workerPool: { _, _ in workerPool() },
  .timeouts: { _, _ in timeouts() },
  .stopFlags: { _, _ in stopFlags() },
  .semaphore: { _, _ in semaphore() },
  .threadLocal: { _, _ in threadLocal() },
  .dataRace: { _, _ in dataRace() },
  .condition: { _, _ in condition() },
  .reentrantLock: { _, _ in reentrantLock() },
  .barrier: { _, _ in barrier() },
  .timer: { _, _ in timer() },
  .lostErrors: { _, _ in lostErrors() },
]

/// Whether `example` has a thread program.
public func hasThreadProgram(_ example: ExampleID) -> Bool { threadPrograms[example] != nil }

/// Runs the thread version of `example` and returns what it printed.
///
/// The example's main flow runs on a thread of its own named `MainThread`, where it may block on
/// joins and locks as the notebook's does. The caller is suspended, not blocked, until that
/// thread is done: a blocking wait here would hold one of the cooperative pool's few threads (two
/// on a 2-core machine) and starve every task beside it. Cancelling the caller requests a stop,
/// which ends every sleep of the run at once; the partial transcript is returned.
///
/// - Parameters:
///   - seed: the seed the random delays are drawn with.
///   - clock: the run's time axis; it starts when the example's main flow does.
///   - holdBack: a thread to hold back at its first lock until another thread holds it.
///   - knobs: the runner's changes to the example.
///   - observer: sees each event as it is recorded.
public func runWithThreads(
  _ example: ExampleID, seed: UInt64, clock: ExampleClock, holdBack: String? = nil,
  knobs: ThreadKnobs = ThreadKnobs(), observer: (@Sendable (Event) -> Void)? = nil
) async -> Transcript {
  let program = threadPrograms[example]!
  return await runThreadProgram(
    example, seed: seed, clock: clock, holdBack: holdBack, observer: observer
  ) { context in program(knobs, context) }
}

/// Runs `program` as the thread version of `example` runs (`runWithThreads`): the registered
/// program, or a test's broken-on-purpose variant, which is not registered.
func runThreadProgram(
  _ example: ExampleID, seed: UInt64, clock: ExampleClock, holdBack: String? = nil,
  observer: (@Sendable (Event) -> Void)? = nil,
  _ program: @escaping @Sendable (ExampleContext) -> Void
) async -> Transcript {
  let context = ExampleContext(
    recorder: Recorder(clock: clock, observer: observer), seed: seed, holdBack: holdBack)
  let stoppedAt = Locked<Double?>(nil)
  // snippet: bridge
  await withTaskCancellationHandler {
    await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
      let main = JoinableThread(name: mainLane, context: context) {
        clock.start()
        // A plain thread: no lane, no place in the roster; it only measures how late threads wake.
        let probeDone = Latch()
        Thread.detachNewThread {
          for tick in 1... {
            let due = context.probeTick(tick)
            if probeDone.wait(until: due) { return }
            context.noteProbe(tick)
          }
        }
        program(context)
        context.noteProbeAtEnd()
        probeDone.open()
        finished.resume()
      }
      main.start()
    }
  } onCancel: {
    stoppedAt.withLock { $0 = clock.hasStarted ? clock.elapsed() : 0 }
    context.stop.request()
  }
  // end snippet: bridge
  return Transcript(
    example: example, paradigm: .thread, seed: seed, startDate: clock.startDate,
    events: context.recorder.recorded, stoppedAt: stoppedAt.withLock { $0 },
    lateness: context.maximumLateness, activities: context.recorder.noted)
}

/// The runner's wrapper around an example's lock: it notes in the run's timeline when each thread
/// waits for the lock and holds it, and, for one named thread, waits at its first `lock()` until
/// another thread holds the lock — how a test makes the program's other choice happen in a real
/// run.
final class ObservedLock: NSLocking, @unchecked Sendable {  // safe: state under `state`
  private let inner: any NSLocking & Sendable
  private let context: ExampleContext
  private let heldBack: String?
  private let state = NSCondition()
  private var firstHolder: String?
  private var heldSince: Double?
  private var releasedAt: Double?

  init(_ lock: any NSLocking & Sendable, context: ExampleContext, holdingBack lane: String?) {
    inner = lock
    self.context = context
    heldBack = lane
  }

  func lock() {
    let me = Thread.current.name ?? "?"
    let from = context.clock.elapsed()
    if let heldBack, me == heldBack {
      JoinableThread.willBlock()
      state.withLock {
        while firstHolder == nil || firstHolder == me { state.wait() }
      }
    }
    // Only a lock that is taken blocks, and only then is a thread's start over (as in Python).
    if (inner as? NSLock)?.try() != true {
      JoinableThread.willBlock()
      inner.lock()
      // Handed over late? (The lock was free from its release on.)
      if let released = state.withLock({ releasedAt }), released > from {
        context.noteLate(since: released)
      }
    }
    context.recorder.note(.lockWait, lane: me, from: from)
    state.withLock {
      if firstHolder == nil { firstHolder = me }
      heldSince = context.clock.elapsed()
      state.broadcast()
    }
  }

  func unlock() {
    let since = state.withLock { heldSince }
    if let since { context.recorder.note(.lockHold, lane: Thread.current.name ?? "?", from: since) }
    state.withLock { releasedAt = context.clock.elapsed() }
    inner.unlock()
  }
}

extension JoinableThread {
  /// A thread of the run `context`: how a runner starts an example's main flow. Here, beside the
  /// runner, rather than beside the type: a plain program has no run.
  convenience init(name: String, context: ExampleContext, target: @escaping @Sendable () -> Void) {
    self.init(name: name, target: target)
    binding = RunBinding(context: context)
  }
}
