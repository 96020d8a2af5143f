// Notebook, "Threading Module": `do_async_job(name, delay)` and the list of what the `threading`
// module offers. Here each item of that list is used on real threads and its answer printed;
// where Foundation has no equivalent, `JoinableThread` and `Roster` supply one.
import ThreadsToTasksCore

/// Python: `do_async_job(threadName, delay)`: print the time, then sleep.
func doAsyncJob(_ threadName: String, _ delay: Int, on stage: ThreadStage) throws(Stopped) {
  stage.printCtime(lane: threadName)
  try stage.sleep(delay)
}

func threadingModule(on stage: ThreadStage) {
  // Python's `threading.enumerate()` reads a list the interpreter keeps; Foundation keeps none.
  let roster = Roster(["main"])
  // Python: `threading.current_thread().name`. `Thread.current.name` did not return the name set
  // before `start()` on this toolchain, so `JoinableThread` keeps the name for the thread.
  stage.print("current thread: \(JoinableThread.currentName ?? "?")", lane: "main")
  stage.print("active count: \(roster.count)", lane: "main")

  // Python: `threading.Thread(name=…, target=…)`; the thread reads its own name back.
  let job1 = JoinableThread(name: "job-1", roster: roster) {
    try? doAsyncJob(JoinableThread.currentName ?? "?", 2, on: stage)
  }
  let job2 = JoinableThread(name: "job-2", roster: roster) {
    try? doAsyncJob(JoinableThread.currentName ?? "?", 1, on: stage)
  }
  job1.start()
  job2.start()
  stage.print("active count: \(roster.count)", lane: "main")
  stage.print("enumerate: \(roster.running.joined(separator: ", "))", lane: "main")
  stage.print("job-1 is alive: \(NotebookText.repr(job1.isAlive))", lane: "main")

  job2.join()
  stage.print("job-2 is alive: \(NotebookText.repr(job2.isAlive))", lane: "main")
  stage.print("active count: \(roster.count)", lane: "main")
  job1.join()
  stage.print("job-1 is alive: \(NotebookText.repr(job1.isAlive))", lane: "main")
  stage.print("enumerate: \(roster.running.joined(separator: ", "))", lane: "main")
}
