import Foundation
import ThreadsToTasksCore

/// A standalone program of an example: one file that compiles alone with
/// `swiftc -swift-version 6 -warnings-as-errors` and runs the example as a plain program.
///
/// It is assembled from the package's own sources, so it cannot drift from them: the example's
/// file whole, then every top-level declaration of the paradigm's support files (and of the few
/// core helpers they use, such as `NotebookText`) that the program uses, directly or through
/// another — and nothing else, so a support type appears only in the programs that need it.
/// Every file is read with its run regions taken out: the lines from `// run: begin` to
/// `// run: end` are what a run adds (a recorder, a clock, a roster), and a plain program has
/// none of it. Last comes a call of the example's function on a thread or task named
/// `MainThread`.
public struct StandaloneProgram: Sendable, Equatable {
  /// The example it runs.
  public var example: ExampleID
  /// `.thread` or `.task`.
  public var paradigm: Paradigm
  /// The whole program.
  public var source: String

  /// The example's file name in `Sources/ThreadVersions/Examples/` and
  /// `Sources/TaskVersions/Examples/`, without `.swift`; its function is the same name,
  /// lower camel case (`SimpleThreading.swift` runs `simpleThreading()`).
  public static func fileName(_ example: ExampleID) -> String {
    if example.rawValue == "start-new-thread" { return "StartingWithThread" }
    return example.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
      .joined()
  }

  /// The folder of a paradigm's sources.
  static func module(_ paradigm: Paradigm) -> String {
    paradigm == .thread ? "ThreadVersions" : "TaskVersions"
  }

  /// The files a program may take declarations from, first the ones whose declarations win a
  /// name: the paradigm's support files, the core's plain helpers, then the other examples
  /// (the notebook reuses `do_async_job`; so may a program).
  static func pool(_ paradigm: Paradigm, listing: (String) throws -> [String]) throws -> [String] {
    let module = module(paradigm)
    let support = try listing("Sources/\(module)/Support").filter {
      $0.hasSuffix(".swift") && $0 != "Programs.swift"
    }.sorted().map { "Sources/\(module)/Support/\($0)" }
    let core = ["NotebookText.swift", "Locked.swift", "Latch.swift"].map {
      "Sources/ThreadsToTasksCore/\($0)"
    }
    let examples = try listing("Sources/\(module)/Examples").filter { $0.hasSuffix(".swift") }
      .sorted().map { "Sources/\(module)/Examples/\($0)" }
    return support + core + examples
  }

  /// The program for `example` in `paradigm`, from the files `readFile` reads and the folders
  /// `listing` lists (paths relative to the package root).
  public init(
    _ example: ExampleID, _ paradigm: Paradigm, readFile: (String) throws -> String,
    listing: (String) throws -> [String]
  ) throws {
    try self.init(example, paradigm, readFile: readFile, listing: listing, parsed: ParsedFiles())
  }

