import Foundation
import SideBySideKit
import Testing
import ThreadsToTasksCore

@Suite("side-by-side reads its command line as other Unix tools do", .watchdog)
struct CommandLineEdgeTests {
  func refusal(_ arguments: [String]) -> String? {
    do {
      _ = try CommandLineGrammar.parse(arguments)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test("'--' ends the options: what follows is examples, even if it starts with '-'")
  func doubleDash() throws {
    let parsed = try CommandLineGrammar.parse(["--pace", "1", "--", "simple-threading"])
    guard case .run(let options) = parsed else {
      Issue.record("\(parsed)")
      return
    }
    #expect(options.examples == [.simpleThreading])
    #expect(try CommandLineGrammar.parse(["--"]) == .run(Options()))
    #expect(refusal(["--", "--help"])?.hasPrefix("unknown example '--help'") == true)
  }

  @Test(
    "an empty value after '=' is a usage error that does not swallow the next argument",
    arguments: ["--pace", "--paradigm", "--format", "--seed"])
  func emptyValue(option: String) {
    #expect(refusal(["\(option)=", "task"])?.hasPrefix("\(option)= has an empty value") == true)
  }

  @Test(
    "an option given twice is a usage error",
    arguments: [
      ["--pace", "1", "--pace", "2"], ["--seed=1", "--seed", "2"],
      ["--naive-actor", "--naive-actor"],
      ["--format", "json", "--format=json"],
    ])
  func givenTwice(arguments: [String]) throws {
    let second = try #require(arguments.last { $0.hasPrefix("--") })
    #expect(refusal(arguments) == "\(second.split(separator: "=")[0]) given twice")
  }

  @Test(
    "a command or a flag given a value is a usage error naming it",
    arguments: ["--version=1", "--help=x", "-h=", "--list=all", "--naive-actor=yes"])
  func noValue(argument: String) {
    #expect(refusal([argument]) == "\(argument.split(separator: "=")[0]) takes no value")
  }

  @Test("a value option followed by another option is missing its value")
  func missingValue() {
    #expect(refusal(["--pace", "--seed", "7"])?.hasPrefix("--pace needs a value") == true)
    #expect(refusal(["--seed"])?.hasPrefix("--seed needs a value") == true)
  }

  @Test(
    "--pace accepts exactly minimumPace...maximumPace",
    arguments: ["0.01", "0.05", "1", "60", "6e1", "1e-2"])
  func paceAccepted(text: String) throws {
    guard case .run(let options) = try CommandLineGrammar.parse(["--pace=\(text)"]) else {
      Issue.record("not a run")
      return
    }
    #expect(options.pace.secondsPerBeat == Double(text)!)
  }

  @Test(
    "--pace refuses what it cannot honour, naming the option, in one line",
    arguments: [
      "1e308", "1e10", "4.5e9", "1e-25", "1e-6", "0.0099", "60.001", "0", "-0", "-1", "nan", "inf",
      "-inf", "fast", "",
    ])
  func paceRefused(text: String) {
    let reason = refusal(["--pace", text])
    #expect(
      reason == "--pace takes real seconds per notebook second from 0.01 to 60, not '\(text)'")
  }

  @Test("the bounds are the ones --help states")
  func paceBoundsInHelp() {
    #expect(minimumPace == 0.01 && maximumPace == 60)
    #expect(CommandLineGrammar.usage.contains("0.01 to 60"))
  }

  @Test("--help documents every exit status the executable uses")
  func exitStatusesInHelp() {
    for status in [
      "0: every check", "1: a check failed", "3: lines at wrong beats", "64 usage",
      "69 the Python column could not run", "71 too few file descriptors", "74 cannot write",
      "141", "130", "143", "129", "131", "138 SIGUSR1", "140 SIGUSR2", "142 SIGALRM",
      "154 SIGVTALRM", "155 SIGPROF",
    ] {
      #expect(CommandLineGrammar.usage.contains(status), "\(status)")
    }
  }

  @Test("the exit status: a write failure first, then the signal that stopped the run")
  func exitStatuses() {
    #expect(exitStatus(0, stoppedBy: nil, failure: nil) == 0)
    #expect(exitStatus(1, stoppedBy: nil, failure: nil) == 1)
    #expect(exitStatus(130, stoppedBy: SIGTERM, failure: nil) == 143)
    #expect(exitStatus(130, stoppedBy: SIGHUP, failure: nil) == 129)
    #expect(exitStatus(130, stoppedBy: SIGINT, failure: nil) == 130)
    #expect(exitStatus(130, stoppedBy: nil, failure: .brokenPipe) == 141)
    #expect(exitStatus(0, stoppedBy: nil, failure: .failed(errno: ENOSPC)) == 74)
    #expect(exitStatus(130, stoppedBy: SIGTERM, failure: .failed(errno: EBADF)) == 74)
    // A run that finished before the signal keeps its own status.
    #expect(exitStatus(0, stoppedBy: SIGTERM, failure: nil) == 0)
  }
}
