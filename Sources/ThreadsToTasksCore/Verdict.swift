/// The package's one verdict model: what every view shows, the JSON summary carries and the exit
/// status reports.
///
/// An example's runs are judged by checks: each paradigm against the notebook (its guarantees,
/// and the expected ordering for the open choice it made), and each pair of paradigms against
/// each other. The kind says what the checks add up to.
public struct Verdict: Sendable, CustomStringConvertible {
  /// What the checks add up to. When two apply, the one listed first wins.
  public enum Kind: String, Sendable, CaseIterable {
    /// The run was stopped (Ctrl-C, SIGTERM, SIGHUP) before it finished; its checks judge only
    /// the beats it completed. Exit status 128 + the signal's number (130 for Ctrl-C).
    case interrupted
    /// A check failed: a guarantee broke, or a line is missing, extra, reworded, in the wrong
    /// lane or at the wrong beat. Exit status 1.
    case notEquivalent = "NOT equivalent"
    /// Lines were at the wrong beat, but the run's sleeps woke so late (more than
    /// `Verdict.lateTolerance`) that a slow machine, not the program, may be why. Guarantees are
    /// never excused. Exit status 3.
    case tooLate = "too late to judge"
    /// Every check holds. Exit status 0.
    case equivalent

    /// The exit status for this kind (for `interrupted`, the one of Ctrl-C).
    public var exitStatus: Int32 {
      switch self {
      case .interrupted: 130
      case .notEquivalent: 1
      case .tooLate: 3
      case .equivalent: 0
      }
    }

    /// The kind that wins when several examples' verdicts are summed up.
    public static func worst(_ kinds: [Kind]) -> Kind {
      allCases.first { kinds.contains($0) } ?? .equivalent
    }

    /// The exit status of a run of several examples: the worst kind's, by precedence — not the
    /// largest number (a run with a NOT equivalent example and a late one exits 1, not 3).
    public static func exitStatus(of kinds: [Kind]) -> Int32 { worst(kinds).exitStatus }
  }

  /// One comparison and what it found.
  public struct Check: Sendable, CustomStringConvertible {
    /// What was compared: `thread ~ notebook`, `thread ~ task`.
    public var name: String
    /// Broken guarantees, one sentence each: these no lateness excuses.
    public var violations: [String]
    /// Lines that differ, one sentence each.
    public var differences: [String]
    /// Whether the check holds.
    public var holds: Bool { violations.isEmpty && differences.isEmpty }
    /// `thread ~ notebook: holds`, or the first finding.
    public var description: String {
      "\(name): " + ((violations + differences).first ?? "holds")
    }
  }

  /// The example judged.
  public var example: ExampleID
  /// Every check made.
  public var checks: [Check]
  /// How the open choice went in each paradigm, when the example has one.
  public var choices: [Paradigm: String]
  /// Each paradigm's worst sleep lateness, in notebook seconds.
  public var lateness: [Paradigm: Double]
  /// For an interrupted run, the first beat that was not judged.
  public var judgedBefore: Int?
  /// The example's differences by design between the paradigms that ran, one sentence each.
  public var declared: [String] = []

  /// How late a sleep may wake, in notebook seconds, before wrong beats are put down to the
  /// machine: half a beat. Beats round down, so a line up to a whole beat late still lands right;
  /// past half a beat, the next line may already be pushed over.
  public static let lateTolerance = 0.5

  /// The kind, by the precedence in `Kind`.
  public var kind: Kind {
    if judgedBefore != nil { return .interrupted }
    if checks.contains(where: { !$0.violations.isEmpty }) { return .notEquivalent }
    guard checks.contains(where: { !$0.holds }) else { return .equivalent }
    return (lateness.values.max() ?? 0) > Self.lateTolerance ? .tooLate : .notEquivalent
  }

  /// True when every check holds (for an interrupted run: on the part it ran).
  public var checksHold: Bool { checks.allSatisfy(\.holds) }

  /// True when the verdict is `equivalent`.
  public var isEquivalent: Bool { kind == .equivalent }

  /// Every finding, each prefixed with its check's name: first every broken guarantee, of all
  /// the checks, then every other difference. A broken guarantee is what a verdict must name
  /// first — on a busy machine a line a beat late in one check would otherwise come before it
  /// and be the one the verdict line shows.
  public var differences: [String] {
    checks.flatMap { check in check.violations.map { "\(check.name): \($0)" } }
      + checks.flatMap { check in check.differences.map { "\(check.name): \($0)" } }
  }

  /// `equivalent`, or the kind and the first finding.
  public var description: String {
    differences.first.map { "\(kind.rawValue): \($0)" } ?? kind.rawValue
  }
}
