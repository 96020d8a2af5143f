import Foundation
import SideBySideKit
import ThreadsToTasksCore

/// The `Comparisons/` folder of a package checkout: reading, regenerating and checking its pages.
public struct ComparisonPages: Sendable {
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

  /// The page with its code regions rewritten from the sources as they are now.
  public func withCurrentCode(_ page: Page) throws -> Page {
    try page.regenerating(.code) { try Page.codeBlock($0, readFile: read) }
  }

  /// The names of the pages whose code differs from the sources: stale pages.
  public func stalePages() throws -> [String] {
    try pageNames().filter { name in
      let page = Page(text: try read("Comparisons/" + name))
      return try withCurrentCode(page).withoutRuns != page.withoutRuns
    }
  }

  /// Rewrites every page: code from the sources, run regions from real runs at a fast pace.
  /// Returns the names of the pages that changed.
  public func regenerate() async throws -> [String] {
    var changed: [String] = []
    for name in try pageNames() {
      let path = "Comparisons/" + name
      let old = Page(text: try read(path))
      var page = try withCurrentCode(old)
      var runs: [String: String] = [:]
      _ = page.regenerating(.run) { arguments in
        runs[arguments] = ""
        return ""
      }
      for arguments in runs.keys { runs[arguments] = await Self.markdownRun(arguments) }
      page = page.regenerating(.run) { runs[$0] ?? "" }
      if page != old {
        try page.text.write(
          to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        changed.append(name)
      }
    }
    return changed
  }

  /// What `side-by-side --format markdown --pace 0.1 ARGUMENTS` prints.
  static func markdownRun(_ arguments: String) async -> String {
    let text = Locked("")
    let output = Output(
      write: { chunk in text.withLock { $0 += chunk } }, writeError: { _ in })
    let words = arguments.split(separator: " ").map(String.init)
    _ = await sideBySide(words + ["--format", "markdown", "--pace", "0.1"], output: output)
    return text.withLock { $0 }.trimmingCharacters(in: .newlines)
  }
}
