/// Whether two transcripts tell the same story, and where they part if not.
///
/// Two transcripts are **equivalent** when
/// 1. they hold the same events at the same beats: lane by lane, the same lines in the same order,
///    each in the same notebook second (so events of *different* lanes in one beat may come in
///    either order — the program does not order them, and neither do we);
/// 2. the happens-before guarantees the example relies on (joins, awaits, the lock) hold in both,
///    checked on the recording order, not on beats;
/// 3. where the program leaves a choice open (which worker takes the lock first), like is compared
///    with like: if both runs made the same choice they are compared with each other; if not, each
///    is compared with the notebook's expected ordering for its own choice, and the verdict says
///    the choice went differently. Ties (equal random delays) need no rule: they only put events
///    of different lanes in one beat.
public struct Verdict: Sendable, CustomStringConvertible {
  /// The example compared.
  public var example: ExampleID
  /// What differs, one readable sentence each; empty when equivalent.
  public var differences: [String]
  /// How an open choice went in each run, when the example has one.
  public var choices: [Paradigm: String]

  /// True when no difference was found.
  public var isEquivalent: Bool { differences.isEmpty }

  /// `equivalent` or the first difference.
  public var description: String {
    isEquivalent ? "equivalent" : "NOT equivalent: " + differences[0]
  }
}

/// The checker behind `Verdict`.
public enum Equivalence {
  /// Compares two runs of one example (normally the thread run and the task run).
  public static func compare(_ first: Transcript, _ second: Transcript) -> Verdict {
    precondition(first.example == second.example, "compare runs of one example")
    let example = first.example
    var differences = guaranteeViolations(first) + guaranteeViolations(second)
    let firstChoice = example.choice(in: first.events)
    let secondChoice = example.choice(in: second.events)
    if firstChoice == secondChoice {
      differences += laneDifferences(
        lanes(first.events), named: first.paradigm.rawValue,
        lanes(second.events), named: second.paradigm.rawValue)
    } else {
      differences += expectedDifferences(first) + expectedDifferences(second)
    }
    var choices: [Paradigm: String] = [:]
    choices[first.paradigm] = firstChoice
    choices[second.paradigm] = secondChoice
    return Verdict(example: example, differences: differences, choices: choices)
  }

  /// Compares one run with what the notebook's program guarantees for its seed and choice.
  public static func check(_ transcript: Transcript) -> Verdict {
    let choice = transcript.example.choice(in: transcript.events)
    return Verdict(
      example: transcript.example,
      differences: guaranteeViolations(transcript) + expectedDifferences(transcript),
      choices: choice.map { [transcript.paradigm: $0] } ?? [:])
  }

  static func guaranteeViolations(_ transcript: Transcript) -> [String] {
    transcript.example.guarantees.flatMap { guarantee in
      guarantee.violations(in: transcript.events).map { "in \(transcript.paradigm): " + $0 }
    }
  }

  static func expectedDifferences(_ transcript: Transcript) -> [String] {
    let orderings = transcript.example.expectedOrderings(seed: transcript.seed)
    let choice = transcript.example.choice(in: transcript.events)
    // A run that never reached its choice (an empty transcript) is held to the first ordering.
    let expected = orderings.first { $0.choice == choice } ?? orderings[0]
    let label = expected.choice.map { "notebook (\($0))" } ?? "notebook"
    return laneDifferences(
      lanes(transcript.events), named: transcript.paradigm.rawValue, expected.lanes, named: label)
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
