// Notebook, "Threading Module": `do_async_job(name, delay)` and the list of what the `threading`
// module offers. Each item of that list is used once here and its answer printed; a `Task`
// handle lacks `is_alive`, a timed join and a task list, which `JoinableTask` supplies.

/// Python: `do_async_job(threadName, delay)`: print the time, then sleep.
func doAsyncJob(_ threadName: String, _ delay: Int) async throws {
  print("\(threadName): \(ctime())")
  try await sleep(delay)
}

func threadingModule() async throws {
  // Python: `threading.current_thread().name`. A task reads its own name with `Task.name`.
  print("current thread:", Task.name ?? "?")
  print("active count:", activeCount())

  // Python: `threading.Thread(target=…, name=…)` and `start()`: a task starts when it is made.
  let job1 = JoinableTask(name: "job-1") { try await doAsyncJob(Task.name ?? "?", 3) }
  let job2 = JoinableTask(name: "job-2") { try await doAsyncJob(Task.name ?? "?", 1) }
  print("active count:", activeCount())
  print("enumerate:", enumerate().joined(separator: ", "))
  print("job-1 is alive:", job1.isAlive)

  await job2.join()
  print("job-2 is alive:", job2.isAlive)
  print("active count:", activeCount())

  // A join with a timeout returns when the time is up, finished or not: ask `isAlive`.
  await job1.join(timeout: 1)
  print("after join(timeout=1), job-1 is alive:", job1.isAlive)
  print("name:", job1.name)
  // A task's own name is fixed when it is made: this changes the label kept beside it.
  job1.name = "job-1 renamed"
  print("renamed:", job1.name)

  await job1.join()
  print("job-1 is alive:", job1.isAlive)
  print("enumerate:", enumerate().joined(separator: ", "))
}
