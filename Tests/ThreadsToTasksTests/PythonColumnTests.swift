import Foundation
import SideBySideKit
import Testing
import ThreadsToTasksCore

#if canImport(Glibc)
  import Glibc
#endif

/// Whether `python3` is on this process's `PATH`: the tests that run Python need it, and show as
/// skipped, with the reason, when it is absent.
let pythonIsPresent = PythonColumn.interpreter() != nil

/// Real seconds per notebook second for the Python runs: 0.05, unless the suite is paced wider
/// (`THREADS_TO_TASKS_TEST_PACE`, set for the sanitized suite). Held to by the gate below: with
/// all the Pythons started at once through pyenv's shim, the spec's beats failed in 1 of 10
/// repetitions of this suite alone (a thread's first line 50 ms late); gated, in 0 of 10.
let pythonPace: Pace = {
  let override = ProcessInfo.processInfo.environment["THREADS_TO_TASKS_TEST_PACE"]
  return (try? Pace(seconds: override.flatMap(Double.init) ?? 0.05)) ?? .test
}()

/// An expected line: lane, text (stamped when it ends with ":"), beat.
typealias Line = (lane: String, text: String, beat: Int)

/// The spec's lines for each example (`--seed 7` draws delays 2 and 1), as a literal table.
enum PythonSpec {
  static let startNewThread: [Line] = [
    ("MainThread", "{'a': 1, 'b': 2}", 0),
    ("MainThread", "{'a': 'changed', 'b': 'changed'}", 2),
    ("MainThread", "a copy taken before the start: {'a': 1, 'b': 2}", 2),
  ]
  static let threadingModule: [Line] = [
    ("MainThread", "current thread: MainThread", 0),
    ("MainThread", "active count: 1", 0),
    ("job-1", "job-1:", 0),
    ("job-2", "job-2:", 0),
    ("MainThread", "active count: 3", 0),
    ("MainThread", "enumerate: MainThread, job-1, job-2", 0),
    ("MainThread", "job-1 is alive: True", 0),
    ("MainThread", "job-2 is alive: False", 1),
    ("MainThread", "active count: 2", 1),
    ("MainThread", "after join(timeout=1), job-1 is alive: True", 2),
    ("MainThread", "name: job-1", 2),
    ("MainThread", "renamed: job-1 renamed", 2),
    ("MainThread", "job-1 is alive: False", 3),
    ("MainThread", "enumerate: MainThread", 3),
  ]
  /// Seed 7: thread1 sleeps 2, thread2 sleeps 1.
  static let simpleThreading: [Line] = [
    ("thread1", "Starting thread thread1", 0),
    ("thread1", "thread1:", 0),
    ("thread2", "Starting thread thread2", 0),
    ("thread2", "thread2:", 0),
    ("MainThread", "wait thread1", 0),
    ("thread2", "Exiting thread2", 1),
    ("thread1", "Exiting thread1", 2),
    ("MainThread", "wait thread2", 2),
    ("MainThread", "Done", 2),
  ]
  static let threadOneLocksFirst: [Line] = [
    ("Thread-1", "Starting Thread-1", 0),
    ("Thread-1", "lock value True", 0),
    ("Thread-2", "Starting Thread-2", 0),
    ("Thread-1", "Thread-1:", 1),
    ("Thread-1", "Thread-1:", 2),
    ("Thread-1", "Thread-1:", 3),
    ("Thread-2", "lock value True", 3),
    ("Thread-2", "Thread-2:", 5),
    ("Thread-2", "Thread-2:", 7),
    ("Thread-2", "Thread-2:", 9),
    ("MainThread", "Exiting Main Thread", 9),
  ]
  static let threadTwoLocksFirst: [Line] = [
    ("Thread-1", "Starting Thread-1", 0),
    ("Thread-2", "Starting Thread-2", 0),
    ("Thread-2", "lock value True", 0),
    ("Thread-2", "Thread-2:", 2),
    ("Thread-2", "Thread-2:", 4),
    ("Thread-2", "Thread-2:", 6),
    ("Thread-1", "lock value True", 6),
    ("Thread-1", "Thread-1:", 7),
    ("Thread-1", "Thread-1:", 8),
    ("Thread-1", "Thread-1:", 9),
    ("MainThread", "Exiting Main Thread", 9),
  ]

