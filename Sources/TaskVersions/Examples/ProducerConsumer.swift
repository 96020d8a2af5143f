// Beyond the notebook, `queue.Queue`: a producer puts four items and a sentinel into a queue that
// holds two; a slow consumer takes them one at a time. The bound is the point: `put` suspends
// while the queue is full, so a fast producer is held back to the consumer's pace
// (back-pressure). The standard library has no such queue (see `AsyncQueue` for why
// `AsyncStream` is not one): `AsyncQueue` is this package's.

/// Python: `def producer(q)`.
func producer(_ q: AsyncQueue<Int?>) async throws {
  for item in 1...4 {
    // Suspends while the queue holds two items: the producer waits for the consumer.
    try await q.put(item)
    print("put", item)
  }
  // Python: `q.put(None)`, the sentinel that tells the consumer there is no more.
  try await q.put(nil)
  print("put the sentinel")
}

/// Python: `def consumer(q)`.
func consumer(_ q: AsyncQueue<Int?>) async throws {
  while true {
    // Suspends while the queue is empty.
    guard let item = try await q.get() else {
      print("got the sentinel")
      q.taskDone()
      break
    }
    try await sleep(1)  // the work on the item
    print("processed", item)
    q.taskDone()
  }
}

func producerConsumer() async throws {
  // Python: `queue.Queue(maxsize=2)`.
  let q = AsyncQueue<Int?>(maxsize: 2)
  try await withThrowingTaskGroup { group in
    // Python: `start()`. An immediate child runs up to its first suspension before the next.
    group.addImmediateTask(name: "consumer") { try await consumer(q) }
    // Python: `producer.start()` and `producer.join()`, in a group of one child. Join the
    // producer first: a `q.join()` called before anything was put returns at once.
    try await withThrowingTaskGroup { producing in
      producing.addImmediateTask(name: "producer") { try await producer(q) }
      try await producing.waitForAll()
    }
    // Python: `q.join()`: returns once every item put, the sentinel too, was marked done.
    try await q.join()
    print("all items processed")
    // Python: `consumer.join()`.
    try await group.waitForAll()
  }
}

// snippet: async-stream
/// **Anti-solution.** `AsyncStream` used as if it were the bounded queue. It is not: `yield`
/// never waits. With room for two, item 4 finds the buffer full and is dropped — silently, but
/// for the `.dropped` result nobody reads — and every `put` prints at beat 0.
func producerConsumerOverAsyncStream() async throws {
  let (items, continuation) = AsyncStream.makeStream(
    of: Int.self, bufferingPolicy: .bufferingOldest(2))
  try await withThrowingTaskGroup { group in
    group.addImmediateTask(name: "consumer") {
      for await item in items {
        try await sleep(1)
        print("processed", item)
      }
      print("got the sentinel")
    }
    group.addImmediateTask(name: "producer") {
      for item in 1...4 {
        // hazard: never suspends. A full buffer drops the item; the producer runs on regardless.
        continuation.yield(item)
        print("put", item)
      }
      continuation.finish()  // the stream's own sentinel
      print("put the sentinel")
    }
    // No `q.join()`: a stream cannot say when its items were processed, only that it ended.
    try await group.waitForAll()
    print("all items processed")
  }
}
// end snippet: async-stream
