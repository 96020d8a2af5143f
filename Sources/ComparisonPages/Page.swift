import Foundation

/// A page of `Comparisons/` whose code blocks and run output are generated, never hand-copied.
///
/// A page marks what is generated with HTML comments, which Markdown does not show:
///
///     <!-- code: Sources/TaskVersions/SerialPrinter.swift#take-turn -->
///     …a fenced Swift block, rewritten from that source…
///     <!-- end -->
///
///     <!-- run: synchronizing-threads --naive-actor --seed 7 -->
///     …what `side-by-side --format markdown` printed for those arguments…
///     <!-- end -->
///
/// A `code:` region names a file, or a part of one between `// snippet: NAME` and
/// `// end snippet: NAME` lines (the marker lines themselves are left out), always without the
/// lines from `// run: begin` to `// run: end`: a run's instrumentation. A `run:` region is
/// the output of a real run, whose timestamps and lock winner differ from run to run; it is
/// regenerated with the page but not compared when checking that a page is current.
public struct Page: Sendable, Equatable {
  /// The page's Markdown.
  public var text: String

  /// A page with this Markdown.
  public init(text: String) { self.text = text }

  /// A generated region's kind.
  public enum Kind: String, Sendable {
    /// Source code, from a file or a snippet of one.
    case code
    /// The output of a `side-by-side` run.
    case run
    /// The support types' tables, from their doc comments (`SupportTypes`).
    case supportTypes = "support-types"
  }

  /// Why a page could not be generated.
  public struct Problem: Error, Equatable, CustomStringConvertible {
    /// What is wrong, naming the region.
    public var description: String
  }

  /// The page with every region of `kind` rewritten by `generate`, which gets the region's
  /// argument (`Sources/….swift#name`, or the run's arguments) and returns the region's body.
  public func regenerating(
    _ kind: Kind, with generate: (String) throws -> String
  ) rethrows -> Page {
    var output: [Substring] = []
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    while let line = lines.popFirst() {
      output.append(line)
      let opening = "<!-- \(kind.rawValue): "
      guard line.hasPrefix(opening), line.hasSuffix(" -->") else { continue }
      let argument = line.dropFirst(opening.count).dropLast(4)
      // Drop the old body up to the end marker, and put the new one in its place.
      while let old = lines.first, old != "<!-- end -->" { lines.removeFirst() }
      output.append(
        contentsOf: try generate(String(argument)).split(
          separator: "\n", omittingEmptySubsequences: false))
    }
    return Page(text: output.joined(separator: "\n"))
  }

  /// The page without the bodies of its `run:` regions: the part that must match the sources.
  public var withoutRuns: Page { regenerating(.run) { _ in "" } }

  /// The regions of `kind`, each with its argument and its body, in page order.
  public func regions(_ kind: Kind) -> [(argument: String, body: String)] {
    var found: [(argument: String, body: String)] = []
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    let opening = "<!-- \(kind.rawValue): "
    while let line = lines.popFirst() {
      guard line.hasPrefix(opening), line.hasSuffix(" -->") else { continue }
      var body: [Substring] = []
      while let next = lines.popFirst(), next != "<!-- end -->" { body.append(next) }
      found.append(
        (String(line.dropFirst(opening.count).dropLast(4)), body.joined(separator: "\n")))
    }
    return found
  }

  /// The code for `reference` (`path` or `path#snippet`) as a fenced Swift block, read through
  /// `readFile` (paths relative to the package root).
  public static func codeBlock(
    _ reference: String, readFile: (String) throws -> String
  ) throws -> String {
    let parts = reference.split(separator: "#", maxSplits: 1).map(String.init)
    let source = try readFile(parts[0])
    var lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    if parts.count == 2 {
      let name = parts[1]
      guard
        let start = lines.firstIndex(where: {
          $0.trimmingBlanks == "// snippet: \(name)"
        }),
        let end = lines.firstIndex(where: {
          $0.trimmingBlanks == "// end snippet: \(name)"
        }),
        start < end
      else {
        throw Problem(description: "\(parts[0]) has no snippet '\(name)'")
      }
      lines = Array(lines[(start + 1)..<end])
      // Indented snippets are shown from the left margin.
      let indent =
        lines.filter { !$0.trimmingBlanks.isEmpty }
        .map { $0.prefix { $0 == " " }.count }.min() ?? 0
      lines = lines.map { $0.dropFirst(min(indent, $0.count)) }
    }
    // A run's instrumentation is no part of what a reader sees (see `StandaloneProgram`).
    var inRun = false
    lines.removeAll { line in
      switch line.trimmingBlanks {
      case "// run: begin":
        inRun = true
        return true
      case "// run: end":
        inRun = false
        return true
      default: return inRun
      }
    }
    lines.removeAll {
      $0.trimmingBlanks.hasPrefix("// snippet: ")
        || $0.trimmingBlanks.hasPrefix("// end snippet: ")
    }
    return (["```swift"] + lines.map(String.init) + ["```"]).joined(separator: "\n")
  }
}