  /// The orderings the example may print: both outcomes of the lock race for
  /// synchronizing-threads, one for the others.
  static func accepted(_ example: ExampleID) -> [[Line]] {
    let accepted: [ExampleID: [[Line]]] = [
      .startNewThread: [startNewThread], .threadingModule: [threadingModule],
      .simpleThreading: [simpleThreading],
      .synchronizingThreads: [threadOneLocksFirst, threadTwoLocksFirst],
    ]
    return accepted[example] ?? []
  }
}

/// Each lane's lines, in order, as `text`, `text <ctime>`, and beat: what must match the spec.
func laneShapes(_ lines: [Line]) -> [String: [Event.Shape]] {
  Dictionary(grouping: lines, by: \.lane).mapValues { lines in
    lines.map { Event.Shape(text: $0.text, isStamped: $0.text.hasSuffix(":"), beat: $0.beat) }
  }
}

/// The lanes of a transcript, in the same form.
func laneShapes(_ transcript: Transcript) -> [String: [Event.Shape]] {
  transcript.eventsByLane.mapValues { $0.map(\.shape) }
}

/// At most two Pythons run at once, and each is started without pyenv's shim: fourteen Pythons
/// started together through the shim (a bash script that forks dozens of times) kept the two
/// cores so busy that the Swift suites running beside them printed a beat late (200 ms) in 3 of
/// 14 full-suite runs; none did in 6 runs without this suite.
actor PythonGate {
  static let shared = PythonGate(slots: 2)
  private var free: Int
  private var waiting: [CheckedContinuation<Void, Never>] = []

  init(slots: Int) { free = slots }

  func acquire() async {
    if free > 0 {
      free -= 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  func release() {
    if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
  }

  /// Runs `body` holding one of the slots.
  static func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
    await shared.acquire()
    do {
      let result = try await body()
      await shared.release()
      return result
    } catch {
      await shared.release()
      throw error
    }
  }

  /// Runs `body` holding one of this gate's slots until `body` calls the function it is given —
  /// once its Python has started its example — or returns. A paced run sleeps nearly all the
  /// time after its start: holding the slot to its end made the Python tests wait in line for
  /// each other's sleeps, the suite's longest path.
  func whileStarting<T: Sendable>(
    _ body: @Sendable (_ started: @escaping @Sendable () -> Void) async throws -> T
  ) async throws -> T {
    await acquire()
    let held = Locked(true)
    let release: @Sendable () -> Void = {
      let wasHeld = held.withLock { held in
        defer { held = false }
        return held
      }
      if wasHeld { Task { await self.release() } }
    }
    defer { release() }
    return try await body(release)
  }
}

/// This process's environment with the real interpreter's directory first on `PATH`, so that
/// `PythonColumn.interpreter` finds `python3` itself rather than a pyenv shim. Resolved once.
let pythonEnvironment = Task<[String: String], Never> {
  var environment = ProcessInfo.processInfo.environment
  guard let python = PythonColumn.interpreter(),
    let run = try? await runPython(python, ["-c", "import sys; print(sys.executable)"]),
    run.status == 0
  else { return environment }
  let executable = URL(fileURLWithPath: run.output.trimmingCharacters(in: .whitespacesAndNewlines))
  let directory = executable.deletingLastPathComponent().path
  if FileManager.default.isExecutableFile(atPath: directory + "/python3") {
    environment["PATH"] = directory + ":" + (environment["PATH"] ?? "")
  }
  return environment
}

/// `PythonColumn.run` through the gate until its example has started, with `pythonEnvironment`
/// unless another is given.
func runColumn(
  _ example: ExampleID, holdBack: String? = nil, pace: Pace = pythonPace,
  environment: [String: String]? = nil, observer: (@Sendable (Event) -> Void)? = nil
) async throws -> PythonRun {
  let resolved = await pythonEnvironment.value
  let environment = environment ?? resolved
  return try await PythonGate.shared.whileStarting { started in
    try await PythonColumn.run(
      example, seed: 7, pace: pace, holdBack: holdBack, environment: environment,
      onStart: { _ in started() }, observer: observer)
  }
}

/// A directory holding a fake `python3`, a shell script with `body`: for the failure paths.
func fakePython(_ body: String) throws -> [String: String] {
  let directory = try scratchFolder("fake-python")
  try writeExecutable(
    Data(("#!/bin/sh\n" + body + "\n").utf8), to: directory.appendingPathComponent("python3"))
  return ["PATH": directory.path]
}

/// Writes `bytes` to a new executable file at `url`, through a descriptor opened with
/// `O_CLOEXEC`. Not `Data.write(to:)` or `FileManager.copyItem`: their descriptors lack it, so a
/// process another test forks meanwhile keeps the file open for writing — "Text file busy" to an
/// exec of it — until that process execs (seen in 1 of 12 suite runs) or, for `copyItem`, exits.
func writeExecutable(_ bytes: Data, to url: URL) throws {
  let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
  guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
  let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  close(descriptor)
  guard written == bytes.count else { throw POSIXError(.EIO) }
}

/// Runs `python` with `arguments` to its end and returns its exit status and output (stdout and
/// stderr together). Reads and waits on a thread of its own; the caller suspends.
func runPython(_ python: URL, _ arguments: [String]) async throws -> (
  status: Int32, output: String
) {
  let process = Process()
  process.executableURL = python
  process.arguments = arguments
  var environment = ProcessInfo.processInfo.environment
  environment["PYTHONDONTWRITEBYTECODE"] = "1"
  process.environment = environment
  let output = Pipe()
  process.standardOutput = output
  process.standardError = output
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let handle = output.fileHandleForReading
  return await withCheckedContinuation { done in
    Thread.detachNewThread {
      let data = handle.readDataToEndOfFile()
      process.waitUntilExit()
      done.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
    }
  }
}

/// `script` run by `python3 -c` with the harness's folder on its path and `harness` imported:
/// a test of one of the harness's pieces.
func runWithHarness(_ script: String) async throws -> (status: Int32, output: String) {
  let folder = try #require(PythonColumn.harness).deletingLastPathComponent().path
  let prelude = "import sys; sys.path.insert(0, \(String(reflecting: folder)))\nimport harness\n"
  return try await runPython(["-c", prelude + script])
}

/// `runPython` with the interpreter `pythonEnvironment` finds: a short script, not through the
/// gate (the ones here mostly sleep).
func runPython(_ arguments: [String]) async throws -> (status: Int32, output: String) {
  let python = try #require(PythonColumn.interpreter(environment: await pythonEnvironment.value))
  return try await runPython(python, arguments)
}

@Suite("The Python column", .watchdog, .tags(.realTime))
struct PythonColumnTests {
  @Test(
    "Python's randint draws what Swift's SeededRandom draws, seeds 0 to 20",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func randintParity() async throws {
    let ranges: [(Int, Int)] = [
      (1, 4), (1, 4), (0, 9), (-5, 5), (1, 6), (0, 1), (Int.min, Int.max), (-1000, 1_000_000_007),
      (0, 0), (1, 3),
    ]
    let swift = (UInt64(0)...20).map { seed in
      var generator = SeededRandom(seed: seed)
      return ranges.map { String(generator.randint($0.0, $0.1)) }.joined(separator: " ")
    }
    let pythonRanges = ranges.map { "(\($0.0), \($0.1))" }.joined(separator: ", ")
    let run = try await runWithHarness(
      """
      for seed in range(21):
          g = harness.SplitMix64(seed)
          print(" ".join(str(g.randint(a, b)) for a, b in [\(pythonRanges)]))
      """)
    #expect(run.status == 0, "\(run.output)")
    #expect(run.output.split(separator: "\n").map(String.init) == swift)
  }

  @Test(
    "a paced sleep that begins late still ends on its beat: lateness does not add up",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func sleepsEndOnTheBeat() async throws {
    // The sleep begins 0.6 beat late; its deadline is beat 1, not 1.6, and it ends there. The
    // deadline is read, not the time the sleep took: a loaded machine woke this process 1.2
    // beats late once, which says nothing about where the deadline was. A wide pace (0.75 s a
    // beat), so that the late start stays in beat 0 on a busy machine (0.3 s to spare).
    let run = try await runWithHarness(
      """
      clock = harness.Clock(0.75)
      clock.start()
      harness._real_sleep(0.6 * 0.75)
      print(clock.deadline(1) - clock.start_monotonic)
      clock.sleep(1)
      print(clock.elapsed())
      """)
    let printed = run.output.split(separator: "\n").compactMap { Double($0) }
    try #require(printed.count == 2, "\(run.output)")
    #expect(abs(printed[0] - 0.75) < 1e-9, "deadline \(printed[0]) s after the start")
    #expect(printed[1] >= 1, "the sleep ended before its deadline: \(printed[1])")
  }

  @Test(
    "a slow Thread.start is lateness for the thread that started it, until its next sleep",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func slowStartIsLateness() async throws {
    // A start that takes 0.3 s (the real one, behind a sleep, as a loaded machine makes it) at
    // 0.1 s a beat: the starting thread is 3 beats behind. Two such starts: 6 (they add up).
    // After a sleep it is on schedule again, so one more slow start is 3 beats, not 9.
    let run = try await runWithHarness(
      """
      import threading, time
      real_start = harness._real_start
      def slow_start(thread):
          time.sleep(0.3)
          real_start(thread)
      harness._real_start = slow_start
      clock = harness.Clock(0.1)
      threading.Thread.start = harness.make_start(clock)
      clock.start()
      for _ in range(2):
          threading.Thread(target=lambda: None).start()
      print(clock.lateness)
      clock.lateness = 0.0
      clock.sleep(1)
      threading.Thread(target=lambda: None).start()
      print(clock.lateness)
      """)
    let printed = run.output.split(separator: "\n").compactMap { Double($0) }
    try #require(printed.count == 2, "\(run.output)")
    #expect(printed[0] >= 6, "two slow starts: \(printed[0]) beats behind")
    // Not 9 or more: the sleep put it back on schedule (3 beats of slack for a loaded machine).
    #expect(printed[1] >= 3 && printed[1] < 9, "after a sleep: \(printed[1]) beats behind")
  }

  @Test(
    "a started thread's first line, held back after its start, is late by that much; not after a wait",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func lateFirstLineIsLateness() async throws {
    // At 0.1 s a beat: a thread held back 0.3 s between its start and its first line (a real
    // sleep, as a loaded machine holds it) prints 3 beats late. One that sleeps 3 beats first,
    // in the example's own sleep, prints on time: its sleep measures it.
    let run = try await runWithHarness(
      """
      import threading
      clock = harness.Clock(0.1)
      threading.Thread.start = harness.make_start(clock)
      record = harness.make_print(clock)
      clock.start()
      def held_back():
          harness._real_sleep(0.3)
          record("first line")
      def sleeps_first():
          clock.sleep(3)
          record("first line")
      for body in (held_back, sleeps_first):
          clock.lateness = 0.0
          thread = threading.Thread(target=body)
          thread.start()
          thread.join()
          print(clock.lateness)
      """)
    let printed = run.output.split(separator: "\n").compactMap { Double($0) }
    try #require(printed.count == 2, "\(run.output)")
    #expect(printed[0] >= 3, "held back: \(printed[0]) beats late")
    #expect(printed[1] < 1, "after its own sleep: \(printed[1]) beats late")
  }

  @Test(
    "a first line after a wait on an RLock is not late by the wait (reentrant-lock's second worker)",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func firstLineAfterAnRLockIsOnTime() async throws {
    // Main holds the RLock 3 beats (0.3 s at 0.1 s a beat); the thread's first line comes once it
    // has the lock. The RLock is C code the harness wraps only to see that wait.
    let run = try await runWithHarness(
      """
      import threading
      clock = harness.Clock(0.1)
      threading.Thread.start = harness.make_start(clock)
      threading.RLock = harness.make_rlock_factory(clock)
      record = harness.make_print(clock)
      clock.start()
      lock = threading.RLock()
      lock.acquire()
      def waits():
          with lock:
              with lock:
                  record("has the lock, twice")
      thread = threading.Thread(target=waits)
      thread.start()
      harness._real_sleep(0.3)
      lock.release()
      thread.join()
      print(clock.lateness)
      """)
    let lateness = try #require(Double(run.output.split(separator: "\n").last ?? ""))
    #expect(lateness < 1, "\(run.output)")
  }

  @Test(
    "a waiter that acts on a notify long after it came is late by that much (queues, barriers)",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func lateHandOverIsLateness() async throws {
    // The notifier holds the lock 0.3 s after its notify, as a busy machine delays a woken
    // thread: at 0.1 s a beat the waiter acts 3 beats late. The waiter holds the lock from its
    // flag to its wait, so the notify cannot come before it waits.
    let run = try await runWithHarness(
      """
      import threading
      clock = harness.Clock(0.1)
      threading.Condition.notify, threading.Condition.wait = harness.make_condition_waits(clock)
      clock.start()
      condition, waiting, done = threading.Condition(), threading.Event(), []
      def waiter():
          with condition:
              waiting.set()
              while not done:
                  condition.wait()
      thread = threading.Thread(target=waiter)
      thread.start()
      waiting.wait()
      clock.lateness = 0.0
      with condition:
          done.append(1)
          condition.notify()
          harness._real_sleep(0.3)
      thread.join()
      print(clock.lateness)
      """)
    let lateness = try #require(Double(run.output.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(lateness >= 3, "\(run.output)")
  }

  @Test(
    "a lock handed over long after its release is late by that much (the examples' locks)",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func lateLockHandOverIsLateness() async throws {
    // The example's lock over a lock that wakes its waiter 0.3 s after the release, as a busy
    // machine does: at 0.1 s a beat the waiter holds the lock 3 beats late.
    let run = try await runWithHarness(
      """
      import threading
      clock = harness.Clock(0.1)
      harness.GatedLock.clock = clock
      asking, real_lock = threading.Event(), harness._real_lock
      class SlowWake:
          def __init__(self):
              self._inner = real_lock()
          def acquire(self, blocking=True, timeout=-1):
              waiter = threading.current_thread().name == "waiter"
              if waiter:
                  asking.set()
              got = self._inner.acquire(blocking, timeout)
              if got and waiter:
                  harness._real_sleep(0.3)
              return got
          def release(self):
              self._inner.release()
      harness._real_lock = SlowWake
      clock.start()
      lock = harness.GatedLock(None)
      lock.acquire()
      def waiter():
          lock.acquire()
          lock.release()
      thread = threading.Thread(target=waiter, name="waiter")
      thread.start()
      asking.wait()
      clock.lateness = 0.0
      lock.release()
      thread.join()
      print(clock.lateness)
      """)
    let lateness = try #require(Double(run.output.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(lateness >= 3, "\(run.output)")
  }

  @Test(
    "each example prints the spec's lines, in the spec's lanes, at the spec's beats",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"), arguments: ExampleID.notebook)
  func matchesSpec(example: ExampleID) async throws {
    // At twice the column's pace (or the suite's, if wider): these runs are held to the spec's
    // exact beats. At 0.05 s a beat, beside two busy loops, a Python thread now and then started
    // more than a beat late with no lateness noted (the interpreter hands its lock round every
    // 5 ms, a tenth of such a beat).
    let run = try await runColumn(example, pace: try Pace(seconds: 2 * pythonPace.secondsPerBeat))
    let transcript = run.transcript
    #expect(transcript.paradigm == .python && !transcript.wasStopped)
    let accepted = PythonSpec.accepted(example).map(laneShapes)
    // Every main flow ends the run: it joins (or waits for) every worker before its last line.
    #expect(transcript.events.last?.lane == "MainThread")
    #expect(transcript.events.map(\.sequence) == Array(transcript.events.indices))
    #expect(run.lateness >= 0)
    if run.lateness <= Verdict.lateTolerance {
      #expect(accepted.contains(laneShapes(transcript)), "\(transcript.events)")
    } else {
      // Woke too late to be held to its beats (a loaded machine): each lane's lines, in order.
      let texts = { (lanes: [String: [Event.Shape]]) in lanes.mapValues { $0.map(\.text) } }
      #expect(accepted.map(texts).contains(texts(laneShapes(transcript))), "\(transcript.events)")
    }
  }

  @Test(
    "seed 7's delays are the ones SeededRandom draws, so the simple-threading table holds")
  func seedSevenDelays() {
    var generator = SeededRandom(seed: 7)
    #expect((generator.randint(1, 4), generator.randint(1, 4)) == (2, 1))
  }

  @Test(
    "--hold-back forces each outcome of the lock race",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"),
    arguments: [
      ("Thread-1", PythonSpec.threadTwoLocksFirst), ("Thread-2", PythonSpec.threadOneLocksFirst),
    ])
  func holdBack(lane: String, expected: [Line]) async throws {
    let run = try await runColumn(.synchronizingThreads, holdBack: lane)
    let firstLock = run.transcript.events.first { $0.text == "lock value True" }
    #expect(firstLock?.lane != lane)
    // Its beats too, unless the run woke too late to be held to them (a loaded machine).
    guard run.lateness <= Verdict.lateTolerance else { return }
    #expect(laneShapes(run.transcript) == laneShapes(expected), "\(run.transcript.events)")
  }

  @Test(
    "stamps are clock-true: ctime of the example's clock when the line was printed",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func clockTrueStamps() async throws {
    let run = try await runColumn(.synchronizingThreads)
    let stamped = run.transcript.events.filter(\.isStamped)
    #expect(stamped.count == 6)
    #expect(run.stamps.map(\.sequence) == stamped.map(\.sequence))
    for (stamp, event) in zip(run.stamps, stamped) {
      // Python's ctime and the package's agree on the format, and the time is the clock's.
      #expect(stamp.ctime == NotebookText.ctime(stamp.clock))
      let printedAt = run.transcript.startDate + event.elapsed
      let readBefore = printedAt.timeIntervalSince(stamp.clock)
      #expect(readBefore >= -1e-3 && readBefore < 0.25, "clock read \(readBefore) s before print")
      // Read when printed, not made of the start and the beat: never exactly on the beat.
      let offset = stamp.clock.timeIntervalSince(run.transcript.startDate)
      #expect(offset - Double(event.beat) > 1e-5, "stamped at \(offset), beat \(event.beat)")
    }
  }

  @Test(
    "no warning reaches stderr, even when the environment asks for every warning",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func noWarnings() async throws {
    var environment = await pythonEnvironment.value
    environment["PYTHONWARNINGS"] = "always"
    environment["PYTHONDEVMODE"] = "1"
    let run = try await runColumn(.threadingModule, environment: environment)
    #expect(run.standardError.isEmpty, "\(run.standardError)")
  }

  @Test(
    "cancelling the caller stops python3 promptly and returns the partial run",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func cancellation() async throws {
    let (firstEvent, signal) = AsyncStream.makeStream(of: Void.self)
    // At one second per beat the example would take 9 s.
    let running = Task {
      try await runColumn(.synchronizingThreads, pace: .notebook, observer: { _ in signal.yield() })
    }
    for await _ in firstEvent { break }
    let stoppedAt = ContinuousClock.now
    running.cancel()
    let run = try await running.value
    // Not a speed check: far below the 9 s the run takes, it proves the stop ended it early
    // (wide enough for ThreadSanitizer, which slows everything several times over).
    #expect(ContinuousClock.now - stoppedAt < .seconds(5))
    #expect(run.transcript.wasStopped)
    #expect(!run.transcript.events.isEmpty)
    // Partial: only lines printed before the stop took effect, well before the run's end.
    #expect(run.transcript.events.allSatisfy { $0.elapsed < 5 }, "\(run.transcript.events)")
  }

  @Test(
    "the harness exits when its stdin reaches end of file (the parent is gone)",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func exitsAtEndOfStdin() async throws {
    let harness = try #require(PythonColumn.harness)
    let python = try #require(PythonColumn.interpreter(environment: await pythonEnvironment.value))
    let (status, afterClose) = try await PythonGate.run {
      try await Self.closeStdinOnceStarted(python, harness)
    }
    #expect(status == 3)
    #expect(afterClose < .seconds(5))
  }

  /// Starts the harness at the notebook's pace, closes its stdin once it has printed, and returns
  /// its exit status and how long it took to exit after the close.
  static func closeStdinOnceStarted(_ python: URL, _ harness: URL) async throws -> (
    Int32, Duration
  ) {
    let process = Process()
    process.executableURL = python
    process.arguments = PythonColumn.arguments(
      harness: harness, example: .synchronizingThreads, seed: 7, pace: .notebook)
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let reader = output.fileHandleForReading
    return await withCheckedContinuation { done in
      Thread.detachNewThread {
        _ = reader.availableData  // the start line: the example is running
        let closedAt = ContinuousClock.now
        try? input.fileHandleForWriting.close()
        _ = reader.readDataToEndOfFile()
        process.waitUntilExit()
        done.resume(returning: (process.terminationStatus, ContinuousClock.now - closedAt))
      }
    }
  }

  @Test(
    "a failing harness is one line of error, with its last stderr line",
    .enabled(if: pythonIsPresent, "python3 is not on PATH"))
  func harnessFailure() async throws {
    let error = await #expect(throws: PythonFailure.self) {
      try await runColumn(.startNewThread, holdBack: "nobody")
    }
    #expect(
      error?.description
        == "python3 harness.py start-new-thread exited with status 2: "
        + "harness: --hold-back nobody: no thread of that name acquired a lock")
  }

  @Test("without python3 on PATH, interpreter is nil and run throws PythonUnavailable")
  func unavailable() async throws {
    let empty = try scratchFolder("no-python")
    let environment = ["PATH": empty.path + ":" + empty.appendingPathComponent("missing").path]
    #expect(PythonColumn.interpreter(environment: environment) == nil)
    #expect(PythonColumn.interpreter(environment: [:]) == nil)
    await #expect(throws: PythonUnavailable()) {
      try await PythonColumn.run(
        .simpleThreading, seed: 7, pace: pythonPace, environment: environment)
    }
    #expect(PythonUnavailable().description == "python3 was not found on PATH")
  }

  @Test("output that is not the protocol is an error, and stops the child")
  func malformedOutput() async throws {
    let environment = try fakePython(#"echo '{"start": 1}'; echo 'not json'; exec /bin/sleep 120"#)
    let started = ContinuousClock.now
    let error = await #expect(throws: PythonFailure.self) {
      try await PythonColumn.run(
        .simpleThreading, seed: 7, pace: pythonPace, environment: environment)
    }
    #expect(
      error?.description
        == "python3 harness.py simple-threading printed not a JSON object: not json")
    // Stopped, not waited for: well within the child's 120 s, however loaded the machine (under
    // two sanitized suites at once, the stop took 11–14 s).
    #expect(ContinuousClock.now - started < .seconds(40))
  }

  @Test("a non-zero exit is an error with the last stderr line; no end line is one too")
  func exitStatus() async throws {
    let failing = try fakePython(#"echo '{"start": 1}'; echo 'first' >&2; echo 'boom' >&2; exit 1"#)
    let error = await #expect(throws: PythonFailure.self) {
      try await PythonColumn.run(.simpleThreading, seed: 7, pace: pythonPace, environment: failing)
    }
    #expect(error?.description == "python3 harness.py simple-threading exited with status 1: boom")
    let cut = try fakePython(#"echo '{"start": 1}'"#)
    let cutError = await #expect(throws: PythonFailure.self) {
      try await PythonColumn.run(.simpleThreading, seed: 7, pace: pythonPace, environment: cut)
    }
    #expect(
      cutError?.description == "python3 harness.py simple-threading exited before its end line")
  }

  @Test("cancelling stops a child that never reads its stdin: SIGTERM reaches it")
  func terminate() async throws {
    // A child inherits the signal mask of the thread that spawns it; spawned from the
    // cooperative pool, SIGTERM would stay blocked and only SIGKILL, two seconds on, would work.
    let deaf = try fakePython(#"echo '{"start": 1}'; exec /bin/sleep 30"#)
    let (started, signal) = AsyncStream.makeStream(of: Void.self)
    // A second a beat: the run's own bound (2 s and ten beats past the example's last) is then
    // far off when the test cancels it. At 0.05 s it was 2.6 s, which a loaded machine spent once
    // between the start and the cancel, and the run ended by its bound instead.
    let running = Task {
      try await PythonColumn.run(
        .simpleThreading, seed: 7, pace: .notebook, environment: deaf,
        onStart: { _ in signal.yield() })
    }
    for await _ in started { break }
    let stoppedAt = ContinuousClock.now
    running.cancel()
    let run = try await running.value
    #expect(run.transcript.wasStopped)
    #expect(ContinuousClock.now - stoppedAt < .seconds(10))
  }

  @Test("a child that ignores SIGTERM is killed after the bound")
  func killAfterBound() async throws {
    let stubborn = try fakePython(#"trap '' TERM; echo '{"start": 1}'; exec /bin/sleep 30"#)
    let (started, signal) = AsyncStream.makeStream(of: Void.self)
    // A second a beat, as above: the run's own bound stays far off.
    let running = Task {
      try await PythonColumn.run(
        .simpleThreading, seed: 7, pace: .notebook, environment: stubborn,
        onStart: { _ in signal.yield() })
    }
    for await _ in started { break }
    let stoppedAt = ContinuousClock.now
    running.cancel()
    let run = try await running.value
    let took = ContinuousClock.now - stoppedAt
    #expect(run.transcript.wasStopped)
    // Killed at the bound, not left to its 30 s: 10 s of slack for a loaded, sanitized run.
    #expect(took >= PythonColumn.killBound && took < PythonColumn.killBound + .seconds(10))
  }
}
