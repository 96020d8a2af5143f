// Beyond the notebook, timeouts: `Lock.acquire(timeout=)`, `Thread.join(timeout)` and
// `Future.result(timeout=)`. A wait with a timeout is the waiting type's own call, decided under
// its lock, as Python's is. Work with a time limit is `withTimeout`, asyncio's `wait_for`: at the
// deadline it cancels the work, so the job stops too, by design, where Python's runs on.

/// Python: `def slow_square(n)`.
func slowSquare(_ n: Int) async throws -> Int {
  try await sleep(2)
  return n * n
}

func timeouts() async throws {
  let lock = AsyncLock()
  let hasTheLock = ThreadingEvent()
  let holder = JoinableTask(name: "holder") {
    // Python: `with lock:`.
    try await lock.acquire()
    defer { lock.release() }
    hasTheLock.set()
    print("holder has the lock")
    try await sleep(3)
    print("holder lets go")
  }
  // Wait until the holder has it: a started task may not have reached the lock yet.
  try await hasTheLock.wait()

  // Python: `lock.acquire(timeout=1)`. At the deadline the waiter leaves the lock's queue: it
  // returns `true` holding the lock, or `false` and never gets it later.
  let acquired = try await lock.acquire(timeout: 1)
  print("acquire(timeout=1):", acquired)
  if acquired { lock.release() }

  // Python: `holder.join(timeout=1)`: returns when the time is up, finished or not.
  await holder.join(timeout: 1)
  print("join(timeout=1): holder is alive:", holder.isAlive)

  // Python: `future.result(timeout=1)`. Here the job itself runs in the race, so losing cancels
  // it: there is no result to ask for afterwards, where Python's job runs on.
  do {
    print("result(timeout=1):", try await withTimeout(1) { try await slowSquare(3) })
  } catch is TimeoutError {
    print("result(timeout=1): TimeoutError")
  }

  await holder.join()
  print("done")
}
