// The rest of the toolbox, `threading.RLock`: a lock its holder may take again. A function that
// locks calls another that locks the same lock; with a plain `Lock` (or `NSLock`) the second
// acquire waits for the first to be released — by the same thread, so for ever.
import Foundation

/// Logs `message` under the lock, as a function that may be called with the lock held or not.
func log(_ message: String, holding lock: NSRecursiveLock) {
  // Python: `with lock:`, taken a second time by the thread that holds it: an `RLock` counts.
  lock.withLock { print(message) }
}

func transfer(_ seconds: Int, lock: NSRecursiveLock) {
  lock.withLock {
    log("takes the lock", holding: lock)
    sleep(seconds)
    log("gives it back", holding: lock)
  }
}

func reentrantLock() {
  // Python: `threading.RLock()`.
  let lock = NSRecursiveLock()
  let workers = (1...2).map { n in
    JoinableThread(name: "worker\(n)") { transfer(n, lock: lock) }
  }
  for worker in workers { worker.start() }
  for worker in workers { worker.join() }
  print("both workers done")
}
