import ThreadsToTasksCore

/// One row of the side-by-side views: the matching lines of the paradigms that ran, or a line
/// of some of them alone where the others have no match at that place in their order.
struct Row: Sendable, Equatable {
  /// The row's line in each paradigm that has one.
  var cells: [Paradigm: Event]

  /// The beat of the row: the cells share it when they match.
  var beat: Int { cells.values.map(\.beat).min()! }
  /// Whether some paradigm that ran has no line in this row.
  func differs(among paradigms: [Paradigm]) -> Bool { paradigms.count != cells.count }

  /// What makes two lines match: the lane, the line with its stamp normalized, and the beat.
  struct Key: Hashable {
    var lane: String
    var shape: Event.Shape
    init(_ event: Event) { (lane, shape) = (event.lane, event.shape) }
  }

  private var key: Key { Key(cells.values.first!) }

  /// The paradigms' lines aligned into rows, the way `diff` aligns two files: each paradigm's
  /// column, read top to bottom, is exactly its sequence in `events` (its recorded order) — no
  /// line is moved past another of its own paradigm. Within that, as many lines as the orders
  /// allow sit in a row with the lines that match them (same lane, line and beat): a longest
  /// common subsequence, taken paradigm by paradigm in `paradigms` order. A line the others'
  /// orders leave no partner for stands in a row of its own. Between two matched rows, lines
  /// standing alone go by beat, the earlier paradigm's first.
  static func align(_ events: [Paradigm: [Event]], paradigms: [Paradigm]) -> [Row] {
    var rows: [Row] = []
    for paradigm in paradigms {
      let column = events[paradigm] ?? []
      rows = merge(rows, column.map { Row(cells: [paradigm: $0]) })
    }
    return rows
  }

  /// `left` and `right` merged, each in its order, matching rows with equal keys joined along a
  /// longest common subsequence of their keys.
  private static func merge(_ left: [Row], _ right: [Row]) -> [Row] {
    guard !left.isEmpty, !right.isEmpty else { return left + right }
    let leftKeys = left.map(\.key)
    let rightKeys = right.map(\.key)
    // common[i][j]: the length of a longest common subsequence of leftKeys[i...], rightKeys[j...].
    var common = Array(
      repeating: [Int](repeating: 0, count: right.count + 1), count: left.count + 1)
    for i in stride(from: left.count - 1, through: 0, by: -1) {
      for j in stride(from: right.count - 1, through: 0, by: -1) {
        common[i][j] =
          leftKeys[i] == rightKeys[j]
          ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
      }
    }
    var merged: [Row] = []
    var (i, j) = (0, 0)
    while i < left.count || j < right.count {
      if i < left.count, j < right.count, leftKeys[i] == rightKeys[j] {
        merged.append(Row(cells: left[i].cells.merging(right[j].cells) { first, _ in first }))
        (i, j) = (i + 1, j + 1)
        continue
      }
      // Skip a side only where a longest common subsequence still remains ahead; where both
      // may be skipped, the earlier beat goes first.
      let canSkipLeft = i < left.count && (j == right.count || common[i + 1][j] == common[i][j])
      let canSkipRight = j < right.count && (i == left.count || common[i][j + 1] == common[i][j])
      if canSkipLeft && (!canSkipRight || left[i].beat <= right[j].beat) {
        merged.append(left[i])
        i += 1
      } else {
        merged.append(right[j])
        j += 1
      }
    }
    return merged
  }
}
