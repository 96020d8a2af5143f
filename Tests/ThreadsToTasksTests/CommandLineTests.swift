import SideBySideKit
import TaskVersions
import Testing
import ThreadsToTasksCore

@Suite("side-by-side reads its command line", .watchdog)
struct CommandLineTests {
  func options(_ arguments: String...) throws -> Options {
    guard case .run(let options) = try CommandLineGrammar.parse(arguments) else {
      Issue.record("\(arguments) did not parse as a run")
      return Options()
    }
    return options
  }

  @Test("no arguments: all four examples, both paradigms, columns, the notebook's pace")
  func defaults() throws {
    let parsed = try options()
    #expect(parsed.examples == ExampleID.notebook)
    #expect(parsed.paradigms == .both && parsed.format == .columns && parsed.pace == .notebook)
    #expect(parsed.seed == nil && parsed.variant == nil)
  }

  @Test("every option is read, with a value after it or after '='")
  func everyOption() throws {
    let parsed = try options(
      "synchronizing-threads", "start-new-thread", "--format", "json", "--paradigm=task",
      "--pace", "0.05", "--seed=42", "--naive-actor")
    #expect(parsed.examples == [.synchronizingThreads, .startNewThread])
    #expect(parsed.format == .json && parsed.paradigms == .task)
    #expect(parsed.pace == (try Pace(seconds: 0.05)))
    #expect(parsed.seed == 42 && parsed.variant == .naiveActor)
    for format in Options.Format.allCases {
      #expect(try options("--format", format.rawValue).format == format)
    }
  }

  @Test("--help, -h, --version and --list are commands of their own")
  func commands() throws {
    #expect(try CommandLineGrammar.parse(["--help"]) == .help)
    #expect(try CommandLineGrammar.parse(["--pace", "2", "-h"]) == .help)
    #expect(try CommandLineGrammar.parse(["--version"]) == .version)
    #expect(try CommandLineGrammar.parse(["--list"]) == .list)
    #expect(CommandLineGrammar.usage.contains("--naive-actor"))
    for example in ExampleID.allCases {
      #expect(CommandLineGrammar.list.contains("  \(example.rawValue) "), "\(example)")
    }
    #expect(CommandLineGrammar.list.hasPrefix("The notebook (run by default):"))
  }

  @Test(
    "bad input is refused with a one-line reason",
    arguments: [
      (["bogus"], "unknown example 'bogus'"),
      (["--frob"], "unknown option '--frob'"),
      (["--pace"], "--pace needs a value"),
      (["--pace", "0"], "--pace takes real seconds per notebook second from 0.01 to 60, not '0'"),
      (["--pace", "-1"], "not '-1'"),
      (["--pace", "nan"], "not 'nan'"),
      (["--pace", "fast"], "not 'fast'"),
      (["--seed", "-1"], "--seed takes a whole number from 0 to"),
      (["--seed", "18446744073709551616"], "not '18446744073709551616'"),
      (["--seed", "x"], "not 'x'"),
      (
        ["--format", "html"], "--format takes one of columns, transcript, timeline, json, markdown"
      ),
      (["--paradigm", "fiber"], "--paradigm takes one of thread, task, python, both"),
      (["--naive-actor=yes"], "--naive-actor takes no value"),
      (["--paradigm", "thread", "--naive-actor"], "--naive-actor changes the task version"),
    ])
  func badInput(arguments: [String], reason: String) {
    #expect {
      try CommandLineGrammar.parse(arguments)
    } throws: { error in
      let text = "\(error)"
      return text.contains(reason) && !text.contains("\n")
    }
  }
}
