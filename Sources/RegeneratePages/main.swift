// `swift run regenerate-pages`: rewrites the generated parts of Comparisons/ — the code from the
// sources, the run output from real runs — so the pages never drift from the code. The test
// suite fails while a page's code is stale.
import ComparisonPages
import Foundation

let usage = """
  usage: swift run regenerate-pages
  Rewrites the code and run regions of Comparisons/*.md from the sources. Takes no arguments;
  `swift test` reports a page whose code is stale.
  """
switch CommandLine.arguments.dropFirst().first {
case nil: break
case "--help", "-h":
  print(usage)
  exit(0)
case let argument?:
  FileHandle.standardError.write(
    Data("regenerate-pages: unexpected argument '\(argument)'\n\(usage)\n".utf8))
  exit(64)
}

let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
else {
  FileHandle.standardError.write(Data("regenerate-pages: run me from the package root\n".utf8))
  exit(64)
}
do {
  let changed = try await ComparisonPages(root: root).regenerate()
  print(
    changed.isEmpty ? "Comparisons/ is up to date" : "rewrote: " + changed.joined(separator: ", "))
} catch {
  FileHandle.standardError.write(Data("regenerate-pages: \(error)\n".utf8))
  exit(1)
}
