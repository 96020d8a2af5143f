import Foundation

extension Report {
  var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }

  private func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
  }

  private var fanOutLines: [[String]] {
    fanOut.map { row in
      [
        row.paradigm, String(row.workers),
        "\(fixed(row.medianSeconds, 3)) (\(fixed(row.minSeconds, 3))–\(fixed(row.maxSeconds, 3)))",
        fixed(row.medianSpawnSeconds, 3), fixed(row.overheadSeconds, 3),
        fixed(row.peakMegabytes, 1), fixed(row.bytesPerWorker / 1024, 2),
        fixed(row.pageFaultsPerWorker, 2),
      ]
    }
  }
  private static let fanOutHeader = [
    "paradigm", "workers", "wall s, median (min–max)", "spawn s", "overhead s", "peak MB",
    "KiB/worker", "faults/worker",
  ]

  private func spread(_ median: Double, _ low: Double?, _ high: Double?, _ digits: Int) -> String {
    guard let low, let high else { return fixed(median, digits) }
    return "\(fixed(median, digits)) (\(fixed(low, digits))–\(fixed(high, digits)))"
  }

  private var criticalLines: [[String]] {
    criticalSection.map {
      [
        $0.mechanism,
        spread(
          $0.opsPerSecond / 1e6, $0.minOpsPerSecond.map { $0 / 1e6 },
          $0.maxOpsPerSecond.map { $0 / 1e6 }, 2),
        fixed($0.maxWaitMicroseconds, 0),
      ]
    }
  }
  private static let criticalHeader = [
    "mechanism", "M ops/s, median (min–max)", "longest wait µs, median",
  ]

  private var uncontendedLines: [[String]] {
    uncontendedNanoseconds.sorted { $0.key < $1.key }.map {
      [$0.key, spread($0.value.median, $0.value.min, $0.value.max, 0)]
    }
  }
  private static let uncontendedHeader = ["acquire + release", "ns, median (min–max)"]

  private var ratioLines: [[String]] {
    ratios.map {
      [$0.name, spread($0.spread.median, $0.spread.min, $0.spread.max, 2), $0.goal]
    }
  }
  private static let ratioHeader = ["ratio, per round", "median (min–max)", "goal"]

  private var startupLines: [[String]] {
    startupMicroseconds.sorted { $0.key > $1.key }.map {
      [
        $0.key, fixed(median($0.value), 1),
        "\(fixed($0.value.min()!, 1))–\(fixed($0.value.max()!, 1))",
      ]
    }
  }
  private static let startupHeader = ["one worker", "median µs", "min–max µs"]

  private var pipelineLines: [[String]] {
    pipelines.map {
      [
        $0.workload, String($0.items), fixed($0.seconds, 3),
        spread(
          $0.itemsPerSecond / 1e6, $0.minItemsPerSecond.map { $0 / 1e6 },
          $0.maxItemsPerSecond.map { $0 / 1e6 }, 3),
      ]
    }
  }
  private static let pipelineHeader = [
    "workload", "items", "seconds, median", "M items/s, median (min–max)",
  ]

  private var heading: String {
    "\(machine); \(toolchain); \(python); \(size.rawValue) run, \(repetitions) repetitions"
  }

  /// Aligned columns for a terminal.
  var table: String {
    func render(_ header: [String], _ rows: [[String]]) -> String {
      let widths = header.indices.map { column in
        ([header] + rows).map { $0[column].count }.max()!
      }
      return ([header] + rows).map { row in
        row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
          .joined(separator: "  ")
      }.joined(separator: "\n")
    }
    return """
      \(heading)

      1. Fan-out/join, each worker sleeping \(sleepMilliseconds) ms
      \(render(Self.fanOutHeader, fanOutLines))
      \(limits.map { "limit: " + $0 }.joined(separator: "\n"))

      2. Contended critical section, \(criticalSectionWorkers) workers × \(criticalSectionRounds) entries
      \(render(Self.criticalHeader, criticalLines))

      3. Startup cost of one worker
      \(render(Self.startupHeader, startupLines))

      \(render(Self.uncontendedHeader, uncontendedLines))

      4. Beyond the notebook: a bounded queue, a pool of workers
      \(render(Self.pipelineHeader, pipelineLines))

      5. Ratios of figures taken in the same round
      \(render(Self.ratioHeader, ratioLines))
      """
  }

  /// Markdown tables, for Comparisons/Performance.md.
  var markdown: String {
    func render(_ header: [String], _ rows: [[String]]) -> String {
      ([
        "| " + header.joined(separator: " | ") + " |",
        "|" + header.map { _ in " --- " }.joined(separator: "|") + "|",
      ]
        + rows.map { "| " + $0.joined(separator: " | ") + " |" }).joined(separator: "\n")
    }
    return """
      Measured on \(heading).

      #### 1. Fan-out/join, each worker sleeping \(sleepMilliseconds) ms

      \(render(Self.fanOutHeader, fanOutLines))

      \(limits.map { "- Limit: " + $0 }.joined(separator: "\n"))

      #### 2. Contended critical section, \(criticalSectionWorkers) workers × \(criticalSectionRounds) entries

      \(render(Self.criticalHeader, criticalLines))

      #### 3. Startup cost of one worker

      \(render(Self.startupHeader, startupLines))

      \(render(Self.uncontendedHeader, uncontendedLines))

      #### 4. Beyond the notebook: a bounded queue, a pool of workers

      \(render(Self.pipelineHeader, pipelineLines))

      #### 5. Ratios of figures taken in the same round

      \(render(Self.ratioHeader, ratioLines))
      """
  }
}
