// What ThreadsToTasks binds to a run, as a plain program defines it: Python's `print`,
// `time.sleep`, `time.ctime`, `random.randint`, `threading.active_count` and `enumerate`, and a
// task with `is_alive`, a timed join and a name. `Locked`, `Latch` and `AsyncLock` follow,
// copied from the package. Paste the example below them and call its function.
import Foundation

/// Python's `print(*items)`: items joined by spaces, a `Bool` as `True`/`False`.
func print(_ items: Any..., separator: String = " ") {
  let words = items.map { item in (item as? Bool).map { $0 ? "True" : "False" } ?? "\(item)" }
  Swift.print(words.joined(separator: separator))
}

/// Python's `time.sleep(seconds)`; throws if the task is cancelled.
func sleep(_ seconds: Int) async throws { try await Task.sleep(for: .seconds(seconds)) }

/// Python's `time.ctime(time.time())`: `Wed Nov  5 10:00:01 2026`, the day padded with a space.
func ctime() -> String {
  let parts = Calendar.current.dateComponents(
    [.weekday, .month, .day, .hour, .minute, .second, .year], from: Date())
  let weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][parts.weekday! - 1]
  let month = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ][parts.month! - 1]
  return String(
    format: "%@ %@ %2d %02d:%02d:%02d %d", weekday, month, parts.day!, parts.hour!, parts.minute!,
    parts.second!, parts.year!)
}

/// Sleeps until `deadline`; throws if the task is cancelled.
func sleep(until deadline: ContinuousClock.Instant) async throws {
  try await Task.sleep(until: deadline, clock: .continuous)
}

/// When a wait of `seconds` that begins now ends.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant { .now + .seconds(seconds) }

/// Python's `random.randint(low, high)`.
func randint(_ low: Int, _ high: Int) -> Int { Int.random(in: low...high) }

/// An `async let` child cannot be named; in a plain program its lines need no name.
func named<Result: Sendable>(
  _ name: String, _ operation: () async throws -> Result
) async rethrows -> Result {
  try await operation()
}

/// The tasks alive now, as Python's interpreter keeps its threads.
private let alive = Locked(["MainThread"])

/// Python's `threading.active_count()`.
func activeCount() -> Int { alive.withLock { $0.count } }

/// Python's `[t.name for t in threading.enumerate()]`.
func enumerate() -> [String] { alive.withLock { $0 } }

/// Python's `threading.Thread`, as a task: it starts when made, runs at once up to its first
/// suspension, and has `isAlive`, `join()`, `join(timeout:)` and a label for a name.
final class JoinableTask: Sendable {
  private let finished = Latch()
  private let label: Locked<String>

  init(name: String, operation: @escaping @Sendable () async throws -> Void) {
    let finished = self.finished
    label = Locked(name)
    alive.withLock { $0.append(name) }
    Task.immediate(name: name) { [label] in
      try? await operation()
      let name = label.withLock { $0 }
      alive.withLock { names in names.firstIndex(of: name).map { _ = names.remove(at: $0) } }
      finished.open()
    }
  }

  var name: String {
    get { label.withLock { $0 } }
    set {
      let old = label.withLock { label in
        defer { label = newValue }
        return label
      }
      alive.withLock { names in names.firstIndex(of: old).map { names[$0] = newValue } }
    }
  }

  var isAlive: Bool { !finished.isOpen }

  func join() async { await finished.wait() }

  func join(timeout seconds: Int) async {
    let deadline = sleepDeadline(seconds)
    await withTaskGroup { race in
      race.addTask { await self.finished.wait() }
      race.addTask { try? await sleep(until: deadline) }
      await race.next()
      race.cancelAll()
    }
  }
}
