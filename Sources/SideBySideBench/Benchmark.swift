import Foundation

/// One fan-out measurement: N workers of one paradigm, repeated.
struct FanOutRow: Codable, Sendable {
  var paradigm: String
  var workers: Int
  var medianSeconds: Double
  var minSeconds: Double
  var maxSeconds: Double
  var medianSpawnSeconds: Double
  var overheadSeconds: Double
  var peakMegabytes: Double
  var bytesPerWorker: Double
  var pageFaultsPerWorker: Double
}

/// A figure measured once per round: its median over the rounds, with the minimum and maximum.
struct Spread: Codable, Sendable {
  var median: Double
  var min: Double
  var max: Double

  init(_ values: [Double]) {
    median = SideBySideBench.median(values)
    min = values.min() ?? .nan
    max = values.max() ?? .nan
  }
}

/// A ratio of two figures measured in the same round, over the rounds: how the package compares
/// with what a reader could pick instead, free of a machine that was faster in one round.
struct Ratio: Codable, Sendable {
  /// What is compared, `A / B`.
  var name: String
  /// The goal the figure is held to, in words (the performance issue's), or "" for none.
  var goal: String
  var spread: Spread
}

/// Everything one run measured.
struct Report: Codable, Sendable {
  var size: Benchmark.Size
  var machine: String
  var toolchain: String
  /// `python3 --version`, or why the Python rows are missing.
  var python: String
  var sleepMilliseconds: Int
  var repetitions: Int
  var fanOut: [FanOutRow]
  var limits: [String]
  var criticalSection: [CriticalSection.Result]
  var criticalSectionWorkers: Int
  var criticalSectionRounds: Int
  var uncontendedNanoseconds: [String: Spread]
  var startupMicroseconds: [String: [Double]]
  var pipelines: [Pipelines.Result]
  var ratios: [Ratio]
}

/// Runs the sections, showing progress on standard error.
struct Benchmark {
  /// How much to measure.
  enum Size: String, Codable {
    case tiny, quick, full
  }

  let size: Size
  /// A cap on the threads the fan-out creates, below the system's own limit.
  let maxThreads: Int?

  var repetitions: Int { [.tiny: 1, .quick: 3, .full: 5][size]! }
  var threadCounts: [Int] {
    switch size {
    case .tiny: [10, 20]
    case .quick: [10, 100, 1_000, 2_000]
    case .full: [10, 100, 1_000, 2_000, 5_000, 10_000, 20_000]
    }
  }
  var taskCounts: [Int] {
    switch size {
    case .tiny: [10, 20]
    case .quick: [10, 100, 1_000, 10_000, 100_000]
    case .full: [10, 100, 1_000, 10_000, 100_000, 300_000, 1_000_000]
    }
  }
  var rounds: Int { [.tiny: 100, .quick: 50_000, .full: 250_000][size]! }
  var uncontended: Int { [.tiny: 100, .quick: 200_000, .full: 1_000_000][size]! }
  var startups: Int { [.tiny: 10, .quick: 500, .full: 2_000][size]! }
  var queuedItems: Int { [.tiny: 1_000, .quick: 100_000, .full: 1_000_000][size]! }
  var poolJobs: Int { [.tiny: 100, .quick: 10_000, .full: 10_000][size]! }
  /// The fan-out whose overhead per worker is compared round by round.
  var ratioWorkers: Int { size == .tiny ? 10 : 1_000 }

  /// One line of progress on standard error, rewritten in place; only on a terminal.
  func progress(_ text: String) {
    guard isatty(STDERR_FILENO) != 0 else { return }
    try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K\(text)".utf8))
  }

  /// The fan-out's paradigms: which child runs each, and the worker counts it goes through.
  private var fanOutParadigms: [(name: String, counts: [Int], threads: Bool)] {
    var list: [(String, [Int], Bool)] = [
      (FanOut.plainThread, threadCounts, true), (FanOut.joinableThread, threadCounts, true),
      (FanOut.task, taskCounts, false),
    ]
    if python {
      list += [
        (FanOut.pythonThread, threadCounts, true), (FanOut.pythonAsyncio, taskCounts, false),
      ]
    }
    return list
  }

  private let pythonUnavailable = PythonWorkloads.unavailableReason()
  private var python: Bool { pythonUnavailable == nil }

  init(size: Size, maxThreads: Int?) {
    self.size = size
    self.maxThreads = maxThreads
  }

