import Foundation
import Testing
import ThreadsToTasksCore

/// The places where Swift differs from Python, each shown by a test (and quoted by Comparisons/).
@Suite("Where Swift is not Python", .watchdog)
struct TrapTests {
  @Test("a Dictionary captured by a worker is a copy: neither side sees the other's writes")
  func dictionaryIsAValue() async {
    // snippet: dictionary-copy
    var originValue = ["a": 1, "b": 2]
    // A capture list hands the worker the dictionary as it is now: a copy of its own.
    let worker = Task { [originValue] in
      var dir = originValue
      dir["a"] = 42  // Python's `dir[key] = value`, on the worker's copy
      return dir
    }
    originValue["b"] = 3  // the caller changes its own dictionary meanwhile
    #expect(await worker.value == ["a": 42, "b": 2])  // the worker never saw "b" change
    #expect(originValue == ["a": 1, "b": 3])  // and the caller never sees "a" change
    // end snippet: dictionary-copy
  }

  /// Each refused shape the pages show, with the errors they quote.
  static let refusedShapes: [(snippet: String, errors: [String])] = [
    (
      "python-shape-threads",
      [
        "error: capture of 'originValue' with non-Sendable type '[String : Any]' in a "
          + "'@Sendable' closure",
        "error: mutation of captured var 'originValue' in concurrently-executing code",
      ]
    ),
    (
      "python-shape-tasks",
      [
        "error: sending value of non-Sendable type '() async throws -> ()' risks causing data "
          + "races"
      ]
    ),
    (
      "data-race-threads",
      ["error: mutation of captured var 'counter' in concurrently-executing code"]
    ),
    (
      "data-race-tasks",
      [
        "error: passing closure as a 'sending' parameter risks causing data races between code "
          + "in the current task and concurrent execution of the closure"
      ]
    ),
    (
      "isolation-sending",
      ["error: sending value of non-Sendable type '() async -> ()' risks causing data races"]
    ),
    (
      "isolation-main-actor",
      [
        "error: call to main actor-isolated global function 'updateScreen()' in a synchronous "
          + "nonisolated context"
      ]
    ),
    (
      "isolation-actor-state",
      [
        "error: actor-isolated property 'balance' can not be referenced from a nonisolated "
          + "context"
      ]
    ),
    (
      "isolation-global-actor",
      [
        "error: global actor 'Database'-isolated static property 'rows' can not be mutated from "
          + "a nonisolated context"
      ]
    ),
  ]

  /// What `swiftc` says about every refused shape, by snippet: its error lines. Compiled in two
  /// runs rather than one per shape, each file of a run a module's file (`-wmo`): the shapes the
  /// type checker refuses in one, and in the other those only region-based isolation refuses —
  /// after type checking, so that run must have no type error to stop it before. `TMPDIR` is the
  /// run's own folder: the compiler driver leaves a folder of its own in `TMPDIR` at each run.
  static let refusals = Task { () throws -> (status: [String: Int32], errors: [String: String]) in
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    let folder = try scratchFolder("refused-shapes")
    let byRegions = Dictionary(grouping: refusedShapes) { shape in
      shape.errors.contains { $0.contains("risks causing data races") }
    }
    var status: [String: Int32] = [:]
    var errors: [String: String] = [:]
    for (regions, shapes) in byRegions {
      var files: [String] = []
      for shape in shapes {
        let program = try #require(Self.snippet(shape.snippet, in: source), "\(shape.snippet)")
        let file = folder.appendingPathComponent("\(shape.snippet).swift")
        try program.write(to: file, atomically: true, encoding: .utf8)
        files.append(file.path)
      }
      let run = try await runProcess(
        ["-swift-version", "6", "-emit-sil", "-wmo", "-o", "/dev/null"]
          + ["-module-name", regions ? "RegionIsolation" : "TypeChecker"] + files,
        executable: try #require(swiftc),
        path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        environment: ["TMPDIR": folder.path])
      for shape in shapes {
        status[shape.snippet] = run.status
        errors[shape.snippet] = run.err.split(separator: "\n")
          .filter { $0.contains("/\(shape.snippet).swift:") }.joined(separator: "\n")
      }
    }
    return (status, errors)
  }

  @Test(
    "the notebook's shape, and counter += 1 from four workers, do not compile",
    .enabled(if: swiftc != nil, "swiftc is not on PATH"), arguments: refusedShapes)
  func pythonShapeIsRefused(snippet: String, errors: [String]) async throws {
    let refusals = try await Self.refusals.value
    #expect(refusals.status[snippet] != 0)
    let said = refusals.errors[snippet] ?? ""
    for error in errors { #expect(said.contains(error), "\(snippet): \(said)") }
  }

  @Test(
    "each refused shape, written the way Swift 6 accepts it, compiles with no warning",
    .enabled(if: swiftc != nil, "swiftc is not on PATH"))
  func isolationFixedCompiles() async throws {
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    let program = try #require(Self.snippet("isolation-fixed", in: source))
    let folder = try scratchFolder("isolation-fixed")
    let file = folder.appendingPathComponent("isolation-fixed.swift")
    try program.write(to: file, atomically: true, encoding: .utf8)
    let run = try await runProcess(
      ["-swift-version", "6", "-warnings-as-errors", "-emit-sil", "-o", "/dev/null", file.path],
      executable: try #require(swiftc),
      path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      environment: ["TMPDIR": folder.path])
    #expect(run.status == 0, "\(run.err)")
  }

  /// The lines between `// snippet: NAME` and `// end snippet: NAME`, their indentation removed.
  static func snippet(_ name: String, in source: String) -> String? {
    let lines = source.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.hasSuffix("// snippet: \(name)") }),
      let end = lines.firstIndex(where: { $0.hasSuffix("// end snippet: \(name)") })
    else { return nil }
    return lines[(start + 1)..<end].map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : $0 }
      .joined(separator: "\n") + "\n"
  }
}

