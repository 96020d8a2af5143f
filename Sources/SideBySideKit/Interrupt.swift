import Foundation
import ThreadsToTasksCore

/// The signals that stop a run cleanly: Ctrl-C (SIGINT), SIGTERM and SIGHUP, and the other
/// signals whose default action would end the process without a word — SIGUSR1, SIGUSR2,
/// SIGALRM, SIGVTALRM, SIGPROF. Each cancels the run, which shows its partial result; the process
/// then exits 128 + the signal's number (130, 143, 129; 138, 140, 142, 154, 155 on Linux). A
/// second one ends the process at once with that status (and ends any Python child's group).
public let stoppingSignals: [Int32] = [
  SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
]

/// The write end of the pipe the stopping signals' handler writes their number into. Set once,
/// before the handler is installed, and only read after: what makes the unchecked access safe.
nonisolated(unsafe) private var signalPipe: (read: Int32, write: Int32) = (-1, -1)

/// Sets up the process's signals. Call it first thing in `main.swift`, before any thread starts.
///
/// - The stopping signals get a handler that only writes the signal's number into a pipe (a
///   handler may do little more: `write` is async-signal-safe); `cancelOnSignals` reads the pipe
///   on a thread of its own. A handler, unlike a signal blocked in some threads and read through
///   Dispatch, is run whichever thread the kernel picks: a thread that had not blocked the signal
///   took its default action and killed the process, with nothing printed, in about 1 run in 30.
/// - SIGPIPE is ignored, whether or not the parent ignored it, so a closed pipe arrives as an EPIPE
///   error at the write, which ends the run quietly (see `WriteFailure.exitStatus`).
/// - SIGQUIT gets its default action back: the Swift runtime's backtracer catches it, prints
///   "Program crashed" and lets the run carry on. By default it ends the process, and a shell
///   reports 131. Core dumps are turned off (the soft limit only): a quit asked for at the keyboard
///   or by a test is not a crash to debug, and a core file would land in the working directory.
public func prepareSignals() {
  var ends: [Int32] = [0, 0]
  if pipe(&ends) == 0 {
    _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
    signalPipe = (ends[0], ends[1])
    for number in stoppingSignals {
      signal(number) { received in
        var byte = UInt8(truncatingIfNeeded: received)
        _ = write(signalPipe.write, &byte, 1)
      }
    }
  }
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
/// stopping signal exits the process at once with 128 + its number. Call `prepareSignals()` first:
/// a signal that came in between waits in the pipe.
public func cancelOnSignals(_ task: Task<Int32, Never>, stoppedBy: Locked<Int32?>) {
  let read = signalPipe.read
  guard read >= 0 else { return }
  Thread.detachNewThread {
    var byte: UInt8 = 0
    while true {
      let count = Foundation.read(read, &byte, 1)
      if count < 0 && errno == EINTR { continue }
      guard count == 1 else { return }
      let number = Int32(byte)
      let first = stoppedBy.withLock { stopped in
        defer { stopped = stopped ?? number }
        return stopped == nil
      }
      if first {
        task.cancel()
      } else {
        PythonColumn.endAll()
        exit(128 + number)
      }
    }
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

/// The fewest file descriptors a run needs: below 9, Dispatch cannot make the timers `Task.sleep`
/// uses and traps; the margin is for the signal pipe and the Python column's three pipes.
public let minimumDescriptors = 16

/// The exit status when the system refuses the run what it needs (EX_OSERR): too few file
/// descriptors (`ulimit -n`).
public let systemLimitStatus: Int32 = 71

/// Raises the soft limit on open files to `minimumDescriptors` if it is lower and the hard limit
/// allows; returns the one-line reason the run cannot go on when it does not.
public func descriptorShortage() -> String? {
  let files = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
  var limit = rlimit()
  guard getrlimit(files, &limit) == 0, limit.rlim_cur < rlim_t(minimumDescriptors) else {
    return nil
  }
  if limit.rlim_max >= rlim_t(minimumDescriptors) {
    limit.rlim_cur = rlim_t(minimumDescriptors)
    if setrlimit(files, &limit) == 0 { return nil }
  }
  return "too few file descriptors: the limit (ulimit -n) is \(limit.rlim_cur), "
    + "and a run needs \(minimumDescriptors)"
}
