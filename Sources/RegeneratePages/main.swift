// `swift run regenerate-pages`: rewrites the generated parts of Comparisons/ — the code from the
// sources, the run output from real runs — so the pages never drift from the code. The test
// suite fails while a page's code is stale.
import ComparisonPages
import Foundation

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
