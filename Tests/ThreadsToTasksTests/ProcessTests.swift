import Foundation
import Testing
import ThreadVersions
import ThreadsToTasksCore

/// One of the package's built executables, beside the test bundle.
func packageExecutable(_ name: String) -> URL {
  URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent(name)
}

/// The built `side-by-side` executable.
let sideBySideBinary = packageExecutable("side-by-side")

/// What a finished `runProcess` saw.
struct ProcessRun {
  /// The exit status, or the number of the signal that killed the process (see `killedBySignal`).
  var status: Int32
  /// Whether the process was killed by a signal rather than exiting.
  var killedBySignal: Bool
  var out: String
  var err: String
}

/// Runs `side-by-side` (or another of the package's executables) as a process. With `interrupt`,
/// sends `signal` as soon as standard output contains `trigger` (by default the first event, printed
/// in its row). Suspends, never blocks, while waiting.
///
/// - `redirect`: shell redirections for the process (`>/dev/full`, `>&-`, `2>&-`); it is then run
///   by `/bin/sh -c 'exec … REDIRECT'`, which leaves it the same process.
/// - `closeAfterFirstLine`: close the read end of standard output once a whole line has come, as
///   `| head -1` does.
/// - `environment`: more variables for the process, beside `NO_COLOR=1` and `PATH`.
/// - `timeLimit`: after this long the process and its process group (Foundation starts each child
///   in a process group of its own) are killed with SIGKILL and the test fails: a hung child never
///   outlives its test.
///
/// The pipes are read, and the exit waited for, on threads of their own with blocking calls —
/// not with `readabilityHandler` and `terminationHandler`, whose Dispatch sources crashed
/// libdispatch's event loop under ThreadSanitizer here (a SEGV in `_dispatch_event_loop_drain`).
func runProcess(
  _ arguments: [String], executable: URL = sideBySideBinary, interrupt: Bool = false,
  signal: Int32 = SIGINT, after trigger: String = "{'a': 1, 'b': 2}", redirect: String? = nil,
  closeAfterFirstLine: Bool = false, timeLimit: Duration = .seconds(60),
  path: String = "/usr/bin:/bin", environment: [String: String] = [:]
) async throws -> ProcessRun {
  let process = Process()
  if let redirect {
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exec \"$0\" \"$@\" \(redirect)", executable.path] + arguments
  } else {
    process.executableURL = executable
    process.arguments = arguments
  }
  process.environment = ["NO_COLOR": "1", "PATH": path].merging(environment) { $1 }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let pid = process.processIdentifier
  let timedOut = Locked(false)
  let watchdog = DispatchWorkItem {
    timedOut.withLock { $0 = true }
    kill(-pid, SIGKILL)
    kill(pid, SIGKILL)
  }
  DispatchQueue.global().asyncAfter(
    deadline: .now() + .nanoseconds(Int(timeLimit.components.seconds) * 1_000_000_000),
    execute: watchdog)
  defer { watchdog.cancel() }
  let collected = Locked((out: Data(), err: Data()))
  let finished = DispatchGroup()
  func reader(
    _ name: String, _ pipe: Pipe, _ keep: @escaping @Sendable (Data) -> Bool
  ) {
    finished.enter()
    let handle = pipe.fileHandleForReading
    JoinableThread(name: name) {
      while case let chunk = handle.availableData, !chunk.isEmpty {
        if !keep(chunk) {
          try? handle.close()
          break
        }
      }
      finished.leave()
    }.start()
  }
  let interrupted = Locked(false)
  reader("stdout", out) { chunk in
    let (send, keepReading) = collected.withLock { state in
      state.out += chunk
      let text = String(decoding: state.out, as: UTF8.self)
      return (interrupt && text.contains(trigger), !(closeAfterFirstLine && text.contains("\n")))
    }
    if send
      && !interrupted.withLock({ sent in
        defer { sent = true }; return sent
      })
    {
      kill(pid, signal)
    }
    return keepReading
  }
  reader("stderr", err) { chunk in
    collected.withLock { $0.err += chunk }
    return true
  }
  await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
    finished.notify(queue: .global()) { done.resume() }
  }
  // Both pipes are at end of file (or closed here), so the process has exited or is about to.
  let (status, killed) = await withCheckedContinuation {
    (exited: CheckedContinuation<(Int32, Bool), Never>) in
    JoinableThread(name: "wait") {
      process.waitUntilExit()
      exited.resume(
        returning: (process.terminationStatus, process.terminationReason == .uncaughtSignal))
    }.start()
  }
  if timedOut.withLock({ $0 }) {
    Issue.record("\(arguments) still running after \(timeLimit): killed with its process group")
  }
  return collected.withLock {
    ProcessRun(
      status: status, killedBySignal: killed, out: String(decoding: $0.out, as: UTF8.self),
      err: String(decoding: $0.err, as: UTF8.self))
  }
}

@Suite("the side-by-side executable", .watchdog, .tags(.realTime))
struct ProcessTests {
  @Test("equivalent examples exit 0")
  func equivalentExitsZero() async throws {
    let run = try await runProcess([
      "start-new-thread", "threading-module", "--pace", "\(testPace.secondsPerBeat)", "--seed",
      "7",
    ])
    // 3: too late to judge, on a busy machine — honest, and not held to the rest.
    #expect(run.status == 0 || run.status == 3, "\(run.err)")
    guard run.status == 0 else { return }
    #expect(run.out.components(separatedBy: ": equivalent").count == 3)
  }

  @Test("the naive actor exits 1")
  func naiveActor() async throws {
    let run = try await runProcess([
      "synchronizing-threads", "--naive-actor", "--pace", "\(testPace.secondsPerBeat)",
    ])
    #expect(run.status == 1)
  }

  @Test(
    "bad input exits 64 with one line of reason, no crash",
    arguments: [["--pace", "-1"], ["nope"], ["--seed"]])
  func badInput(arguments: [String]) async throws {
    let run = try await runProcess(arguments)
    #expect(run.status == 64)
    #expect(run.err.hasPrefix("side-by-side: ") && run.err.contains("Usage:"))
    #expect(!run.err.contains("Backtrac") && run.out.isEmpty)
  }

  @Test("Ctrl-C stops the run, prints the partial result and exits 130")
  func interrupt() async throws {
    let started = ContinuousClock.now
    // At the notebook's own pace the whole run takes about 17 s.
    let run = try await runProcess(["--pace", "1", "--seed", "7"], interrupt: true)
    #expect(run.status == 130)
    // Before beat 0, or a beat later when the signal was handled late on a loaded machine.
    #expect(run.out.contains(/start-new-thread: interrupted — judged on beats before \d+/))
    #expect(run.err.contains("side-by-side: interrupted"))
    #expect(!run.out.contains("threading-module"))
    // Not a speed check: it proves the run ended early rather than running to its end.
    #expect(ContinuousClock.now - started < .seconds(10))
  }
}
