import Foundation
import Testing
import ThreadsToTasksCore

/// The built `side-by-side` executable, beside the test bundle.
let sideBySideBinary = URL(fileURLWithPath: CommandLine.arguments[0])
  .deletingLastPathComponent().appendingPathComponent("side-by-side")

/// Runs `side-by-side` as a process. With `interrupt`, sends SIGINT as soon as the first event
/// has been printed. Suspends, never blocks, while waiting.
func runProcess(_ arguments: [String], interrupt: Bool = false) async throws -> (
  status: Int32, out: String, err: String
) {
  let process = Process()
  process.executableURL = sideBySideBinary
  process.arguments = arguments
  process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  let collected = Locked((out: Data(), err: Data(), interrupted: false))
  out.fileHandleForReading.readabilityHandler = { handle in
    let data = handle.availableData
    let send = collected.withLock { state -> Bool in
      state.out += data
      // The first event of the first example, printed in its row.
      let rows = String(decoding: state.out, as: UTF8.self).contains("{'a': 1, 'b': 2}")
      defer { if rows { state.interrupted = true } }
      return interrupt && rows && !state.interrupted
    }
    if send { process.interrupt() }
  }
  err.fileHandleForReading.readabilityHandler = { handle in
    let data = handle.availableData
    collected.withLock { $0.err += data }
  }
  let status: Int32 = try await withCheckedThrowingContinuation { finished in
    process.terminationHandler = { finished.resume(returning: $0.terminationStatus) }
    do { try process.run() } catch { finished.resume(throwing: error) }
  }
  out.fileHandleForReading.readabilityHandler = nil
  err.fileHandleForReading.readabilityHandler = nil
  let rest = (
    out.fileHandleForReading.readDataToEndOfFile(), err.fileHandleForReading.readDataToEndOfFile()
  )
  return collected.withLock {
    (
      status, String(decoding: $0.out + rest.0, as: UTF8.self),
      String(decoding: $0.err + rest.1, as: UTF8.self)
    )
  }
}

@Suite("the side-by-side executable", .serialized)
struct ProcessTests {
  @Test("equivalent examples exit 0")
  func equivalentExitsZero() async throws {
    let run = try await runProcess([
      "start-new-thread", "threading-module", "--pace", "\(Pace.test.secondsPerBeat)", "--seed",
      "7",
    ])
    #expect(run.status == 0, "\(run.err)")
    #expect(run.out.components(separatedBy: ": equivalent").count == 3)
  }

  @Test("the naive actor exits 1")
  func naiveActor() async throws {
    let run = try await runProcess([
      "synchronizing-threads", "--naive-actor", "--pace", "\(Pace.test.secondsPerBeat)",
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
    #expect(run.out.contains("start-new-thread: interrupted — partial result"))
    #expect(run.err.contains("side-by-side: interrupted"))
    #expect(!run.out.contains("threading-module"))
    // Not a speed check: it proves the run ended early rather than running to its end.
    #expect(ContinuousClock.now - started < .seconds(10))
  }
}
