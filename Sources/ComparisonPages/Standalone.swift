import Foundation
import ThreadsToTasksCore

/// A standalone program of a page: one file that compiles alone with
/// `swiftc -swift-version 6 -warnings-as-errors` and runs an example as a plain program.
///
/// A page asks for one with `<!-- standalone: EXAMPLE-ID PATH [PATH …] -->`, where PATH is the
/// example's file (`Sources/TaskVersions/Examples/SimpleThreading.swift`), and any further PATH
/// an example file it borrows from, as the notebook reuses `do_async_job`. The program is the paradigm's
/// prelude (what the package binds to a run, written as a plain program defines it, in
/// `Sources/ComparisonPages/Standalone/`), then the example file, then a call of the example's
/// function — named after the file, `simpleThreading()` — on a thread or task named `MainThread`.
public struct StandaloneProgram: Sendable, Equatable {
  /// The example it runs.
  public var example: ExampleID
  /// The paradigm of the example file.
  public var paradigm: Paradigm
  /// The whole program.
  public var source: String

  /// The files before the example, per paradigm (each prelude copies some of the package's own
  /// files whole: they need nothing of a run).
  static func prelude(_ paradigm: Paradigm) -> [String] {
    switch paradigm {
    case .thread:
      [
        "Sources/ComparisonPages/Standalone/ThreadPrelude.swift",
        "Sources/ThreadsToTasksCore/Locked.swift", "Sources/ThreadsToTasksCore/Latch.swift",
      ]
    case .task, .python, .asyncio:
      [
        "Sources/ComparisonPages/Standalone/TaskPrelude.swift",
        "Sources/ThreadsToTasksCore/Locked.swift", "Sources/ThreadsToTasksCore/Latch.swift",
        "Sources/TaskVersions/Support/AsyncSemaphore.swift",
        "Sources/TaskVersions/Support/AsyncLock.swift",
      ]
    }
  }

  /// The program for a region's argument (`simple-threading Sources/…/SimpleThreading.swift`).
  public init(_ argument: String, readFile: (String) throws -> String) throws {
    let words = argument.split(separator: " ").map(String.init)
    guard words.count >= 2, let example = ExampleID(rawValue: words[0]) else {
      throw Page.Problem(description: "standalone region '\(argument)': want EXAMPLE-ID PATH")
    }
    let path = words[1]
    let paradigm: Paradigm = path.contains("/ThreadVersions/") ? .thread : .task
    let function = path.split(separator: "/").last!.dropLast(".swift".count)
    let entry = function.prefix(1).lowercased() + function.dropFirst()
    var imports: [String] = []
    var body: [String] = []
    for file in Self.prelude(paradigm) + words[1...] {
      body.append("")
      body.append("// MARK: - \(file.split(separator: "/").last!)")
      for line in try readFile(file).split(separator: "\n", omittingEmptySubsequences: false) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("import ") || trimmed.hasPrefix("internal import ") {
          let module = trimmed.split(separator: " ").last.map(String.init) ?? ""
          if module != "ThreadsToTasksCore" && !imports.contains(String(trimmed)) {
            imports.append(String(trimmed))
          }
        } else if !trimmed.hasPrefix("// snippet: ") && !trimmed.hasPrefix("// end snippet: ") {
          body.append(String(line))
        }
      }
    }
    let main =
      paradigm == .thread
      ? [
        "", "// MARK: - main", "Thread.current.name = \"MainThread\"", "\(entry)()",
      ]
      : [
        "", "// MARK: - main",
        "// Detached: off the main actor, so `Task.immediate` runs a child at once, as in a run.",
        "try await Task.detached(name: \"MainThread\") { try await \(entry)() }.value",
      ]
    self.example = example
    self.paradigm = paradigm
    source = (imports + body + main).joined(separator: "\n") + "\n"
  }

  /// The region's body: the program in a fenced block.
  public var markdown: String {
    "```swift\n" + source.trimmingCharacters(in: .newlines) + "\n```"
  }

  /// What the program prints, sorted, its ctime stamps written `<ctime>`: the lines of the
  /// example's expected ordering, whatever order its threads or tasks happen to print them in.
  public var expectedLines: [String] {
    let ordering = example.example.expectedOrderings(seed: 0, paradigm: paradigm)[0]
    return ordering.lanes.values.flatMap { $0 }
      .map { $0.isStamped ? $0.text + " <ctime>" : $0.text }.sorted()
  }
}
