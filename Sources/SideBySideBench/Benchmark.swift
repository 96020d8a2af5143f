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

/// Everything one run measured.
struct Report: Codable, Sendable {
  var size: Benchmark.Size
  var machine: String
  var toolchain: String
  var sleepMilliseconds: Int
  var repetitions: Int
  var fanOut: [FanOutRow]
  var limits: [String]
  var criticalSection: [CriticalSection.Result]
  var criticalSectionWorkers: Int
  var criticalSectionRounds: Int
  var startupMicroseconds: [String: [Double]]
  var pipelines: [Pipelines.Result]
}

/// Runs the four sections, showing progress on standard error.
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
  var startups: Int { [.tiny: 10, .quick: 500, .full: 2_000][size]! }
  var queuedItems: Int { [.tiny: 1_000, .quick: 100_000, .full: 1_000_000][size]! }
  var poolJobs: Int { [.tiny: 100, .quick: 10_000, .full: 10_000][size]! }

  /// One line of progress on standard error, rewritten in place; only on a terminal.
  func progress(_ text: String) {
    guard isatty(STDERR_FILENO) != 0 else { return }
    try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K\(text)".utf8))
  }

  func run() async -> Report {
    var limits: [String] = []
    let baseline = child("task", 0).map { Double($0.peakBytes) } ?? 0
    var rows: [FanOutRow] = []
    // Stay well below the system's thread limit: past it, creating a thread fails, and
    // Foundation's `Thread` has no way to report that failure but to stop the process.
    let (systemLimit, source) = threadLimit()
    let threadCap = maxThreads ?? systemLimit / 2
    let capReason =
      maxThreads != nil
      ? "--max-threads \(threadCap)" : "half the limit of \(systemLimit) (\(source))"
    for (paradigm, counts) in [("thread", threadCounts), ("task", taskCounts)] {
      for count in counts {
        if paradigm == "thread" && count > threadCap {
          limits.append("threads: stopped before \(count): \(capReason)")
          break
        }
        var samples: [Sample] = []
        for repetition in 1...repetitions {
          progress("fan-out/join: \(paradigm)s × \(count), run \(repetition) of \(repetitions)")
          guard let sample = child(paradigm, count) else { break }
          samples.append(sample)
        }
        guard samples.count == repetitions else {
          limits.append(
            "\(paradigm)s: \(count) workers failed to run (the child process did not finish)")
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
        // the overhead is ten times the sleep itself.
        if paradigm == "thread" && median(times) - sleep.seconds > 10 * sleep.seconds {
          limits.append("threads: stopped after \(count): overhead over ten times the sleep")
          break
        }
      }
    }
    let workers = 4
    progress("contended critical section: \(workers) workers × \(rounds) entries")
    let critical = await CriticalSection.all(workers: workers, rounds: rounds)
    progress("startup cost of one worker")
    let startups = [
      "Thread: create, start, join": Startup.thread(repetitions: startups),
      "Task: create, await": await Startup.task(repetitions: startups),
    ]
    progress("beyond the notebook: a queue of \(queuedItems) items, a pool over \(poolJobs) jobs")
    let pipelines = await Pipelines.all(items: queuedItems, jobs: poolJobs)
    progress("")
    return Report(
      size: size, machine: machineDescription(), toolchain: toolchainDescription(),
      sleepMilliseconds: 100, repetitions: repetitions, fanOut: rows, limits: limits,
      criticalSection: critical, criticalSectionWorkers: workers, criticalSectionRounds: rounds,
      startupMicroseconds: startups, pipelines: pipelines)
  }

  /// Runs one fan-out in a child process; `nil` if it did not finish cleanly.
  func child(_ paradigm: String, _ count: Int) -> Sample? {
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
