// Beyond the notebook, `concurrent.futures.ThreadPoolExecutor`: four jobs on two workers, each
// outcome printed as its job completes, and one job raising. A task group is the pool: each job
// a child, `next()` the children in completion order (`as_completed`). It differs by design: the
// first error to leave the group cancels the children still running, and Python's pool does not.

/// One job: Python's `(n, seconds, fails)`.
struct Job: Sendable {
  let n: Int
  let seconds: Int
  let fails: Bool
}

/// Python: `raise ValueError("job %d failed" % n)`.
struct JobFailed: Error, CustomStringConvertible {
  let n: Int
  var description: String { "job \(n) failed" }
}

/// Python: `def square(n, seconds, fails)`.
func square(_ job: Job) async throws -> Int {
  try await sleep(job.seconds)
  if job.fails { throw JobFailed(n: job.n) }
  return job.n * job.n
}

func workerPool(maxWorkers: Int = 2) async throws {
  let jobs = [
    Job(n: 1, seconds: 3, fails: false), Job(n: 2, seconds: 1, fails: false),
    Job(n: 3, seconds: 1, fails: true), Job(n: 4, seconds: 2, fails: false),
  ]
  do {
    try await withThrowingTaskGroup(of: (n: Int, result: Int).self) { pool in
      // Python: `max_workers=2`. A group runs every child it is given at once, so it has no
      // width: start two, and one more each time one ends.
      var waiting = jobs[...]
      for job in waiting.prefix(maxWorkers) {
        pool.addTask(name: "job-\(job.n)") { (job.n, try await square(job)) }
      }
      waiting = waiting.dropFirst(maxWorkers)

      // Python: `for future in as_completed(futures)`. `next()` returns the children in the
      // order they finish, and throws the error of one that threw (`future.result()`).
      while case (let n, let result)? = try await pool.next() {
        print("job \(n) ->", result)
        if let job = waiting.popFirst() {
          pool.addTask(name: "job-\(job.n)") { (job.n, try await square(job)) }
        }
      }
    }
  } catch let error as JobFailed {
    // The error leaving the group cancelled job 1 in its sleep, and the group waited for it to
    // end before rethrowing; job 4 was never added. Python's pool would have run both to the end.
    print("job \(error.n) raised:", error)
  }
  print("pool shut down")
}
