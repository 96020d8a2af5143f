import Foundation
import Testing
import ThreadVersions
import ThreadsToTasksCore

/// The plumbing of `side-by-side-bench` on a tiny run. No timing is checked: numbers belong to
/// the benchmark, not to a test that passes or fails.
@Suite("side-by-side-bench runs, reports and stops at a limit", .watchdog)
struct BenchmarkTests {
  let binary = packageExecutable("side-by-side-bench")
  /// One tiny run in JSON, with the user's `python3`, shared by the tests that read its report:
  /// each run starts a dozen processes, and the suite has a budget. The PATH is the test's own
  /// with the interpreter's directory first (`pythonEnvironment`), so that each of those
  /// processes skips pyenv's shim.
  static let tinyJSON = Task {
    let path = await pythonEnvironment.value["PATH"] ?? "/usr/bin:/bin"
    return try await runProcess(
      ["--tiny", "--max-threads", "15", "--format", "json"],
      executable: packageExecutable("side-by-side-bench"), path: path)
  }

  /// The rows a tiny run reports, by section; Python's only when `python3` 3.11+ ran.
  static func names(_ report: [String: Any]) -> [String: [String]] {
    func column(_ key: String, _ field: String) -> [String] {
      (report[key] as? [[String: Any]] ?? []).compactMap { $0[field] as? String }
    }
    return [
      "fanOut": column("fanOut", "paradigm"),
      "criticalSection": column("criticalSection", "mechanism"),
      "pipelines": column("pipelines", "workload"),
      "ratios": column("ratios", "name"),
      "startup": (report["startupMicroseconds"] as? [String: Any])?.keys.sorted() ?? [],
      "uncontended": (report["uncontendedNanoseconds"] as? [String: Any])?.keys.sorted() ?? [],
    ]
  }

  @Test(
    "a tiny run reports every section, Python's rows beside the Swift ones, and stops at a limit")
  func tinyRun() async throws {
    let run = try await Self.tinyJSON.value
    #expect(run.status == 0, "\(run.err)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
    let python = (report["python"] as? String)?.hasPrefix("Python 3") == true
    let rows = try #require(report["fanOut"] as? [[String: Any]])
    var expected = [
      "thread (Foundation Thread) 10", "thread (JoinableThread) 10", "task 10", "task 20",
    ]
    if python { expected += ["python thread 10", "python asyncio 10", "python asyncio 20"] }
    #expect(rows.map { "\($0["paradigm"]!) \($0["workers"]!)" } == expected)
    #expect(rows.allSatisfy { ($0["peakMegabytes"] as? Double ?? 0) > 0 })
    #expect(
      (report["limits"] as? [String] ?? []).filter { !$0.hasPrefix("python") } == [
        "thread (Foundation Thread): stopped before 20: --max-threads 15",
        "thread (JoinableThread): stopped before 20: --max-threads 15",
      ])
    let names = Self.names(report)
    #expect(
      names["criticalSection"]!
        == ["NSLock (threads)", "Mutex (threads)", "actor (tasks)", "AsyncLock (tasks)"]
        + (python ? ["threading.Lock (Python threads)", "asyncio.Lock (Python asyncio)"] : []))
    #expect(
      names["startup"]!.contains(
        "JoinableThread: start() returns, body blocks in the package's call"))
    #expect(names["startup"]!.contains { $0.hasPrefix("Python asyncio task") } == python)
    #expect(
      names["uncontended"]! == [
        "AsyncLock (tasks)", "AsyncSemaphore(1) (tasks)", "NSLock (threads)",
      ])
    #expect(names["pipelines"]!.contains("queue of 64: asyncio.Queue (Python asyncio)") == python)
    #expect(names["ratios"]!.count == (python ? 7 : 6))
    let pipelines = try #require(report["pipelines"] as? [[String: Any]])
    #expect(pipelines.prefix(4).compactMap { $0["items"] as? Int } == [1_000, 1_000, 100, 100])
  }

  @Test("without python3 the Python rows are skipped and the report says why")
  func withoutPython() async throws {
    let run = try await runProcess(
      ["--tiny", "--max-threads", "15", "--format", "table"], executable: binary,
      path: "/nonexistent")
    #expect(run.status == 0, "\(run.err)")
    #expect(run.out.contains("Python rows skipped: python3 is not on PATH"))
    #expect(!run.out.contains("asyncio.Queue"))
    for section in Self.sections { #expect(run.out.contains(section), "table lacks \(section)") }
  }

  /// The sections every format shows.
  static let sections = [
    "1. Fan-out/join", "2. Contended critical section", "3. Startup cost",
    "4. Beyond the notebook", "5. Ratios",
  ]

  @Test("the markdown shows every section (the table's are checked without python3, below)")
  func markdown() async throws {
    // Without python3: the tables' shape is the same, and the run starts fewer processes.
    let run = try await runProcess(
      ["--tiny", "--max-threads", "15", "--format", "markdown"], executable: binary,
      path: "/nonexistent")
    #expect(run.status == 0)
    for section in Self.sections { #expect(run.out.contains(section), "markdown lacks \(section)") }
    #expect(run.out.contains("| --- |"))
  }

  @Test("every workload Performance.md's tables name is one the benchmark still runs")
  func pageNamesOnlyWorkloadsThatRun() async throws {
    let run = try await Self.tinyJSON.value
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
    let known = Set(Self.names(report).values.joined())
    let python = (report["python"] as? String)?.hasPrefix("Python 3") == true
    let page = try String(
      contentsOf: packageRoot.appendingPathComponent("Comparisons/Performance.md"), encoding: .utf8)
    let named = PerformancePage.workloads(in: page)
    #expect(!named.isEmpty, "no measured table found in Performance.md")
    let stale = named.filter { name in
      !known.contains(name) && (python || !name.localizedCaseInsensitiveContains("python"))
    }
    #expect(stale.isEmpty, "Performance.md names workloads the benchmark no longer runs: \(stale)")
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

/// Reads the measured tables of Comparisons/Performance.md.
enum PerformancePage {
  /// The first cell of every row of the tables between the `measured` markers, header and
  /// separator rows left out.
  static func workloads(in page: String) -> Set<String> {
    guard let from = page.range(of: "<!-- measured:"),
      let to = page.range(of: "<!-- end -->", range: from.upperBound..<page.endIndex)
    else { return [] }
    let headers: Set = [
      "paradigm", "mechanism", "one worker", "workload", "acquire + release", "ratio, per round",
    ]
    return Set(
      page[from.upperBound..<to.lowerBound].split(separator: "\n").compactMap { line in
        guard line.hasPrefix("| ") else { return nil }
        let cell = line.dropFirst(2).prefix { $0 != "|" }.trimmingCharacters(in: .whitespaces)
        return headers.contains(cell) || cell.hasPrefix("---") ? nil : cell
      })
  }
}
