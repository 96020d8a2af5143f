import Foundation
import ThreadsToTasksCore

/// What a run of an example attaches to each of its threads: the run's context, the thread's
/// place in the run's roster, when its body returned, how long its start took. A plain program
/// has none of it: `JoinableThread` calls it only from lines marked `// run: begin` /
/// `// run: end`, which the pages leave out, so the type a reader sees is a plain program's.
///
/// A thread inherits the binding of the thread that creates it (a new binding to the same run);
/// the runner binds the example's main flow.
final class RunBinding: Sendable {
  /// The run the thread belongs to.
  let context: ExampleContext
  private let state = Locked<(token: Int?, finishedAt: Double?)>((nil, nil))

  /// A binding of a thread to the run `context`.
  init(context: ExampleContext) { self.context = context }

  /// The binding of the calling thread, if it belongs to a run.
  static var current: RunBinding? { (Thread.current as? JoinableThread)?.binding }

  /// A binding for a thread the calling thread creates: to the same run, if any.
  static func forNewThread() -> RunBinding? { current.map { RunBinding(context: $0.context) } }

  /// CPython's switch interval, paced, so that at a fast pace a start stays a small part of a
  /// beat: at most a tenth of a beat.
  func switchInterval(_ interval: Double) -> Double {
    min(interval, 0.1 * context.clock.pace.secondsPerBeat)
  }

  /// The thread `name` is starting: it enters the roster. Returns when the start began.
  func starting(_ name: String) -> Double {
    let token = context.roster.enter(name)
    state.withLock { $0.token = token }
    return context.clock.elapsed()
  }

  /// The start that began at `calledAt` is over. The notebook's time line counts a start as
  /// taking no time: the starting thread falls behind by whatever it took.
  func started(calledAt: Double) {
    context.fallsBehind(Thread.current.name ?? "?", by: context.clock.elapsed() - calledAt)
  }

  /// The thread was renamed: so is its roster entry.
  func renamed(to name: String) {
    state.withLock { state in
      if let token = state.token { context.roster.rename(token, to: name) }
    }
  }

  /// The thread's body returned: it leaves the roster, and the time is kept for its joiners.
  func finished() {
    state.withLock { state in
      if let token = state.token { context.roster.leave(token) }
      state.finishedAt = context.clock.elapsed()
    }
  }

  /// When the thread's body returned, on the run's clock, if it has.
  var finishedAt: Double? { state.withLock { $0.finishedAt } }
}

/// A join by the calling thread, noted in its run's timeline when it ends.
struct JoinWait {
  let binding = RunBinding.current
  let lane = Thread.current.name ?? "?"
  let from = RunBinding.current?.context.clock.elapsed()

  /// Ends the wait; `joined` is when the joined thread ended, if it did while we waited.
  func end(joined: Double? = nil) {
    guard let context = binding?.context, let from else { return }
    context.onSchedule(lane)
    context.recorder.note(.join, lane: lane, from: from)
    // Returned late? (The join could return from the thread's end on.)
    if let joined, joined > from { context.noteLate(since: joined) }
  }
}
