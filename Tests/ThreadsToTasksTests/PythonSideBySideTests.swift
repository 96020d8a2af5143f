import Foundation
import SideBySideKit
import Testing
import ThreadsToTasksCore

/// `side-by-side --python`: the Python program as the third column, judged like the others.
@Suite("side-by-side with the Python column", .watchdog, .tags(.realTime))
struct PythonSideBySideTests {
  @Test(
    "--python: Python's events beside the Swift ones, every check of the three paradigms holds",
    .enabled(if: PythonColumn.interpreter() != nil, "python3 is not on PATH"))
  func pythonColumn() async throws {
    let run = try await runProcess([
      "simple-threading", "synchronizing-threads", "--python", "--format", "json", "--pace",
      "0.1", "--seed", "7",
    ])
    #expect(run.status == 0 || run.status == 3, "\(run.out)\(run.err)")
    guard run.status == 0 else { return }  // too late to judge, on a busy machine
    let objects = try run.out.split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.contains { $0["paradigm"] as? String == "python" })
    let summaries = objects.filter { $0["verdict"] != nil }
    #expect(summaries.count == 2)
    for summary in summaries {
      let names = (summary["checks"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
      #expect(
        names == [
          "thread ~ notebook", "task ~ notebook", "python ~ notebook", "thread ~ task",
          "thread ~ python", "task ~ python",
        ])
      #expect(summary["verdict"] as? String == "equivalent")
    }
  }

  @Test("--python without python3 on PATH: exit 69 and one line on stderr")
  func noPython() async throws {
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-python-here")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let run = try await runProcess(["--python", "--pace", "0.05"], path: empty.path)
    #expect(run.status == 69)
    #expect(run.err == "side-by-side: the Python column needs python3, and there is none on PATH\n")
    #expect(run.out.isEmpty)
    // Without --python, everything works without Python.
    let swiftOnly = try await runProcess(
      ["start-new-thread", "--pace", "0.05", "--seed", "7"], path: empty.path)
    #expect(swiftOnly.status == 0 || swiftOnly.status == 3)  // 3: too late, on a busy machine
  }
}

@Suite("The Python programs beyond the notebook and the toolbox", .watchdog, .tags(.realTime))
struct BeyondPythonTests {
  @Test(
    "each prints what its example guarantees, judged like the Swift versions",
    .enabled(if: PythonColumn.interpreter() != nil, "python3 is not on PATH"),
    arguments: ExampleID.allCases.filter { $0.example.group != .notebook })
  func beyond(example: ExampleID) async throws {
    // Not through `PythonGate`: a dozen runs two at a time would take longer than the suite's
    // budget. With `pythonEnvironment`, each skips pyenv's shim (about a dozen shell processes).
    // At 0.2 s a beat, the suite's own pace: at 0.1, two busy loops beside the suite made a
    // thread start or wake a beat late now and then, in a way no lateness measure saw. data-race
    // never sleeps: all its lines are due in beat 0, so a wide beat costs it nothing and keeps its
    // 400 locked updates in that beat however busy the machine, as in the Swift test.
    let pace = example == .dataRace ? 10 : max(0.2, pythonPace.secondsPerBeat)
    let run = try await PythonColumn.run(
      example, seed: 7, pace: try Pace(seconds: pace), environment: await pythonEnvironment.value)
    let verdict = Equivalence.judge([run.transcript])
    // A run the checker found too late (a loaded machine) is not judged either way.
    #expect(verdict.kind == .equivalent || verdict.kind == .tooLate, "\(verdict.differences)")
    #expect(!run.transcript.events.isEmpty)
  }
}
