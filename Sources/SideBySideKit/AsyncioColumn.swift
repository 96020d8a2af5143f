import Foundation
import TaskVersions
import ThreadsToTasksCore

/// The asyncio column cannot run: no interpreter, or one older than Python 3.11. The
/// description is one line.
public struct AsyncioUnavailable: Error, CustomStringConvertible, Equatable {
  /// Why, in one line: `python3 is Python 3.10; asyncio needs 3.11 or later`.
  public var description: String

  /// The error, saying why.
  public init(_ description: String) { self.description = description }
}

/// A Python interpreter, as running it with `--version` showed it to be.
public struct AsyncioInterpreter: Sendable, Equatable {
  /// The executable.
  public var url: URL
  /// Its major version (3).
  public var major: Int
  /// Its minor version (11, 12, 13 …).
  public var minor: Int

  /// Whether it has `asyncio.eager_task_factory`: Python 3.12 or later.
  public var hasEagerTaskFactory: Bool { (major, minor) >= (3, 12) }

  /// An interpreter.
  public init(url: URL, major: Int, minor: Int) {
    self.url = url
    self.major = major
    self.minor = minor
  }
}

/// The fourth column: every example written with Python's `asyncio`
/// (`Sources/SideBySideKit/Python/asyncio_examples.py`), run through `asyncio_harness.py`, which
/// paces `asyncio.sleep` and the timeouts on the example's beats, gives `time.ctime` the example's
/// clock, draws `random.randint` from the same SplitMix64 as `SeededRandom`, and reports each
/// printed line, whole, with its task's name. Its transcripts are `.asyncio` runs, judged against
/// the notebook and paired with every other paradigm.
///
/// It needs Python 3.11 or later (`TaskGroup`, `asyncio.timeout`). The interpreter is the one
/// `THREADS_TO_TASKS_ASYNCIO_PYTHON` names (a path, or a name looked up on `PATH`), `python3` by
/// default, and is judged by running it with `--version`, not by its name: a pyenv shim such as
/// `python3.12` is on `PATH` but exits 127 unless `PYENV_VERSION` selects it.
public enum AsyncioColumn {
  /// The environment variable that names the interpreter.
  public static let interpreterVariable = "THREADS_TO_TASKS_ASYNCIO_PYTHON"

  /// The oldest Python the asyncio examples run on.
  public static let minimumVersion = (major: 3, minor: 11)