  /// The same, parsing each file once for all the programs made with `parsed`.
  init(
    _ example: ExampleID, _ paradigm: Paradigm, readFile: (String) throws -> String,
    listing: (String) throws -> [String], parsed: ParsedFiles
  ) throws {
    let name = Self.fileName(example)
    let entryPath = "Sources/\(Self.module(paradigm))/Examples/\(name).swift"
    let entry = try parsed.parsed(entryPath, readFile: readFile)
    let pool = try Self.pool(paradigm, listing: listing).filter { $0 != entryPath }
      .map { try parsed.parsed($0, readFile: readFile) }
    // Who declares each name: the first file of the pool that does (all its overloads).
    var declarers: [String: [Declaration]] = [:]
    var claimed: Set<String> = Set(entry.declarations.flatMap(\.names))
    for file in pool {
      var mine: [String: [Declaration]] = [:]
      for declaration in file.declarations {
        for declared in declaration.names where !claimed.contains(declared) {
          mine[declared, default: []].append(declaration)
        }
      }
      for (declared, declarations) in mine { declarers[declared] = declarations }
      claimed.formUnion(mine.keys)
    }
    // The pool's extensions, by the type they extend, in the pool's order.
    var extensions: [String: [Declaration]] = [:]
    for file in pool {
      for declaration in file.declarations {
        guard let extended = declaration.extends else { continue }
        extensions[extended, default: []].append(declaration)
      }
    }
    // What the program uses, from the example's file outward.
    var included: [Declaration] = []
    var includedIDs: Set<String> = []
    var pending = entry.declarations.flatMap(\.references)
    var seen: Set<String> = []
    while let word = pending.popLast() {
      guard seen.insert(word).inserted else { continue }
      // Another example's declaration is borrowed only when called (`doAsyncJob(`): its
      // names (`semaphore`, `worker`) are also the names of local values.
      let called = word.hasSuffix("(")
      let bare = called ? String(word.dropLast()) : word
      for declaration in declarers[bare] ?? []
      where (called || !declaration.id.contains("/Examples/") && !declaration.isFunction)
        && includedIDs.insert(declaration.id).inserted
      {
        included.append(declaration)
        pending += declaration.references
      }
      // An extension comes with its type.
      for declaration in extensions[bare] ?? [] where includedIDs.insert(declaration.id).inserted {
        included.append(declaration)
        pending += declaration.references
      }
    }
    // In the pool's order, file by file, each file's declarations in its own order.
    var body: [String] = entry.declarations.map(\.text)
    var imports = entry.imports
    for file in pool {
      let chosen = file.declarations.filter { includedIDs.contains($0.id) }
      guard !chosen.isEmpty else { continue }
      body.append("// MARK: - from \(file.path)")
      body += chosen.map(\.text)
      imports += file.imports
    }
    var uniqueImports: [String] = []
    for line in imports where !uniqueImports.contains(line) {
      let module = line.split(separator: " ").last.map(String.init) ?? ""
      if module != "ThreadsToTasksCore" { uniqueImports.append(line) }
    }
    // By module name, as `swift format` orders them (`internal import CoreFoundation` first).
    uniqueImports.sort { $0.split(separator: " ").last! < $1.split(separator: " ").last! }
    let function = name.prefix(1).lowercased() + name.dropFirst()
    // `try` only where the function throws: `-warnings-as-errors` refuses a `try` with nothing
    // to try.
    let declaration = entry.declarations.first { $0.isFunction && $0.names == [function] }
    let code = declaration?.text.split(separator: "\n").map { SwiftFile.code(String($0)) }
    let signature = code?.joined(separator: "\n").components(separatedBy: "{").first
    let tries = signature?.contains(" throws") ?? true ? "try " : ""
    let main =
      paradigm == .thread
      ? ["// MARK: - main", "Thread.current.name = \"MainThread\"\n\(function)()"]
      : [
        "// MARK: - main",
        "// Detached: off the main actor, so `Task.immediate` runs a child at once, as in a run.\n"
          + "\(tries)await Task.detached(name: \"MainThread\") { \(tries)await \(function)() }.value",
      ]
    self.example = example
    self.paradigm = paradigm
    let header = """
      // \(example.title), \(paradigm == .thread ? "Foundation `Thread`" : "structured concurrency"):
      // a whole program that `swift run regenerate-pages` assembles from the example's file,
      // \(entryPath), and the package's support it uses.
      // Build and run: `swiftc -swift-version 6 \(paradigm.rawValue).swift -o example && ./example`
      """
    // One blank line between pieces, and never two in a row: a run region stripped from between
    // blank lines, or a piece it left empty, would otherwise leave a gap `swift format` flags.
    // (The sources hold no multi-line string literal a collapse could change.)
    var joined =
      ([header, uniqueImports.joined(separator: "\n")] + body + main)
      .map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
      .joined(separator: "\n\n") + "\n"
    while joined.contains("\n\n\n") {
      joined = joined.replacingOccurrences(of: "\n\n\n", with: "\n\n")
    }
    source = joined
  }

  /// `line` without its `//` comment: what a program's code, not its prose, names.
  public static func code(_ line: String) -> String { SwiftFile.code(line) }

  /// The program's path in the checkout: `Comparisons/Programs/simple-threading/task.swift`.
  public var path: String { "Comparisons/Programs/\(example.rawValue)/\(paradigm.rawValue).swift" }
}

/// A top-level Python statement: the names it binds, the identifiers it uses, its text.
typealias Statement = (names: [String], references: [String], text: String)

