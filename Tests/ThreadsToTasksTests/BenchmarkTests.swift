import Foundation
import Testing
import ThreadVersions
import ThreadsToTasksCore

/// The plumbing of `side-by-side-bench` on a tiny run. No timing is checked: numbers belong to
/// the benchmark, not to a test that passes or fails.
@Suite("side-by-side-bench runs, reports and stops at a limit", .watchdog)
struct BenchmarkTests {
  let binary = packageExecutable("side-by-side-bench")

  @Test("a tiny run reports all four sections and stops cleanly at a thread limit")
  func tinyRun() async throws {
    let run = try await runProcess(
      ["--tiny", "--max-threads", "15", "--format", "json"], executable: binary)
    #expect(run.status == 0, "\(run.err)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
    let rows = try #require(report["fanOut"] as? [[String: Any]])
    #expect(
      rows.map { "\($0["paradigm"]!) \($0["workers"]!)" } == ["thread 10", "task 10", "task 20"])
    #expect(rows.allSatisfy { ($0["peakMegabytes"] as? Double ?? 0) > 0 })
    #expect(report["limits"] as? [String] == ["threads: stopped before 20: --max-threads 15"])
    let mechanisms = (report["criticalSection"] as? [[String: Any]])?.compactMap {
      $0["mechanism"] as? String
    }
    #expect(
      mechanisms == [
        "NSLock (threads)", "Mutex (threads)", "actor (tasks)", "AsyncLock (tasks)",
      ])
    #expect(
      (report["startupMicroseconds"] as? [String: [Double]])?.keys.sorted() == [
        "Task: create, await", "Thread: create, start, join",
      ])
    let pipelines = try #require(report["pipelines"] as? [[String: Any]])
    #expect(
      pipelines.compactMap { $0["workload"] as? String } == [
        "queue of 64: BlockingQueue (threads)", "queue of 64: AsyncQueue (tasks)",
        "pool of 4: threads on a queue", "pool of 4: a task group four wide",
      ])
    #expect(pipelines.compactMap { $0["items"] as? Int } == [1_000, 1_000, 100, 100])
  }

  @Test("the table and the markdown show every section")
  func formats() async throws {
    for format in ["table", "markdown"] {
      let run = try await runProcess(
        ["--tiny", "--max-threads", "15", "--format", format], executable: binary)
      #expect(run.status == 0)
      for section in [
        "1. Fan-out/join", "2. Contended critical section", "3. Startup cost",
        "4. Beyond the notebook",
      ] {
        #expect(run.out.contains(section), "\(format) lacks \(section)")
      }
      #expect(format != "markdown" || run.out.contains("```mermaid\nxychart-beta"))
    }
  }

  @Test(
    "a bad argument exits 64 with the usage",
    arguments: [["--frob"], ["--max-threads", "0"], ["--format", "pdf"]])
  func badArgument(arguments: [String]) async throws {
    let run = try await runProcess(arguments, executable: binary)
    #expect(run.status == 64)
    #expect(run.err.hasPrefix("side-by-side-bench: ") && run.err.contains("usage:"))
  }
}
