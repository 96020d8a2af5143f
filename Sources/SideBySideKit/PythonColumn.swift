import Foundation
import ThreadsToTasksCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Python column cannot run: no `python3` on `PATH`.
public struct PythonUnavailable: Error, CustomStringConvertible, Equatable {
  /// The error.
  public init() {}

  /// `python3 was not found on PATH`
  public var description: String { "python3 was not found on PATH" }
}

/// The Python program did not run to its end: it exited with an error, was killed, or printed
/// something that is not the harness's protocol. The description is one line.
public struct PythonFailure: Error, CustomStringConvertible, Equatable {
  /// What went wrong, in one line; for a failed exit, with the last line Python wrote on stderr.
  public var description: String

  /// A failure described by `description`.
  public init(_ description: String) { self.description = description }
}

/// What one run of the Python column printed.
public struct PythonRun: Sendable {
  /// The run, as the Swift versions' runs are recorded: lanes are Python's thread names
  /// (`MainThread`, `thread1`, `Thread-2` …) and the start is the example clock's start.
  public var transcript: Transcript
  /// The latest any paced wait (a sleep, or a `join` whose timeout ran out) woke up, in notebook
  /// seconds: how close the run came to putting an event into the next beat.
  public var lateness: Double
  /// The timestamps as Python printed them, one per stamped event.
  public var stamps: [Stamp]
  /// What Python wrote on stderr (its last 8 to 16 KiB): empty in a good run, warnings included.
  public var standardError: String

  /// One `time.ctime(time.time())` as the example printed it.
  public struct Stamp: Sendable, Hashable {
    /// The `sequence` of the event that printed it.
    public var sequence: Int
    /// What `time.ctime` returned: `"Wed Nov  5 10:00:01 2026"`.
    public var ctime: String
    /// The example clock's time that `time.ctime` was given.
    public var clock: Date

    /// A stamp.
    public init(sequence: Int, ctime: String, clock: Date) {
      self.sequence = sequence
      self.ctime = ctime
      self.clock = clock
    }
  }

  /// A run.
  public init(
    transcript: Transcript, lateness: Double, stamps: [Stamp] = [], standardError: String = ""
  ) {
    self.transcript = transcript
    self.lateness = lateness
    self.stamps = stamps
    self.standardError = standardError
  }
}

/// The Python program itself as a third column: the notebook's four examples written with its
/// own constructs (`Sources/SideBySideKit/Python/notebook_examples.py`), run by `python3` through
/// `harness.py`, which paces the sleeps on the example's beats, gives `time.ctime` the example's
/// clock, draws `random.randint` from the same SplitMix64 as `SeededRandom`, and reports each
/// printed line, whole, with its thread's name.
///
/// `python3` is optional: `interpreter(environment:)` says whether it is there, and `run` throws
/// `PythonUnavailable` when it is not.
public enum PythonColumn {
  /// How long a stopped `python3` has to exit after SIGTERM before it is sent SIGKILL.
  public static let killBound: Duration = .seconds(2)

  /// The `python3` that `PATH` in `environment` finds first, or `nil` when there is none.
  public static func interpreter(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> URL? {
    guard let path = environment["PATH"] else { return nil }
    for directory in path.split(separator: ":") where !directory.isEmpty {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("python3")
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
        !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate.path)
      {
        return candidate
      }
    }
    return nil
  }

  /// `harness.py` in this module's resources, beside `notebook_examples.py`.
  public static var harness: URL? {
    Bundle.module.url(forResource: "harness", withExtension: "py", subdirectory: "Python")
  }

  /// The arguments `python3` is started with: `-W ignore harness.py EXAMPLE --seed N --pace S`,
  /// and `--hold-back LANE` when one is given.
  public static func arguments(
    harness: URL, example: ExampleID, seed: UInt64, pace: Pace, holdBack: String? = nil
  ) -> [String] {
    ["-W", "ignore", harness.path, example.rawValue, "--seed", String(seed)]
      + ["--pace", String(pace.secondsPerBeat)] + (holdBack.map { ["--hold-back", $0] } ?? [])
  }

