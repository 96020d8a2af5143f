// Beyond the notebook, stop flags: a worker loop that checks a flag each round and waits on it in
// between, so that raising the flag also ends the wait. Python uses a `threading.Event` for both.
// Foundation's `Thread` has a flag of its own, `cancel()` and `isCancelled`, but nothing wakes a
// thread that waits: stopping a thread is cooperative, and the wait must be one that can be cut
// short, here a `ThreadingEvent`.
import Foundation

/// Python: `def worker()`, as a thread that `cancel()` stops.
final class Worker: JoinableThread {
  /// What the worker waits on between rounds; `cancel()` raises it.
  private let stop = ThreadingEvent()

  override func run() {
    var rounds = 0
    // Python: `while not stop.is_set()`. Only the thread itself ever looks at the flag.
    while !isCancelled {
      rounds += 1
      print("round", rounds)
      // Python: `stop.wait(2)`: a sleep that raising the flag cuts short.
      stop.wait(timeout: 2)
    }
    print("stopping after", rounds, "rounds")
  }

  /// Python: `stop.set()`. Foundation's `cancel()` only raises a flag; this also ends the wait.
  override func cancel() {
    super.cancel()
    stop.set()
  }

  /// The flag `cancel()` raised, read under the event's lock from any thread.
  override var isCancelled: Bool { stop.isSet }
}

func stopFlags() {
  let worker = Worker(name: "worker")
  worker.start()
  sleep(3)

  print("asking the worker to stop")
  // Cooperative: this raises the flag and ends the worker's wait. Nothing can stop it otherwise.
  worker.cancel()
  worker.join()
  print("worker joined")

  // Python: `event.wait(timeout)` returns the flag: `False` when the time ran out.
  print("wait(1) on an event nobody sets:", ThreadingEvent().wait(timeout: 1))
}
