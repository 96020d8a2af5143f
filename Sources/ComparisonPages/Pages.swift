import Foundation
import SideBySideKit
import ThreadsToTasksCore

/// The start every page's runs are stamped from: Wed Nov 25 10:00:00 2026, UTC.
let fixedStart = Date(timeIntervalSince1970: 1_795_600_800)

/// The `Comparisons/` folder of a package checkout: reading, regenerating and checking its pages.
public struct ComparisonPages: Sendable {
  /// The sections of every example page, in order (`Comparisons/README.md` lists them).
  public static let sections = [
    "## What it is for", "## Mapping", "## The two versions", "## Guaranteed, and usual",
    "## A run", "## What differs, and why", "## Traps", "## Programs", "## Further reading",
  ]

  /// The package root (the folder with `Package.swift`).
  public let root: URL

  /// The pages of the checkout at `root`.
  public init(root: URL) { self.root = root }

  /// The Markdown files of `Comparisons/`, by file name.
  public func pageNames() throws -> [String] {
    try FileManager.default.contentsOfDirectory(
      atPath: root.appendingPathComponent("Comparisons").path
    )
    .filter { $0.hasSuffix(".md") }.sorted()
  }

  /// Reads a file of the checkout, by path relative to the root.
  public func read(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  /// Lists a folder of the checkout, by path relative to the root.
  public func list(_ path: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(path).path)
  }

  /// The page with its code regions rewritten from the sources as they are now (as `readSource`
  /// reads them; the checkout's files by default).
  public func withCurrentCode(
    _ page: Page, readSource: ((String) throws -> String)? = nil
  ) throws -> Page {
    let readSource = readSource ?? read
    return try page.regenerating(.code) { try Page.codeBlock($0, readFile: readSource) }
      .regenerating(.supportTypes) { _ in try SupportTypes.table(readFile: readSource) }
  }

  /// The programs of `examples` (every example's by default) as the sources make them now: path
  /// (`Comparisons/Programs/…`) and text — the thread and the task program, and the Python one.
  public func programs(
    readSource: ((String) throws -> String)? = nil, examples: [ExampleID] = ExampleID.allCases
  ) throws -> [(path: String, text: String)] {
    let readSource = readSource ?? read
    let parsed = ParsedFiles()
    let modules = ParsedModules()
    return try examples.flatMap { example -> [(path: String, text: String)] in
      let swift = try [Paradigm.thread, .task].map {
        try StandaloneProgram(example, $0, readFile: readSource, listing: list, parsed: parsed)
      }
      let python = try PythonProgram(example, readFile: readSource, parsed: modules)
      return swift.map { ($0.path, $0.source) } + [(python.path, python.source)]
    }
  }

  /// Every region of the pages named `pages` (every page by default) whose code differs from the
  /// sources, as `page: kind argument`, and every program file of `examples` (every example's by
  /// default) that differs from what the sources make, by path — what to regenerate.
  /// `readSource` reads the sources (the checkout's by default).
  public func staleRegions(
    readSource: ((String) throws -> String)? = nil, pages names: [String]? = nil,
    examples: [ExampleID] = ExampleID.allCases
  ) throws -> [String] {
    let pages = try (names ?? pageNames()).flatMap { name -> [String] in
      let page = Page(text: try read("Comparisons/" + name))
      let current = try withCurrentCode(page, readSource: readSource)
      return [Page.Kind.code, .supportTypes].flatMap { kind in
        zip(page.regions(kind), current.regions(kind)).filter { $0.body != $1.body }
          .map { old, _ in "\(name): \(kind.rawValue) \(old.argument)" }
      }
    }
    let programs = try programs(readSource: readSource, examples: examples).filter { path, text in
      (try? read(path)) != text
    }.map(\.path)
    return pages + programs
  }

  /// Rewrites every page: code from the sources, run regions from real runs at a fast pace.
  /// Returns the names of the pages that changed.
  public func regenerate() async throws -> [String] {
    var changed: [String] = []
    for (path, text) in try programs() where (try? read(path)) != text {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
      changed.append(path)
    }
    for name in try pageNames() {
      let path = "Comparisons/" + name
      let old = Page(text: try read(path))
      var page = try withCurrentCode(old)
      var runs: [String: String] = [:]
      _ = page.regenerating(.run) { arguments in
        runs[arguments] = ""
        return ""
      }
      let oldRuns = Dictionary(
        old.regions(.run).map { ($0.argument, $0.body) }, uniquingKeysWith: { first, _ in first })
      for arguments in runs.keys {
        // Run twice: where the same lines come in another order, in these runs or against the
        // page as it was, the page says so rather than pick one order as if it were fixed.
        let run = await Self.markdownRun(arguments)
        let again = await Self.markdownRun(arguments)
        // Once seen, the note stays: the order did vary.
        let old = oldRuns[arguments] ?? run
        let varies =
          old.hasPrefix(Self.mayVary) || [again, old].contains { Self.reordered(run, $0) }
        runs[arguments] = varies ? Self.mayVary + "\n\n" + run : run
      }
      page = page.regenerating(.run) { runs[$0] ?? "" }
      if page != old {
        try page.text.write(
          to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        changed.append(name)
      }
    }
    return changed
  }

  /// What a page says above a run whose lines came in another order when run again.
  static let mayVary = "_The order of lines within a beat may vary from run to run._"

  /// Whether some paradigm's column holds the same lines in another order in the two runs'
  /// tables.
  static func reordered(_ run: String, _ other: String) -> Bool {
    func columns(_ text: String) -> [[String]] {
      let rows = text.split(separator: "\n").filter { $0.prefixMatch(of: /\| \d+ \|/) != nil }
        .map { $0.components(separatedBy: " | ").dropFirst().dropLast() }
      return (0..<(rows.map(\.count).max() ?? 0)).map { column in
        rows.compactMap { $0.dropFirst(column).first }.filter { $0 != "—" }
      }
    }
    return zip(columns(run), columns(other)).contains { $0 != $1 && $0.sorted() == $1.sorted() }
  }

  /// What `side-by-side --format markdown --pace 0.1 ARGUMENTS` prints, with its stamps read
  /// from a clock that started at a fixed time: a run a page can show and regenerate without
  /// changing a line, unless the code changed what it prints.
  static func markdownRun(_ arguments: String) async -> String {
    let text = Locked("")
    let output = Output(
      write: { chunk in text.withLock { $0 += chunk } }, writeError: { _ in })
    let words = arguments.split(separator: " ").map(String.init)
    _ = await sideBySide(
      words + ["--format", "markdown", "--pace", "0.1"], output: output,
      stampsFrom: fixedStart)
    return withoutCharts(text.withLock { $0 }).trimmingCharacters(in: .newlines)
  }

  /// `markdown` without its Mermaid charts: on a page, the table shows the run once, in the
  /// order it was recorded, and a chart drawn from the same events would repeat it.
  static func withoutCharts(_ markdown: String) -> String {
    var kept: [Substring] = []
    var inChart = false
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == "```mermaid" {
        inChart = true
      } else if inChart {
        if line == "```" { inChart = false }
      } else if !(line.isEmpty && kept.last?.isEmpty == true) {
        kept.append(line)
      }
    }
    return kept.joined(separator: "\n")
  }
}
