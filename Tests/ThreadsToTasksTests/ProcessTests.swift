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

/// Runs `side-by-side` (or another of the package's executables) as a process. With `interrupt`, sends SIGINT as soon as the first event
/// has been printed. Suspends, never blocks, while waiting.
///
/// The pipes are read, and the exit waited for, on threads of their own with blocking calls —
/// not with `readabilityHandler` and `terminationHandler`, whose Dispatch sources crashed
/// libdispatch's event loop under ThreadSanitizer here (a SEGV in `_dispatch_event_loop_drain`).
func runProcess(
  _ arguments: [String], executable: URL = sideBySideBinary, interrupt: Bool = false
) async throws -> (
  status: Int32, out: String, err: String
) {
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let pid = process.processIdentifier
  let collected = Locked((out: Data(), err: Data()))
  let finished = DispatchGroup()
  func reader(_ name: String, _ pipe: Pipe, _ keep: @escaping @Sendable (Data) -> Void) {
    finished.enter()
    let handle = pipe.fileHandleForReading
    JoinableThread(name: name) {
      while case let chunk = handle.availableData, !chunk.isEmpty { keep(chunk) }
      finished.leave()
    }.start()
  }
  let interrupted = Locked(false)
  reader("stdout", out) { chunk in
    let send = collected.withLock { state in
      state.out += chunk
      // The first event of the first example, printed in its row.
      return interrupt && String(decoding: state.out, as: UTF8.self).contains("{'a': 1, 'b': 2}")
    }
    if send
      && !interrupted.withLock({ sent in
        defer { sent = true }; return sent
      })
    {
      kill(pid, SIGINT)
    }
  }
  reader("stderr", err) { chunk in collected.withLock { $0.err += chunk } }
  await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
    finished.notify(queue: .global()) { done.resume() }
  }
  // Both pipes are at end of file, so the process has exited or is about to.
  let status = await withCheckedContinuation { (exited: CheckedContinuation<Int32, Never>) in
    JoinableThread(name: "wait") {
      process.waitUntilExit()
      exited.resume(returning: process.terminationStatus)
    }.start()
  }
  return collected.withLock {
    (status, String(decoding: $0.out, as: UTF8.self), String(decoding: $0.err, as: UTF8.self))
  }
}

@Suite("the side-by-side executable", .serialized)
struct ProcessTests {
  @Test("equivalent examples exit 0")
  func equivalentExitsZero() async throws {
    let run = try await runProcess([
      "start-new-thread", "threading-module", "--pace", "\(testPace.secondsPerBeat)", "--seed",
      "7",
    ])
    #expect(run.status == 0, "\(run.err)")
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
    #expect(run.out.contains("start-new-thread: interrupted — judged on beats before 0"))
    #expect(run.err.contains("side-by-side: interrupted"))
    #expect(!run.out.contains("threading-module"))
    // Not a speed check: it proves the run ended early rather than running to its end.
    #expect(ContinuousClock.now - started < .seconds(10))
  }
}
