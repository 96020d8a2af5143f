// Beyond the notebook, stop flags: a worker loop that checks a flag each round and waits in
// between, so that raising the flag also ends the wait. Python uses a `threading.Event` for both.
// A task has both built in: `cancel()` raises its flag, `Task.isCancelled` reads it, and a
// cancelled task's sleep ends at once. Still cooperative: a task that never looks runs on.

/// Python: `def worker()`.
func worker() async {
  var rounds = 0
  // Python: `while not stop.is_set()`. Or `try Task.checkCancellation()`, which throws instead.
  while !Task.isCancelled {
    rounds += 1
    print("round", rounds)
    // Python: `stop.wait(2)`. Cancelling the task ends this sleep at once, with an error that
    // `try?` drops, so the loop looks at the flag.
    try? await sleep(2)
  }
  print("stopping after", rounds, "rounds")
}

func stopFlags() async throws {
  let workerTask = Task.immediate(name: "worker") { await worker() }
  // An unstructured task is not cancelled with the task that made it: pass cancellation on.
  try await withTaskCancellationHandler {
    try await sleep(3)
  } onCancel: {
    workerTask.cancel()
  }

  print("asking the worker to stop")
  // Python: `stop.set()`. Cooperative: this raises the flag and ends the worker's sleep.
  workerTask.cancel()
  await workerTask.value
  print("worker joined")

  // Python: `event.wait(timeout)` returns the flag: `False` when the time ran out.
  print("wait(1) on an event nobody sets:", try await ThreadingEvent().wait(timeout: 1))
}
