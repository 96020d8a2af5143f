import Foundation

/// What one measurement in a child process reports.
struct Sample: Codable, Sendable {
  /// Wall time of the measured work, in seconds.
  var seconds: Double
  /// Wall time until every worker had been created, in seconds.
  var spawnSeconds: Double
  /// Peak resident memory of the whole child process, in bytes.
  var peakBytes: Int
  /// Minor page faults the child took (memory touched for the first time).
  var pageFaults: Int
}

/// Peak resident memory and minor page faults of this process so far.
func resourceUsage() -> (peakBytes: Int, pageFaults: Int) {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return (Int(usage.ru_maxrss) * 1024, Int(usage.ru_minflt))
}

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// The median of `values` (sorted copy).
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// How many threads this machine lets the process have: the smallest of the per-user process
/// limit, the kernel's thread limit and the control group's task limit, where each is known.
func threadLimit() -> (count: Int, source: String) {
  var limits: [(Int, String)] = []
  var rlimitValue = rlimit()
  if getrlimit(__rlimit_resource_t(__RLIMIT_NPROC.rawValue), &rlimitValue) == 0,
    rlimitValue.rlim_cur < rlim_t(Int.max)
  {
    limits.append((Int(rlimitValue.rlim_cur), "RLIMIT_NPROC"))
  }
  for (path, name) in [
    ("/proc/sys/kernel/threads-max", "kernel.threads-max"),
    ("/sys/fs/cgroup/pids.max", "cgroup pids.max"),
  ] {
    if let text = try? String(contentsOfFile: path, encoding: .utf8),
      let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    {
      limits.append((value, name))
    }
  }
  return limits.min { $0.0 < $1.0 }.map { ($0.0, $0.1) } ?? (Int.max, "none found")
}
