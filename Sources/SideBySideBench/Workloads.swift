import Foundation
import Synchronization
import TaskVersions
import ThreadVersions
import ThreadsToTasksCore

/// The simple-threading shape with `count` workers, each sleeping `sleep`: start them all, then
/// join them all. Runs in a child process, so the peak memory is this workload's alone.
enum FanOut {
  /// Foundation's `Thread`, its body `Thread.sleep`, joined through a `DispatchGroup`: what a
  /// thread costs on this platform.
  static let plainThread = "thread (Foundation Thread)"
  /// The package's `JoinableThread`, with Python's start semantics, its body the package's own
  /// blocking call: what the examples pay.
  static let joinableThread = "thread (JoinableThread)"
  /// Foundation's `Thread` again, its start followed by a wait, spinning, until the body's first
  /// line has run: the least any start with Python's meaning can cost, `JoinableThread`'s floor.
  static let waitedThread = "thread (Foundation Thread, start waits for its first line)"
  static let task = "task"
  static let pythonThread = "python thread"
  static let pythonAsyncio = "python asyncio"

  static func plainThreads(_ count: Int, sleep: Duration) -> Sample {
    let start = ContinuousClock.now
    let group = DispatchGroup()
    for _ in 0..<count {
      group.enter()
      Thread {
        Thread.sleep(forTimeInterval: sleep.seconds)
        group.leave()
      }.start()
    }
    let spawned = seconds(since: start)
    group.wait()
    return sample(since: start, spawned: spawned)
  }

  static func waitedThreads(_ count: Int, sleep: Duration) -> Sample {
    let start = ContinuousClock.now
    let group = DispatchGroup()
    for _ in 0..<count {
      group.enter()
      let running = Flag()
      Thread {
        running.raise()
        Thread.sleep(forTimeInterval: sleep.seconds)
        group.leave()
      }.start()
      while !running.isRaised { sched_yield() }
    }
    let spawned = seconds(since: start)
    group.wait()
    return sample(since: start, spawned: spawned)
  }

  static func joinableThreads(_ count: Int, sleep: Duration) -> Sample {
    let start = ContinuousClock.now
    let workers = (0..<count).map { index in
      JoinableThread(name: "worker-\(index)") { packageSleep(sleep) }
    }
    for worker in workers { worker.start() }
    let spawned = seconds(since: start)
    for worker in workers { worker.join() }
    return sample(since: start, spawned: spawned)
  }

  static func tasks(_ count: Int, sleep: Duration) async -> Sample {
    let start = ContinuousClock.now
    var spawned = 0.0
    await withTaskGroup { workers in
      for _ in 0..<count {
        workers.addTask { try? await Task.sleep(for: sleep) }
      }
      spawned = seconds(since: start)
      await workers.waitForAll()
    }
    return sample(since: start, spawned: spawned)
  }

  /// A flag one thread raises and another watches.
  private final class Flag: Sendable {
    private let raised = Atomic(false)
    func raise() { raised.store(true, ordering: .releasing) }
    var isRaised: Bool { raised.load(ordering: .acquiring) }
  }

  private static func sample(since start: ContinuousClock.Instant, spawned: Double) -> Sample {
    let usage = resourceUsage()
    return Sample(
      seconds: seconds(since: start), spawnSeconds: spawned, peakBytes: usage.peakBytes,
      pageFaults: usage.pageFaults)
  }
}

/// A sleep in one of the package's own blocking calls, which tell `JoinableThread.start()` that
/// the thread blocks: a timed wait on an event nobody sets.
func packageSleep(_ duration: Duration) {
  ThreadingEvent().wait(timeout: duration)
}

/// The synchronizing shape without sleeping: `workers` workers each enter a short critical
/// section (one increment) `rounds` times. Reports operations per second and the longest any
/// one entry waited.
enum CriticalSection {
  struct Result: Codable, Sendable {
    var mechanism: String
    var opsPerSecond: Double
    var maxWaitMicroseconds: Double
    /// Over the rounds, when this is their median: the slowest and fastest round.
    var minOpsPerSecond: Double?
    var maxOpsPerSecond: Double?

