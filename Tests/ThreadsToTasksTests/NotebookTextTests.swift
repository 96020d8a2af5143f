import Foundation
import Testing
import ThreadsToTasksCore

@Suite("Printing as Python prints")
struct NotebookTextTests {
  @Test("ctime pads the day with a space, like Python's time.ctime")
  func ctimePadsDay() throws {
    let utc = try #require(TimeZone(identifier: "UTC"))
    // 2026-11-05 09:03:07 UTC, a Thursday.
    let date = Date(timeIntervalSince1970: 1_793_869_387)
    #expect(NotebookText.ctime(date, timeZone: utc) == "Thu Nov  5 09:03:07 2026")
    #expect(NotebookText.ctime(date + 20 * 86_400, timeZone: utc) == "Wed Nov 25 09:03:07 2026")
  }

  @Test("a dict prints like Python's repr, keys sorted")
  func dictRepr() {
    #expect(
      NotebookText.repr(["b": .string("changed"), "a": .int(1)]) == "{'a': 1, 'b': 'changed'}")
    #expect(NotebookText.repr([:]) == "{}")
  }

  @Test("a timestamped line shows the start plus its beat")
  func stampedLine() {
    let run = transcript(.simpleThreading, .thread, [("thread1", "thread1:", 3)])
    var utc = run
    utc.startDate = Date(timeIntervalSince1970: 1_793_869_387)
    #expect(utc.line(utc.events[0]).hasPrefix("thread1: "))
    #expect(utc.line(utc.events[0]).hasSuffix(":10 2026"))
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
