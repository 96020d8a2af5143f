import ComparisonPages
import Foundation
import Testing
import ThreadsToTasksCore

/// The package checkout this test file belongs to.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("Comparisons/ cannot drift from the code", .watchdog)
struct ComparisonPagesTests {
  let pages = ComparisonPages(root: packageRoot)

  @Test("every page's code is the code in the sources (else: swift run regenerate-pages)")
  func pagesAreCurrent() throws {
    #expect(try pages.staleRegions() == [])
  }

  @Test("changing one source line makes the page stale; regenerating makes it current again")
  func stalenessIsDetected() throws {
    let name = "04-synchronizing-threads.md"
    let page = Page(text: try pages.read("Comparisons/" + name))
    let changedSources = { (path: String) throws -> String in
      let source = try pages.read(path)
      return path.hasSuffix("NaivePrinter.swift")
        ? source.replacingOccurrences(of: "lock value True", with: "lock value False") : source
    }
    let regenerated = try page.regenerating(.code) {
      try Page.codeBlock($0, readFile: changedSources)
    }
    #expect(regenerated.withoutRuns != page.withoutRuns)
    let again = try regenerated.regenerating(.code) {
      try Page.codeBlock($0, readFile: changedSources)
    }
    #expect(again == regenerated)
  }

  @Test("the overview and one page per example, each with the same sections")
  func pagesHaveTheirSections() throws {
    #expect(
      try pages.pageNames() == [
        "01-start-new-thread.md", "02-threading-module.md", "03-simple-threading.md",
        "04-synchronizing-threads.md",
        "05-producer-consumer.md", "06-worker-pool.md", "07-timeouts.md", "08-stop-flags.md",
        "09-semaphore.md", "10-thread-local.md",
        "Performance.md", "README.md",
      ])
    for name in try pages.pageNames() where name.first!.isNumber {
      let text = try pages.read("Comparisons/" + name)
      for heading in [
        "## What the notebook does", "## Mapping", "## The two versions", "## A run",
        "## What differs, and why", "## Traps",
      ] {
        #expect(text.contains("\n" + heading + "\n"), "\(name) lacks \(heading)")
      }
      // A run region holds a Mermaid gantt chart per paradigm.
      #expect(text.components(separatedBy: "```mermaid\ngantt\n").count >= 3, "\(name)")
    }
  }

  @Test("every code block in the pages is generated: none stands outside a code region")
  func noHandCopiedCode() throws {
    for name in try pages.pageNames() {
      let page = Page(text: try pages.read("Comparisons/" + name))
      let outside = page.regenerating(.code) { _ in "" }.regenerating(.run) { _ in "" }
        .regenerating(.standalone) { _ in "" }
      #expect(!outside.text.contains("```swift"), "\(name) has a hand-written Swift block")
    }
  }

  @Test("every example page has a standalone program per paradigm, each a whole program")
  func standalonePrograms() throws {
    let programs = try pages.standalonePrograms()
    for example in ExampleID.allCases {
      #expect(
        Set(programs.filter { $0.program.example == example }.map(\.program.paradigm))
          == [.thread, .task], "\(example)")
    }
    for (name, program) in programs {
      #expect(program.source.contains("// MARK: - main"), "\(name)")
      #expect(!program.source.contains("import ThreadsToTasksCore"), "\(name)")
      #expect(!program.expectedLines.isEmpty, "\(name)")
    }
  }

  @Test("a stale region is named with its page and its region")
  func staleRegionNamed() throws {
    let path = "Sources/ThreadVersions/Examples/SimpleThreading.swift"
    let stale = try pages.staleRegions { file in
      let source = try pages.read(file)
      return file == path
        ? source.replacingOccurrences(of: "print(\"Done\")", with: "print(\"done\")") : source
    }
    #expect(
      stale == [
        "03-simple-threading.md: code \(path)",
        "03-simple-threading.md: standalone simple-threading \(path) "
          + "Sources/ThreadVersions/Examples/ThreadingModule.swift",
      ])
  }

  @Test("regenerate-pages refuses an argument it does not take, with the usage and exit 64")
  func regenerateRefusesArguments() async throws {
    let run = try await runProcess(["--check"], executable: packageExecutable("regenerate-pages"))
    #expect(run.status == 64)
    #expect(run.err.hasPrefix("regenerate-pages: unexpected argument '--check'\nusage:"))
  }

  @Test("a snippet that does not exist is an error, not an empty block")
  func missingSnippet() {
    #expect(throws: Page.Problem.self) {
      try Page.codeBlock("Sources/X.swift#nothing") { _ in "let x = 1\n" }
    }
  }
}
