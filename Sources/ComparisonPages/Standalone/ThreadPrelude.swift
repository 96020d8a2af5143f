// What ThreadsToTasks binds to a run, as a plain program defines it: Python's `print`,
// `time.sleep`, `time.ctime`, `random.randint`, `threading.active_count` and `enumerate`, and a
// `Thread` that can be joined. Paste the example below it and call its function.
internal import CoreFoundation  // lets a module subclass Foundation's `Thread` on Linux
import Foundation

/// Python's `print(*items)`: items joined by spaces, a `Bool` as `True`/`False`.
func print(_ items: Any..., separator: String = " ") {
  let words = items.map { item in (item as? Bool).map { $0 ? "True" : "False" } ?? "\(item)" }
  Swift.print(words.joined(separator: separator))
}

/// Python's `time.sleep(seconds)`.
func sleep(_ seconds: Int) { Thread.sleep(forTimeInterval: TimeInterval(seconds)) }

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

/// When a wait of `seconds` that begins now ends.
func sleepDeadline(_ seconds: Int) -> ContinuousClock.Instant { .now + .seconds(seconds) }

/// Real seconds from now until `deadline`.
func realSeconds(until deadline: ContinuousClock.Instant) -> Double {
  let remaining = ContinuousClock.now.duration(to: deadline)
  return Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
}

/// Python's `random.randint(low, high)`.
func randint(_ low: Int, _ high: Int) -> Int { Int.random(in: low...high) }

/// The threads alive now, as Python's interpreter keeps them.
private let alive = NSLock()
nonisolated(unsafe) private var aliveNames = ["MainThread"]  // safe: only under `alive`

/// Python's `threading.active_count()`.
func activeCount() -> Int { alive.withLock { aliveNames.count } }

/// Python's `[t.name for t in threading.enumerate()]`.
func enumerate() -> [String] { alive.withLock { aliveNames } }

/// Python's `_thread.start_new_thread(function, args)`.
func startNewThread(_ function: @escaping @Sendable () -> Void) {
  Thread.detachNewThread(function)
}

/// Python's `threading.Thread`: `start()` returns once the thread runs; `join`, `join(timeout:)`,
/// `isAlive`, and a `name` the thread reads back as `Thread.current.name`.
open class JoinableThread: Thread {
  private let state = NSCondition()
  private var started = false
  private var running = false
  private var finished = false
  private var storedName: String
  private let target: (@Sendable () -> Void)?

  /// A thread called `name` running `target`, or `run()` in a subclass.
  public init(name: String, target: (@Sendable () -> Void)? = nil) {
    storedName = name
    self.target = target
    super.init()
  }

  open override var name: String? {
    get { state.withLock { storedName } }
    set {
      state.withLock {
        let old = storedName
        storedName = newValue ?? ""
        alive.withLock {
          if let index = aliveNames.firstIndex(of: old) { aliveNames[index] = storedName }
        }
      }
    }
  }

  open func run() { target?() }

  open override func start() {
    state.withLock { started = true }
    alive.withLock { aliveNames.append(storedName) }
    super.start()
    state.withLock {
      while !running { state.wait() }
    }
  }

  public override func main() {
    state.withLock {
      running = true
      state.broadcast()
    }
    run()
    state.withLock {
      let name = storedName
      alive.withLock {
        if let index = aliveNames.firstIndex(of: name) { aliveNames.remove(at: index) }
      }
      finished = true
      state.broadcast()
    }
  }

  /// Python's `join()`.
  public func join() {
    state.withLock {
      while !finished { state.wait() }
    }
  }

  /// Python's `join(timeout=seconds)`.
  public func join(timeout seconds: Int) {
    let deadline = Date(timeIntervalSinceNow: TimeInterval(seconds))
    state.withLock {
      while !finished, state.wait(until: deadline) {}
    }
  }

  /// Python's `is_alive()`.
  public var isAlive: Bool { state.withLock { started && !finished } }
}
