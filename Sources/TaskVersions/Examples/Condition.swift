// The rest of the toolbox, `threading.Condition`, for tasks: the standard library has no async
// condition. A condition exists to sleep until some state changes; a task does that by awaiting
// the change itself. Here the state is "an item is on the shelf", so the shelf is a queue whose
// `get()` suspends until there is one (`AsyncQueue`, Python's `queue.Queue`). For one-off
// signals a continuation does it, for a stream of values an `AsyncStream`.

func consume(from shelf: AsyncQueue<String>) async throws {
  // Python: `ready.wait_for(lambda: items)` and `items.pop(0)` in one call, and no lost wake-up:
  // the queue checks and waits under its own lock.
  let item = try await shelf.get()
  print("got", item)
}

func condition() async throws {
  let shelf = AsyncQueue<String>()
  try await withThrowingTaskGroup { consumers in
    for n in 1...2 {
      consumers.addImmediateTask(name: "consumer\(n)") { try await consume(from: shelf) }
    }

    try await sleep(1)
    // Said before it is put: once put, the item is handed to a waiting consumer at once.
    print("put first")
    try await shelf.put("first")  // Python: `notify()`: the longest waiter gets it
    try await sleep(1)
    print("put second")
    try await shelf.put("second")  // Python: `notify_all()`: one waiter is left to get it
    try await consumers.waitForAll()
  }
  print("both consumers done")
}
