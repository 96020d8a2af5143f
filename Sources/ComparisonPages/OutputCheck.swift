import Foundation
import ThreadsToTasksCore

/// Judges what a standalone program printed, in the order it printed it, with the package's own
/// checker: the example's expected lines and its guarantees (`Guarantee`).
///
/// A plain program prints lines, not lanes, so each line is given to the lane whose next
/// expected line it is; where two lanes expect the same text next ("lock value True"), both
/// assignments are tried. A run passes when some assignment takes every line, leaves no lane's
/// line unprinted, keeps each lane's lines in that lane's order, and holds every guarantee (a
/// join's line after the joined thread's last, one holder of the lock at a time). Beats are not
/// compared: a plain program's timing is real, not paced.
public enum OutputCheck {
  /// The lines of `output`, each given to its lane, in the order printed; or the problems, one
  /// sentence each, when no assignment passes.
  public static func judge(
    _ example: ExampleID, paradigm: Paradigm, output: String
  ) -> Result<[Event], Failure> {
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let shapes = lines.map { NotebookText.splitStamp($0) }
    var best = Failure(problems: ["no ordering to compare with"], reached: -1)
    for ordering in example.example.expectedOrderings(seed: 0, paradigm: paradigm) {
      var search = Search(
        shapes: shapes, expected: ordering.lanes, guarantees: example.guarantees)
      if let events = search.assign(0, cursors: [:], lanes: []) { return .success(events) }
      if search.failure.reached > best.reached { best = search.failure }
    }
    return .failure(best)
  }

  /// Why a run failed.
  public struct Failure: Error, CustomStringConvertible {
    /// One sentence per problem.
    public var problems: [String]
    /// How many lines an assignment got through.
    var reached: Int
    /// The problems, a line each.
    public var description: String { problems.joined(separator: "\n") }
  }

  /// The usual ordering a page states for `example` (not a guarantee: most runs, not all), as a
  /// sentence and a test on an assigned run; nil when the page states none.
  public static func usual(_ example: ExampleID) -> (statement: String, holds: ([Event]) -> Bool)? {
    switch example.rawValue {
    case "simple-threading":
      ("thread1 prints first", { $0.first?.lane == "thread1" })
    case "synchronizing-threads":
      (
        "Thread-1 takes the lock first",
        { example.example.choice($0)?.hasPrefix("Thread-1") == true }
      )
    default: nil
    }
  }

  /// A depth-first search for an assignment of lines to lanes.
  struct Search {
    let shapes: [(text: String, stamp: String?)]
    let expected: [String: [Event.Shape]]
    let guarantees: [Guarantee]
    var failure = Failure(problems: [], reached: -1)

    mutating func assign(_ index: Int, cursors: [String: Int], lanes: [String]) -> [Event]? {
      if index == shapes.count {
        let unprinted = expected.keys.sorted().compactMap { lane -> String? in
          let next = cursors[lane, default: 0]
          guard next < expected[lane]!.count else { return nil }
          return "\(lane) never printed \(quote(expected[lane]![next]))"
        }
        let events = zip(shapes, lanes).enumerated().map { index, pair in
          Event(lane: pair.1, text: pair.0.text, stamp: pair.0.stamp, elapsed: 0, sequence: index)
        }
        // A plain program's lines carry no beats (all are 0): the guarantees' sentences are
        // shown without them.
        let problems =
          unprinted
          + guarantees.flatMap { $0.violations(in: events) }.map {
            $0.replacingOccurrences(of: " at beat 0", with: "")
              .replacingOccurrences(of: " until beat 0", with: "")
          }
        if problems.isEmpty { return events }
        if index >= failure.reached { failure = Failure(problems: problems, reached: index) }
        return nil
      }
      let line = shapes[index]
      let candidates = expected.keys.sorted().filter { lane in
        let next = cursors[lane, default: 0]
        guard next < expected[lane]!.count else { return false }
        let shape = expected[lane]![next]
        return shape.text == line.text && shape.isStamped == (line.stamp != nil)
      }
      for lane in candidates {
        var next = cursors
        next[lane, default: 0] += 1
        if let events = assign(index + 1, cursors: next, lanes: lanes + [lane]) { return events }
      }
      if candidates.isEmpty && index > failure.reached {
        let owners = expected.keys.sorted().filter { lane in
          expected[lane]!.contains { $0.text == line.text }
        }
        let printed = line.stamp.map { line.text + " " + $0 } ?? line.text
        let waiting = expected.keys.sorted().compactMap { lane -> String? in
          let next = cursors[lane, default: 0]
          return next < expected[lane]!.count ? "\(lane) \(quote(expected[lane]![next]))" : nil
        }
        failure = Failure(
          problems: [
            "line \(index + 1) '\(printed)' "
              + (owners.isEmpty
                ? "is no lane's line"
                : "is \(owners.joined(separator: " or "))'s, out of that lane's order")
              + "; next expected: " + waiting.joined(separator: ", ")
          ], reached: index)
      }
      return nil
    }

    func quote(_ shape: Event.Shape) -> String {
      "'\(shape.isStamped ? shape.text + " <ctime>" : shape.text)'"
    }
  }

  /// Judges several runs of one program: each must pass, and where the page states a usual
  /// ordering, at least `usualAtLeast` of them (by default all but one) must show it. Returns the
  /// report, one line per run and one for the usual ordering, and whether all held.
  public static func judgeRuns(
    _ example: ExampleID, paradigm: Paradigm, outputs: [(name: String, text: String)],
    usualAtLeast: Int? = nil
  ) -> (report: [String], passed: Bool) {
    var report: [String] = []
    var passed = true
    var usualCount = 0
    let usual = usual(example)
    for (name, text) in outputs {
      switch judge(example, paradigm: paradigm, output: text) {
      case .success(let events):
        let shows = usual?.holds(events) ?? false
        if shows { usualCount += 1 }
        report.append(
          "ok: \(name): \(events.count) lines in their lanes' order, guarantees held"
            + (usual.map { shows ? "; \($0.statement)" : "; not: \($0.statement)" } ?? ""))
      case .failure(let failure):
        passed = false
        report.append("FAILED: \(name): " + failure.problems.joined(separator: "; "))
      }
    }
    if let usual {
      let needed = usualAtLeast ?? max(outputs.count - 1, 1)
      let held = usualCount >= needed
      if !held { passed = false }
      report.append(
        "\(held ? "ok" : "FAILED"): \(example) \(paradigm): \(usual.statement) in \(usualCount) "
          + "of \(outputs.count) runs (at least \(needed) wanted)")
    }
    return (report, passed)
  }
}