/// Files parsed for a set of programs, each once, by path: `ParsedFiles` (Swift sources cut into
/// declarations) and `ParsedModules` (Python modules cut into statements). Used by one caller at a
/// time.
final class ParsedByPath<Value> {
  private var values: [String: Value] = [:]
  private let parse: (_ path: String, _ text: String) throws -> Value

  init(parse: @escaping (_ path: String, _ text: String) throws -> Value) { self.parse = parse }

  /// The file at `path`, parsed; read with `readFile` the first time it is asked for.
  func parsed(_ path: String, readFile: (String) throws -> String) throws -> Value {
    if let value = values[path] { return value }
    let value = try parse(path, readFile(path))
    values[path] = value
    return value
  }
}

typealias ParsedFiles = ParsedByPath<SwiftFile>
typealias ParsedModules = ParsedByPath<[Statement]>

extension ParsedByPath where Value == SwiftFile {
  convenience init() { self.init { try SwiftFile(path: $0, text: $1) } }
}

extension ParsedByPath where Value == [Statement] {
  convenience init() { self.init { PythonProgram.statements($1) } }
}

/// A Swift source file cut into its top-level declarations, its run regions and snippet markers
/// taken out.
struct SwiftFile {
  var path: String
  var imports: [String] = []
  var declarations: [Declaration] = []

  init(path: String, text: String) throws {
    self.path = path
    var lines: [String] = []
    var inRun = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      let trimmed = line.trimmingBlanks
      if trimmed == "// run: begin" {
        guard !inRun else { throw Page.Problem(description: "\(path): nested // run: begin") }
        inRun = true
      } else if trimmed == "// run: end" {
        guard inRun else { throw Page.Problem(description: "\(path): // run: end without begin") }
        inRun = false
      } else if inRun || trimmed.hasPrefix("// snippet: ") || trimmed.hasPrefix("// end snippet: ")
      {
        continue
      } else if !line.hasPrefix(" ")
        && (trimmed.hasPrefix("import ") || trimmed.hasPrefix("internal import "))
      {
        imports.append(trimmed)
      } else {
        lines.append(line)
      }
    }
    guard !inRun else { throw Page.Problem(description: "\(path): // run: begin without end") }
    // A declaration starts at a line at the left margin, outside any brackets, after a line of
    // code; the comments and attributes above it are its own.
    var chunks: [[String]] = []
    var current: [String] = []
    var depth = 0
    var hasCode = false
    for line in lines {
      let atMargin = !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("\t")
      if depth == 0 && atMargin && hasCode && !line.hasPrefix("}") && !line.hasPrefix(")")
        && !line.hasPrefix("]")
      {
        chunks.append(current)
        current = []
        hasCode = false
      }
      current.append(line)
      let code = Self.code(line)
      if !code.trimmingBlanks.isEmpty
        && !code.trimmingBlanks.hasPrefix("@")
      {
        hasCode = true
      }
      for character in code {
        if "{([".contains(character) { depth += 1 }
        if "})]".contains(character) { depth -= 1 }
      }
    }
    if !current.isEmpty { chunks.append(current) }
    declarations = chunks.enumerated().compactMap { index, chunk in
      var chunk = chunk
      while chunk.last?.trimmingBlanks.isEmpty == true { chunk.removeLast() }
      while chunk.first?.trimmingBlanks.isEmpty == true {
        chunk.removeFirst()
      }
      guard !chunk.isEmpty else { return nil }
      return Declaration(id: "\(path)#\(index)", lines: chunk)
    }
  }

  /// A line without its `//` comment and string literals' contents kept (interpolations name
  /// what they use).
  static func code(_ line: String) -> String {
    let bytes = Array(line.utf8)
    var inString = false
    for index in bytes.indices {
      if bytes[index] == UInt8(ascii: "\"")
        && (index == 0 || bytes[index - 1] != UInt8(ascii: "\\"))
      {
        inString.toggle()
      } else if !inString && bytes[index] == UInt8(ascii: "/") && index + 1 < bytes.count
        && bytes[index + 1] == UInt8(ascii: "/")
      {
        return String(decoding: bytes[..<index], as: UTF8.self)
      }
    }
    return line
  }
}

