// Beyond the notebook, `concurrent.futures.ThreadPoolExecutor`: four jobs on two workers, each
// outcome printed as its job completes, and one job raising. Foundation has no pool that hands
// back results, so this is one: two threads take jobs from a queue and put each outcome, value or
// error, on a second queue, which the main flow reads in completion order (`as_completed`).
import Foundation

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
func square(_ job: Job) throws -> Int {
  sleep(job.seconds)
  if job.fails { throw JobFailed(n: job.n) }
  return job.n * job.n
}

func workerPool(maxWorkers: Int = 2) {
  let jobs = [
    Job(n: 1, seconds: 3, fails: false), Job(n: 2, seconds: 1, fails: false),
    Job(n: 3, seconds: 1, fails: true), Job(n: 4, seconds: 2, fails: false),
  ]
  // Python: `pool.submit(square, *job)` for each job: the pool's queue of work.
  let submitted = BlockingQueue<Job?>()
  for job in jobs { submitted.put(job) }
  // What `as_completed(futures)` yields: each job's outcome, in the order the jobs finish.
  let completed = BlockingQueue<(n: Int, future: Result<Int, any Error>)>()

  // Python: `ThreadPoolExecutor(max_workers=2)`: that many threads, each taking one job at a time.
  let workers = (0..<maxWorkers).map { index in
    JoinableThread(name: "worker_\(index)") {
      while let job = submitted.get() {
        // An error thrown by the job is kept, as a `Future` keeps the exception, not lost.
        completed.put((job.n, Result { try square(job) }))
      }
    }
  }
  for worker in workers { worker.start() }

  for _ in jobs {
    let (n, future) = completed.get()
    do {
      // Python: `future.result()`, which raises the job's exception.
      print("job \(n) ->", try future.get())
    } catch {
      print("job \(n) raised:", error)
    }
  }

  // Python: leaving `with ThreadPoolExecutor(...)`, `shutdown(wait=True)`: stop the workers.
  for _ in workers { submitted.put(nil) }
  for worker in workers { worker.join() }
  print("pool shut down")
}
