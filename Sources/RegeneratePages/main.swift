// `swift run regenerate-pages`: rewrites the generated parts of Comparisons/ — the code from the
// sources, the run output from real runs, and each example's programs in Comparisons/Programs/ —
// so the pages never drift from the code. The test suite fails while a page or program is stale.
import ComparisonPages
import Foundation
import ThreadsToTasksCore

let usage = """
  usage: swift run regenerate-pages
         swift run regenerate-pages --check-output EXAMPLE PARADIGM OUTPUT...
  Rewrites the code and run regions of Comparisons/*.md and the programs in Comparisons/Programs/
  from the sources; `swift test` reports a page or program that is stale.
  With --check-output, judges what a program printed (each OUTPUT a file holding one run's
  standard output) with the package's checker: every line in its lane's order, the guarantees
  held, and, where the page states a usual ordering, all runs but one showing it. Exit 0 when
  all held, 1 when not, 64 for bad arguments.
  """

func fail(_ message: String, status: Int32) -> Never {
  try? FileHandle.standardError.write(contentsOf: Data("regenerate-pages: \(message)\n".utf8))
  exit(status)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case nil: break
case "--help", "-h":
  print(usage)
  exit(0)
case "--check-output":
  guard arguments.count >= 4 else {
    fail("--check-output wants EXAMPLE PARADIGM OUTPUT...\n\(usage)", status: 64)
  }
  guard let example = ExampleID(rawValue: arguments[1]) else {
    fail("no example '\(arguments[1])'", status: 64)
  }
  guard let paradigm = Paradigm(rawValue: arguments[2]) else {
    fail("no paradigm '\(arguments[2])' (thread, task or python)", status: 64)
  }
  var outputs: [(name: String, text: String)] = []
  for path in arguments[3...] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      fail("cannot read '\(path)'", status: 64)
    }
    outputs.append((URL(fileURLWithPath: path).lastPathComponent, text))
  }
  let (report, passed) = OutputCheck.judgeRuns(example, paradigm: paradigm, outputs: outputs)
  print(report.joined(separator: "\n"))
  exit(passed ? 0 : 1)
default:
  fail("unexpected argument '\(arguments[0])'\n\(usage)", status: 64)
}

let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
else { fail("run me from the package root", status: 64) }
do {
  let changed = try await ComparisonPages(root: root).regenerate()
  print(
    changed.isEmpty ? "Comparisons/ is up to date" : "rewrote: " + changed.joined(separator: ", "))
} catch {
  fail("\(error)", status: 1)
}