/// One top-level declaration: what it declares and what it names.
struct Declaration {
  var id: String
  var text: String
  /// The names it declares (`print`, `JoinableThread`); none for an extension.
  var names: [String] = []
  /// The type an extension extends.
  var extends: String?
  /// Every identifier its code names; a name followed by `(` also as `name(`.
  var references: [String] = []
  /// Whether it is a function: one is used where it is called (`deadline(` calls, `deadline`
  /// may be a local value of the same name).
  var isFunction = false

  init(id: String, lines: [String]) {
    self.id = id
    text = lines.joined(separator: "\n")
    let code = lines.map(SwiftFile.code).joined(separator: "\n")
    references = Self.identifiers(code)
    let keywords: Set<String> = [
      "func", "class", "struct", "enum", "actor", "protocol", "typealias", "let", "var",
    ]
    let words = references.filter { !$0.hasSuffix("(") }
    if let index = words.firstIndex(of: "extension"), index + 1 < words.count {
      extends = words[index + 1]
    } else if let index = words.firstIndex(where: keywords.contains), index + 1 < words.count {
      names = [words[index + 1]]
      isFunction = words[index] == "func"
    }
  }

  /// The identifiers of `code`, in order.
  static func identifiers(_ code: String) -> [String] {
    // Bytes, not characters: identifiers here are ASCII, and this runs over every source line.
    let bytes = Array(code.utf8) + [UInt8(ascii: " ")]
    func isWordByte(_ byte: UInt8) -> Bool {
      (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
        || byte == 95
    }
    let operators = Array("<>!&|+-*/%?:,".utf8)
    var found: [String] = []
    var start: Int?
    for index in bytes.indices {
      if isWordByte(bytes[index]) {
        if start == nil { start = index }
        continue
      }
      guard let from = start else { continue }
      start = nil
      if bytes[from] >= 48 && bytes[from] <= 57 { continue }
      let word = String(decoding: bytes[from..<index], as: UTF8.self)
      let previous = found.last { !$0.hasSuffix("(") }
      found.append(word)
      // Called: `name(…)`, or `name { … }` with a trailing closure (not `while x < limit {`).
      var next = index
      while next < bytes.count && bytes[next] == UInt8(ascii: " ") { next += 1 }
      var before = from - 1
      while before >= 0 && bytes[before] == UInt8(ascii: " ") { before -= 1 }
      let nextByte = next < bytes.count ? bytes[next] : UInt8(ascii: " ")
      let beforeByte = before >= 0 ? bytes[before] : UInt8(ascii: " ")
      let condition = ["if", "while", "guard", "switch", "in", "where"].contains(previous ?? "")
      if nextByte == UInt8(ascii: "(")
        || (nextByte == UInt8(ascii: "{") && !condition && !operators.contains(beforeByte))
      {
        found.append(word + "(")
      }
    }
    return found
  }
}

/// The Python program of an example: its function in the package's Python examples, with every
/// top-level definition and import it uses, and a call of it — what a Python developer would
/// save as one file and run with `python3`.
public struct PythonProgram: Sendable, Equatable {
  /// The example it runs.
  public var example: ExampleID
  /// The whole program.
  public var source: String

  /// The package's Python examples.
  static let modules = [
    "Sources/SideBySideKit/Python/notebook_examples.py",
    "Sources/SideBySideKit/Python/beyond_examples.py",
  ]

  /// The program for `example`, from the files `readFile` reads.
  public init(_ example: ExampleID, readFile: (String) throws -> String) throws {
    try self.init(example, readFile: readFile, parsed: ParsedModules())
  }

