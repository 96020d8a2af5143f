/// What the package knows about one example, independently of the programs that run it: what
/// it prints, when, and what the program guarantees.
///
/// Adding an example is a local change: a file in `Examples/` declaring its `Example`, one line
/// in `catalogue`, its program in each paradigm's `Programs.swift`, and its page.
public struct Example: Sendable {
  /// Where an example comes from.
  public enum Group: String, Sendable, CaseIterable {
    /// The notebook's four examples.
    case notebook
    /// What a porting Python developer needs next, beyond the notebook.
    case beyond = "beyond the notebook"
    /// The rest of `threading`'s toolbox, and what Swift checks that Python never did.
    case toolbox = "the rest of the toolbox"
  }

  /// The id typed on the command line.
  public var id: ExampleID
  /// The section title.
  public var title: String
  /// One line on what the example shows.
  public var summary: String
  /// Where it comes from.
  public var group: Group
  /// The orderings its program allows for a seed: one per way its open choice can go.
  public var expectedOrderings: @Sendable (UInt64) -> [ExpectedOrdering]
  /// The happens-before promises the program makes.
  public var guarantees: [Guarantee]
  /// How the open choice went in a run (`"Thread-1 takes the lock first"`), or `nil`.
  public var choice: @Sendable ([Event]) -> String?
  /// Where a paradigm differs from the others by design — the lesson, not a defect: what differs
  /// and why, and that paradigm's own orderings. Each run is held to its paradigm's orderings;
  /// the runner names the difference wherever it shows the verdict.
  public var declaredDifferences: [Paradigm: DeclaredDifference] = [:]

  /// A difference by design between one paradigm and the others.
  public struct DeclaredDifference: Sendable {
    /// What differs and why, in one sentence.
    public var note: String
    /// That paradigm's orderings for a seed.
    public var expectedOrderings: @Sendable (UInt64) -> [ExpectedOrdering]

    /// A declared difference.
    public init(
      _ note: String, expectedOrderings: @escaping @Sendable (UInt64) -> [ExpectedOrdering]
    ) {
      self.note = note
      self.expectedOrderings = expectedOrderings
    }
  }

  /// The orderings a run of `paradigm` is held to with `seed`.
  public func expectedOrderings(seed: UInt64, paradigm: Paradigm) -> [ExpectedOrdering] {
    declaredDifferences[paradigm]?.expectedOrderings(seed) ?? expectedOrderings(seed)
  }

  /// An example description.
  public init(
    id: ExampleID, title: String, summary: String, group: Group = .notebook,
    guarantees: [Guarantee] = [], choice: @escaping @Sendable ([Event]) -> String? = { _ in nil },
    expectedOrderings: @escaping @Sendable (UInt64) -> [ExpectedOrdering]
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.group = group
    self.guarantees = guarantees
    self.choice = choice
    self.expectedOrderings = expectedOrderings
  }

  /// Every example, in the order `--list` shows them. Register a new example here.
  public static let catalogue: [Example] = [
    .startNewThread, .threadingModule, .simpleThreading, .synchronizingThreads,
    .producerConsumer,
    .workerPool,
    .timeouts,
    .stopFlags,
    .semaphore,
    .threadLocal,
    .dataRace,
    .condition,
    .reentrantLock,
    .barrier,
    .timer,
    .lostErrors,
  ]
}

/// What the program guarantees for one run, written down independently of every port.
///
/// Lane by lane, the lines it prints and the beat each falls in. Where the program leaves a
/// choice open there is one ordering per way the choice can go, and each run is held to the one
/// its own choice picked.
public struct ExpectedOrdering: Sendable {
  /// How the open choice went (`"Thread-1 takes the lock first"`), or `nil` when there is none.
  public var choice: String?
  /// Each lane's lines in order.
  public var lanes: [String: [Event.Shape]]

  /// An ordering.
  public init(choice: String? = nil, lanes: [String: [Event.Shape]]) {
    self.choice = choice
    self.lanes = lanes
  }
}

/// The name of the lane of an example's main flow, as Python names it.
public let mainLane = "MainThread"
