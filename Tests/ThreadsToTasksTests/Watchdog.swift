import Foundation
import Testing

/// Ends the test process, naming the test, when a test runs past its time: the guard every test
/// relies on so that a broken subject fails the suite instead of hanging it.
///
/// Swift Testing's `.timeLimit` takes whole minutes, and it cannot end a test blocked in a thread
/// (`NSCondition.wait`, a join): such a test ran on past its limit and `swift test` never returned.
/// The watchdog is a plain `Thread`, outside the cooperative pool a hung test may have starved,
/// that waits for the test to end; if the time runs out first it writes one line to standard
/// error and exits the process with status 70 (`EX_SOFTWARE`), so `swift test` fails at once.
///
/// Every suite carries it (`.watchdog`); `everySuiteHasTheWatchdog` checks that none was left out.
struct Watchdog: TestTrait, SuiteTrait, TestScoping {
  /// Real seconds a test may take, sanitizer and loaded machine included.
  var seconds: Double

  var isRecursive: Bool { true }

  func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    // A suite's own scope spans all its tests; each test is guarded on its own.
    guard !test.isSuite else { return try await function() }
    try await Self.guarding(test.name, seconds: seconds, function)
  }

  /// Runs `body`; ends the process if it has not returned after `seconds` real seconds.
  static func guarding<Result>(
    _ name: String, seconds: Double, _ body: () async throws -> Result
  ) async rethrows -> Result {
    let alarm = Alarm(name: name, seconds: seconds)
    defer { alarm.cancel() }
    return try await body()
  }
}

/// The watchdog's thread: sleeps on a condition until cancelled or due.
private final class Alarm: @unchecked Sendable {
  // safe: `cancelled` is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var cancelled = false

  init(name: String, seconds: Double) {
    let due = Date(timeIntervalSinceNow: seconds)
    let thread = Thread { [self] in
      let fired = condition.withLock {
        while !cancelled, condition.wait(until: due) {}
        return !cancelled
      }
      guard fired else { return }
      let line = "watchdog: test \"\(name)\" ran past \(seconds) s; ending the test process\n"
      try? FileHandle.standardError.write(contentsOf: Data(line.utf8))
      // Flush what the test printed so far (fflush(nil): every stream), then end at once.
      fflush(nil)
      _exit(70)
    }
    thread.name = "watchdog"
    thread.start()
  }

  func cancel() {
    condition.withLock {
      cancelled = true
      condition.signal()
    }
  }
}

extension Trait where Self == Watchdog {
  /// Ends the process when a test runs past the suite's budget for one test: 45 real seconds,
  /// enough for the slowest test under ThreadSanitizer at its wider pace, short enough that a
  /// broken subject fails the suite within a minute.
  static var watchdog: Self { Watchdog(seconds: 45) }

  /// The same with another number of real seconds.
  static func watchdog(seconds: Double) -> Self { Watchdog(seconds: seconds) }
}

@Suite("The watchdog ends a hung test", .watchdog)
struct WatchdogTests {
  @Test("a body that never returns ends the process with status 70 and names the test")
  func hungBodyEndsTheProcess() async {
    await #expect(processExitsWith: .exitCode(70), observing: [\.standardErrorContent]) {
      // A wait nothing will end: the shape of a broken subject's hang.
      await Watchdog.guarding("hangs on purpose", seconds: 0.2) {
        let never = NSCondition()
        // (Not `.distantFuture`: `NSCondition` traps on a date past 2262.)
        never.withLock { while !never.wait(until: Date(timeIntervalSinceNow: 3600)) {} }
      }
    }.map { result in
      let said = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(said.contains("watchdog: test \"hangs on purpose\" ran past 0.2 s"))
    }
  }

  @Test("a body that returns in time is left alone and its value passed on")
  func timelyBodyPasses() async {
    let value = await Watchdog.guarding("returns", seconds: 5) { 42 }
    #expect(value == 42)
  }

  @Test("every suite in the test sources carries the watchdog")
  func everySuiteHasTheWatchdog() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".swift") }
    var unguarded: [String] = []
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      // A suite's attribute may span lines: read up to the declaration it belongs to.
      for piece in text.components(separatedBy: "@" + "Suite(").dropFirst() {
        let attribute = piece.prefix { $0 != "{" }
        if !attribute.contains(".watchdog") { unguarded.append("\(file): \(attribute.prefix(60))") }
      }
      // A top-level test outside any suite would be unguarded too.
      for line in text.split(separator: "\n") where line.hasPrefix("@Test") {
        unguarded.append("\(file): top-level \(line.prefix(60))")
      }
    }
    #expect(unguarded.isEmpty, "suites without .watchdog: \(unguarded)")
  }
}
