// Notebook, "Threading Module": `do_async_job(name, delay)` and the list of what the `threading`
// module offers. Each item of that list is used once here and its answer printed; Foundation's
// `Thread` lacks `join`, `is_alive` and a thread list, which `JoinableThread` supplies.
import Foundation

/// Python: `do_async_job(threadName, delay)`: print the time, then sleep.
func doAsyncJob(_ threadName: String, _ delay: Int) {
  print("\(threadName): \(ctime())")
  sleep(delay)
}

func threadingModule() {
  // Python: `threading.current_thread().name`.
  print("current thread:", Thread.current.name ?? "?")
  print("active count:", activeCount())

  // Python: `threading.Thread(target=…, name=…)`; each job reads its own name back.
  let job1 = JoinableThread(name: "job-1") { doAsyncJob(Thread.current.name ?? "?", 3) }
  let job2 = JoinableThread(name: "job-2") { doAsyncJob(Thread.current.name ?? "?", 1) }
  job1.start()
  job2.start()
  print("active count:", activeCount())
  print("enumerate:", enumerate().joined(separator: ", "))
  print("job-1 is alive:", job1.isAlive)

  job2.join()
  print("job-2 is alive:", job2.isAlive)
  print("active count:", activeCount())

  // A join with a timeout returns when the time is up, finished or not: ask `isAlive`.
  job1.join(timeout: 1)
  print("after join(timeout=1), job-1 is alive:", job1.isAlive)
  print("name:", job1.name ?? "?")
  job1.name = "job-1 renamed"
  print("renamed:", job1.name ?? "?")

  job1.join()
  print("job-1 is alive:", job1.isAlive)
  print("enumerate:", enumerate().joined(separator: ", "))
}