  /// The same, cutting each module into statements once for all the programs made with `parsed`.
  init(_ example: ExampleID, readFile: (String) throws -> String, parsed: ParsedModules) throws {
    let function = example.rawValue.replacingOccurrences(of: "-", with: "_")
    var statements: [Statement] = []
    var imports: [(names: [String], text: String)] = []
    var module: String?
    for path in Self.modules {
      let chunks = try parsed.parsed(path, readFile: readFile)
      guard chunks.contains(where: { $0.names.contains(function) }) else { continue }
      module = path
      for chunk in chunks {
        let code = chunk.text.split(separator: "\n").filter { !$0.hasPrefix("#") }
          .joined(separator: "\n")
        if code.hasPrefix("import ") || code.hasPrefix("from ") {
          let names =
            code.hasPrefix("import ")
            ? [String(code.dropFirst("import ".count).prefix { $0 != " " && $0 != "." })]
            : code.components(separatedBy: " import ").last!.split(separator: ",").map {
              $0.trimmingBlanks
            }
          imports.append((names, chunk.text))
        } else if !chunk.names.isEmpty, !chunk.names.contains("EXAMPLES") {
          statements.append(chunk)
        }
      }
    }
    guard let module else {
      throw Page.Problem(description: "no Python function \(function) in \(Self.modules)")
    }
    var included: Set<Int> = []
    var pending = [function]
    var seen: Set<String> = []
    while let word = pending.popLast() {
      guard seen.insert(word).inserted else { continue }
      for (index, statement) in statements.enumerated()
      where statement.names.contains(word) && included.insert(index).inserted {
        pending += statement.references
      }
    }
    let used = Set(included.flatMap { statements[$0].references })
    let importLines = imports.filter { !Set($0.names).isDisjoint(with: used) }.map {
      // A comment the line carries is about the package's harness, not this program.
      $0.text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
        $0.components(separatedBy: "  #")[0]
      }.joined(separator: "\n")
    }
    let header = """
      # \(example.title), Python: a whole program, assembled by `swift run regenerate-pages`
      # from the package's \(module.split(separator: "/").last!). Run it with `python3 python.py`.
      """
    let body = included.sorted().map { statements[$0].text }
    self.example = example
    source =
      ([header, importLines.joined(separator: "\n")] + body
      + ["if __name__ == \"__main__\":\n    \(function)()"]).joined(separator: "\n\n\n") + "\n"
  }

  /// The program's path in the checkout.
  public var path: String { "Comparisons/Programs/\(example.rawValue)/python.py" }

  /// A Python module cut into its top-level statements, each with the comments above it, the
  /// names it binds and the identifiers it uses.
  static func statements(_ text: String) -> [Statement] {
    var chunks: [[String]] = []
    var current: [String] = []
    var hasCode = false
    var inString = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      let atMargin = !line.isEmpty && !line.hasPrefix(" ")
      if !inString && atMargin && hasCode && !line.hasPrefix(")") && !line.hasPrefix("]")
        && !line.hasPrefix("}")
      {
        chunks.append(current)
        current = []
        hasCode = false
      }
      current.append(line)
      if !line.trimmingBlanks.isEmpty && !line.hasPrefix("#") {
        hasCode = true
      }
      if line.components(separatedBy: "\"\"\"").count % 2 == 0 { inString.toggle() }
    }
    chunks.append(current)
    return chunks.compactMap { chunk in
      var chunk = chunk
      while chunk.last?.trimmingBlanks.isEmpty == true { chunk.removeLast() }
      guard let first = chunk.first(where: { !$0.hasPrefix("#") && !$0.isEmpty }) else {
        return nil
      }
      let words = Declaration.identifiers(first).filter { !$0.hasSuffix("(") }
      var names: [String] = []
      if ["def", "class"].contains(words.first), words.count > 1 {
        names = [words[1]]
      } else if let name = words.first,
        first.contains("=") || first.hasPrefix("import")
          || first.hasPrefix("from")
      {
        names = [name]
      }
      let code = chunk.map { $0.components(separatedBy: "#")[0] }.joined(separator: "\n")
      let references = Declaration.identifiers(code).filter { !$0.hasSuffix("(") }
      return (names, references, chunk.joined(separator: "\n"))
    }
  }
}

extension StringProtocol {
  /// The text without the spaces and tabs at either end: what Foundation's
  /// `trimmingCharacters(in: .whitespaces)` gives for a line of source, without its bridging to
  /// `NSString`, which was an eighth of the time the pages' check took.
  var trimmingBlanks: String {
    let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
    let end = self[start...].lastIndex { $0 != " " && $0 != "\t" }.map(index(after:)) ?? start
    return String(self[start..<end])
  }
}
