// Beyond the notebook, `threading.BoundedSemaphore`: four workers, and a semaphore that lets two
// of them in at a time. A lock lets one in; a semaphore counts. "Bounded" adds one check: a
// release that would give back more places than there are is an error, not a silent extra place.
import Foundation

func semaphore(value: Int = 2) {
  // Python: `pool = threading.BoundedSemaphore(2)`.
  let pool = BoundedSemaphore(value)
  let workers = (1...4).map { n in
    JoinableThread(name: "worker\(n)") {
      // Python: `with pool:`. Blocks while two workers are inside.
      pool.withPermit {
        print("inside")
        sleep(2)
        print("leaving")
      }
    }
  }
  for worker in workers { worker.start() }
  for worker in workers { worker.join() }
  print("all workers done")

  // Every place is free again: one more release is a bug, and a bounded semaphore says so.
  do {
    try pool.release()
  } catch {
    print("release() once too many:", error)
  }
}
