import Foundation
import SideBySideKit
import Testing
import ThreadsToTasksCore

/// Runs the command in-process at the test pace, capturing what it writes.
func sideBySideOutput(_ arguments: [String], width: Int = 80) async -> (
  status: Int32, out: String, err: String
) {
  let out = Locked("")
  let err = Locked("")
  let output = Output(
    width: width, write: { text in out.withLock { $0 += text } },
    writeError: { text in err.withLock { $0 += text } })
  let status = await sideBySide(
    arguments + ["--pace", "\(testPace.secondsPerBeat)"], output: output)
  return (status, out.withLock { $0 }, err.withLock { $0 })
}

@Suite("side-by-side shows both paradigms", .watchdog, .tags(.realTime))
struct SideBySideTests {
  @Test("columns: every example, aligned rows, a verdict and the seed for each")
  func columns() async {
    let run = await sideBySideOutput(["--seed", "7"])
    // A run judged too late (exit 3) on a busy machine is not held to its format's details.
    #expect(run.status == 0 || run.status == 3, "\(run.out)")
    guard run.status == 0 else { return }
    let lines = run.out.split(separator: "\n").map(String.init)
    // Which worker takes the lock first is open in both paradigms, so a run may say the
    // choice went differently; it is still equivalent. That verdict wraps at 80 columns, its
    // continuation lines starting with two spaces.
    let verdicts = run.out.replacingOccurrences(of: "\n  ", with: " ").split(separator: "\n")
    for example in ExampleID.notebook {
      #expect(
        verdicts.contains {
          $0.hasPrefix("\(example.rawValue): equivalent") && $0.hasSuffix("(seed 7)")
        })
    }
    let rows = lines.filter { $0.contains(" │ ") }
    #expect(rows.count > 30)
    let dividers = Set(rows.map { $0.distance(from: $0.startIndex, to: $0.firstIndex(of: "│")!) })
    // The beat, the lane (10 wide), then two columns of 29.
    #expect(dividers == [48])
    #expect(rows.allSatisfy { $0.count <= 80 }, "\(rows.filter { $0.count > 80 })")
    let beforeTheLock = run.out.components(separatedBy: "── synchronizing-threads")[0]
    #expect(!beforeTheLock.contains("≠"))
  }

  @Test("a narrow terminal gets the rows stacked")
  func stacked() async {
    let run = await sideBySideOutput(["start-new-thread", "--seed", "7"], width: 60)
    // A run judged too late (exit 3) on a busy machine is not held to its format's details.
    #expect(run.status == 0 || run.status == 3, "\(run.out)")
    guard run.status == 0 else { return }
    #expect(!run.out.contains("│"))
    #expect(run.out.contains("thread MainThread") && run.out.contains("task   MainThread"))
  }

  @Test("a run without --seed prints the seed it drew")
  func drawnSeed() async throws {
    let run = await sideBySideOutput(["start-new-thread"])
    let seedLine = try #require(run.out.split(separator: "\n").first)
    #expect(seedLine.hasPrefix("seed ") && seedLine.hasSuffix(")"))
  }

  @Test("--naive-actor exits 1 and names the interleaving")
  func naiveActor() async {
    let run = await sideBySideOutput(["synchronizing-threads", "--naive-actor", "--seed", "7"])
    #expect(run.status == 1)
    // Either worker may reach the actor first; the other then gets in while it is "inside".
    let naming =
      #"NOT equivalent: task ~ notebook: Thread-\d entered at beat \d while Thread-\d was inside"#
    // The verdict wraps at the terminal's 80 columns; its continuation lines start with two spaces.
    let unwrapped = run.out.replacingOccurrences(of: "\n  ", with: " ")
    #expect(unwrapped.range(of: naming, options: .regularExpression) != nil, "\(run.out)")
    #expect(run.out.contains("≠"))
  }

  @Test("the exit status is the worst verdict of all, not the last example's")
  func worstVerdictWins() async {
    let run = await sideBySideOutput([
      "synchronizing-threads", "start-new-thread", "--naive-actor", "--seed", "7",
    ])
    // The last example is not the worst: equivalent, or on a loaded machine too late to judge
    // (seen in 1 of 10 runs beside two busy loops), either of which alone exits 0 or 3.
    #expect(
      run.out.contains("start-new-thread: equivalent")
        || run.out.contains("start-new-thread: too late to judge"), "\(run.out)")
    #expect(run.status == 1)
  }

  @Test("json: JSON Lines with exactly the documented keys, then a summary per example")
  func json() async throws {
    let run = await sideBySideOutput(["--format", "json", "--seed", "7"])
    // A run judged too late (exit 3) on a busy machine is not held to its format's details.
    #expect(run.status == 0 || run.status == 3, "\(run.out)")
    guard run.status == 0 else { return }
    let objects = try run.out.split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    let events = objects.filter { $0["lane"] != nil }
    let summaries = objects.filter { $0["equivalent"] != nil }
    #expect(events.count + summaries.count == objects.count)
    #expect(
      Set(events.flatMap(\.keys)) == ["example", "paradigm", "lane", "text", "beat", "elapsed"])
    #expect(events.allSatisfy { ["thread", "task"].contains($0["paradigm"] as? String) })
    #expect(summaries.count == 4)
    let keys: Set = [
      "example", "verdict", "equivalent", "interrupted", "judged_before_beat", "checks", "choices",
      "lateness", "declared", "seed",
    ]
    #expect(summaries.allSatisfy { Set($0.keys) == keys && $0["seed"] as? Int == 7 })
    #expect(summaries.allSatisfy { $0["verdict"] as? String == "equivalent" })
    let checks = summaries.compactMap { $0["checks"] as? [[String: Any]] }
    #expect(checks.count == 4)
    #expect(
      checks.allSatisfy {
        $0.compactMap { $0["name"] as? String }
          == ["thread ~ notebook", "task ~ notebook", "thread ~ task"]
      })
    #expect(events.contains { ($0["text"] as? String)?.hasPrefix("Thread-1: ") == true })
  }

  @Test("transcript: what the notebook prints, one paradigm after the other")
  func transcript() async {
    let run = await sideBySideOutput(["simple-threading", "--format", "transcript", "--seed", "7"])
    // A run judged too late (exit 3) on a busy machine is not held to its format's details.
    #expect(run.status == 0 || run.status == 3, "\(run.out)")
    guard run.status == 0 else { return }
    let lines = run.out.split(separator: "\n").map(String.init)
    let threadAt = lines.firstIndex(of: "── simple-threading · thread")
    let taskAt = lines.firstIndex(of: "── simple-threading · task")
    #expect(threadAt != nil && taskAt != nil && threadAt! < taskAt!)
    #expect(lines.filter { $0 == "Done" }.count == 2)
    #expect(
      lines.contains {
        $0.range(
          of: #"^thread1: \w{3} \w{3} [ 1-3]\d \d\d:\d\d:\d\d \d{4}$"#, options: .regularExpression)
          != nil
      })
  }

  @Test("timeline: a swimlane per lane for each paradigm, the lock wait drawn")
  func timeline() async {
    let run = await sideBySideOutput([
      "synchronizing-threads", "--format", "timeline", "--seed", "7",
    ])
    // A run judged too late (exit 3) on a busy machine is not held to its format's details.
    #expect(run.status == 0 || run.status == 3, "\(run.out)")
    guard run.status == 0 else { return }
    let lanes = run.out.split(separator: "\n").filter {
      $0.hasPrefix("Thread-") || $0.hasPrefix("MainThread ")
    }
    #expect(lanes.count == 6)
    #expect(run.out.contains("░"))
  }

  @Test("markdown: a table, a verdict and a Mermaid gantt block per paradigm")
  func markdown() async {
    let run = await sideBySideOutput([
      "synchronizing-threads", "--format", "markdown", "--seed", "7",
    ])
    // A run judged too late (exit 3) on a busy machine is not held to its format's details.
    #expect(run.status == 0 || run.status == 3, "\(run.out)")
    guard run.status == 0 else { return }
    #expect(run.out.contains("| beat | thread | task | |"))
    #expect(run.out.components(separatedBy: "```mermaid\ngantt\n").count == 3)
    #expect(run.out.contains("Verdict: synchronizing-threads: equivalent"))
    let ganttLines = run.out.split(separator: "\n").filter {
      $0.hasPrefix("    ") && !$0.contains("section")
    }
    // Every task line is "name : meta": exactly one colon, or Mermaid would misread it.
    #expect(
      ganttLines.filter {
        !$0.contains("title") && !$0.contains("Format") && !$0.contains("tickInterval")
      }.allSatisfy {
        $0.filter { $0 == ":" }.count == 1
      })
  }

  @Test("a usage error writes one line and the usage to stderr, and exits 64")
  func usageError() async {
    let run = await sideBySideOutput(["--format", "html"])
    #expect(run.status == 64)
    #expect(run.out.isEmpty)
    #expect(run.err.hasPrefix("side-by-side: --format takes one of"))
    #expect(run.err.contains("Usage: side-by-side"))
  }
}

