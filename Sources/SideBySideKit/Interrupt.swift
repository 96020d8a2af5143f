import Dispatch
import Foundation
import ThreadsToTasksCore

/// The signals that stop a run cleanly: Ctrl-C (SIGINT), SIGTERM and SIGHUP. Each cancels the run,
/// which shows its partial result; the process then exits 128 + the signal's number (130, 143,
/// 129). A second one ends the process at once with that status.
public let stoppingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

/// Sets up the process's signals. Call it first thing in `main.swift`, before any thread starts.
///
/// - The stopping signals are blocked, in this thread and so in every thread started after it:
///   one that arrives before `cancelOnSignals` listens waits, pending, instead of killing the
///   process with nothing printed (Dispatch's signal sources read pending signals too).
/// - SIGPIPE is ignored, whether or not the parent ignored it, so a closed pipe arrives as an EPIPE
///   error at the write, which ends the run quietly (see `WriteFailure.exitStatus`).
/// - SIGQUIT gets its default action back: the Swift runtime's backtracer catches it, prints
///   "Program crashed" and lets the run carry on. By default it ends the process, and a shell
///   reports 131. Core dumps are turned off (the soft limit only): a quit asked for at the keyboard
///   or by a test is not a crash to debug, and a core file would land in the working directory.
public func prepareSignals() {
  var blocked = sigset_t()
  sigemptyset(&blocked)
  for signal in stoppingSignals { sigaddset(&blocked, signal) }
  pthread_sigmask(SIG_BLOCK, &blocked, nil)
  signal(SIGPIPE, SIG_IGN)
  signal(SIGQUIT, SIG_DFL)
  let coreLimit = __rlimit_resource_t(RLIMIT_CORE.rawValue)
  var core = rlimit()
  if getrlimit(coreLimit, &core) == 0 {
    core.rlim_cur = 0
    setrlimit(coreLimit, &core)
  }
}

/// Makes the stopping signals cancel `task` instead of killing the process, so the run can stop
/// cleanly and print its partial result; the first signal's number goes into `stoppedBy`. A second
/// stopping signal exits the process at once with 128 + its number. Call `prepareSignals()` first;
/// keep the returned sources alive for as long as they should listen.
///
/// Declared here, not in `main.swift`: a closure written in top-level code belongs to the main
/// actor, and the signal handler runs on a Dispatch queue — the runtime traps on that mismatch.
public func cancelOnSignals(_ task: Task<Int32, Never>, stoppedBy: Locked<Int32?>)
  -> [any DispatchSourceSignal]
{
  stoppingSignals.map { number in
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler {
      let first = stoppedBy.withLock { stopped in
        defer { stopped = stopped ?? number }
        return stopped == nil
      }
      if first { task.cancel() } else { exit(128 + number) }
    }
    source.resume()
    return source
  }
}

/// The process's exit status for a run whose `sideBySide` returned `status`:
/// - a failed write decides it (`WriteFailure.exitStatus`: 141 for a broken pipe, else 74);
/// - an interrupted run (130) stopped by a signal exits 128 + that signal's number;
/// - otherwise `status` itself.
public func exitStatus(_ status: Int32, stoppedBy signal: Int32?, failure: WriteFailure?) -> Int32 {
  if let failure { return failure.exitStatus }
  if status == 130, let signal { return 128 + signal }
  return status
}