  /// The interpreter for `environment`, run with `--version` to see which Python it is.
  /// - Throws: `AsyncioUnavailable` when it is not found, does not run, or is older than 3.11.
  public static func find(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(AsyncioUnavailable) -> AsyncioInterpreter {
    let name = environment[interpreterVariable].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
    guard let url = locate(name, path: environment["PATH"]) else {
      throw AsyncioUnavailable("\(name) was not found on PATH")
    }
    guard let version = version(of: url, environment: environment) else {
      throw AsyncioUnavailable("\(name) --version did not run as a Python's does")
    }
    guard (version.major, version.minor) >= minimumVersion else {
      throw AsyncioUnavailable(
        "\(name) is Python \(version.major).\(version.minor); asyncio needs 3.11 or later")
    }
    return AsyncioInterpreter(url: url, major: version.major, minor: version.minor)
  }

  /// This process's interpreter, or why there is none: found once, when first asked.
  public static let found = Result { () throws(AsyncioUnavailable) in try find() }

  /// This process's interpreter; `nil` when there is none that can run the column.
  public static var interpreter: AsyncioInterpreter? { try? found.get() }

  /// `asyncio_harness.py` in this module's resources, beside `asyncio_examples.py`.
  /// Found beside `harness.py`, not through `Bundle.module` (which traps when the bundle is
  /// missing).
  public static var harness: URL? {
    PythonColumn.harness.map {
      $0.deletingLastPathComponent().appendingPathComponent("asyncio_harness.py")
    }.flatMap { FileManager.default.isReadableFile(atPath: $0.path) ? $0 : nil }
  }

  /// The arguments the interpreter is started with: `-S -W ignore asyncio_harness.py EXAMPLE --seed N
  /// --pace S`, then `--hold-back LANE`, `--variant naive-actor` (for synchronizing-threads with
  /// the naive actor) and `--eager` when asked for, and `--activities`: the run's transcript has
  /// its tasks' sleeps, joins, lock waits and lock holds.
  public static func arguments(
    harness: URL, example: ExampleID, seed: UInt64, pace: Pace, holdBack: String? = nil,
    variant: TaskVariant? = nil, eager: Bool = false
  ) -> [String] {
    // `-S`: no `site`, as for the threading harness (see `PythonColumn.arguments`).
    var arguments = ["-S", "-W", "ignore", harness.path, example.rawValue, "--seed", String(seed)]
    arguments += ["--pace", String(pace.secondsPerBeat)]
    if let holdBack { arguments += ["--hold-back", holdBack] }
    // The asyncio program has the naive twin only; its other variants change the task version.
    if variant == .naiveActor && variant?.example == example {
      arguments += ["--variant", variant!.rawValue]
    }
    if eager { arguments.append("--eager") }
    return arguments + ["--activities"]
  }

  /// Runs `example` in asyncio at `pace` (real seconds per notebook second), its
  /// `random.randint` drawing from `seed` as the Swift versions draw from `SeededRandom(seed:)`.
  ///
  /// - Parameters:
  ///   - holdBack: a task name; that task waits at its first `acquire` of the example's
  ///     `asyncio.Lock` until another task holds it.
  ///   - variant: `.naiveActor` runs synchronizing-threads with the print routine that takes no
  ///     lock, the asyncio twin of `NaivePrinter`; other variants change nothing here.
  ///   - eager: runs with `asyncio.eager_task_factory` (Python 3.12+).
  ///   - harness: the harness to run, `asyncio_harness.py` from the resources by default.
  ///   - environment: the environment the interpreter is found in and started with.
  ///   - onStart: called with the wall-clock start once the example's main task has started.
  ///   - observer: called with each event as it arrives, in order, on a thread of the run's own.
  /// - Returns: the run, its transcript's paradigm `.asyncio`. When the calling task is
  ///   cancelled, the interpreter is stopped and the run returns what was printed so far.
  /// - Throws: `AsyncioUnavailable` without Python 3.11+ (or without 3.12+ for `eager`);
  ///   `PythonFailure` when Python exits with an error or prints something other than the
  ///   harness's protocol.
  public static func run(
    _ example: ExampleID, seed: UInt64, pace: Pace, holdBack: String? = nil,
    variant: TaskVariant? = nil, eager: Bool = false, harness: URL? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    onStart: @escaping @Sendable (Date) -> Void = { _ in },
    observer: (@Sendable (Event) -> Void)? = nil
  ) async throws -> PythonRun {
    let python = try find(environment: environment)
    if eager && !python.hasEagerTaskFactory {
      throw AsyncioUnavailable(
        "Python \(python.major).\(python.minor) has no eager task factory; it needs 3.12 or later")
    }
    guard let script = harness ?? Self.harness else {
      throw PythonFailure("asyncio_harness.py is missing from SideBySideKit's resources")
    }
    var run = try await PythonColumn.runHarness(
      example, interpreter: python.url,
      arguments: arguments(
        harness: script, example: example, seed: seed, pace: pace, holdBack: holdBack,
        variant: variant, eager: eager),
      command: "python3 asyncio_harness.py \(example.rawValue)", seed: seed, pace: pace,
      environment: environment, onStart: onStart, observer: observer)
    run.transcript.paradigm = .asyncio
    return run
  }

  /// `name` itself when it is a path, or the first executable of that name on `path`.
  static func locate(_ name: String, path: String?) -> URL? {
    if name.contains("/") {
      return FileManager.default.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil
    }
    for directory in (path ?? "").split(separator: ":") where !directory.isEmpty {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
        !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate.path)
      {
        return candidate
      }
    }
    return nil
  }

  /// What `url --version` says (`Python 3.11.7`), as major and minor; `nil` when it does not
  /// run, fails, or says something else.
  static func version(of url: URL, environment: [String: String]) -> (major: Int, minor: Int)? {
    let process = Process()
    process.executableURL = url
    process.arguments = ["--version"]
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
    let words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
    guard words.count >= 2, words[0] == "Python" else { return nil }
    let parts = words[1].split(separator: ".").map { Int($0.prefix { $0.isNumber }) }
    guard parts.count >= 2, let major = parts[0], let minor = parts[1] else { return nil }
    return (major, minor)
  }
}

/// Runs the asyncio program of `example` as the fourth column. The clock starts when Python says
/// its example has started. A failure is said on standard error, in one line; the run is then
/// judged on what it printed (an empty run fails its checks).
func runWithAsyncio(
  _ example: ExampleID, seed: UInt64, clock: ExampleClock, variant: TaskVariant?, output: Output,
  observer: @escaping @Sendable (Event) -> Void
) async -> Transcript {
  do {
    let run = try await AsyncioColumn.run(
      example, seed: seed, pace: clock.pace, variant: variant, onStart: { _ in clock.start() },
      observer: observer)
    return run.transcript
  } catch {
    output.writeError("side-by-side: the asyncio column failed: \(error)\n")
    return Transcript(
      example: example, paradigm: .asyncio, seed: seed, startDate: clock.startDate, events: [])
  }
}