@Suite(
  "An interrupted run says so in every format", .watchdog, .tags(.realTime), .timeLimit(.minutes(1))
)
struct InterruptedSummaryTests {
  @Test("json: the summary says interrupted, judged on the beats it finished; exit 130")
  func interruptedJSON() async throws {
    let out = Locked("")
    let (firstEvent, signal) = AsyncStream.makeStream(of: Void.self)
    let output = Output(
      width: nil,
      write: { text in
        out.withLock { $0 += text }
        if text.contains("\"lane\"") { signal.yield() }
      }, writeError: { _ in })
    let run = Task {
      await sideBySide(
        // A second a beat: the stop lands in beat 0 however slow the machine (at 0.2 s, under
        // ThreadSanitizer on a loaded machine, it landed in beat 1 once).
        ["synchronizing-threads", "--format", "json", "--seed", "7", "--pace", "1"],
        output: output)
    }
    for await _ in firstEvent { break }
    run.cancel()
    #expect(await run.value == 130)
    let summary = try #require(out.withLock { $0 }.split(separator: "\n").last)
    let object = try #require(
      JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
    #expect(object["verdict"] as? String == "interrupted")
    #expect(object["interrupted"] as? Bool == true)
    #expect(object["judged_before_beat"] as? Int == 0)
    // Judged only on what it had time to print: nothing it printed is held against it.
    let checks = try #require(object["checks"] as? [[String: Any]])
    #expect(checks.allSatisfy { $0["holds"] as? Bool == true }, "\(checks)")
  }
}
