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
    /// The Python program only (needs `python3`).
    case python
    /// Both Swift versions at once, on one time axis (the default).
    case both
    /// The asyncio program only (needs Python 3.11+).
    case asyncio

    /// The paradigms this choice runs.
    public var members: [Paradigm] {
      switch self {
      case .thread: [.thread]
      case .task: [.task]
      case .python: [.python]
      case .both: [.thread, .task]
      case .asyncio: [.asyncio]
      }
    }
  }

  /// The examples to run, in order; the notebook's four by default.
  public var examples: [ExampleID] = ExampleID.notebook
  /// Run every catalogued example, the notebook's and those beyond it.
  public var all = false
  /// Run the Python program too, as a third column (`--python`).
  public var python = false

  /// Run the asyncio program too, as a fourth column (`--asyncio`).
  public var asyncio = false

  /// The paradigms that run: the chosen ones, Python with `--python`, asyncio with `--asyncio`.
  public var members: [Paradigm] {
    var members = paradigms.members
    if python && !members.contains(.python) { members.append(.python) }
    if asyncio && !members.contains(.asyncio) { members.append(.asyncio) }
    return members
  }
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

/// The fastest pace `--pace` accepts: 0.01 real seconds per notebook second.
///
/// A beat must absorb how late a sleep wakes: an event lands in its beat only if it comes less
/// than one beat late. Measured here, sleeps wake about 0.2 ms late when the machine is idle and
/// up to 4–8 ms late with two to five busy loops on its two cores; at 10 ms a beat still holds the
/// worst of those, while at 1 ms 12 of 20 idle runs already had events a beat late. Faster paces
/// would be judged on the scheduler's lateness, not on the ported code.
public let minimumPace: Double = Pace.accepted.lowerBound

/// The slowest pace `--pace` accepts: 60 real seconds per notebook second.
///
/// A whole run (about 17 notebook seconds) then takes about 17 minutes: a slow motion still worth
/// watching. Far slower, and the durations a pace multiplies out to stop being sensible (at 1e10
/// they overflowed `Duration`'s 64-bit nanoseconds and crashed); a stop still ends a sleep at once.
public let maximumPace: Double = Pace.accepted.upperBound

/// A command line that cannot be run, with the one-line reason.
public struct UsageError: Error, Equatable, CustomStringConvertible {
  /// What is wrong and what is accepted.
  public var description: String

  init(_ description: String) { self.description = description }
}

/// The command-line grammar of `side-by-side`: one table of options, read by one small loop.
///
/// As other Unix tools read theirs: an option's value follows it (`--pace 2`) or an `=`
/// (`--pace=2`, never empty); `--` ends the options, and everything after it is an example; each
/// option may be given once; every message names the option as it was typed. Adding an option is
/// adding a row to `table`.
public enum CommandLineGrammar {
  /// The program's version.
  public static let version = "side-by-side 1.0.0 (ThreadsToTasks)"

  private struct Option {
    /// What an option does: set something from its value, set something, or be the command.
    enum Kind {
      case value(name: String, apply: @Sendable (inout Options, Value) throws(UsageError) -> Void)
      case flag(@Sendable (inout Options) -> Void)
      case command(Command)
    }

    /// The spellings, the first one shown first in the usage.
    let names: [String]
    let help: String
    let kind: Kind
  }

  /// An option's value, and the option as it was typed, for the messages.
  private struct Value {
    let text: String
    let option: String
  }

