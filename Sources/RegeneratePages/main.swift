// `swift run regenerate-pages`: rewrites the generated parts of Comparisons/ — the code from the
// sources, the run output from real runs — so the pages never drift from the code. The test
// suite fails while a page's code is stale.
import ComparisonPages
import Foundation

let usage = """
  usage: swift run regenerate-pages [--standalone DIRECTORY]
  Rewrites the code, standalone and run regions of Comparisons/*.md from the sources; `swift test`
  reports a page whose code is stale. With --standalone, writes every page's standalone program
  to DIRECTORY instead (EXAMPLE.PARADIGM.swift, and EXAMPLE.PARADIGM.expected: the lines it must
  print, sorted, stamps as <ctime>), for `.ci/run` to compile and run.
  """
var standaloneDirectory: String?
switch Array(CommandLine.arguments.dropFirst()) {
case []: break
case ["--help"], ["-h"]:
  print(usage)
  exit(0)
case let arguments where arguments.count == 2 && arguments[0] == "--standalone":
  standaloneDirectory = arguments[1]
case let arguments:
  try? FileHandle.standardError.write(
    contentsOf: Data("regenerate-pages: unexpected argument '\(arguments[0])'\n\(usage)\n".utf8))
  exit(64)
}

let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
else {
  try? FileHandle.standardError.write(
    contentsOf: Data("regenerate-pages: run me from the package root\n".utf8))
  exit(64)
}
do {
  if let standaloneDirectory {
    let directory = URL(fileURLWithPath: standaloneDirectory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, program) in try ComparisonPages(root: root).standalonePrograms() {
      try program.source.write(
        to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
      let expected = program.expectedLines.joined(separator: "\n") + "\n"
      try expected.write(
        to: directory.appendingPathComponent(
          name.replacingOccurrences(of: ".swift", with: ".expected")),
        atomically: true, encoding: .utf8)
      print(name)
    }
    exit(0)
  }
  let changed = try await ComparisonPages(root: root).regenerate()
  print(
    changed.isEmpty ? "Comparisons/ is up to date" : "rewrote: " + changed.joined(separator: ", "))
} catch {
  try? FileHandle.standardError.write(contentsOf: Data("regenerate-pages: \(error)\n".utf8))
  exit(1)
}
