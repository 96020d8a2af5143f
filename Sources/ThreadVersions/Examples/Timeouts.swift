// Beyond the notebook, timeouts: `Lock.acquire(timeout=)`, `Thread.join(timeout)` and
// `Future.result(timeout=)`. Each gives up *waiting* when the time is up; none stops the work it
// waited for. Foundation's timed waits take a date, not a duration: `deadline(after:)`.
import Foundation

/// Python: `def slow_square(n)`.
func slowSquare(_ n: Int) -> Int {
  sleep(2)
  return n * n
}

func timeouts() {
  let lock = NSLock()
  let hasTheLock = ThreadingEvent()
  let holder = JoinableThread(name: "holder") {
    // Python: `with lock:`.
    lock.withLock {
      hasTheLock.set()
      print("holder has the lock")
      sleep(3)
      print("holder lets go")
    }
  }
  holder.start()
  // Wait until the holder has it: a started thread may not have reached the lock yet.
  hasTheLock.wait()

  // Python: `lock.acquire(timeout=1)`: false when the time is up first.
  let acquired = lock.lock(before: deadline(after: 1))
  print("acquire(timeout=1):", acquired)
  if acquired { lock.unlock() }

  // Python: `holder.join(timeout=1)`: returns when the time is up, finished or not.
  holder.join(timeout: 1)
  print("join(timeout=1): holder is alive:", holder.isAlive)

  // Python: `future = pool.submit(slow_square, 3)`. Foundation has no future: see `Future`.
  let future = Future<Int>()
  let job = JoinableThread(name: "job") { future.set(slowSquare(3)) }
  job.start()
  // Python: `future.result(timeout=1)`, which raises `TimeoutError` when the time is up first.
  if let result = future.result(timeout: 1) {
    print("result(timeout=1):", result)
  } else {
    print("result(timeout=1): TimeoutError")
  }
  // Only the waiting timed out: the job ran on, and its result still comes.
  print("result():", future.result())
  job.join()  // Python: leaving `with ThreadPoolExecutor(...)` waits for the pool's thread

  holder.join()
  print("done")
}
