// The rest of the toolbox, `threading.Barrier`, for tasks: the end of a task group is a barrier —
// `withThrowingTaskGroup` returns only once every child has ended. So the runs before the meeting
// are one group and the runs after it another, each child named after its runner. (A barrier the
// same tasks meet at again and again needs continuations: `AsyncBarrier` in the tests shows one.)

func barrier() async throws {
  let runners = (1...3).map { "runner\($0)" }
  // Before the meeting: each runner arrives in its own time.
  try await withThrowingTaskGroup { arriving in
    for (index, runner) in runners.enumerated() {
      arriving.addImmediateTask(name: runner) {
        try await sleep(index + 1)
        print("arrived")
      }
    }
    try await arriving.waitForAll()  // the barrier: nobody goes on before the last arrives
  }
  // After it: all three go on together.
  try await withThrowingTaskGroup { going in
    for runner in runners {
      going.addImmediateTask(name: runner) { print("go") }
    }
    try await going.waitForAll()
  }
  print("all through")
}