  private static let table: [Option] = [
    Option(
      names: ["--format"], help: "columns (default), transcript, timeline, json, markdown",
      kind: .value(name: "FORMAT") { options, value throws(UsageError) in
        options.format = try choice(value, of: Options.Format.self)
      }),
    Option(
      names: ["--paradigm"],
      help: "thread, task, python, asyncio, or both Swift versions (default)",
      kind: .value(name: "WHICH") { options, value throws(UsageError) in
        options.paradigms = try choice(value, of: Options.Paradigms.self)
      }),
    Option(
      names: ["--pace"],
      help: "real seconds per notebook second, \(minimumPace) to \(Int(maximumPace)) (default 1)",
      kind: .value(name: "SECONDS") { options, value throws(UsageError) in
        guard let seconds = Double(value.text), (minimumPace...maximumPace).contains(seconds),
          let pace = try? Pace(seconds: seconds)
        else {
          throw UsageError(
            "\(shown(value.option)) takes real seconds per notebook second from \(minimumPace) to "
              + "\(Int(maximumPace)), not '\(shown(value.text))'")
        }
        options.pace = pace
      }),
    Option(
      names: ["--seed"], help: "seed for the random delays (default: drawn and printed)",
      kind: .value(name: "N") { options, value throws(UsageError) in
        guard let seed = UInt64(value.text) else {
          throw UsageError(
            "\(shown(value.option)) takes a whole number from 0 to \(UInt64.max), not '\(shown(value.text))'"
          )
        }
        options.seed = seed
      }),
    Option(
      names: ["--naive-actor"],
      help: "synchronizing-threads: the reentrant actor anti-solution as the task version",
      kind: .flag { $0.variant = .naiveActor }),
    Option(
      names: ["--async-let"],
      help: "simple-threading: async let children instead of Task.immediate",
      kind: .flag { $0.variant = .asyncLet }),
    Option(
      names: ["--python"], help: "run the Python program too, a third column (needs python3)",
      kind: .flag { $0.python = true }),
    Option(
      names: ["--asyncio"],
      help: "run the asyncio program too, a fourth column (needs Python 3.11+)",
      kind: .flag { $0.asyncio = true }),
    Option(
      names: ["--all"], help: "run every example, the notebook's and those beyond it",
      kind: .flag { $0.all = true }),
    Option(
      names: ["--list"], help: "list the examples by group, one line each", kind: .command(.list)),
    Option(names: ["--help", "-h"], help: "show this help", kind: .command(.help)),
    Option(names: ["--version"], help: "show the version", kind: .command(.version)),
  ]

  private static func choice<Choice: RawRepresentable & CaseIterable>(
    _ value: Value, of type: Choice.Type
  ) throws(UsageError) -> Choice where Choice.RawValue == String {
    guard let choice = Choice(rawValue: value.text) else {
      let accepted = Choice.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError(
        "\(shown(value.option)) takes one of \(accepted), not '\(shown(value.text))'")
    }
    return choice
  }