  /// Runs `example` in Python, at `pace`, its `random.randint` drawing from `seed` as the Swift
  /// versions draw from `SeededRandom(seed:)`.
  ///
  /// - Parameters:
  ///   - holdBack: a thread name; that thread waits at its first `acquire` of the example's lock
  ///     until another thread holds it (`Thread-1` makes `Thread-2` take the lock first).
  ///   - environment: the environment `python3` is looked up in (its `PATH`) and started with.
  ///   - onStart: called with the wall-clock start once the example's main flow has started.
  ///   - observer: called with each event as it arrives, in order, on a thread of the run's own.
  /// - Returns: the run. When the calling task is cancelled, `python3` is stopped (SIGTERM, then
  ///   SIGKILL after `killBound`) and the run returns what was printed so far, `wasStopped` set.
  /// - Throws: `PythonUnavailable` without `python3`; `PythonFailure` when Python exits with an
  ///   error or prints something other than the harness's protocol.
  public static func run(
    _ example: ExampleID, seed: UInt64, pace: Pace, holdBack: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    onStart: @escaping @Sendable (Date) -> Void = { _ in },
    observer: (@Sendable (Event) -> Void)? = nil
  ) async throws -> PythonRun {
    guard let python = interpreter(environment: environment) else { throw PythonUnavailable() }
    guard let harness else {
      throw PythonFailure("harness.py is missing from SideBySideKit's resources")
    }
    var childEnvironment = environment
    // The resource bundle may be read-only. (Warnings: `-W ignore`, and the harness's filter,
    // win over any PYTHONWARNINGS in the environment.)
    childEnvironment["PYTHONDONTWRITEBYTECODE"] = "1"
    let child = PythonChild(
      example: example, seed: seed, pace: pace,
      command: "python3 harness.py \(example.rawValue)", onStart: onStart, observer: observer)
    let arguments = arguments(
      harness: harness, example: example, seed: seed, pace: pace, holdBack: holdBack)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        child.launch(
          python, arguments: arguments, environment: childEnvironment, continuation: continuation)
      }
    } onCancel: {
      child.stop()
    }
  }
}

/// One line of the harness's protocol.
private struct Message: Decodable {
  var start: Double?
  var lane: String?
  var text: String?
  var stamped: Bool?
  var elapsed: Double?
  var stamp: String?
  var clock: Double?
  var end: Bool?
  var lateness: Double?
  // What a lane did between its lines (harness.py in a run; asyncio_harness.py --activities).
  var activity: String?
  var from: Double?
  var to: Double?
}

/// One `python3` child: its pipes, the threads that read them, and what it has printed.
///
/// Its pipes are read, and its exit waited for, on threads of its own with blocking calls — not
/// with `readabilityHandler` and `terminationHandler`, whose Dispatch sources crashed
/// libdispatch under ThreadSanitizer here. The caller suspends on a continuation meanwhile.
private final class PythonChild: @unchecked Sendable {  // safe: mutable state under `condition`
  private let example: ExampleID
  private let seed: UInt64
  private let pace: Pace
  private let command: String
  private let onStart: @Sendable (Date) -> Void
  private let observer: (@Sendable (Event) -> Void)?

  private let condition = NSCondition()
  private var continuation: CheckedContinuation<PythonRun, any Error>?
  private var pid: Int32 = 0
  private var stopped = false
  private var stoppedAt: Double?
  private var exited = false
  private let launchedAt = Date()
  private var startDate: Date?
  private var events: [Event] = []
  private var activities: [Activity] = []
  private var stamps: [PythonRun.Stamp] = []
  private var lateness: Double?
  private var malformed: String?
  private var errorOutput = Data()
  private let stdin = Pipe()
  private var stdinClosed = false

  init(
    example: ExampleID, seed: UInt64, pace: Pace, command: String,
    onStart: @escaping @Sendable (Date) -> Void, observer: (@Sendable (Event) -> Void)?
  ) {
    self.example = example
    self.pace = pace
    self.seed = seed
    self.command = command
    self.onStart = onStart
    self.observer = observer
  }

