import Foundation

/// The checker behind `Verdict`.
///
/// Runs of one example are **equivalent** when
/// 1. each holds the lines the notebook's program prints, lane by lane in order, each in the
///    notebook second it prints it in, with its ctime stamp read from the run's clock (lines of
///    *different* lanes in one beat may come in either order: the program does not order them);
/// 2. each keeps the happens-before guarantees the example relies on (joins, the lock), checked
///    on the recording order, not on beats;
/// 3. they agree with each other: where the program leaves a choice open (which worker takes the
///    lock first), runs that chose alike are compared line by line, and runs that chose
///    differently are each held to the notebook's ordering for their own choice.
public enum Equivalence {
  /// Judges the runs of one example (any of thread, task, python; at least one).
  public static func judge(_ transcripts: [Transcript]) -> Verdict {
    precondition(!transcripts.isEmpty, "judge at least one run")
    let example = transcripts[0].example
    precondition(transcripts.allSatisfy { $0.example == example }, "judge runs of one example")
    // A stopped run is judged on the beats it completed, and so are the others beside it.
    let stops = transcripts.compactMap(\.stoppedAt)
    let judgedBefore = stops.min().map { ExampleClock.beat(of: $0) }
    let runs = transcripts.map { transcript in
      var cut = transcript
      if let judgedBefore { cut.events.removeAll { $0.beat >= judgedBefore } }
      return cut
    }
    var checks = runs.map { notebookCheck($0, before: judgedBefore) }
    for (index, first) in runs.enumerated() {
      for second in runs[(index + 1)...] {
        checks.append(pairCheck(first, second))
      }
    }
    var choices: [Paradigm: String] = [:]
    var lateness: [Paradigm: Double] = [:]
    for run in transcripts {
      choices[run.paradigm] = example.choice(in: run.events)
      lateness[run.paradigm] = run.lateness
    }
    let ran = Set(transcripts.map(\.paradigm))
    let declared = example.example.declaredDifferences
      .filter { ran.contains($0.key) && ran.count > 1 }
      .sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key): \($0.value.note)" }
    return Verdict(
      example: example, checks: checks, choices: choices, lateness: lateness,
      judgedBefore: judgedBefore, declared: declared)
  }

  /// One run against the notebook: its guarantees, its stamps and its choice's ordering.
  static func notebookCheck(_ run: Transcript, before judgedBefore: Int?) -> Verdict.Check {
    let orderings = run.example.example.expectedOrderings(seed: run.seed, paradigm: run.paradigm)
    let choice = run.example.choice(in: run.events)
    // A run that never reached its choice (an empty transcript) is held to the first ordering.
    let expected = orderings.first { $0.choice == choice } ?? orderings[0]
    var lanes = expected.lanes
    if let judgedBefore {
      lanes = lanes.mapValues { $0.filter { $0.beat < judgedBefore } }.filter { !$0.value.isEmpty }
    }
    let label = expected.choice.map { "notebook (\($0))" } ?? "notebook"
    return Verdict.Check(
      name: "\(run.paradigm) ~ notebook",
      violations: run.example.guarantees.flatMap { $0.violations(in: run.events) },
      differences: stampDifferences(run)
        + laneDifferences(
          Self.lanes(run.events), named: run.paradigm.rawValue, lanes, named: label))
  }

  /// Two runs against each other, where they made the same choice.
  static func pairCheck(_ first: Transcript, _ second: Transcript) -> Verdict.Check {
    let name = "\(first.paradigm) ~ \(second.paradigm)"
    let declared = first.example.example.declaredDifferences
    if declared[first.paradigm] != nil || declared[second.paradigm] != nil {
      // Each is held to its own paradigm's ordering; the difference is the lesson.
      return Verdict.Check(name: name, violations: [], differences: [])
    }
    guard first.example.choice(in: first.events) == second.example.choice(in: second.events)
    else {
      // Each is already held to the notebook's ordering for its own choice.
      return Verdict.Check(name: name, violations: [], differences: [])
    }
    return Verdict.Check(
      name: name, violations: [],
      differences: laneDifferences(
        lanes(first.events), named: first.paradigm.rawValue, lanes(second.events),
        named: second.paradigm.rawValue))
  }

  /// Stamps that are not the run's clock when the line was printed (to the second; a stamp read
  /// just before a second turned may show the one before).
  static func stampDifferences(_ run: Transcript) -> [String] {
    run.events.compactMap { event -> String? in
      guard let stamp = event.stamp else { return nil }
      let due = run.startDate + event.elapsed
      guard stamp != NotebookText.ctime(due), stamp != NotebookText.ctime(due - 1) else {
        return nil
      }
      return "\(event.lane): '\(event.line)' is stamped \(stamp), but the clock read "
        + "\(NotebookText.ctime(due)) when it was printed"
    }
  }

  static func lanes(_ events: [Event]) -> [String: [Event.Shape]] {
    Dictionary(grouping: events, by: \.lane).mapValues { $0.map(\.shape) }
  }

  /// Lane by lane, the first place the two sequences part, said so a person can find it.
  static func laneDifferences(
    _ first: [String: [Event.Shape]], named firstName: String,
    _ second: [String: [Event.Shape]], named secondName: String
  ) -> [String] {
    Set(first.keys).union(second.keys).sorted().compactMap { lane in
      let mine = first[lane] ?? []
      let theirs = second[lane] ?? []
      let common = min(mine.count, theirs.count)
      guard
        let index = (0..<common).first(where: { mine[$0] != theirs[$0] })
          ?? (mine.count == theirs.count ? nil : common)
      else { return nil }
      let here = index < mine.count ? mine[index] : nil
      let there = index < theirs.count ? theirs[index] : nil
      let hereComesLater = here.map { theirs[index...].contains($0) } ?? false
      let thereCameEarlier = there.map { mine[index...].contains($0) } ?? false
      switch (here, there) {
      case (let here?, _) where !hereComesLater && (there == nil || thereCameEarlier):
        return "\(lane): \(here) in \(firstName) is missing in \(secondName)"
      case (_, let there?) where !thereCameEarlier && (here == nil || hereComesLater):
        return "\(lane): \(there) in \(secondName) is missing in \(firstName)"
      case (let here?, let there?)
      where here.text == there.text && here.isStamped == there.isStamped:
        return "\(lane): '\(here.text)' at beat \(here.beat) in \(firstName), "
          + "at beat \(there.beat) in \(secondName)"
      default:
        return "\(lane): event \(index + 1) is \(here.map(String.init(describing:)) ?? "absent") "
          + "in \(firstName), \(there.map(String.init(describing:)) ?? "absent") in \(secondName)"
      }
    }
  }
}
