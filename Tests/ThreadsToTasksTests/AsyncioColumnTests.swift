import Foundation
import SideBySideKit
import Testing
import ThreadsToTasksCore

/// Why the asyncio tests cannot run here, or `nil` when a Python 3.11+ is found.
let asyncioMissing: Comment? = {
  guard case .failure(let why) = AsyncioColumn.found else { return nil }
  return Comment(rawValue: "no Python 3.11+ for the asyncio column: \(why)")
}()

/// This process's environment with `THREADS_TO_TASKS_ASYNCIO_PYTHON` set to the interpreter's
/// own executable (`sys.executable`), so each run skips pyenv's shim. Resolved once: when the
/// variable is not set, from `pythonEnvironment` (whose `python3` is the real one already), else
/// from the interpreter the variable names.
let asyncioEnvironment = Task<[String: String], Never> {
  var environment = ProcessInfo.processInfo.environment
  if environment[AsyncioColumn.interpreterVariable, default: ""].isEmpty {
    environment = await pythonEnvironment.value
    if let python = try? AsyncioColumn.find(environment: environment) {
      environment[AsyncioColumn.interpreterVariable] = python.url.path
    }
    return environment
  }
  guard let python = AsyncioColumn.interpreter,
    let run = try? await runPython(python.url, ["-c", "import sys; print(sys.executable)"]),
    run.status == 0
  else { return environment }
  let executable = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
  if FileManager.default.isExecutableFile(atPath: executable) {
    environment[AsyncioColumn.interpreterVariable] = executable
  }
  return environment
}

/// The asyncio runs' own gate: two may be starting at once. An asyncio run sleeps nearly all the
/// time, so a slot is held only until its example has started, not to its end: what the gate
/// keeps from piling up is Pythons starting at once (see `PythonGate`), beside the Python
/// column's two.
let asyncioStarts = PythonGate(slots: 2)

/// `AsyncioColumn.run` at `pythonPace`, seed 7, through `asyncioStarts`.
func runAsyncio(
  _ example: ExampleID, holdBack: String? = nil, harness: URL? = nil
) async throws -> PythonRun {
  let environment = await asyncioEnvironment.value
  return try await asyncioStarts.whileStarting { started in
    try await AsyncioColumn.run(
      example, seed: 7, pace: pythonPace, holdBack: holdBack, harness: harness,
      environment: environment, onStart: { _ in started() })
  }
}

/// Every example's asyncio run, started once for all the tests that judge them.
let asyncioRuns = Task<[ExampleID: Result<PythonRun, any Error>], Never> {
  await withTaskGroup { group in
    for example in ExampleID.allCases {
      group.addTask {
        do {
          return (example, Result<PythonRun, any Error>.success(try await runAsyncio(example)))
        } catch {
          return (example, .failure(error))
        }
      }
    }
    var runs: [ExampleID: Result<PythonRun, any Error>] = [:]
    for await (example, run) in group { runs[example] = run }
    return runs
  }
}

/// A copy of the Python programs with `original` replaced by `mutated` in `asyncio_examples.py`,
/// and its harness: a broken asyncio program, to show that a check catches it.
func mutatedHarness(_ original: String, _ mutated: String) throws -> URL {
  let source = try #require(AsyncioColumn.harness).deletingLastPathComponent()
  let copy = try scratchFolder("asyncio-mutant").appendingPathComponent("Python")
  try FileManager.default.copyItem(at: source, to: copy)
  let examples = copy.appendingPathComponent("asyncio_examples.py")
  let text = try String(contentsOf: examples, encoding: .utf8)
  try #require(text.components(separatedBy: original).count == 2, "'\(original)' once")
  try text.replacingOccurrences(of: original, with: mutated)
    .write(to: examples, atomically: true, encoding: .utf8)
  return copy.appendingPathComponent("asyncio_harness.py")
}

@Suite("The asyncio column", .watchdog, .tags(.realTime))
struct AsyncioColumnTests {
  @Test(
    "each example in asyncio prints what the notebook's program guarantees, or its declared twin",
    .enabled(if: asyncioMissing == nil, asyncioMissing),
    arguments: ExampleID.allCases)
  func equivalent(example: ExampleID) async throws {
    let run = try #require(await asyncioRuns.value[example]).get()
    #expect(run.transcript.paradigm == .asyncio)
    #expect(!run.transcript.events.isEmpty)
    #expect(run.standardError.isEmpty, "\(run.standardError)")
    let verdict = Equivalence.judge([run.transcript])
    // Too late to judge: a sleep woke over half a beat late on a busy machine. Never for a
    // broken guarantee, which the verdict would call NOT equivalent.
    #expect(verdict.kind == .equivalent || verdict.kind == .tooLate, "\(verdict.differences)")
  }

