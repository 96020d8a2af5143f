import Foundation

/// Everything one run of an example shares behind its plain-Swift surface: where `print` goes,
/// the clock `sleep` and `ctime()` read, the seeded random numbers, the running lanes that
/// `active_count()` and `enumerate()` list, and the stop request.
///
/// The examples never see it. Each paradigm's support code binds it to the running code — a
/// thread keeps it in the `JoinableThread` that runs it, a task in a task-local value — and
/// passes it on to every thread or task the example starts, so runs in parallel (the test
/// suite's) never mix.
public final class ExampleContext: Sendable {
  /// Where the example's lines go; its clock is the run's time axis.
  public let recorder: Recorder
  /// The stop request every sleep honours.
  public let stop: StopSignal
  /// The lanes running now, the main flow's first (each runner enters it as the run starts).
  public let roster = Roster()
  /// A lane to hold back, so that a real run takes the open choice the other way: at its first
  /// attempt to take a lock it waits until another lane holds it, and each of its sleeps ends a
  /// tenth of a beat after its deadline (still in the same beat), so a lane that wakes in the
  /// same beat goes first.
  public let holdBack: String?
  private let random: Locked<SeededRandom>
  private let lateness = Locked(0.0)
  private let probed = Locked(0)
  private let dummies = Locked<[Int: String]>([:])
  private let behind = Locked<[String: Double]>([:])

  /// A context recording into `recorder`, drawing random numbers from `seed`.
  public init(
    recorder: Recorder, seed: UInt64, stop: StopSignal = StopSignal(), holdBack: String? = nil
  ) {
    self.recorder = recorder
    self.stop = stop
    self.holdBack = holdBack
    random = Locked(SeededRandom(seed: seed))
  }

  /// The run's time axis.
  public var clock: ExampleClock { recorder.clock }

  /// Python: `random.randint(low, high)`, from the run's seeded generator.
  public func randint(_ low: Int, _ high: Int) -> Int {
    random.withLock { $0.randint(low, high) }
  }

  /// Python: `time.ctime(time.time())`, on the run's clock: the start's wall time plus the
  /// notebook seconds elapsed, so a fast-paced run still stamps one second per notebook second.
  public func ctime() -> String {
    NotebookText.ctime(clock.startDate + clock.elapsed())
  }

  /// The name Python gives a thread it did not start through `threading`: `Dummy-1`, `Dummy-2`,
  /// … in the order they are first asked for, one per `key` (a task's identity), or a new one
  /// each call without a key.
  public func dummyName(for key: Int? = nil) -> String {
    dummies.withLock { dummies in
      if let key, let name = dummies[key] { return name }
      let name = "Dummy-\(dummies.count + 1)"
      dummies[key ?? -(dummies.count + 1)] = name
      return name
    }
  }

  /// When a sleep of `seconds` by `lane` that begins now ends: on its beat, a tenth of a beat
  /// later for the held-back lane.
  public func sleepDeadline(_ seconds: Int, lane: String) -> ContinuousClock.Instant {
    let deadline = clock.deadline(afterSleeping: seconds)
    return lane == holdBack ? deadline + clock.pace.duration(0.1) : deadline
  }

  /// Notes that a sleep due at `deadline` ended now: how late it was, kept if the latest yet.
  public func noteWake(deadline: ContinuousClock.Instant) {
    noteLateness(clock.notebookSeconds(deadline.duration(to: .now)))
  }

  /// The instants a lateness probe wakes at: four times a beat from the start, so that how late
  /// the machine lets a sleeper wake is measured all through a run, not only where the example
  /// sleeps (a task's hop onto a busy cooperative pool is late too, and nothing else measures it).
  public func probeTick(_ tick: Int) -> ContinuousClock.Instant {
    clock.startInstant + clock.pace.duration(Double(tick) / 4)
  }

  /// Notes that the lateness probe woke for `tick`: how late, as `noteWake`, and that it did.
  public func noteProbe(_ tick: Int) {
    probed.withLock { $0 = max($0, tick) }
    noteWake(deadline: probeTick(tick))
  }

  /// At the run's end, before the probe is stopped: a tick that was due and that the probe has not
  /// woken for is late by now. Without this, a run that the machine starved from start to end —
  /// the probe never woke, so nothing was noted — read as on time, and its lines, all a beat
  /// late, as NOT equivalent (seen under ThreadSanitizer on a loaded machine: a run that never
  /// sleeps, due in beat 0, printed in beat 1 with a lateness of 0).
  public func noteProbeAtEnd() {
    let due = probeTick(probed.withLock { $0 } + 1)
    if due < .now { noteWake(deadline: due) }
  }

  /// Notes that `lane` spent `seconds` (notebook seconds) on something the notebook's time line
  /// counts as taking no time (starting a thread): it falls behind by that much more, until its
  /// next sleep, join or lock puts it back on schedule (`onSchedule`). How far behind it is, is
  /// lateness: two starts of half a beat each put the next line a whole beat late.
  public func fallsBehind(_ lane: String, by seconds: Double) {
    let total = behind.withLock { behind in
      behind[lane, default: 0] += seconds
      return behind[lane]!
    }
    noteLateness(total)
  }

  /// `lane` is back on schedule: it waited for a deadline, a join or a lock.
  public func onSchedule(_ lane: String) {
    behind.withLock { $0[lane] = nil }
  }

  /// Notes that something that could have happened `due` (notebook seconds) happened only now —
  /// a lock handed over, a join returning — and how late that was, kept if the latest yet.
  public func noteLate(since due: Double) {
    noteLateness(clock.elapsed() - due)
  }

  private func noteLateness(_ late: Double) {
    lateness.withLock { $0 = max($0, late) }
  }

  /// The most anything of the run — a sleep's end, a lock handed over, a join's return — came
  /// after it was due, in notebook seconds.
  public var maximumLateness: Double { lateness.withLock { $0 } }
}
