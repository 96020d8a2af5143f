// `swift run -c release side-by-side-bench [--quick] [--format table|json|markdown]`
//
// Measures, on this machine, threads against tasks with the package's own shapes:
// 1. fan-out/join (simple-threading with N workers, each sleeping 100 ms): wall time, overhead
//    over the sleep, peak memory, memory per worker — each N in a child process of its own, so
//    its peak memory is its own;
// 2. a contended critical section (synchronizing-threads without the sleeps): NSLock, Mutex, an
//    actor and AsyncLock: operations per second and the longest wait;
// 3. the cost of one worker: create, start and join a Thread; create and await a Task; how long
//    `start()` takes to return; an uncontended acquire and release;
// 4. beyond the notebook: a bounded queue (BlockingQueue, AsyncQueue) and a pool of four;
// with `python3` (3.11+) on PATH, the same workloads in Python (threads and asyncio) in the same
// run, as rows of the same tables; and ratios of figures taken in the same round.
// Medians of several repetitions, with min–max. Timings live here, never in the tests.
import Foundation
import ThreadsToTasksCore

let arguments = Array(CommandLine.arguments.dropFirst())
let sleep = Duration.milliseconds(100)

// A child process: measure one fan-out and print it as JSON.
if arguments.first == "--child", arguments.count == 3, let count = Int(arguments[2]) {
  let sample =
    switch arguments[1] {
    case FanOut.plainThread: FanOut.plainThreads(count, sleep: sleep)
    case FanOut.joinableThread: FanOut.joinableThreads(count, sleep: sleep)
    case FanOut.waitedThread: FanOut.waitedThreads(count, sleep: sleep)
    default: await FanOut.tasks(count, sleep: sleep)
    }
  print(String(decoding: try JSONEncoder().encode(sample), as: UTF8.self))
  exit(0)
}

let usage = """
  usage: side-by-side-bench [--quick | --tiny] [--max-threads N] [--format table|json|markdown]
    --quick          a first look, within a minute (default: the full run, a few minutes)
    --tiny           a few workers only: checks that it runs and reports, measures nothing
    --max-threads N  create no more than N threads in the fan-out (default: the system's limit)
  """
func refuse(_ reason: String) -> Never {
  try? FileHandle.standardError.write(
    contentsOf: Data("side-by-side-bench: \(reason)\n\(usage)\n".utf8))
  exit(64)
}
var size = Benchmark.Size.full
var format = "table"
var maxThreads: Int?
var remaining = arguments[...]
while let argument = remaining.popFirst() {
  switch argument {
  case "--quick": size = .quick
  case "--tiny": size = .tiny
  case "--max-threads":
    guard let value = remaining.popFirst().flatMap(Int.init), value > 0 else {
      refuse("--max-threads takes a whole number > 0")
    }
    maxThreads = value
  case "--format":
    guard let value = remaining.popFirst(), ["table", "json", "markdown"].contains(value) else {
      refuse("--format takes table, json or markdown")
    }
    format = value
  case "--help", "-h":
    print(usage)
    exit(0)
  default: refuse("unknown argument '\(argument)'")
  }
}

let report = await Benchmark(size: size, maxThreads: maxThreads).run()
switch format {
case "json": print(report.json)
case "markdown": print(report.markdown)
default: print(report.table)
}
