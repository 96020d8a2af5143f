import ThreadsToTasksCore

/// One row of the side-by-side views: an event of the thread version and the task version's
/// matching event, or one of them alone where the other has no match.
struct Row: Sendable {
  var thread: Event?
  var task: Event?

  /// The beat of the row: both sides share it when they match.
  var beat: Int { (thread ?? task)!.beat }
  /// Whether the two sides differ (one is missing).
  var differs: Bool { thread == nil || task == nil }

  /// Pairs each thread event with the first unpaired task event of the same lane, line and beat,
  /// and orders the rows by when they happened.
  static func pair(thread: [Event], task: [Event]) -> [Row] {
    var unpaired = task
    var rows: [Row] = thread.map { event in
      let match = unpaired.firstIndex {
        $0.lane == event.lane && $0.shape == event.shape
      }
      return Row(thread: event, task: match.map { unpaired.remove(at: $0) })
    }
    rows += unpaired.map { Row(thread: nil, task: $0) }
    return rows.sorted {
      ($0.beat, $0.start) < ($1.beat, $1.start)
    }
  }

  private var start: Double { min(thread?.elapsed ?? .infinity, task?.elapsed ?? .infinity) }
}
