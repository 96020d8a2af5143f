// The rest of the toolbox, errors in threads: a worker fails, and someone must hear of it. In
// Python the exception ends the thread and `threading.excepthook` reports it. A Foundation
// `Thread` body cannot throw (`Thread(block:)` takes a closure that does not), and a trap in it —
// `fatalError`, a force-unwrapped `nil` — ends the whole process: there is no hook. So the body
// catches what it can throw, and reports it as the hook would.

/// Python: `raise ValueError("worker failed")`.
struct WorkerFailed: Error, CustomStringConvertible {
  var description: String { "worker failed" }
}

func failAfterASecond() throws {
  sleep(1)
  throw WorkerFailed()
}

func lostErrors() {
  let worker = JoinableThread(name: "worker") {
    // Python: `threading.excepthook`, called in the thread that failed.
    do { try failAfterASecond() } catch { print("uncaught in worker:", error) }
  }
  worker.start()
  worker.join()
  print("main goes on")
}
