// The rest of the toolbox, read, modify, write: four threads add to one count. `count += 1` is a
// read, an add and a write; two threads that read the same value both write it back one more,
// and one update is lost. Python's GIL does not make the three one step (a call between the read
// and the write lost about half the updates here); a lock around all three does.
import Foundation

/// The count the workers share, and the lock every update takes: Python's `threading.Lock`.
// @unchecked Sendable: `value` is read and written only while holding `lock`.
final class SharedCount: @unchecked Sendable {
  let lock = NSLock()
  var value = 0
}

func addOne(to shared: SharedCount, times: Int) {
  for _ in 0..<times {
    // Python: `with lock:` around the read and the write, so no other thread comes between.
    shared.lock.withLock {
      let value = shared.value
      shared.value = value + 1
    }
  }
  print("added", times)
}

func dataRace(workers: Int = 4, times: Int = 100) {
  let shared = SharedCount()
  let threads = (1...workers).map { n in
    JoinableThread(name: "worker\(n)") { addOne(to: shared, times: times) }
  }
  for thread in threads { thread.start() }
  for thread in threads { thread.join() }
  print("count:", shared.lock.withLock { shared.value }, "of", workers * times)
}
