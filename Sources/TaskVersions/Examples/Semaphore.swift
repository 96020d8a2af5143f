// Beyond the notebook, `threading.BoundedSemaphore`: four workers, and a semaphore that lets two
// of them in at a time. Swift has no async semaphore, so this is one (`AsyncSemaphore`): a
// waiting task suspends and holds no thread, and a cancelled waiter leaves the queue. Each worker
// is a child of a task group; the group is their join.

func semaphore(value: Int = 2) async throws {
  // Python: `pool = threading.BoundedSemaphore(2)`.
  let pool = AsyncSemaphore(value)
  try await withThrowingTaskGroup { group in
    for n in 1...4 {
      // Python: `start()`. An immediate child runs at once, up to its first suspension.
      group.addImmediateTask(name: "worker\(n)") {
        // Python: `with pool:`. Suspends while two workers are inside.
        try await pool.withPermit {
          print("inside")
          try await sleep(2)
          print("leaving")
        }
      }
    }
    try await group.waitForAll()
  }
  print("all workers done")

  // Every place is free again: one more release is a bug, and a bounded semaphore says so.
  do {
    try pool.release()
  } catch {
    print("release() once too many:", error)
  }
}

// snippet: group
/// The other way to let two in, when the workers are yours to start: no semaphore, but a group
/// that keeps two children running and adds the next one each time one ends. Nothing to release,
/// so nothing to release once too often; but it only limits the children of this group, where a
/// semaphore limits whoever shares it.
func semaphoreWithAGroup(width: Int = 2) async throws {
  try await withThrowingTaskGroup(of: Void.self) { group in
    for n in 1...4 {
      // `width` children running: wait for one to end before adding the next.
      if n > width { _ = try await group.next() }
      group.addImmediateTask(name: "worker\(n)") {
        print("inside")
        try await sleep(2)
        print("leaving")
      }
    }
    try await group.waitForAll()
  }
  print("all workers done")
}
// end snippet: group
