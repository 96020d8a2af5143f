// The rest of the toolbox, errors in tasks: a task's error goes to whoever awaits it. A child of
// a task group hands its error to the group, whose `waitForAll()` throws it to main; main reports
// it. The trap is the unstructured `Task` nobody awaits: its error is dropped, with no hook and no
// message (the page shows it).

/// Python: `raise ValueError("worker failed")`.
struct WorkerFailed: Error, CustomStringConvertible {
  var description: String { "worker failed" }
}

func failAfterASecond() async throws {
  try await sleep(1)
  throw WorkerFailed()
}

func lostErrors() async {
  do {
    try await withThrowingTaskGroup { group in
      group.addImmediateTask(name: "worker") { try await failAfterASecond() }
      // Python: `worker.join()`. The child's error comes out here.
      try await group.waitForAll()
    }
  } catch {
    print("uncaught in worker:", error)
  }
  print("main goes on")
}
