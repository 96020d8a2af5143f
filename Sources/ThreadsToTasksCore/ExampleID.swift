/// The name of an example (`simple-threading`), as typed on the command line.
///
/// Known ids are the ones in `Example.catalogue`; `init(rawValue:)` refuses any other.
public struct ExampleID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
  /// The id as typed.
  public let rawValue: String

  /// The id of a catalogued example, or `nil`.
  public init?(rawValue: String) {
    guard Example.catalogue.contains(where: { $0.id.rawValue == rawValue }) else { return nil }
    self.rawValue = rawValue
  }

  /// An id, known or not (the catalogue entries declare theirs this way).
  public init(_ rawValue: String) { self.rawValue = rawValue }

  /// The id.
  public var description: String { rawValue }

  /// Every catalogued example, in catalogue order.
  public static var allCases: [ExampleID] { Example.catalogue.map(\.id) }

  /// The notebook's own examples: what runs when none is named.
  public static var notebook: [ExampleID] {
    Example.catalogue.filter { $0.group == .notebook }.map(\.id)
  }

  /// The catalogue entry.
  public var example: Example { Example.catalogue.first { $0.id == self }! }
  /// The notebook section the example comes from.
  public var title: String { example.title }
  /// One line on what the example shows.
  public var summary: String { example.summary }
  /// The happens-before promises the example's program makes (joins, awaits, the lock).
  public var guarantees: [Guarantee] { example.guarantees }

  /// The orderings the program allows with `seed`: one per way its open choice can go.
  public func expectedOrderings(seed: UInt64) -> [ExpectedOrdering] {
    example.expectedOrderings(seed)
  }

  /// How the example's open choice went in `events`, named as in `expectedOrderings(seed:)`.
  public func choice(in events: [Event]) -> String? { example.choice(events) }
}