  /// `text` as a message shows it: on one line, with line breaks, escape sequences and other
  /// control characters written as escapes (`\n`, `\t`, `\r`, `\u{1B}`), so an argument can
  /// neither split the message nor drive the terminal.
  static func shown(_ text: String) -> String {
    var shown = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": shown += "\\n"
      case "\t": shown += "\\t"
      case "\r": shown += "\\r"
      case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
        shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: shown.unicodeScalars.append(scalar)
      }
    }
    return shown
  }

  private static func example(_ argument: String) throws(UsageError) -> ExampleID {
    guard let example = ExampleID(rawValue: argument) else {
      let known = ExampleID.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError("unknown example '\(shown(argument))' (known: \(known))")
    }
    return example
  }

  /// Reads a command line (without the program name). A command (`--help`, `--version`,
  /// `--list`) answers as soon as it is read.
  /// - Throws: `UsageError` for an unknown option or example, a missing, empty or bad value, an
  ///   option given twice, or a value given to an option that takes none.
  public static func parse(_ arguments: [String]) throws(UsageError) -> Command {
    var options = Options()
    var examples: [ExampleID] = []
    var given: Set<String> = []
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
      if argument == "--" {
        for argument in remaining { examples.append(try example(argument)) }
        break
      }
      guard argument.hasPrefix("-") else {
        examples.append(try example(argument))
        continue
      }
      let equals = argument.firstIndex(of: "=")
      let typed = String(argument[..<(equals ?? argument.endIndex)])
      let attached = equals.map { String(argument[argument.index(after: $0)...]) }
      guard let option = table.first(where: { $0.names.contains(typed) }) else {
        throw UsageError("unknown option '\(shown(typed))' (see --help)")
      }
      guard given.insert(option.names[0]).inserted else {
        throw UsageError("\(shown(typed)) given twice")
      }
      switch option.kind {
      case .command(let command):
        guard attached == nil else { throw UsageError("\(shown(typed)) takes no value") }
        return command
      case .flag(let apply):
        guard attached == nil else { throw UsageError("\(shown(typed)) takes no value") }
        apply(&options)
      case .value(_, let apply):
        let value: String
        if let attached {
          guard !attached.isEmpty else {
            throw UsageError("\(shown(typed))= has an empty value: \(option.help)")
          }
          value = attached
        } else if let next = remaining.first, !next.hasPrefix("--") {
          value = next
          remaining.removeFirst()
        } else {
          throw UsageError("\(shown(typed)) needs a value: \(option.help)")
        }
        try apply(&options, Value(text: value, option: typed))
      }
    }
    // An example named twice runs once, where it was first named.
    var named: Set<ExampleID> = []
    if !examples.isEmpty { options.examples = examples.filter { named.insert($0).inserted } }
    if options.all {
      guard examples.isEmpty else { throw UsageError("--all runs every example: name none") }
      options.examples = ExampleID.allCases
    }
    if let variant = options.variant, options.paradigms == .thread {
      throw UsageError(
        "--\(variant.rawValue) changes the task version; it needs --paradigm task or both")
    }
    return .run(options)
  }

  /// The usage text `--help` prints and a usage error follows with.
  public static var usage: String {
    let rows = table.map { option in
      var name = option.names.joined(separator: ", ")
      if case .value(let valueName, _) = option.kind { name += " " + valueName }
      return "  " + name.padding(toLength: 22, withPad: " ", startingAt: 0) + option.help
    }
    return """
      Usage: side-by-side [OPTIONS] [--] [EXAMPLE ...]

      Runs a Python threading tutorial's examples as Foundation Thread code and as structured
      concurrency at the same time — and, with --python, the Python program itself — each on
      its own clock, and judges each run against what the notebook's program guarantees and
      against the others.

      Examples: the notebook's four by default; --all adds those beyond the notebook; --list
      shows them all.

      Options (each at most once; a value after a space or '='; '--' ends the options):
      \(rows.joined(separator: "\n"))

      Output: on a terminal, cells wrap to its width (COLUMNS, kept to 40...500, or the
      terminal's); to a file or a pipe nothing is wrapped or cut. No colour with NO_COLOR set,
      TERM=dumb, or off a terminal.

      Python column: with --python (or --paradigm python) the package's Python program runs
      beside the Swift versions, paced and seeded alike, through the same checks, in a process
      group of its own that is ended when the run stops. When it cannot run (no python3 on
      PATH, resources missing, an interpreter that fails or overruns its time bound), one line
      names the cause and the status is 69; everything else works without it.
      With --asyncio (or --paradigm asyncio) the examples written with asyncio run too, as a
      fourth column; they need Python 3.11 or later: THREADS_TO_TASKS_ASYNCIO_PYTHON names the
      interpreter (python3 by default), which is asked its --version. Without one, --asyncio
      exits 69 with one line. --naive-actor runs the asyncio twin too: no asyncio.Lock.

      Verdicts: each example gets one; the exit status is the worst, first listed first.
        interrupted         128+n: 130 Ctrl-C (SIGINT), 143 SIGTERM, 129 SIGHUP, 138 SIGUSR1,
                            140 SIGUSR2, 142 SIGALRM, 154 SIGVTALRM, 155 SIGPROF; judged on the
                            beats it finished, after the partial result
        NOT equivalent      1: a check failed (a guarantee broke; a line missing, extra,
                            reworded, in the wrong lane or at the wrong beat)
        too late to judge   3: lines at wrong beats while sleeps woke over half a beat late;
                            try a slower --pace (a broken guarantee is never excused)
        equivalent          0: every check holds, each paradigm against the notebook and each
                            pair against each other
      Other exit statuses, each after one line on stderr: 64 usage error,
      69 the Python column could not run (or --asyncio found no Python 3.11+),
      71 too few file descriptors (ulimit -n below 16), 74 cannot write standard output;
      141 standard output's reader went away (as `| head` does; quietly).
      SIGQUIT quits at once (131); a second stopping signal exits at once. An example named
      twice runs once.
      """
  }

  /// `--list`: each group, then each id in it with one line on what it shows.
  public static var list: String {
    Example.Group.allCases.compactMap { group -> String? in
      let examples = Example.catalogue.filter { $0.group == group }
      guard !examples.isEmpty else { return nil }
      let heading =
        group == .notebook
        ? "The notebook (run by default):"
        : group.rawValue.prefix(1).uppercased() + group.rawValue.dropFirst()
          + " (run with --all, or by name):"
      return
        ([heading]
        + examples.map {
          "  " + $0.id.rawValue.padding(toLength: 23, withPad: " ", startingAt: 0) + $0.summary
        }).joined(separator: "\n")
    }.joined(separator: "\n\n")
  }
}
