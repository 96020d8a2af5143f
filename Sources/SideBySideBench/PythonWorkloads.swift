import Foundation

/// The same workloads in Python, run by `python3` in the same benchmark run, so that every table
/// has Python's threads and asyncio beside the Swift rows. The script is kept here, as text,
/// rather than as a resource file: an executable's resource bundle can go missing when the
/// binary is copied, and the benchmark must then still run (and say why Python is skipped).
enum PythonWorkloads {
  /// Why the Python rows are missing, or `nil` when `python3` ran.
  static func unavailableReason() -> String? {
    guard let version = run(["--version"]) else { return "python3 is not on PATH" }
    let words = version.split(separator: " ")
    let numbers = words.last.map { $0.split(separator: ".").compactMap { Int($0) } } ?? []
    guard numbers.count >= 2, (numbers[0], numbers[1]) >= (3, 11) else {
      return "python3 is \(version.trimmingCharacters(in: .whitespacesAndNewlines)); needs 3.11+"
    }
    return nil
  }

  /// The interpreter's own `--version`, for the report's heading.
  static var version: String? {
    run(["--version"])?.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// One fan-out, `kind` `thread` or `asyncio`, in a `python3` process of its own.
  static func fanOut(_ kind: String, _ count: Int, sleepSeconds: Double) -> Sample? {
    decode(Sample.self, ["fanout", kind, String(count), String(sleepSeconds)])
  }

  /// The contended critical section: `threading.Lock` on threads, `asyncio.Lock` on tasks.
  static func criticalSection(workers: Int, rounds: Int) -> [CriticalSection.Result] {
    decode([CriticalSection.Result].self, ["critical", String(workers), String(rounds)]) ?? []
  }

  /// The cost of one worker: a thread started and joined; a task created and awaited.
  static func startup(repetitions: Int) -> [String: [Double]] {
    decode([String: [Double]].self, ["startup", String(repetitions)]) ?? [:]
  }

  /// A bounded queue of 64 (`queue.Queue`, `asyncio.Queue`) and a pool of four
  /// (`ThreadPoolExecutor`).
  static func pipelines(items: Int, jobs: Int) -> [Pipelines.Result] {
    decode([Pipelines.Result].self, ["pipelines", String(items), String(jobs)]) ?? []
  }

  private static func decode<T: Decodable>(_ type: T.Type, _ arguments: [String]) -> T? {
    // `-S`: the script needs only the standard library; `site` and the `.pth` files of what is
    // installed would be measured as part of each process's start and memory.
    guard let output = run(["-S", "-c", script] + arguments) else { return nil }
    return try? JSONDecoder().decode(type, from: Data(output.utf8))
  }

  /// Runs `python3` (found on PATH) with `arguments`; its standard output, or `nil` if it could
  /// not start or did not exit 0.
  private static func run(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// The workloads, in the shapes of the Swift ones (Workloads.swift, Pipelines.swift).
  static let script = #"""
    import asyncio, json, queue, resource, sys, threading, time
    from concurrent.futures import ThreadPoolExecutor

    def usage():
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_maxrss * 1024, r.ru_minflt

    def fanout_threads(count, sleep):
        start = time.perf_counter()
        workers = [threading.Thread(target=time.sleep, args=(sleep,)) for _ in range(count)]
        for worker in workers:
            worker.start()
        spawned = time.perf_counter() - start
        for worker in workers:
            worker.join()
        return time.perf_counter() - start, spawned

    async def fanout_asyncio(count, sleep):
        start = time.perf_counter()
        workers = [asyncio.create_task(asyncio.sleep(sleep)) for _ in range(count)]
        spawned = time.perf_counter() - start
        await asyncio.gather(*workers)
        return time.perf_counter() - start, spawned

    def critical(workers, rounds):
        results = []
        lock, count, longest = threading.Lock(), [0], [0.0]
        def contend():
            worst = 0.0
            for _ in range(rounds):
                asked = time.perf_counter()
                with lock:
                    count[0] += 1
                worst = max(worst, time.perf_counter() - asked)
            with lock:
                longest[0] = max(longest[0], worst)
        start = time.perf_counter()
        threads = [threading.Thread(target=contend) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        results.append({"mechanism": "threading.Lock (Python threads)",
                        "opsPerSecond": workers * rounds / elapsed,
                        "maxWaitMicroseconds": longest[0] * 1e6})

        async def main():
            alock, total = asyncio.Lock(), [0]
            async def contend():
                worst = 0.0
                for _ in range(rounds):
                    asked = time.perf_counter()
                    async with alock:
                        total[0] += 1
                    worst = max(worst, time.perf_counter() - asked)
                return worst
            start = time.perf_counter()
            worst = max(await asyncio.gather(*(contend() for _ in range(workers))))
            return time.perf_counter() - start, worst
        elapsed, worst = asyncio.run(main())
        results.append({"mechanism": "asyncio.Lock (Python asyncio)",
                        "opsPerSecond": workers * rounds / elapsed,
                        "maxWaitMicroseconds": worst * 1e6})
        return results

    def startup(repetitions):
        threads = []
        for _ in range(repetitions):
            start = time.perf_counter()
            thread = threading.Thread(target=lambda: None)
            thread.start()
            thread.join()
            threads.append((time.perf_counter() - start) * 1e6)
        async def tasks():
            samples = []
            async def nothing():
                pass
            for _ in range(repetitions):
                start = time.perf_counter()
                await asyncio.create_task(nothing())
                samples.append((time.perf_counter() - start) * 1e6)
            return samples
        return {"Python thread: create, start, join": threads,
                "Python asyncio task: create, await": asyncio.run(tasks())}

    def work(job):
        total = 0
        for number in range(1000):
            total += number ^ job
        return total

    def result(workload, items, start):
        elapsed = time.perf_counter() - start
        return {"workload": workload, "items": items, "seconds": elapsed,
                "itemsPerSecond": items / elapsed}

    def pipelines(items, jobs):
        results = []
        q = queue.Queue(64)
        start = time.perf_counter()
        def produce():
            for item in range(items):
                q.put(item)
            q.put(None)
        def consume():
            while q.get() is not None:
                pass
        threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results.append(result("queue of 64: queue.Queue (Python threads)", items, start))

        async def through_asyncio_queue():
            aq = asyncio.Queue(64)
            async def produce():
                for item in range(items):
                    await aq.put(item)
                await aq.put(None)
            async def consume():
                while await aq.get() is not None:
                    pass
            async with asyncio.TaskGroup() as group:
                group.create_task(produce())
                group.create_task(consume())
        start = time.perf_counter()
        asyncio.run(through_asyncio_queue())
        results.append(result("queue of 64: asyncio.Queue (Python asyncio)", items, start))

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=4) as pool:
            sum(pool.map(work, range(jobs)))
        results.append(result("pool of 4: ThreadPoolExecutor (Python threads)", jobs, start))
        return results

    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "fanout":
        kind, count, sleep = arguments[0], int(arguments[1]), float(arguments[2])
        if kind == "thread":
            seconds, spawned = fanout_threads(count, sleep)
        else:
            seconds, spawned = asyncio.run(fanout_asyncio(count, sleep))
        peak, faults = usage()
        print(json.dumps({"seconds": seconds, "spawnSeconds": spawned,
                          "peakBytes": peak, "pageFaults": faults}))
    elif command == "critical":
        print(json.dumps(critical(int(arguments[0]), int(arguments[1]))))
    elif command == "startup":
        print(json.dumps(startup(int(arguments[0]))))
    elif command == "pipelines":
        print(json.dumps(pipelines(int(arguments[0]), int(arguments[1]))))
    """#
}