  @Test(
    "--hold-back Thread-1: Thread-2 takes the asyncio.Lock first, Thread-1 waits for it, it excludes",
    .enabled(if: asyncioMissing == nil, asyncioMissing))
  func holdBack() async throws {
    let run = try await runAsyncio(.synchronizingThreads, holdBack: "Thread-1")
    let verdict = Equivalence.judge([run.transcript])
    #expect(verdict.choices[.asyncio] == "Thread-2 takes the lock first")
    // The timeline's bars: Thread-1 waits for the lock while Thread-2 holds it, 0 to 6.
    let waits = run.transcript.activities.filter { $0.kind == .lockWait && $0.lane == "Thread-1" }
    #expect(waits.count == 1 && waits.allSatisfy { $0.to - $0.from > 5 }, "\(waits)")
    #expect(run.transcript.activities.contains { $0.kind == .lockHold && $0.lane == "Thread-2" })
    #expect(verdict.kind == .equivalent || verdict.kind == .tooLate, "\(verdict.differences)")
  }

  // A negative test per guarantee: the asyncio program broken on purpose, and the check that
  // catches it. Each mutation is applied to a copy of the program, never to the package's.

  @Test(
    "a print routine whose lock does not exclude breaks mutual exclusion",
    .enabled(if: asyncioMissing == nil, asyncioMissing))
  func lockThatDoesNotExclude() async throws {
    // A semaphore of two: acquire() returns True and release() is fine, but both get in.
    let harness = try mutatedHarness(
      "threadLock = asyncio.Lock()", "threadLock = asyncio.Semaphore(2)")
    let run = try await runAsyncio(.synchronizingThreads, harness: harness)
    let verdict = Equivalence.judge([run.transcript])
    #expect(verdict.kind == .notEquivalent)
    #expect(
      verdict.checks[0].violations.contains {
        $0.hasPrefix("Thread-2 entered at beat 0 while Thread-1 was inside")
      }, "\(verdict.differences)")
  }

  @Test(
    "a main task that does not await thread1 breaks the join",
    .enabled(if: asyncioMissing == nil, asyncioMissing))
  func joinThatDoesNotWait() async throws {
    // Awaited after "Done", not before "wait thread2": thread1 still ends (asyncio.run would
    // cancel a task left unawaited), but the main task no longer waits for it.
    let harness = try mutatedHarness(
      "    await thread1\n    print(\"wait thread2\")\n    await thread2\n\n    print(\"Done\")\n",
      "    print(\"wait thread2\")\n    await thread2\n\n    print(\"Done\")\n    await thread1\n")
    let run = try await runAsyncio(.simpleThreading, harness: harness)
    let verdict = Equivalence.judge([run.transcript])
    #expect(verdict.kind == .notEquivalent)
    #expect(
      verdict.checks[0].violations.contains { $0.hasSuffix("(join thread1)") },
      "\(verdict.differences)")
  }

  @Test(
    "a queue without its bound breaks the producer's back-pressure",
    .enabled(if: asyncioMissing == nil, asyncioMissing))
  func queueWithoutItsBound() async throws {
    let harness = try mutatedHarness("q = asyncio.Queue(maxsize=2)", "q = asyncio.Queue()")
    let run = try await runAsyncio(.producerConsumer, harness: harness)
    let verdict = Equivalence.judge([run.transcript])
    #expect(verdict.kind == .notEquivalent)
    #expect(
      verdict.checks[0].violations.contains {
        $0.hasSuffix("(the queue holds 2: put 4 waits until item 2 is taken)")
      }, "\(verdict.differences)")
  }

  @Test(
    "an await between the read and the write loses updates: asyncio needs a lock from then on",
    .enabled(if: asyncioMissing == nil, asyncioMissing))
  func awaitInsideTheUpdate() async throws {
    // Each task reads, suspends, and writes back what it read plus one: the others' updates in
    // between are lost, as in the threading program without its lock. The loop takes the four
    // in turn, so each round all four read the same count: 100 of 400, every run.
    let harness = try mutatedHarness(
      "            touch()\n", "            await asyncio.sleep(0)\n")
    let run = try await runAsyncio(.dataRace, harness: harness)
    let last = run.transcript.events.last?.text ?? ""
    #expect(last == "count: 100 of 400", "\(last)")
    let verdict = Equivalence.judge([run.transcript])
    #expect(verdict.kind != .equivalent, "\(verdict.differences)")
    #expect(verdict.differences.contains { $0.contains("count: 400 of 400") })
  }

  @Test(
    "a barrier for one lets each runner straight through, before the last has arrived",
    .enabled(if: asyncioMissing == nil, asyncioMissing))
  func barrierTooSmall() async throws {
    let harness = try mutatedHarness("asyncio.Barrier(3)", "asyncio.Barrier(1)")
    let run = try await runAsyncio(.barrier, harness: harness)
    let verdict = Equivalence.judge([run.transcript])
    #expect(verdict.kind == .notEquivalent)
    #expect(
      verdict.checks[0].violations.contains {
        $0.hasSuffix("(the barrier lets no one on before all three have arrived)")
      }, "\(verdict.differences)")
  }

  @Test("the interpreter is judged by its --version: missing, failing, too old, or new enough")
  func interpreterByVersion() throws {
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-python-here")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    #expect(throws: AsyncioUnavailable("python3 was not found on PATH")) {
      try AsyncioColumn.find(environment: ["PATH": empty.path])
    }
    // A pyenv shim that no PYENV_VERSION selects: on PATH, but exits 127.
    #expect(throws: AsyncioUnavailable("python3 --version did not run as a Python's does")) {
      try AsyncioColumn.find(environment: try fakePython("exit 127"))
    }
    #expect(throws: AsyncioUnavailable("python3 is Python 3.10; asyncio needs 3.11 or later")) {
      try AsyncioColumn.find(environment: try fakePython("echo Python 3.10.13"))
    }
    let fake = try fakePython("echo Python 3.12.1")
    let found = try AsyncioColumn.find(environment: fake)
    #expect((found.major, found.minor, found.hasEagerTaskFactory) == (3, 12, true))
    // The variable names another interpreter, found on PATH by that name.
    #expect(throws: AsyncioUnavailable("python3.13 was not found on PATH")) {
      try AsyncioColumn.find(
        environment: fake.merging([AsyncioColumn.interpreterVariable: "python3.13"]) { $1 })
    }
  }
}