    /// Each mechanism's median over `rounds`, in the first round's order.
    static func medians(_ rounds: [[Result]]) -> [Result] {
      (rounds.first ?? []).map { first in
        let all = rounds.compactMap { $0.first { $0.mechanism == first.mechanism } }
        let ops = all.map(\.opsPerSecond)
        return Result(
          mechanism: first.mechanism, opsPerSecond: median(ops),
          maxWaitMicroseconds: median(all.map(\.maxWaitMicroseconds)),
          minOpsPerSecond: ops.min(), maxOpsPerSecond: ops.max())
      }
    }
  }

  /// Runs `enter` from `workers` threads and measures.
  static func onThreads(
    _ mechanism: String, workers: Int, rounds: Int, enter: @escaping @Sendable () -> Void
  ) -> Result {
    let longestWait = Locked(Duration.zero)
    let start = ContinuousClock.now
    let threads = (0..<workers).map { index in
      JoinableThread(name: "contender-\(index)") {
        var longest = Duration.zero
        for _ in 0..<rounds {
          let asked = ContinuousClock.now
          enter()
          longest = max(longest, ContinuousClock.now - asked)
        }
        longestWait.withLock { $0 = max($0, longest) }
      }
    }
    for thread in threads { thread.start() }
    for thread in threads { thread.join() }
    let elapsed = seconds(since: start)
    return Result(
      mechanism: mechanism, opsPerSecond: Double(workers * rounds) / elapsed,
      maxWaitMicroseconds: longestWait.withLock { $0.seconds * 1e6 })
  }

  /// Runs `enter` from `workers` child tasks and measures.
  static func onTasks(
    _ mechanism: String, workers: Int, rounds: Int,
    enter: @escaping @Sendable () async -> Void
  ) async -> Result {
    let start = ContinuousClock.now
    let longest = await withTaskGroup(of: Duration.self) { group in
      for _ in 0..<workers {
        group.addTask {
          var longest = Duration.zero
          for _ in 0..<rounds {
            let asked = ContinuousClock.now
            await enter()
            longest = max(longest, ContinuousClock.now - asked)
          }
          return longest
        }
      }
      return await group.reduce(Duration.zero, max)
    }
    let elapsed = seconds(since: start)
    return Result(
      mechanism: mechanism, opsPerSecond: Double(workers * rounds) / elapsed,
      maxWaitMicroseconds: longest.seconds * 1e6)
  }

  static func all(workers: Int, rounds: Int) async -> [Result] {
    let lockCounter = Locked(0)
    let mutex = MutexCounter()
    let counter = Counter()
    let asyncLock = AsyncLock()
    let serialCount = Locked(0)
    return [
      onThreads("NSLock (threads)", workers: workers, rounds: rounds) {
        lockCounter.withLock { $0 += 1 }
      },
      onThreads("Mutex (threads)", workers: workers, rounds: rounds) {
        mutex.increment()
      },
      await onTasks("actor (tasks)", workers: workers, rounds: rounds) {
        await counter.increment()
      },
      await onTasks("AsyncLock (tasks)", workers: workers, rounds: rounds) {
        guard (try? await asyncLock.acquire()) != nil else { return }
        defer { asyncLock.release() }
        serialCount.withLock { $0 += 1 }
      },
    ]
  }

  /// A counter behind a `Synchronization.Mutex`. On Linux the `Mutex` waits on a futex, which
  /// ThreadSanitizer does not see, so a sanitized run reported every contended increment as a
  /// race (2 of 4 runs). Under the sanitizer the increment therefore tells it what the futex
  /// guarantees: whoever enters next has seen what the last one wrote. Elsewhere `sanitizer` is
  /// nil and the increment is the bare `withLock`.
  final class MutexCounter: Sendable {
    let count = Mutex(0)
    let sanitizer = ThreadSanitizer.hooks

    func increment() {
      guard let sanitizer else { return count.withLock { $0 += 1 } }
      let address = Unmanaged.passUnretained(self).toOpaque()
      count.withLock {
        sanitizer.acquire(address)
        $0 += 1
        sanitizer.release(address)
      }
    }
  }

  actor Counter {
    private var value = 0
    func increment() { value += 1 }
  }
}

/// The cost of one worker: create, start and join one `Thread`, or create and await one `Task`;
/// and how long `start()` takes to return, which for `JoinableThread` includes Python's wait for
/// the new thread to run up to its first blocking call.
enum Startup {
  static let plainStart = "Thread: start() returns"
  static let joinableStart = "JoinableThread: start() returns, body blocks in the package's call"
  static let unseenStart =
    "JoinableThread: start() returns, body blocks in Thread.sleep (unseen: the 5 ms interval)"

