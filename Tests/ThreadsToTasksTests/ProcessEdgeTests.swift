import Foundation
import Testing
import ThreadsToTasksCore

/// The longest example at a fast pace: about half a second, long enough to be stopped midway.
private let longRun = ["synchronizing-threads", "--pace", "0.05", "--seed", "7"]
/// Its first event, printed in its row.
private let firstEvent = "Starting Thread-1"

/// Nothing a crash prints.
private func noCrash(_ run: ProcessRun) -> Bool {
  !["Fatal error", "Backtrac", "Program crashed", "💣"].contains { run.err.contains($0) }
}

@Suite("side-by-side at its edges: output it cannot write, signals", .watchdog, .tags(.realTime))
struct ProcessEdgeTests {
  @Test("standard output on /dev/full: exit 74, one line on stderr, no crash")
  func deviceFull() async throws {
    let run = try await runProcess(longRun, redirect: ">/dev/full")
    #expect(!run.killedBySignal && run.status == 74, "\(run.err)")
    #expect(run.err == "side-by-side: cannot write to standard output: No space left on device\n")
  }

  @Test("standard output closed: exit 74, one line on stderr, no crash")
  func outputClosed() async throws {
    let run = try await runProcess(longRun, redirect: ">&-")
    #expect(!run.killedBySignal && run.status == 74, "\(run.err)")
    #expect(run.err == "side-by-side: cannot write to standard output: Bad file descriptor\n")
  }

  @Test("--help to /dev/full: exit 74, no crash")
  func helpToDeviceFull() async throws {
    let run = try await runProcess(["--help"], redirect: ">/dev/full")
    #expect(!run.killedBySignal && run.status == 74, "\(run.err)")
    #expect(run.err.split(separator: "\n").count == 1 && noCrash(run))
  }

  @Test("a usage error with standard error closed: exit 64, no crash")
  func usageErrorWithErrorClosed() async throws {
    let run = try await runProcess(["--frob"], redirect: "2>&-")
    #expect(!run.killedBySignal && run.status == 64)
    #expect(run.out.isEmpty)
  }

  @Test("the reader closes the pipe after one line (| head -1): exit 141, quietly")
  func readerLeaves() async throws {
    // A beat of a second: the lines of beat 0 all fit in the pipe, so the write that meets the
    // closed pipe is beat 1's, a second on. At 0.05 s a beat, a reader slow to leave on a loaded
    // machine let the whole run fit in the pipe first, and it exited 0 (2 suite runs in 10).
    let run = try await runProcess(
      ["synchronizing-threads", "--pace", "1", "--seed", "7"], closeAfterFirstLine: true)
    #expect(!run.killedBySignal && run.status == 141, "\(run.err)")
    #expect(run.err.isEmpty)
  }

  @Test(
    "SIGTERM, SIGHUP, SIGUSR1/2, SIGALRM, SIGVTALRM, SIGPROF stop like Ctrl-C: the partial result, then 128 + n",
    arguments: [
      (SIGTERM, 143), (SIGHUP, 129), (SIGINT, 130), (SIGUSR1, 138), (SIGUSR2, 140),
      (SIGALRM, 142), (SIGVTALRM, 154), (SIGPROF, 155),
    ] as [(Int32, Int32)])
  func stoppingSignal(signal: Int32, status: Int32) async throws {
    let run = try await runProcess(longRun, interrupt: true, signal: signal, after: firstEvent)
    #expect(!run.killedBySignal && run.status == status, "\(run.err)")
    #expect(run.out.contains("synchronizing-threads: interrupted — judged on beats before"))
    #expect(run.err == "side-by-side: interrupted\n")
  }

  @Test(
    "a signal before the first event still shows what there is and exits 128 + n",
    arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGINT, 130)] as [(Int32, Int32)])
  func signalBeforeTheFirstEvent(signal: Int32, status: Int32) async throws {
    // The example's title line comes before its first event.
    let run = try await runProcess(
      longRun, interrupt: true, signal: signal, after: "── synchronizing-threads")
    #expect(!run.killedBySignal && run.status == status, "\(run.err)")
    #expect(run.out.contains("synchronizing-threads: interrupted — judged on beats before"))
  }

  @Test("SIGQUIT quits at once by its default action (131 in a shell), no crash report")
  func quit() async throws {
    let run = try await runProcess(longRun, interrupt: true, signal: SIGQUIT, after: firstEvent)
    #expect(run.killedBySignal && run.status == SIGQUIT, "\(run.status) \(run.err)")
    #expect(run.err.isEmpty, "\(run.err)")
    #expect(!run.out.contains("synchronizing-threads: "))
  }
}
