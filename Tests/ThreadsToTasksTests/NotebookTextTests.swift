import Foundation
import Testing
import ThreadsToTasksCore

@Suite("Printing as Python prints", .watchdog)
struct NotebookTextTests {
  @Test("ctime pads the day with a space, like Python's time.ctime")
  func ctimePadsDay() throws {
    let utc = try #require(TimeZone(identifier: "UTC"))
    // 2026-11-05 09:03:07 UTC, a Thursday.
    let date = Date(timeIntervalSince1970: 1_793_869_387)
    #expect(NotebookText.ctime(date, timeZone: utc) == "Thu Nov  5 09:03:07 2026")
    #expect(NotebookText.ctime(date + 20 * 86_400, timeZone: utc) == "Wed Nov 25 09:03:07 2026")
  }

  @Test("print shows a Bool as Python does")
  func pythonStr() {
    #expect(NotebookText.str(true) == "True" && NotebookText.str(false) == "False")
    #expect(NotebookText.str(3) == "3" && NotebookText.str("x") == "x")
  }

  @Test("a printed line keeps its ctime stamp apart; a line without one is left whole")
  func splitStamp() {
    let event = Event(lane: "t", line: "thread1: Thu Nov  5 09:03:07 2026", elapsed: 0, sequence: 0)
    #expect(event.text == "thread1:" && event.stamp == "Thu Nov  5 09:03:07 2026")
    #expect(event.line == "thread1: Thu Nov  5 09:03:07 2026")
    for plain in [
      "lock value True", "{'a': 1, 'b': 2}", "Thu Nov  5 09:03:07 2026 is not at the end",
    ] {
      #expect(NotebookText.splitStamp(plain).stamp == nil, "\(plain)")
    }
  }

  @Test("a stamp is the run's clock when the line is printed, not the start plus the beat")
  func clockTrueStamp() async throws {
    let clock = ExampleClock(pace: try Pace(seconds: 0.1))
    let context = ExampleContext(recorder: Recorder(clock: clock), seed: 1)
    let start = clock.startDate
    // 1.95 notebook seconds in: the stamp shows start + 1.95, where start + the whole beat (the
    // old stamp) shows start + 1 — another second unless the start lies within 0.05 s of one.
    try await Task.sleep(until: clock.startInstant + clock.pace.duration(1.95), clock: .continuous)
    let before = clock.elapsed()
    let stamp = context.ctime()
    let after = clock.elapsed()
    #expect(
      [NotebookText.ctime(start + before), NotebookText.ctime(start + after)].contains(stamp))
  }

  @Test("the same seed draws the same delays; another seed draws others")
  func seededRandom() {
    var first = SeededRandom(seed: 42)
    var again = SeededRandom(seed: 42)
    var other = SeededRandom(seed: 43)
    let drawn = (0..<16).map { _ in first.randint(1, 4) }
    #expect(drawn == (0..<16).map { _ in again.randint(1, 4) })
    #expect(drawn != (0..<16).map { _ in other.randint(1, 4) })
    #expect(drawn.allSatisfy { (1...4).contains($0) })
  }

  @Test(
    "a pace must be a finite number of seconds above zero", arguments: [0, -1, .nan, .infinity])
  func badPace(seconds: Double) {
    #expect(throws: Pace.Invalid.self) { try Pace(seconds: seconds) }
  }
}