  /// Starts `python3`, and the threads that read its output and wait for its exit; resumes
  /// `continuation` once, when it has exited.
  func launch(
    _ python: URL, arguments: [String], environment: [String: String],
    continuation: CheckedContinuation<PythonRun, any Error>
  ) {
    let process = Process()
    process.executableURL = python
    process.arguments = arguments
    process.environment = environment
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin  // kept open: the harness exits when it reaches end of file
    process.standardOutput = stdout
    process.standardError = stderr
    condition.withLock { self.continuation = continuation }
    // Started from a thread of our own: a child inherits the signal mask of the thread that
    // spawns it, and the cooperative pool's threads block nearly every signal, SIGTERM too.
    Thread.detachNewThread { [self] in
      do {
        try Self.withSignalsUnblocked { try process.run() }
      } catch {
        let waiting = condition.withLock {
          defer { self.continuation = nil }
          return self.continuation
        }
        waiting?.resume(throwing: PythonFailure("could not start \(python.path): \(error)"))
        return
      }
      let stopAtOnce = condition.withLock {
        pid = process.processIdentifier
        return stopped
      }
      if stopAtOnce { stop() }

      let errorDone = DispatchSemaphore(value: 0)
      let errorHandle = stderr.fileHandleForReading
      Thread.detachNewThread { [self] in
        Self.readAll(errorHandle) { chunk in
          condition.withLock {
            errorOutput.append(chunk)
            if errorOutput.count > 16_384 { errorOutput.removeFirst(errorOutput.count - 8_192) }
          }
        }
        errorDone.signal()
      }
      var pending = Data()
      Self.readAll(stdout.fileHandleForReading) { chunk in
        pending.append(chunk)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
          let line = pending[pending.startIndex..<newline]
          pending = Data(pending[(newline + 1)...])
          receive(line)
        }
      }
      if !pending.isEmpty { receive(pending) }
      errorDone.wait()  // a thread of our own, not the cooperative pool
      process.waitUntilExit()
      finish(
        status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal)
    }
  }

  /// Runs `body` with no signal blocked on the calling thread, then restores its mask, so that a
  /// process spawned in `body` starts with no signal blocked.
  private static func withSignalsUnblocked<T>(_ body: () throws -> T) rethrows -> T {
    var none = sigset_t()
    var previous = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return try body()
  }

  /// Stops the child: end of file on its stdin, SIGTERM, and SIGKILL if it is still there after
  /// `PythonColumn.killBound`. What it printed until then is returned, marked stopped.
  func stop() {
    let target: Int32? = condition.withLock {
      stopped = true
      // When, on the run's clock, it was stopped: what it printed before then is judged.
      stoppedAt = startDate.map { Date().timeIntervalSince($0) / pace.secondsPerBeat } ?? 0
      return exited || pid == 0 ? nil : pid
    }
    guard let target else { return }  // not launched yet (launch stops it) or already gone
    closeStdin()
    kill(target, SIGTERM)
    Thread.detachNewThread { [self] in
      let bound = PythonColumn.killBound.components
      let deadline = Date() + Double(bound.seconds) + Double(bound.attoseconds) * 1e-18
      condition.withLock {
        while !exited && condition.wait(until: deadline) {}
        if !exited { kill(target, SIGKILL) }
      }
    }
  }

  /// Closes the parent's end of the child's stdin, once: the harness exits when it sees the end.
  private func closeStdin() {
    condition.withLock {
      guard !stdinClosed else { return }
      stdinClosed = true
      try? stdin.fileHandleForWriting.close()
    }
  }

  /// Reads `handle` to its end with blocking reads, handing each chunk to `body`.
  private static func readAll(_ handle: FileHandle, _ body: (Data) -> Void) {
    let descriptor = handle.fileDescriptor
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      body(Data(buffer[0..<count]))
    }
    try? handle.close()
  }

  /// One line of the protocol: the start, an event, or the end.
  private func receive(_ line: Data) {
    guard let message = try? JSONDecoder().decode(Message.self, from: line) else {
      return reject(line, "not a JSON object")
    }
    if let start = message.start {
      let date = Date(timeIntervalSince1970: start)
      let first = condition.withLock {
        defer { startDate = startDate ?? date }
        return startDate == nil
      }
      guard first else { return reject(line, "a second start") }
      onStart(date)
    } else if let name = message.activity, let lane = message.lane, let from = message.from,
      let to = message.to
    {
      guard let kind = Activity.Kind(rawValue: name) else {
        return reject(line, "an activity of no known kind")
      }
      condition.withLock {
        if startDate != nil && lateness == nil {
          activities.append(Activity(lane: lane, kind: kind, from: from, to: to))
        }
      }
    } else if let lane = message.lane, let text = message.text, let elapsed = message.elapsed {
      let stamped = message.stamped ?? false
      let event: Event? = condition.withLock {
        guard startDate != nil, lateness == nil else { return nil }
        let event = Event(
          lane: lane, text: text, stamp: stamped ? message.stamp ?? "" : nil, elapsed: elapsed,
          sequence: events.count)
        events.append(event)
        if stamped, let ctime = message.stamp, let clock = message.clock {
          stamps.append(
            .init(
              sequence: event.sequence, ctime: ctime,
              clock: Date(timeIntervalSince1970: clock)))
        }
        return event
      }
      guard let event else { return reject(line, "a line outside the run") }
      observer?(event)
    } else if message.end == true, let late = message.lateness {
      condition.withLock { lateness = late }
    } else {
      reject(line, "not a message of the protocol")
    }
  }

  /// Notes the first malformed line and stops the child: its output can no longer be trusted.
  private func reject(_ line: Data, _ reason: String) {
    let shown = String(decoding: line.prefix(120), as: UTF8.self)
    let target: Int32? = condition.withLock {
      if malformed == nil { malformed = "\(command) printed \(reason): \(shown)" }
      return exited ? nil : pid
    }
    if let target { kill(target, SIGTERM) }
  }

  /// The child has exited: resumes the caller with the run, the partial run, or the error.
  private func finish(status: Int32, signalled: Bool) {
    condition.lock()
    exited = true
    condition.broadcast()
    let waiting = continuation
    continuation = nil
    let result = outcome(status: status, signalled: signalled)
    condition.unlock()
    closeStdin()
    waiting?.resume(with: result)
  }

  /// What the run comes to; called under `condition`.
  private func outcome(status: Int32, signalled: Bool) -> Result<PythonRun, any Error> {
    let transcript = Transcript(
      example: example, paradigm: .python, seed: seed, startDate: startDate ?? launchedAt,
      events: events, stoppedAt: stopped ? stoppedAt ?? 0 : nil, lateness: lateness ?? 0,
      activities: activities)
    let standardError = String(decoding: errorOutput, as: UTF8.self)
    if stopped {
      return .success(
        PythonRun(
          transcript: transcript, lateness: lateness ?? 0, stamps: stamps,
          standardError: standardError))
    }
    if let malformed { return .failure(PythonFailure(malformed)) }
    if signalled || status != 0 {
      let how = signalled ? "was killed by signal \(status)" : "exited with status \(status)"
      let lastLine = standardError.split(whereSeparator: \.isNewline).last.map { ": \($0)" }
      return .failure(PythonFailure("\(command) \(how)\(lastLine ?? "")"))
    }
    guard let lateness, startDate != nil else {
      return .failure(PythonFailure("\(command) exited before its end line"))
    }
    return .success(
      PythonRun(
        transcript: transcript, lateness: lateness, stamps: stamps, standardError: standardError))
  }
}

// MARK: - The asyncio column's entry (AsyncioColumn.swift): additive, no change to the above

extension PythonColumn {
  /// Runs `interpreter` with `arguments`, a harness that speaks `harness.py`'s protocol, as `run`
  /// runs `python3 harness.py`: stopped when the calling task is cancelled, failures one line
  /// beginning with `command`. The transcript's paradigm is `.python`; the caller sets its own.
  static func runHarness(
    _ example: ExampleID, interpreter: URL, arguments: [String], command: String, seed: UInt64,
    pace: Pace, environment: [String: String], onStart: @escaping @Sendable (Date) -> Void,
    observer: (@Sendable (Event) -> Void)?
  ) async throws -> PythonRun {
    var childEnvironment = environment
    childEnvironment["PYTHONDONTWRITEBYTECODE"] = "1"  // the resource bundle may be read-only
    let child = PythonChild(
      example: example, seed: seed, pace: pace, command: command, onStart: onStart,
      observer: observer)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        child.launch(
          interpreter, arguments: arguments, environment: childEnvironment,
          continuation: continuation)
      }
    } onCancel: {
      child.stop()
    }
  }
}
