// The rest of the toolbox, `threading.RLock`, for tasks: no async lock is reentrant. A task is
// not a thread, and a lock held across an `await` cannot tell "the same task again" from "another
// task" without task identity, so taking `AsyncLock` twice in one task waits for ever (a test
// shows it, with a time-out). Split the function instead: the part that needs the lock takes it
// once, and what it calls runs under that hold without taking it again.

/// Logs `message`; the caller holds the lock. Python: the `log` that takes the `RLock` again.
func logHoldingTheLock(_ message: String) {
  print(message)
}

func transfer(_ seconds: Int, lock: AsyncLock) async throws {
  try await lock.acquire()
  defer { lock.release() }
  logHoldingTheLock("takes the lock")
  try await sleep(seconds)
  logHoldingTheLock("gives it back")
}

func reentrantLock() async throws {
  let lock = AsyncLock()
  try await withThrowingTaskGroup { workers in
    for n in 1...2 {
      workers.addImmediateTask(name: "worker\(n)") { try await transfer(n, lock: lock) }
    }
    try await workers.waitForAll()
  }
  print("both workers done")
}
