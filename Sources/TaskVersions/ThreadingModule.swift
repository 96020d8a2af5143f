// Notebook, "Threading Module": `do_async_job(name, delay)` and the list of what the `threading`
// module offers. Here each item of that list is used with tasks and its answer printed; where
// structured concurrency has no equivalent, the comment says what it offers instead.
import ThreadsToTasksCore

/// Python: `do_async_job(threadName, delay)`: print the time, then sleep.
func doAsyncJob(_ threadName: String, _ delay: Int, on stage: TaskStage) async throws {
  stage.printCtime(lane: threadName)
  try await stage.sleep(delay)
}

func threadingModule(on stage: TaskStage) async throws {
  // There is no list of running tasks to read. What structured concurrency offers instead is
  // scope: a child task cannot outlive its task group. To print the list, keep one.
  let roster = Roster(["main"])
  // Python: `threading.current_thread().name`. A task reads its own name with `Task.name`.
  stage.print("current thread: \(Task.name ?? "?")", lane: "main")
  stage.print("active count: \(roster.count)", lane: "main")

  // Python: `threading.Thread(name=…, target=…)` then `start()`. A `Task` starts when it is
  // created: there is no separate `start`. Its handle is what `join` and `is_alive` would need,
  // but it can only be awaited or cancelled. It is unstructured, so cancellation is passed on
  // by hand below.
  roster.enter("job-1")
  let job1 = Task(name: "job-1") {
    defer { roster.leave("job-1") }
    try await doAsyncJob(Task.name ?? "?", 2, on: stage)
  }
  roster.enter("job-2")
  let job2 = Task(name: "job-2") {
    defer { roster.leave("job-2") }
    try await doAsyncJob(Task.name ?? "?", 1, on: stage)
  }
  do {
    try await withTaskCancellationHandler {
      stage.print("active count: \(roster.count)", lane: "main")
      stage.print("enumerate: \(roster.running.joined(separator: ", "))", lane: "main")
      // A task has no `is_alive`: only whoever keeps the list can tell.
      stage.print(
        "job-1 is alive: \(NotebookText.repr(roster.running.contains("job-1")))", lane: "main")

      try await job2.value
      stage.print(
        "job-2 is alive: \(NotebookText.repr(roster.running.contains("job-2")))", lane: "main")
      stage.print("active count: \(roster.count)", lane: "main")
      try await job1.value
      stage.print(
        "job-1 is alive: \(NotebookText.repr(roster.running.contains("job-1")))", lane: "main")
      stage.print("enumerate: \(roster.running.joined(separator: ", "))", lane: "main")
    } onCancel: {
      job1.cancel()
      job2.cancel()
    }
  } catch {
    // An unstructured task outlives the scope that made it unless someone awaits it. Wait for
    // both jobs to wind down (they were cancelled above) so that none is left running.
    _ = await (job1.result, job2.result)
    throw error
  }
}