@Suite("side-by-side with the asyncio column", .watchdog, .tags(.realTime))
struct AsyncioSideBySideTests {
  /// `PATH` for `side-by-side` with the interpreter's directory first.
  static func path() async -> String {
    let environment = await asyncioEnvironment.value
    let python = environment[AsyncioColumn.interpreterVariable].map {
      URL(fileURLWithPath: $0).deletingLastPathComponent().path + ":"
    }
    return (python ?? "") + "/usr/bin:/bin"
  }

  @Test(
    "--naive-actor --asyncio: the naive twin breaks the lock's guarantee in both structured columns",
    .enabled(if: asyncioMissing == nil, asyncioMissing))
  func naiveTwin() async throws {
    let run = try await runProcess(
      [
        "synchronizing-threads", "--naive-actor", "--paradigm", "task", "--asyncio", "--format",
        "json", "--pace", "0.05", "--seed", "7",
      ], path: await Self.path())
    #expect(run.status == 1, "\(run.err)")
    let summary = try #require(
      run.out.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }.first { $0["verdict"] != nil })
    let checks = try #require(summary["checks"] as? [[String: Any]])
    let findings = Dictionary(
      uniqueKeysWithValues: checks.map {
        ($0["name"] as? String ?? "", $0["findings"] as? [String] ?? [])
      })
    // Either worker may reach the print routine first; the other then gets in while it is
    // inside (at beat 0, or a little later on a busy machine).
    for column in ["task ~ notebook", "asyncio ~ notebook"] {
      let first = findings[column]?.first ?? ""
      #expect(
        first.contains(/^Thread-\d entered at beat \d+ while Thread-\d was inside/),
        "\(column): \(findings[column] ?? [])")
    }
    // The same interleaving in both: the reentrant actor is asyncio without its Lock. (Unless a
    // sleep woke over half a beat late: then the beats are the machine's, not the programs'.)
    let lateness = summary["lateness"] as? [String: Double] ?? [:]
    if lateness.values.allSatisfy({ $0 <= Verdict.lateTolerance }) {
      #expect(findings["task ~ asyncio"] == [], "\(findings)")
    }
  }

  @Test("--asyncio without a Python 3.11+: exit 69 and one line on stderr")
  func noSuitablePython() async throws {
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-python-here")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let run = try await runProcess(["--asyncio", "--pace", "0.05"], path: empty.path)
    #expect(run.status == 69)
    #expect(
      run.err
        == "side-by-side: the asyncio column needs Python 3.11 or later: python3 was not found "
        + "on PATH\n")
    #expect(run.out.isEmpty)
  }
}