  /// Every thread figure, `repetitions` samples each.
  static func all(repetitions: Int) -> [String: [Double]] {
    var samples: [String: [Double]] = [:]
    samples["Thread: create, start, join"] = (0..<repetitions).map { _ in
      let start = ContinuousClock.now
      let group = DispatchGroup()
      group.enter()
      Thread { group.leave() }.start()
      group.wait()
      return seconds(since: start) * 1e6
    }
    samples[plainStart] = (0..<repetitions).map { _ in
      let release = DispatchSemaphore(value: 0)
      let done = DispatchSemaphore(value: 0)
      let thread = Thread {
        release.wait()
        done.signal()
      }
      let start = ContinuousClock.now
      thread.start()
      let returned = seconds(since: start) * 1e6
      release.signal()
      done.wait()
      return returned
    }
    // As the row above, its body blocked until `start()` has returned, but in a call of the
    // package's, which ends the start. (Blocked for a millisecond instead, the machine idled
    // before each start of this row and not of the row above: a start after an idle
    // millisecond took 1.4–2× as long here, for either kind of thread.)
    samples[joinableStart] = (0..<repetitions).map { _ in
      let release = ThreadVersions.ThreadingEvent()
      return joinable {
        release.wait()
      } release: {
        release.set()
      }
    }
    // Fewer: each costs the whole switch interval (the body sleeps longer than that).
    samples[unseenStart] = (0..<min(repetitions / 5 + 1, 20)).map { _ in
      joinable { Thread.sleep(forTimeInterval: 0.02) }
    }
    return samples
  }

  /// `start()` latency of a `JoinableThread` running `body`, in microseconds; `release`, called
  /// once `start()` has returned, lets the body end.
  private static func joinable(
    _ body: @escaping @Sendable () -> Void, release: () -> Void = {}
  ) -> Double {
    let thread = JoinableThread(name: "one", target: body)
    let start = ContinuousClock.now
    thread.start()
    let returned = seconds(since: start) * 1e6
    release()
    thread.join()
    return returned
  }

  static func task(repetitions: Int) async -> [Double] {
    var samples: [Double] = []
    for _ in 0..<repetitions {
      let start = ContinuousClock.now
      await Task {}.value
      samples.append(seconds(since: start) * 1e6)
    }
    return samples
  }
}

/// Acquire and release with nobody else asking, in nanoseconds per pair.
enum Uncontended {
  /// Synchronous: `NSLock.lock()` is unavailable in async code.
  private static func nsLockPairs(_ lock: NSLock, _ times: Int) -> Double {
    let start = ContinuousClock.now
    for _ in 0..<times {
      lock.lock()
      lock.unlock()
    }
    return seconds(since: start) * 1e9 / Double(times)
  }

  static func all(_ times: Int) async -> [String: Double] {
    let lock = AsyncLock()
    let semaphore = AsyncSemaphore(1)
    let nsLock = NSLock()
    var results: [String: Double] = [:]
    var start = ContinuousClock.now
    for _ in 0..<times {
      _ = try? await lock.acquire()
      lock.release()
    }
    results["AsyncLock (tasks)"] = seconds(since: start) * 1e9 / Double(times)
    start = ContinuousClock.now
    for _ in 0..<times {
      try? await semaphore.acquire()
      try? semaphore.release()
    }
    results["AsyncSemaphore(1) (tasks)"] = seconds(since: start) * 1e9 / Double(times)
    results["NSLock (threads)"] = nsLockPairs(nsLock, times)
    return results
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}

/// ThreadSanitizer's annotation hooks, found at run time: present only in a sanitized build.
enum ThreadSanitizer {
  typealias Hook = @convention(c) (UnsafeMutableRawPointer?) -> Void

  /// `__tsan_acquire(address)`: what was released on `address` happens before what follows it;
  /// `__tsan_release(address)`: what came before it happens before the next acquire there.
  static let hooks: (acquire: Hook, release: Hook)? = {
    let program = dlopen(nil, RTLD_NOW)
    guard let acquire = dlsym(program, "__tsan_acquire"),
      let release = dlsym(program, "__tsan_release")
    else { return nil }
    return (unsafeBitCast(acquire, to: Hook.self), unsafeBitCast(release, to: Hook.self))
  }()
}
