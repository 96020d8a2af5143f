/// A happens-before promise the notebook's program makes, checked on the recording order.
///
/// Beats alone cannot check these: with equal random delays, "Exiting thread1" and "wait thread2"
/// fall in the same beat, and only the order the recorder saw them in says whether the join waited.
public enum Guarantee: Sendable, Hashable {
  /// `earlier` is recorded before `later` whenever `later` is recorded at all (a join, an await).
  case happensBefore(Mark, Mark, because: String)
  /// Each lane's critical section — from its `opening` line to its last line — overlaps no other
  /// lane's (a lock, or the actor that replaces it).
  case mutualExclusion(opening: String, because: String)
  /// At most `n` lanes are inside at once, a lane being inside from each `opening` line it prints
  /// to its next `closing` line (or its last line, if it never prints one): a semaphore.
  case atMostInside(_ n: Int, opening: String, closing: String, because: String)

  /// A point in a transcript.
  public enum Mark: Sendable, Hashable, CustomStringConvertible {
    /// The first event of `lane` with `text`.
    case line(_ lane: String, _ text: String)
    /// The last event `lane` recorded: the end of a worker's body, as far as anyone can see.
    case end(of: String)
    /// The first event with `text`, in whichever lane: a line whose lane differs by paradigm (a
    /// worker's failure, reported by the worker in one paradigm and by its awaiter in another).
    case anyLane(_ text: String)

    /// `'Exiting thread1' (thread1)` or `the end of thread1`.
    public var description: String {
      switch self {
      case .line(let lane, let text): "'\(text)' (\(lane))"
      case .end(let lane): "the end of \(lane)"
      case .anyLane(let text): "'\(text)'"
      }
    }

    func find(in events: [Event]) -> Event? {
      switch self {
      case .line(let lane, let text): events.first { $0.lane == lane && $0.text == text }
      case .end(let lane): events.last { $0.lane == lane }
      case .anyLane(let text): events.first { $0.text == text }
      }
    }
  }

  /// The ways `events` break this guarantee, one sentence each; empty when it holds.
  public func violations(in events: [Event]) -> [String] {
    switch self {
    case .happensBefore(let earlier, let later, let reason):
      guard let after = later.find(in: events) else { return [] }
      guard let before = earlier.find(in: events) else {
        return ["\(later) was recorded but \(earlier) never was (\(reason))"]
      }
      guard before.sequence < after.sequence else {
        return [
          "\(later) at beat \(after.beat) came before \(earlier) at beat \(before.beat) "
            + "(\(reason))"
        ]
      }
      return []
    case .mutualExclusion(let opening, let reason):
      let sections = Dictionary(grouping: events, by: \.lane).compactMap {
        lane, laneEvents -> (lane: String, from: Event, to: Event)? in
        guard let start = laneEvents.first(where: { $0.text == opening }) else { return nil }
        return (lane, start, laneEvents.last!)
      }.sorted { $0.from.sequence < $1.from.sequence }
      var found: [String] = []
      var holder: (lane: String, from: Event, to: Event)?
      for entering in sections {
        if let held = holder, entering.from.sequence < held.to.sequence {
          found.append(
            "\(entering.lane) entered at beat \(entering.from.beat) while \(held.lane) was inside "
              + "until beat \(held.to.beat) (\(reason))")
        }
        if holder == nil || entering.to.sequence > holder!.to.sequence { holder = entering }
      }
      return found
    case .atMostInside(let n, let opening, let closing, let reason):
      var inside: [String] = []
      var found: [String] = []
      for event in events.sorted(by: { $0.sequence < $1.sequence }) {
        if event.text == opening && !inside.contains(event.lane) {
          if inside.count >= n {
            found.append(
              "\(event.lane) went inside at beat \(event.beat) while \(inside.count) were inside "
                + "(\(inside.joined(separator: ", "))) (\(reason))")
          }
          inside.append(event.lane)
        } else if event.text == closing {
          inside.removeAll { $0 == event.lane }
        }
      }
      return found
    }
  }
}