  func run() async -> Report {
    var limits: [String] = []
    let baseline = child(FanOut.task, 0).map { Double($0.peakBytes) } ?? 0
    var rows: [FanOutRow] = []
    // Stay well below the system's thread limit: past it, creating a thread fails, and
    // Foundation's `Thread` has no way to report that failure but to stop the process.
    let (systemLimit, source) = threadLimit()
    let threadCap = maxThreads ?? systemLimit / 2
    let capReason =
      maxThreads != nil
      ? "--max-threads \(threadCap)" : "half the limit of \(systemLimit) (\(source))"
    for (paradigm, counts, threads) in fanOutParadigms {
      for count in counts {
        if threads && count > threadCap {
          limits.append("\(paradigm): stopped before \(count): \(capReason)")
          break
        }
        var samples: [Sample] = []
        for repetition in 1...repetitions {
          progress("fan-out/join: \(paradigm) × \(count), run \(repetition) of \(repetitions)")
          guard let sample = child(paradigm, count) else { break }
          samples.append(sample)
        }
        guard samples.count == repetitions else {
          limits.append("\(paradigm): \(count) workers failed to run (the child did not finish)")
          break
        }
        let times = samples.map(\.seconds)
        let peak = median(samples.map { Double($0.peakBytes) })
        rows.append(
          FanOutRow(
            paradigm: paradigm, workers: count, medianSeconds: median(times),
            minSeconds: times.min()!, maxSeconds: times.max()!,
            medianSpawnSeconds: median(samples.map(\.spawnSeconds)),
            overheadSeconds: median(times) - sleep.seconds, peakMegabytes: peak / 1_048_576,
            bytesPerWorker: (peak - baseline) / Double(count),
            pageFaultsPerWorker: median(samples.map { Double($0.pageFaults) }) / Double(count)))
        // Creating threads one by one stops scaling long before memory runs out: stop once
        // the overhead is ten times the sleep itself. Python's rows stop there too (its million
        // tasks would take minutes); Swift's tasks go on, to show where they stop scaling.
        let stops = threads || paradigm.hasPrefix("python")
        if stops && median(times) - sleep.seconds > 10 * sleep.seconds {
          limits.append("\(paradigm): stopped after \(count): overhead over ten times the sleep")
          break
        }
      }
    }

    var ratios: [Ratio] = []
    // Overhead per worker at one N, JoinableThread against a plain Thread, round by round.
    progress("fan-out ratio: \(ratioWorkers) workers, \(repetitions) rounds")
    // And against the floor: a plain `Thread` whose start waits until its body has begun.
    var overheadRatios: [Double] = []
    var floorRatios: [Double] = []
    for _ in 1...repetitions {
      guard let joinable = child(FanOut.joinableThread, ratioWorkers),
        let plain = child(FanOut.plainThread, ratioWorkers),
        let waited = child(FanOut.waitedThread, ratioWorkers)
      else { break }
      let overhead = joinable.seconds - sleep.seconds
      overheadRatios.append(overhead / max(plain.seconds - sleep.seconds, 1e-9))
      floorRatios.append(overhead / max(waited.seconds - sleep.seconds, 1e-9))
    }
    ratios.append(
      Ratio(
        name: "fan-out of 1000 (10 if tiny), overhead per worker: JoinableThread / Thread",
        goal: "≤ 1.5", spread: Spread(overheadRatios)))
    ratios.append(
      Ratio(
        name: "fan-out of 1000 (10 if tiny), overhead per worker: JoinableThread / "
          + "Thread whose start waits for its first line", goal: "",
        spread: Spread(floorRatios)))

    let workers = 4
    progress("contended critical section: \(workers) workers × \(rounds) entries")
    var criticalRounds: [[CriticalSection.Result]] = []
    for _ in 1...repetitions {
      criticalRounds.append(await CriticalSection.all(workers: workers, rounds: rounds))
    }
    if python {
      for index in criticalRounds.indices {
        criticalRounds[index] += PythonWorkloads.criticalSection(workers: workers, rounds: rounds)
      }
    }
    let critical = CriticalSection.Result.medians(criticalRounds)
    for (other, goal) in [("actor (tasks)", ""), ("Mutex (threads)", "")] {
      ratios.append(
        Ratio(
          name: "contended: AsyncLock / \(other), ops/s", goal: goal,
          spread: Spread(
            criticalRounds.compactMap { round in
              round.ops("AsyncLock (tasks)").flatMap { lock in round.ops(other).map { lock / $0 } }
            })))
    }

    progress("uncontended acquire and release, \(uncontended) times")
    var uncontendedRounds: [[String: Double]] = []
    for _ in 1...repetitions { uncontendedRounds.append(await Uncontended.all(uncontended)) }
    let uncontendedSpread = Dictionary(
      uniqueKeysWithValues: (uncontendedRounds.first ?? [:]).keys.map { key in
        (key, Spread(uncontendedRounds.compactMap { $0[key] }))
      })

    progress("startup cost of one worker")
    var startupSamples: [String: [Double]] = [:]
    var startRatios: [Double] = []
    for _ in 1...repetitions {
      let round = Startup.all(repetitions: startups / repetitions + 1)
      for (key, values) in round { startupSamples[key, default: []] += values }
      startRatios.append(
        median(round[Startup.joinableStart]!) / max(median(round[Startup.plainStart]!), 1e-9))
    }
    startupSamples["Task: create, await"] = await Startup.task(repetitions: startups)
    if python {
      for (key, values) in PythonWorkloads.startup(repetitions: startups) {
        startupSamples[key] = values
      }
    }
    ratios.append(
      Ratio(
        name: "start() returns: JoinableThread (body blocks in the package's call) / Thread",
        goal: "≤ 2", spread: Spread(startRatios)))

    progress("beyond the notebook: a queue of \(queuedItems) items, a pool over \(poolJobs) jobs")
    var pipelineRounds: [[Pipelines.Result]] = []
    for _ in 1...repetitions {
      var round = await Pipelines.all(items: queuedItems, jobs: poolJobs)
      if python { round += PythonWorkloads.pipelines(items: queuedItems, jobs: poolJobs) }
      pipelineRounds.append(round)
    }
    let queueRatios: [(String, String, String)] = [
      ("queue of 64: AsyncQueue (tasks)", "queue of 64: BlockingQueue (threads)", "≥ 1.0"),
      ("queue of 64: AsyncQueue (tasks)", "queue of 64: asyncio.Queue (Python asyncio)", "≥ 0.5"),
    ]
    for (package, other, goal) in queueRatios {
      let values = pipelineRounds.compactMap { round in
        round.rate(package).flatMap { mine in round.rate(other).map { mine / $0 } }
      }
      guard !values.isEmpty else { continue }
      ratios.append(
        Ratio(name: "items/s: \(package) / \(other)", goal: goal, spread: Spread(values)))
    }
    progress("")
    return Report(
      size: size, machine: machineDescription(), toolchain: toolchainDescription(),
      python: pythonUnavailable.map { "Python rows skipped: \($0)" }
        ?? PythonWorkloads.version ?? "python3",
      sleepMilliseconds: 100, repetitions: repetitions, fanOut: rows, limits: limits,
      criticalSection: critical, criticalSectionWorkers: workers, criticalSectionRounds: rounds,
      uncontendedNanoseconds: uncontendedSpread, startupMicroseconds: startupSamples,
      pipelines: Pipelines.Result.medians(pipelineRounds), ratios: ratios)
  }

