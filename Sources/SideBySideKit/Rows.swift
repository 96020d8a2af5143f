import ThreadsToTasksCore

/// One row of the side-by-side views: the matching events of the paradigms that ran, or some of
/// them alone where the others have no match.
struct Row: Sendable {
  var cells: [Paradigm: Event]

  /// The beat of the row: the cells share it when they match.
  var beat: Int { cells.values.map(\.beat).min()! }
  /// Whether some paradigm that ran has no event in this row.
  func differs(among paradigms: [Paradigm]) -> Bool { paradigms.count != cells.count }

  /// Pairs each event with the first unpaired event of the same lane, line and beat in every other
  /// paradigm, and orders the rows by when they happened.
  static func pair(_ events: [Paradigm: [Event]]) -> [Row] {
    var unpaired = events
    var rows: [Row] = []
    for paradigm in Paradigm.allCases {
      while let event = unpaired[paradigm]?.first {
        unpaired[paradigm]!.removeFirst()
        var cells = [paradigm: event]
        for other in Paradigm.allCases where other != paradigm {
          if let match = unpaired[other]?.firstIndex(where: {
            $0.lane == event.lane && $0.shape == event.shape
          }) {
            cells[other] = unpaired[other]!.remove(at: match)
          }
        }
        rows.append(Row(cells: cells))
      }
    }
    return rows.sorted { ($0.beat, $0.start) < ($1.beat, $1.start) }
  }

  private var start: Double { cells.values.map(\.elapsed).min()! }
}
