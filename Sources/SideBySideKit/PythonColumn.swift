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

  /// `harness.py` in this module's resources, beside `notebook_examples.py`; `nil` when the
  /// resources are not where the build puts them, beside the executable (a binary copied
  /// elsewhere without its resource folder).
  ///
  /// Looked up here rather than through SwiftPM's generated `Bundle.module`, which traps when the
  /// bundle is missing: an absent resource is one line and a status, never a crash.
  public static var harness: URL? {
    let bundleNames = [
      "ThreadsToTasks_SideBySideKit.resources", "ThreadsToTasks_SideBySideKit.bundle",
      "ThreadsToTasks_SideBySideKit.bundle/Contents/Resources",
    ]
    var directories = [Bundle.main.bundleURL]
    if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      directories.append(executable.deletingLastPathComponent())
    }
    for directory in directories {
      for name in bundleNames {
        let candidate = directory.appendingPathComponent(name)
          .appendingPathComponent("Python/harness.py")
        if FileManager.default.isReadableFile(atPath: candidate.path) { return candidate }
      }
    }
    return nil
  }

  /// How long `python3` has to print its start line (interpreter start-up, imports): 5 real
  /// seconds plus 20 beats.
  public static func startBound(pace: Pace) -> Duration {
    .seconds(5) + pace.duration(20)
  }

  /// How long a started run of `example` has to print its end line: 2 real seconds plus its last
  /// expected beat and 10 beats more, at `pace`. A run that takes longer is stopped, and fails.
  public static func runBound(_ example: ExampleID, seed: UInt64, pace: Pace) -> Duration {
    let orderings = example.example.expectedOrderings(seed: seed, paradigm: .python)
    let last = orderings.flatMap { $0.lanes.values.flatMap { $0.map(\.beat) } }.max() ?? 0
    return .seconds(2) + pace.duration(Double(last + 10))
  }

  /// The longest line of the protocol read: 64 KiB. A longer one is a failure, and stops the child.
  public static let lineBound = 65_536

  /// Ends, with SIGKILL, the process group of every `python3` still running: the executable calls
  /// it before it exits, so nothing a Python column started outlives the command.
  public static func endAll() {
    LiveGroups.shared.killAll()
  }

  /// The arguments `python3` is started with: `-S -W ignore harness.py EXAMPLE --seed N --pace S`,
  /// and `--hold-back LANE` when one is given.
  ///
  /// `-S`: the harness needs only the standard library, so `site` is not imported — nor are the
  /// `.pth` files of whatever is installed (here one imported `certifi`: 28 of the 45 ms a start
  /// took). `PYTHONPATH`, `PYTHONHOME` and the other variables still apply.
  public static func arguments(
    harness: URL, example: ExampleID, seed: UInt64, pace: Pace, holdBack: String? = nil
  ) -> [String] {
    ["-S", "-W", "ignore", harness.path, example.rawValue, "--seed", String(seed)]
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
  ///   - startBound: how long `python3` has to start the example (`startBound(pace:)` by default);
  ///     the run then has `runBound(_:seed:pace:)` to finish.
  /// - Returns: the run. When the calling task is cancelled, `python3` is stopped (SIGTERM to its
  ///   process group, then SIGKILL after `killBound`) and the run returns what was printed so
  ///   far, `wasStopped` set.
  /// - Throws: `PythonUnavailable` without `python3`; `PythonFailure` when the harness is
  ///   missing, `python3` cannot be started (too many open files), exits with an error, prints
  ///   something other than the harness's protocol or a line over `lineBound`, or overruns a
  ///   bound. `python3` runs in a process group of its own; whatever it leaves running in that
  ///   group is ended with SIGKILL once it has exited.
  public static func run(
    _ example: ExampleID, seed: UInt64, pace: Pace, holdBack: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    startBound: Duration? = nil,
    onStart: @escaping @Sendable (Date) -> Void = { _ in },
    observer: (@Sendable (Event) -> Void)? = nil
  ) async throws -> PythonRun {
    guard let python = interpreter(environment: environment) else { throw PythonUnavailable() }
    guard let harness else {
      throw PythonFailure(
        "harness.py is missing: ThreadsToTasks_SideBySideKit.resources is not beside the executable"
      )
    }
    var childEnvironment = environment
    // The resource bundle may be read-only. (Warnings: `-W ignore`, and the harness's filter,
    // win over any PYTHONWARNINGS in the environment.)
    childEnvironment["PYTHONDONTWRITEBYTECODE"] = "1"
    let child = PythonChild(
      example: example, seed: seed, pace: pace,
      command: "python3 harness.py \(example.rawValue)",
      bounds: (
        startBound ?? Self.startBound(pace: pace), runBound(example, seed: seed, pace: pace)
      ),
      onStart: onStart, observer: observer)
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

/// `pipe2(ends, O_CLOEXEC)`: a pipe whose ends are close-on-exec from the start, so that no child
/// another thread spawns in the meantime inherits one — a child holding the write end of a
/// Python column's stdout kept its reader waiting until that child exited. (`pipe2` is a GNU
/// extension the Glibc module does not declare; it is looked up by name. Without it, `pipe` and
/// then `fcntl`, which leaves that window open.)
private func closeOnExecPipe(_ ends: inout [Int32]) -> Int32 {
  typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
  if let symbol = dlsym(nil, "pipe2") {
    return ends.withUnsafeMutableBufferPointer {
      unsafeBitCast(symbol, to: Pipe2.self)($0.baseAddress!, O_CLOEXEC)
    }
  }
  guard pipe(&ends) == 0 else { return -1 }
  _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
  _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
  return 0
}

/// The process groups of the `python3` children still running, so that `endAll` can end them.
private final class LiveGroups: @unchecked Sendable {  // safe: `groups` only under `lock`
  static let shared = LiveGroups()
  private let lock = NSLock()
  private var groups: Set<Int32> = []

  func insert(_ group: Int32) { lock.withLock { _ = groups.insert(group) } }

  /// Ends what is left of `group` and forgets it, under the lock `killAll` takes: its leader is
  /// not reaped yet, so the group's number cannot have been reused.
  func endLeftovers(_ group: Int32) {
    lock.withLock {
      kill(-group, SIGKILL)
      groups.remove(group)
    }
  }

  func signal(_ group: Int32, _ number: Int32) {
    lock.withLock { if groups.contains(group) { kill(-group, number) } }
  }

  func killAll() {
    lock.withLock { for group in groups { kill(-group, SIGKILL) } }
  }
}

/// One `python3` child: its pipes, the threads that read them, and what it has printed.
///
/// Spawned with `posix_spawn` in a process group of its own (Foundation's `Process` can make
/// none, and traps when it runs out of descriptors). Its pipes are read, and its exit waited for,
/// on threads of its own with blocking calls; a supervising thread enforces the time bounds. The
/// caller suspends on a continuation meanwhile.
private final class PythonChild: @unchecked Sendable {  // safe: mutable state under `condition`
  private let example: ExampleID
  private let seed: UInt64
  private let pace: Pace
  private let command: String
  private let bounds: (start: Duration, run: Duration)
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
  private var startedAt: Date?
  private var killAt: Date?
  private var events: [Event] = []
  private var activities: [Activity] = []
  private var stamps: [PythonRun.Stamp] = []
  private var lateness: Double?
  private var malformed: String?
  private var errorOutput = Data()
  private var stdinWrite: Int32 = -1

  init(
    example: ExampleID, seed: UInt64, pace: Pace, command: String,
    bounds: (start: Duration, run: Duration),
    onStart: @escaping @Sendable (Date) -> Void, observer: (@Sendable (Event) -> Void)?
  ) {
    self.example = example
    self.pace = pace
    self.seed = seed
    self.command = command
    self.bounds = bounds
    self.onStart = onStart
    self.observer = observer
  }

  /// Starts `python3`, and the threads that read its output, wait for its exit and watch the
  /// clock; resumes `continuation` once, when it has exited and its pipes are at their end.
  func launch(
    _ python: URL, arguments: [String], environment: [String: String],
    continuation: CheckedContinuation<PythonRun, any Error>
  ) {
    condition.withLock { self.continuation = continuation }
    // Started from a thread of our own: the cooperative pool's threads block nearly every signal;
    // the child gets an empty mask and default actions anyway (see `spawn`).
    Thread.detachNewThread { [self] in
      let pipes: (stdout: Int32, stderr: Int32)
      do {
        pipes = try spawn(python, arguments: arguments, environment: environment)
      } catch {
        let waiting = condition.withLock {
          defer { self.continuation = nil }
          return self.continuation
        }
        waiting?.resume(throwing: error)
        return
      }
      let stopAtOnce = condition.withLock { stopped }
      if stopAtOnce { stop() }

      let done = DispatchGroup()
      done.enter()
      Thread.detachNewThread { [self] in
        Self.readAll(pipes.stderr) { chunk in
          condition.withLock {
            errorOutput.append(chunk)
            if errorOutput.count > 16_384 { errorOutput.removeFirst(errorOutput.count - 8_192) }
          }
          return true
        }
        done.leave()
      }
      done.enter()
      let status = Locked<Int32>(0)
      Thread.detachNewThread { [self] in
        let exit = waitForExit()
        status.withLock { $0 = exit }
        done.leave()
      }
      Thread.detachNewThread { [self] in supervise() }
      var pending = Data()
      Self.readAll(pipes.stdout) { chunk in
        pending.append(chunk)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
          let line = pending[pending.startIndex..<newline]
          pending = Data(pending[(newline + 1)...])
          receive(line)
        }
        guard pending.count > PythonColumn.lineBound else { return true }
        reject(pending.prefix(120), "a line longer than \(PythonColumn.lineBound) bytes")
        return false  // the child is stopped; what is left is read and dropped
      }
      if !pending.isEmpty && pending.count <= PythonColumn.lineBound { receive(pending) }
      done.wait()  // a thread of our own, not the cooperative pool
      finish(status: status.withLock { $0 })
    }
  }

  /// Spawns `python3` in a process group of its own, with an empty signal mask and every signal's
  /// default action (a child inherits ignored signals, SIGPIPE among them, across `exec`), its
  /// stdin, stdout and stderr pipes to us. Returns the read ends of its stdout and stderr.
  /// - Throws: `PythonFailure` when a pipe or the process cannot be made (too many open files).
  private func spawn(_ python: URL, arguments: [String], environment: [String: String]) throws
    -> (stdout: Int32, stderr: Int32)
  {
    var made: [Int32] = []
    func makePipe() throws -> (read: Int32, write: Int32) {
      var ends: [Int32] = [-1, -1]
      guard closeOnExecPipe(&ends) == 0 else {
        let reason = String(cString: strerror(errno))
        for descriptor in made { close(descriptor) }
        throw PythonFailure("could not start \(command): \(reason) (making a pipe)")
      }
      made += ends
      return (ends[0], ends[1])
    }
    let input = try makePipe()
    let output = try makePipe()
    let errors = try makePipe()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input.read, 0)
    posix_spawn_file_actions_adddup2(&actions, output.write, 1)
    posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = ([python.path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var child: pid_t = 0
    var spawned = posix_spawn(&child, python.path, &actions, &attributes, argv, envp)
    // "Text file busy": the interpreter's file is still open for writing somewhere — for a
    // moment, in a child another thread forked between its open and its exec (seen in the tests,
    // whose fake python3 is written just before it runs). Try again, for at most 0.2 s.
    for _ in 0..<20 where spawned == ETXTBSY {
      usleep(10_000)
      spawned = posix_spawn(&child, python.path, &actions, &attributes, argv, envp)
    }
    close(input.read)
    close(output.write)
    close(errors.write)
    guard spawned == 0 else {
      for descriptor in [input.write, output.read, errors.read] { close(descriptor) }
      throw PythonFailure("could not start \(python.path): \(String(cString: strerror(spawned)))")
    }
    LiveGroups.shared.insert(child)
    condition.withLock {
      pid = child
      stdinWrite = input.write  // kept open: the harness exits when it reaches end of file
    }
    return (output.read, errors.read)
  }

  /// Waits for `python3` to exit; then ends whatever it left running in its group (a `sleep &`
  /// still holding its stdout would keep the pipe open for ever) and reaps it. Returns the raw
  /// wait status.
  private func waitForExit() -> Int32 {
    let child = condition.withLock { pid }
    var info = siginfo_t()
    while waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
    LiveGroups.shared.endLeftovers(child)
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    condition.withLock {
      exited = true
      condition.broadcast()
    }
    closeStdin()
    return status
  }

  /// Watches the bounds: the start line within `bounds.start` of the launch, the end within
  /// `bounds.run` of the start; SIGKILL `PythonColumn.killBound` after a SIGTERM the child did
  /// not obey.
  private func supervise() {
    condition.withLock {
      while !exited {
        let deadline =
          killAt
          ?? (startedAt.map { $0 + bounds.run.seconds } ?? launchedAt + bounds.start.seconds)
        if condition.wait(until: deadline) || exited || Date() < deadline { continue }
        if killAt != nil {
          LiveGroups.shared.signal(pid, SIGKILL)
          killAt = Date() + 60  // again in a minute, if it could outlive SIGKILL so long

        } else {
          let what = startedAt == nil ? "started no example" : "did not finish"
          let bound = startedAt == nil ? bounds.start : bounds.run
          malformed = malformed ?? "\(command) \(what) within \(bound.formatted) s"
          terminateLocked()
        }
      }
    }
  }

  /// SIGTERM to the child's group, and SIGKILL `PythonColumn.killBound` later; under `condition`.
  private func terminateLocked() {
    guard !exited, pid != 0, killAt == nil else { return }
    LiveGroups.shared.signal(pid, SIGTERM)
    killAt = Date() + PythonColumn.killBound.seconds
    condition.broadcast()
  }

  /// Stops the child: end of file on its stdin, SIGTERM to its group, and SIGKILL if it is still
  /// there after `PythonColumn.killBound`. What it printed until then is returned, marked stopped.
  func stop() {
    let launched: Bool = condition.withLock {
      stopped = true
      // When, on the run's clock, it was stopped: what it printed before then is judged.
      // (From when its start line came, not from the time it printed: that is Python's word.)
      stoppedAt = startedAt.map { Date().timeIntervalSince($0) / pace.secondsPerBeat } ?? 0
      terminateLocked()
      return pid != 0
    }
    if launched { closeStdin() }  // not launched yet: launch stops it
  }

  /// Closes the parent's end of the child's stdin, once: the harness exits when it sees the end.
  private func closeStdin() {
    condition.withLock {
      guard stdinWrite >= 0 else { return }
      close(stdinWrite)
      stdinWrite = -1
    }
  }

  /// Reads `descriptor` to its end with blocking reads, handing each chunk to `body` until it
  /// returns false (then reads on and drops the rest), and closes it.
  private static func readAll(_ descriptor: Int32, _ body: (Data) -> Bool) {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var keep = true
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      if keep { keep = body(Data(buffer[0..<count])) }
    }
    close(descriptor)
  }

  /// One line of the protocol: the start, an event, or the end.
  private func receive(_ line: Data) {
    guard let message = try? JSONDecoder().decode(Message.self, from: line) else {
      return reject(line, "not a JSON object")
    }
    if let start = message.start {
      let date = Date(timeIntervalSince1970: start)
      let first = condition.withLock {
        defer {
          startDate = startDate ?? date
          startedAt = startedAt ?? Date()
          condition.broadcast()
        }
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
    let shown = CommandLineGrammar.shown(String(decoding: line.prefix(120), as: UTF8.self))
    condition.withLock {
      if malformed == nil { malformed = "\(command) printed \(reason): \(shown)" }
      terminateLocked()
    }
  }

  /// The child has exited and its pipes are at their end: resumes the caller with the run, the
  /// partial run, or the error.
  private func finish(status: Int32) {
    condition.lock()
    let waiting = continuation
    continuation = nil
    let result = outcome(status: status)
    condition.unlock()
    waiting?.resume(with: result)
  }

  /// What the run comes to, from the raw wait `status`; called under `condition`.
  private func outcome(status: Int32) -> Result<PythonRun, any Error> {
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
    let signal = status & 0x7f
    let code = (status >> 8) & 0xff
    if signal != 0 || code != 0 {
      let how = signal != 0 ? "was killed by signal \(signal)" : "exited with status \(code)"
      let cause = PythonFailure.cause(in: standardError).map { ": \($0)" }
      return .failure(PythonFailure("\(command) \(how)\(cause ?? "")"))
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
      example: example, seed: seed, pace: pace, command: command,
      bounds: (Self.startBound(pace: pace), runBound(example, seed: seed, pace: pace)),
      onStart: onStart, observer: observer)
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

extension PythonFailure {
  /// The line of Python's stderr that names why it failed: a `Fatal Python error` line (the
  /// interpreter could not start: a bad `PYTHONHOME`, `PYTHONHASHSEED`), else the harness's own
  /// `harness: ` line, else the last line (a traceback's exception, a `SyntaxError` from a
  /// Python 2); `nil` when stderr is empty.
  static func cause(in standardError: String) -> String? {
    let lines = standardError.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
    return lines.first { $0.hasPrefix("Fatal Python error") }
      ?? lines.last { $0.hasPrefix("harness: ") } ?? lines.last
  }
}

extension Duration {
  /// The duration in seconds.
  fileprivate var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }

  /// `"5.2"`: seconds, to a tenth.
  fileprivate var formatted: String {
    String((seconds * 10).rounded() / 10)
  }
}