/// The compiler, if it is on PATH.
private let swiftc: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
  .split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("swiftc") }
  .first { FileManager.default.isExecutableFile(atPath: $0.path) }

// The notebook's shape written in Swift: never compiled into the suite (the condition is never
// set), but compiled by `pythonShapeIsRefused`, which expects the errors the page quotes. The
// task errors come from region-based isolation, after type checking: hence `-emit-sil`.
#if PYTHON_SHAPE
  // snippet: python-shape-threads
  import Foundation

  func changeValue(_ dir: inout [String: Any], _ key: String, _ value: Any, _ delay: Int) {
    Thread.sleep(forTimeInterval: TimeInterval(delay))
    dir[key] = value
  }

  func startingWithThread() {
    var originValue: [String: Any] = ["a": 1, "b": 2]
    Thread.detachNewThread { changeValue(&originValue, "a", "changed", 1) }
    Thread.detachNewThread { changeValue(&originValue, "b", "changed", 2) }
    print(originValue)
  }
  // end snippet: python-shape-threads

  // snippet: python-shape-tasks
  func changeValue(_ dir: inout [String: Any], _ key: String, _ value: Any, _ delay: Int)
    async throws
  {
    try await Task.sleep(for: .seconds(delay))
    dir[key] = value
  }

  func startingWithThread() async {
    var originValue: [String: Any] = ["a": 1, "b": 2]
    Task { try await changeValue(&originValue, "a", "changed", 1) }
    Task { try await changeValue(&originValue, "b", "changed", 2) }
    print(originValue)
  }
  // end snippet: python-shape-tasks

  // snippet: data-race-threads
  import Foundation

  // Python's `counter += 1` from four threads, with no lock: Swift 6 refuses it.
  func countWithThreads() {
    var counter = 0
    for _ in 1...4 {
      Thread.detachNewThread {
        for _ in 0..<1_000 { counter += 1 }
      }
    }
    print(counter)
  }
  // end snippet: data-race-threads

  // snippet: data-race-tasks
  // The same from four child tasks: refused too.
  func countWithTasks() async {
    var counter = 0
    await withTaskGroup { group in
      for _ in 1...4 {
        group.addTask {
          for _ in 0..<1_000 { counter += 1 }
        }
      }
    }
    print(counter)
  }
  // end snippet: data-race-tasks

  // snippet: isolation-sending
  // Python: any thread may touch any object. Swift: a class that is not `Sendable`, captured by
  // a task that runs beside its creator, is refused.
  final class Tally {
    var value = 0
  }

  func tallyInATask() async {
    let tally = Tally()
    Task { tally.value += 1 }
    tally.value += 1
  }
  // end snippet: isolation-sending

  // snippet: isolation-main-actor
  // A function for the main thread only (a UI, say), called from code that may run anywhere.
  @MainActor func updateScreen() {}

  func fromAnywhere() {
    updateScreen()
  }
  // end snippet: isolation-main-actor

  // snippet: isolation-actor-state
  // An actor's state, read from outside without waiting for the actor.
  actor Account {
    var balance = 0
  }

  func peek(_ account: Account) -> Int {
    account.balance
  }
  // end snippet: isolation-actor-state

  // snippet: isolation-global-actor
  // A global actor: one isolation domain shared by declarations all over the program.
  @globalActor actor Database {
    static let shared = Database()
  }

  enum Store {
    @Database static var rows: [String] = []
  }

  func add(_ row: String) {
    Store.rows.append(row)
  }
// end snippet: isolation-global-actor
#endif

#if ISOLATION_FIXED
  // snippet: isolation-fixed
  import Foundation

  // Each refused program above, as the compiler accepts it.

  // Sendable: immutable state, or state behind a lock the type owns.
  final class Tally: Sendable {
    private let value = NSLock()
  }

  // The main actor: await the hop onto it.
  @MainActor func updateScreen() {}

  func fromAnywhere() async {
    await updateScreen()
  }

  // An actor's state: await the actor.
  actor Account {
    var balance = 0
  }

  func peek(_ account: Account) async -> Int {
    await account.balance
  }

  // A global actor: isolate the function too, or await it from outside.
  @globalActor actor Database {
    static let shared = Database()
  }

  enum Store {
    @Database static var rows: [String] = []
  }

  @Database func add(_ row: String) {
    Store.rows.append(row)
  }

  func addFromAnywhere(_ row: String) async {
    await add(row)
  }

  // SE-0461: where an async function runs. `nonisolated(nonsending)`: on the caller's actor, as
  // a coroutine runs on asyncio's one loop; `@concurrent`: on the cooperative pool, in parallel.
  nonisolated(nonsending) func runsWhereCalled() async {}
  @concurrent func runsOnThePool() async {}
// end snippet: isolation-fixed
#endif
