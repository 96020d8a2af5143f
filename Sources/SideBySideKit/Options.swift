import TaskVersions
import ThreadsToTasksCore

/// What one `side-by-side` invocation asked for.
public struct Options: Sendable, Equatable {
  /// The ways a run can be shown.
  public enum Format: String, Sendable, CaseIterable {
    /// One row per event: the thread version's line left, the task version's right. The default.
    case columns
    /// What the notebook itself would print, one paradigm after the other.
    case transcript
    /// Swimlanes per lane, beats across: where each lane prints, sleeps and waits.
    case timeline
    /// JSON Lines: one object per event, then one summary object per example.
    case json
    /// A Markdown table of both columns and a Mermaid `gantt` chart per paradigm.
    case markdown
  }

  /// Which paradigms run.
  public enum Paradigms: String, Sendable, CaseIterable {
    /// Foundation `Thread` only.
    case thread
    /// Structured concurrency only.
    case task
    /// Both at once, on one time axis (the default).
    case both

    /// The paradigms this choice runs.
    public var members: [Paradigm] {
      switch self {
      case .thread: [.thread]
      case .task: [.task]
      case .both: [.thread, .task]
      }
    }
  }

  /// The examples to run, in order; all four by default.
  public var examples: [ExampleID] = ExampleID.notebook
  /// How to show them.
  public var format: Format = .columns
  /// Which paradigms to run.
  public var paradigms: Paradigms = .both
  /// Real seconds per notebook second.
  public var pace: Pace = .notebook
  /// The seed for random delays; `nil` draws one and prints it.
  public var seed: UInt64?
  /// A variant of a task program to run instead of the example as written.
  public var variant: TaskVariant?

  /// The defaults: every example, both paradigms, columns, the notebook's own pace.
  public init() {}
}

/// What the command line asks the program to do.
public enum Command: Sendable, Equatable {
  /// Run examples with these options.
  case run(Options)
  /// Print the usage.
  case help
  /// Print the version.
  case version
  /// Print the example ids, one line each.
  case list
}

/// A command line that cannot be run, with the one-line reason.
public struct UsageError: Error, Equatable, CustomStringConvertible {
  /// What is wrong and what is accepted.
  public var description: String

  init(_ description: String) { self.description = description }
}

/// The command-line grammar of `side-by-side`: one table of options, read by one small loop.
public enum CommandLineGrammar {
  /// The program's version.
  public static let version = "side-by-side 1.0.0 (ThreadsToTasks)"

  private struct Option {
    let name: String
    let valueName: String?
    let help: String
    let apply: @Sendable (inout Options, String) throws(UsageError) -> Void
  }

  private static let table: [Option] = [
    Option(
      name: "--format", valueName: "FORMAT",
      help: "columns (default), transcript, timeline, json, markdown"
    ) {
      options, value throws(UsageError) in
      options.format = try choice(value, of: Options.Format.self, for: "--format")
    },
    Option(name: "--paradigm", valueName: "WHICH", help: "thread, task or both (default)") {
      options, value throws(UsageError) in
      options.paradigms = try choice(value, of: Options.Paradigms.self, for: "--paradigm")
    },
    Option(
      name: "--pace", valueName: "SECONDS",
      help: "real seconds per notebook second, > 0 (default 1)"
    ) {
      options, value throws(UsageError) in
      guard let seconds = Double(value) else {
        throw UsageError("--pace takes a number of seconds > 0, not '\(value)'")
      }
      do { options.pace = try Pace(seconds: seconds) } catch {
        throw UsageError("--pace takes a number of seconds > 0, not '\(value)'")
      }
    },
    Option(
      name: "--seed", valueName: "N",
      help: "seed for the random delays (default: drawn and printed)"
    ) {
      options, value throws(UsageError) in
      guard let seed = UInt64(value) else {
        throw UsageError("--seed takes a whole number from 0 to \(UInt64.max), not '\(value)'")
      }
      options.seed = seed
    },
    Option(
      name: "--naive-actor", valueName: nil,
      help: "synchronizing-threads: the reentrant actor anti-solution as the task version"
    ) {
      options, _ in options.variant = .naiveActor
    },
    Option(
      name: "--async-let", valueName: nil,
      help: "simple-threading: async let children instead of Task.immediate"
    ) {
      options, _ in options.variant = .asyncLet
    },
  ]

  private static func choice<Choice: RawRepresentable & CaseIterable>(
    _ value: String, of type: Choice.Type, for option: String
  ) throws(UsageError) -> Choice where Choice.RawValue == String {
    guard let choice = Choice(rawValue: value) else {
      let accepted = Choice.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError("\(option) takes one of \(accepted), not '\(value)'")
    }
    return choice
  }

  /// Reads a command line (without the program name).
  /// - Throws: `UsageError` for an unknown option or example, or a missing or bad value.
  public static func parse(_ arguments: [String]) throws(UsageError) -> Command {
    var options = Options()
    var examples: [ExampleID] = []
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
      switch argument {
      case "--help", "-h": return .help
      case "--version": return .version
      case "--list": return .list
      default: break
      }
      guard argument.hasPrefix("-") else {
        guard let example = ExampleID(rawValue: argument) else {
          let known = ExampleID.allCases.map(\.rawValue).joined(separator: ", ")
          throw UsageError("unknown example '\(argument)' (known: \(known))")
        }
        examples.append(example)
        continue
      }
      let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
      guard let option = table.first(where: { $0.name == parts[0] }) else {
        throw UsageError("unknown option '\(parts[0])' (see --help)")
      }
      var value = ""
      if option.valueName != nil {
        if parts.count == 2 {
          value = parts[1]
        } else if let next = remaining.popFirst() {
          value = next
        } else {
          throw UsageError("\(option.name) needs a value: \(option.help)")
        }
      } else if parts.count == 2 {
        throw UsageError("\(option.name) takes no value")
      }
      try option.apply(&options, value)
    }
    if !examples.isEmpty { options.examples = examples }
    if let variant = options.variant, options.paradigms == .thread {
      throw UsageError(
        "--\(variant.rawValue) changes the task version; it needs --paradigm task or both")
    }
    return .run(options)
  }

  /// The usage text `--help` prints and a usage error follows with.
  public static var usage: String {
    let rows = table.map { option in
      let name = option.name + (option.valueName.map { " " + $0 } ?? "")
      return "  " + name.padding(toLength: 22, withPad: " ", startingAt: 0) + option.help
    }
    return """
      Usage: side-by-side [EXAMPLE ...] [OPTIONS]

      Runs the notebook's examples as Foundation Thread code and as structured concurrency at
      the same time, on one time axis, and says whether the two orderings are equivalent.

      Examples: \(ExampleID.allCases.map(\.rawValue).joined(separator: ", ")) (default: all)

      Options:
      \(rows.joined(separator: "\n"))
        --list                list the examples, one line each
        --help, -h            show this help
        --version             show the version

      Exit status: 0 all equivalent, 1 some example not equivalent, 64 usage error,
      130 interrupted (Ctrl-C).
      """
  }

  /// `--list`: each id with one line on what it shows.
  public static var list: String {
    ExampleID.allCases.map {
      $0.rawValue.padding(toLength: 23, withPad: " ", startingAt: 0) + $0.summary
    }.joined(separator: "\n")
  }
}
