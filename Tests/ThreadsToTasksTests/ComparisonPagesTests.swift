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

  /// The programs as the generator makes them from the checkout's sources, made once for the
  /// tests that read them all (each making costs a parse of every source).
  static let programs = Result { try ComparisonPages(root: packageRoot).programs() }

  @Test("every page's code is the code in the sources (else: swift run regenerate-pages)")
  func pagesAreCurrent() throws {
    // The pages here; the programs from the ones made once for the suite (as `staleRegions`
    // compares them).
    #expect(try pages.staleRegions(examples: []) == [])
    let stale = try Self.programs.get().filter { (try? pages.read($0.path)) != $0.text }
    #expect(stale.map(\.path) == [])
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

  @Test("the overview, the support types and one page per example, each with the same sections")
  func pagesHaveTheirSections() throws {
    #expect(
      try pages.pageNames() == [
        "01-start-new-thread.md", "02-threading-module.md", "03-simple-threading.md",
        "04-synchronizing-threads.md",
        "05-producer-consumer.md", "06-worker-pool.md", "07-timeouts.md", "08-stop-flags.md",
        "09-semaphore.md", "10-thread-local.md",
        "11-data-race.md", "12-condition.md", "13-reentrant-lock.md", "14-barrier.md",
        "15-timer.md", "16-lost-errors.md",
        "Performance.md", "README.md", "isolation.md", "support-types.md",
      ])
    for name in try pages.pageNames() where name.first!.isNumber {
      let text = try pages.read("Comparisons/" + name)
      let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
      #expect(headings == ComparisonPages.sections, "\(name)")
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
      #expect((150...400).contains(lines), "\(name) has \(lines) lines")
      #expect(text.components(separatedBy: "```mermaid").count <= 2, "\(name): one chart at most")
      #expect(text.contains("(support-types.md)"), "\(name) does not link the support types")
      #expect(text.contains("(README.md)"), "\(name) does not link the overview")
    }
  }

  @Test("every code block in the pages is generated: none stands outside a code region")
  func noHandCopiedCode() throws {
    for name in try pages.pageNames() {
      let page = Page(text: try pages.read("Comparisons/" + name))
      let outside = page.regenerating(.code) { _ in "" }.regenerating(.run) { _ in "" }
      #expect(!outside.text.contains("```swift"), "\(name) has a hand-written Swift block")
    }
  }

  @Test("each snippet is shown once across the pages")
  func snippetsOnce() throws {
    let shown = try pages.pageNames().flatMap {
      Page(text: try pages.read("Comparisons/" + $0)).regions(.code).map(\.argument)
    }
    #expect(Dictionary(grouping: shown) { $0 }.filter { $0.value.count > 1 }.keys.sorted() == [])
  }

  @Test("every example has its three programs, each holding only the support it uses")
  func programsHoldWhatTheyUse() throws {
    let programs = Dictionary(
      uniqueKeysWithValues: try Self.programs.get().map { ($0.path, $0.text) })
    for example in ExampleID.allCases {
      for file in ["thread.swift", "task.swift", "python.py"] {
        let text = programs["Comparisons/Programs/\(example)/\(file)"]
        #expect(text != nil, "\(example)/\(file)")
        #expect(text?.contains("import ThreadsToTasksCore") == false, "\(example)/\(file)")
      }
    }
    // A support type no other support type uses is in exactly the programs whose example file
    // names it.
    for type in ["AsyncLock", "AsyncQueue", "BlockingQueue", "BoundedSemaphore", "Future"] {
      var expected: [String] = []
      for example in ExampleID.allCases {
        for paradigm in [Paradigm.thread, .task] {
          let folder = paradigm == .thread ? "ThreadVersions" : "TaskVersions"
          let file = "Sources/\(folder)/Examples/\(StandaloneProgram.fileName(example)).swift"
          let code = try pages.read(file).split(separator: "\n")
            .map { StandaloneProgram.code(String($0)) }
          if code.contains(where: { $0.contains(type) }) {
            expected.append("Comparisons/Programs/\(example)/\(paradigm).swift")
          }
        }
      }
      let carrying = programs.filter { $0.value.contains("class \(type)") }.keys.sorted()
      #expect(carrying == expected.sorted(), "\(type)")
      #expect(!carrying.isEmpty, "\(type)")
    }
  }

  @Test("a program shows nothing of the harness once its sources mark it as a run region")
  func programsHoldNoHarness() throws {
    let harness = [
      "observer", "holdingBack", "heldBack", "roster", "probeTick", "Recorder", "ExampleContext",
      "RunContext", "context", "RunBinding", "binding", "JoinWait",
    ]
    func found(_ text: String) -> [String] {
      // Words of ASCII letters, digits and `_`, read byte by byte: every program's every line.
      var words: Set<Substring> = []
      for line in text.split(separator: "\n") {
        let code = StandaloneProgram.code(String(line))
        words.formUnion(
          code.utf8.split {
            !($0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0)
              || (97...122).contains($0))
          }
          .compactMap { Substring($0) })
      }
      return harness.filter { words.contains(Substring($0)) }
    }
    for (path, text) in try Self.programs.get() where path.hasSuffix(".swift") {
      #expect(found(text) == [], "\(path) shows \(found(text))")
    }
    for name in try pages.pageNames() {
      for region in Page(text: try pages.read("Comparisons/" + name)).regions(.code) {
        #expect(found(region.body) == [], "\(name), \(region.argument): \(found(region.body))")
      }
    }
  }

  @Test("a program's run regions are left out; an unclosed region is an error")
  func runRegionsStripped() throws {
    let source = """
      func print(_ items: Any..., separator: String = " ", terminator: String = "\\n") {
        // run: begin
        if let recorder { return recorder.print(items) }
        // run: end
        Swift.print(items.map { "\\($0)" }.joined(separator: separator))
      }
      """
    let files = [
      "Sources/ThreadVersions/Examples/SimpleThreading.swift":
        "func simpleThreading() {\n  print(1)\n}\n",
      "Sources/ThreadVersions/Support/Python.swift": source,
    ]
    let read = { (path: String) throws -> String in files[path] ?? "" }
    let list = { (folder: String) throws -> [String] in
      folder.hasSuffix("Support") ? ["Python.swift"] : ["SimpleThreading.swift"]
    }
    let program = try StandaloneProgram(.simpleThreading, .thread, readFile: read, listing: list)
    #expect(program.source.contains("Swift.print(items"))
    #expect(!program.source.contains("recorder"))
    #expect(!program.source.contains("// run:"))
    let unclosed = { (path: String) throws -> String in
      path.hasSuffix("Python.swift") ? "// run: begin\nlet x = 1\n" : try read(path)
    }
    #expect(throws: Page.Problem.self) {
      try StandaloneProgram(.simpleThreading, .thread, readFile: unclosed, listing: list)
    }
  }

  @Test("a program differing from its sources is stale, named by its path")
  func staleProgramNamed() throws {
    let path = "Sources/TaskVersions/Examples/Semaphore.swift"
    let changed = { (file: String) throws -> String in
      let source = try pages.read(file)
      return file == path
        ? source.replacingOccurrences(of: "value: Int = 2", with: "value: Int = 3") : source
    }
    let stale = try pages.staleRegions(readSource: changed, pages: [], examples: [.semaphore])
    #expect(stale.contains("Comparisons/Programs/semaphore/task.swift"))
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

@Suite("A program's output is judged in the order printed", .watchdog)
struct OutputCheckTests {
  /// Simple-threading's lines as a plain program prints them, thread1 first.
  let inOrder = """
    Starting thread thread1
    thread1: Wed Nov 25 10:00:00 2026
    Starting thread thread2
    thread2: Wed Nov 25 10:00:00 2026
    wait thread1
    Exiting thread2
    Exiting thread1
    wait thread2
    Done

    """

  @Test("lines in their lanes' order, the joins held: passes, each line given to its lane")
  func inOrderPasses() throws {
    let events = try OutputCheck.judge(.simpleThreading, paradigm: .thread, output: inOrder).get()
    #expect(events.map(\.lane).prefix(2) == ["thread1", "thread1"])
    #expect(events.count == 9)
  }

  @Test("a join's line before the joined thread's last line fails, naming the guarantee")
  func joinBroken() {
    let broken = inOrder.replacingOccurrences(
      of: "Exiting thread1\nwait thread2", with: "wait thread2\nExiting thread1")
    guard
      case .failure(let failure) = OutputCheck.judge(
        .simpleThreading, paradigm: .thread, output: broken)
    else {
      Issue.record("judged a broken join as passing")
      return
    }
    #expect(failure.description.contains("join thread1"))
  }

  @Test("a lane's lines out of that lane's order fail, naming the line")
  func laneOrderBroken() {
    let broken = inOrder.replacingOccurrences(
      of: "Starting thread thread1\nthread1:",
      with: "thread1: Wed Nov 25 10:00:00 2026\nStarting thread thread1\nthread1:"
    ).replacingOccurrences(
      of: "thread1: Wed Nov 25 10:00:00 2026\nStarting thread thread2",
      with: "Starting thread thread2")
    guard
      case .failure(let failure) = OutputCheck.judge(
        .simpleThreading, paradigm: .thread, output: broken)
    else {
      Issue.record("judged a lane out of order as passing")
      return
    }
    #expect(failure.description.contains("line 1 'thread1: Wed Nov 25 10:00:00 2026'"))
  }

  @Test("two holders of the lock at once fail; either worker first passes")
  func lockHolders() throws {
    func run(_ first: String, _ firstDelayLines: Int, _ second: String) -> String {
      let stamp = "Wed Nov 25 10:00:00 2026"
      return
        (["Starting Thread-1", "Starting Thread-2", "lock value True"]
        + (0..<3).map { _ in "\(first): \(stamp)" } + ["lock value True"]
        + (0..<3).map { _ in "\(second): \(stamp)" } + ["Exiting Main Thread"])
        .joined(separator: "\n")
    }
    _ = try OutputCheck.judge(
      .synchronizingThreads, paradigm: .thread, output: run("Thread-1", 3, "Thread-2")
    ).get()
    let secondFirst = try OutputCheck.judge(
      .synchronizingThreads, paradigm: .thread, output: run("Thread-2", 3, "Thread-1")
    ).get()
    #expect(OutputCheck.usual(.synchronizingThreads)?.holds(secondFirst) == false)
    let overlapping = run("Thread-1", 3, "Thread-2").replacingOccurrences(
      of:
        "Thread-1: Wed Nov 25 10:00:00 2026\nThread-1: Wed Nov 25 10:00:00 2026\nThread-1: Wed Nov 25 10:00:00 2026\nlock value True",
      with:
        "lock value True\nThread-1: Wed Nov 25 10:00:00 2026\nThread-1: Wed Nov 25 10:00:00 2026\nThread-1: Wed Nov 25 10:00:00 2026"
    )
    guard
      case .failure(let failure) = OutputCheck.judge(
        .synchronizingThreads, paradigm: .thread, output: overlapping)
    else {
      Issue.record("judged two holders of the lock as passing")
      return
    }
    #expect(failure.description.contains("one holder of the lock at a time"))
  }

  @Test("the usual ordering: 4 of 5 runs pass, 3 of 5 fail")
  func usualOrdering() {
    let unusual = """
      Starting thread thread2
      thread2: Wed Nov 25 10:00:00 2026
      Starting thread thread1
      thread1: Wed Nov 25 10:00:00 2026
      wait thread1
      Exiting thread2
      Exiting thread1
      wait thread2
      Done
      """
    let four = (0..<4).map { ("run\($0)", inOrder) } + [("run4", unusual)]
    #expect(OutputCheck.judgeRuns(.simpleThreading, paradigm: .thread, outputs: four).passed)
    let three = (0..<3).map { ("run\($0)", inOrder) } + [("run3", unusual), ("run4", unusual)]
    let verdict = OutputCheck.judgeRuns(.simpleThreading, paradigm: .thread, outputs: three)
    #expect(!verdict.passed)
    #expect(verdict.report.last?.contains("thread1 prints first in 3 of 5 runs") == true)
  }
}