  /// Runs one fan-out in a child process (`python3` for the Python paradigms); `nil` if it did
  /// not finish cleanly.
  func child(_ paradigm: String, _ count: Int) -> Sample? {
    if paradigm == FanOut.pythonThread || paradigm == FanOut.pythonAsyncio {
      return PythonWorkloads.fanOut(
        paradigm == FanOut.pythonThread ? "thread" : "asyncio", count, sleepSeconds: sleep.seconds)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["--child", paradigm, String(count)]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return try? JSONDecoder().decode(Sample.self, from: data)
  }
}

extension [CriticalSection.Result] {
  func ops(_ mechanism: String) -> Double? { first { $0.mechanism == mechanism }?.opsPerSecond }
}

extension [Pipelines.Result] {
  func rate(_ workload: String) -> Double? { first { $0.workload == workload }?.itemsPerSecond }
}

func machineDescription() -> String {
  let cpu =
    (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?
    .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
  let memory = ProcessInfo.processInfo.physicalMemory / 1_073_741_824
  return "\(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), \(memory) GiB, Linux"
}

func toolchainDescription() -> String {
  #if compiler(>=6.4)
    let swift = "Swift 6.4 or later"
  #elseif compiler(>=6.3)
    let swift = "Swift 6.3"
  #else
    let swift = "Swift before 6.3"
  #endif
  #if DEBUG
    return swift + ", DEBUG build: use -c release for numbers"
  #else
    return swift + ", release build"
  #endif
}
