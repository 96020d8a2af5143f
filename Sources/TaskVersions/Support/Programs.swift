import ThreadsToTasksCore

/// The task programs' variants a runner can choose instead of the example as written.
public enum TaskVariant: String, Sendable, CaseIterable {
  /// synchronizing-threads with the reentrant `NaivePrinter`: the anti-solution.
  case naiveActor = "naive-actor"
  /// simple-threading with `async let` children instead of `Task.immediate`.
  case asyncLet = "async-let"

  /// The example the variant belongs to.
  public var example: ExampleID {
    switch self {
    case .naiveActor: .synchronizingThreads
    case .asyncLet: .simpleThreading
    }
  }
}

/// Each example's task program. Register a new example here.
let taskPrograms: [ExampleID: @Sendable (TaskVariant?, ExampleContext) async throws -> Void] = [
  .startNewThread: { _, _ in try await startingWithThread() },
  .threadingModule: { _, _ in try await threadingModule() },
  .simpleThreading: { variant, _ in
    try await variant == .asyncLet ? simpleThreadingWithAsyncLet() : simpleThreading()
  },
  .synchronizingThreads: { variant, context in
    try await synchronizingThreads(
      printer: variant == .naiveActor
        ? NaivePrinter() : SerialPrinter(threadLock: ObservedLock(context: context)))
  },
  .producerConsumer: { _, _ in try await producerConsumer() },
  .workerPool: { _, _ in try await workerPool() },
  .timeouts: { _, _ in try await timeouts() },
  .stopFlags: { _, _ in try await stopFlags() },
  .semaphore: { _, _ in try await semaphore() },
  .threadLocal: { _, _ in try await threadLocal() },
  .dataRace: { _, _ in await dataRace() },
  .condition: { _, _ in try await condition() },
  .reentrantLock: { _, _ in try await reentrantLock() },
  .barrier: { _, _ in try await barrier() },
  .timer: { _, _ in try await timer() },
  .lostErrors: { _, _ in await lostErrors() },
]

/// The run's lock for synchronizing-threads: an `AsyncLock` that draws each task's wait for it and
/// hold of it on the run's timeline, and holds back the run's `holdBack` task at its first acquire
/// until another task holds the lock (how a test makes the program's other choice happen in a real
/// run). The twin of the thread runner's `ObservedLock`; the `AsyncLock` a reader sees has none
/// of this.
final class ObservedLock: AsyncLocking {
  private let inner = AsyncLock()
  private let context: ExampleContext
  private let someoneHolds = Latch()
  private let since = Locked<[String: (kind: Activity.Kind, from: Double)]>([:])
  private let releasedAt = Locked<Double?>(nil)

  init(context: ExampleContext) { self.context = context }

  func acquire() async throws -> Bool {
    let lane = currentLane
    let from = context.clock.elapsed()
    since.withLock { $0[lane] = (.lockWait, from) }
    if let heldBack = context.holdBack, lane == heldBack { await someoneHolds.wait() }
    let acquired = try await inner.acquire()
    someoneHolds.open()
    let now = context.clock.elapsed()
    since.withLock { $0[lane] = (.lockHold, now) }
    context.recorder.note(.lockWait, lane: lane, from: from)
    // Handed over late? (The lock was free, or passed on, from its release on.)
    if let released = releasedAt.withLock({ $0 }), released > from {
      context.noteLate(since: released)
    }
    return acquired
  }

  func release() {
    let lane = currentLane
    let now = context.clock.elapsed()
    let held = since.withLock { $0.removeValue(forKey: lane) }
    if let held { context.recorder.note(held.kind, lane: lane, from: held.from) }
    releasedAt.withLock { $0 = now }
    inner.release()
  }
}

/// Whether `example` has a task program.
public func hasTaskProgram(_ example: ExampleID) -> Bool { taskPrograms[example] != nil }

/// Runs the task version of `example` and returns what it printed.
///
/// The example's main flow is a child task named `MainThread`, not on the main actor: that is what
/// lets `Task.immediate` run a new task at once on the caller's thread. Cancelling the caller
/// requests a stop, which ends every sleep of the run at once, and the partial transcript is
/// returned.
///
/// - Parameters:
///   - seed: the seed the random delays are drawn with.
///   - clock: the run's time axis; it starts when the example's main flow does.
///   - holdBack: a task to hold back at its first lock until another task holds it.
///   - variant: a variant to run instead of the example as written (ignored if it belongs to
///     another example).
///   - observer: sees each event as it is recorded.
public func runWithTasks(
  _ example: ExampleID, seed: UInt64, clock: ExampleClock, holdBack: String? = nil,
  variant: TaskVariant? = nil, observer: (@Sendable (Event) -> Void)? = nil
) async -> Transcript {
  let program = taskPrograms[example]!
  let variant = variant?.example == example ? variant : nil
  return await runTaskProgram(
    example, seed: seed, clock: clock, holdBack: holdBack, observer: observer
  ) { context in try await program(variant, context) }
}

/// Runs `program` as the task version of `example` runs (`runWithTasks`): the registered program,
/// or a test's broken-on-purpose variant, which is not registered.
func runTaskProgram(
  _ example: ExampleID, seed: UInt64, clock: ExampleClock, holdBack: String? = nil,
  observer: (@Sendable (Event) -> Void)? = nil,
  _ program: @escaping @Sendable (ExampleContext) async throws -> Void
) async -> Transcript {
  let context = ExampleContext(
    recorder: Recorder(clock: clock, observer: observer), seed: seed, holdBack: holdBack)
  let stoppedAt = Locked<Double?>(nil)
  await withTaskCancellationHandler {
    await withTaskGroup { group in
      group.addTask(name: mainLane) {
        await RunContext.$current.withValue(context) {
          clock.start()
          _ = context.roster.enter(mainLane)
          // Detached: no lane, no place in the roster; it only measures how late the pool is.
          let probe = Task.detached {
            for tick in 1... {
              let due = context.probeTick(tick)
              guard (try? await Task.sleep(until: due, clock: .continuous)) != nil else { return }
              context.noteProbe(tick)
            }
          }
          defer { probe.cancel() }
          // The examples throw nothing but the `CancellationError` of a stopped sleep.
          try? await program(context)
          context.noteProbeAtEnd()
        }
      }
    }
  } onCancel: {
    stoppedAt.withLock { $0 = clock.hasStarted ? clock.elapsed() : 0 }
    context.stop.request()
  }
  return Transcript(
    example: example, paradigm: .task, seed: seed, startDate: clock.startDate,
    events: context.recorder.recorded, stoppedAt: stoppedAt.withLock { $0 },
    lateness: context.maximumLateness, activities: context.recorder.noted)
}
