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

  @Test(
    "the notebook's shape, and counter += 1 from four workers, do not compile",
    .enabled(if: swiftc != nil, "swiftc is not on PATH"),
    arguments: [
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
    ])
  func pythonShapeIsRefused(snippet: String, errors: [String]) async throws {
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    let program = try #require(Self.snippet(snippet, in: source))
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(snippet)-\(UUID().uuidString).swift")
    try program.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try await runProcess(
      ["-swift-version", "6", "-emit-sil", "-o", "/dev/null", file.path],
      executable: try #require(swiftc),
      path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    #expect(run.status != 0)
    for error in errors { #expect(run.err.contains(error), "\(run.err)") }
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
#endif
