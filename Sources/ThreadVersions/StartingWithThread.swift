// Notebook, "Starting with thread": `_thread.start_new_thread` starts two fire-and-forget workers
// that change a shared dictionary after 1 and 2 seconds. The closest Foundation call is
// `Thread.detachNewThread`, which, like Python's, hands back nothing to wait on.
import Foundation
import ThreadsToTasksCore

/// The dictionary both workers write into.
///
/// Python passes the dict itself to each thread, and every thread sees the one object. A Swift
/// `Dictionary` is a value: a closure that captured one would hold its own copy and its writes
/// would never be seen (the `copy` below shows it). So the shared state is a class, and because
/// two threads write it, every access takes a lock.
final class SharedDictionary: Sendable {
  private let values: Locked<[String: NotebookText.Value]>

  init(_ values: [String: NotebookText.Value]) { self.values = Locked(values) }

  subscript(key: String) -> NotebookText.Value? {
    get { values.withLock { $0[key] } }
    set { values.withLock { $0[key] = newValue } }
  }

  /// A copy of the current contents: a value that later writes do not change.
  var snapshot: [String: NotebookText.Value] { values.withLock { $0 } }
}

/// Python: `change_value(dir, key, value, delay)`.
func changeValue(
  _ dictionary: SharedDictionary, _ key: String, _ value: NotebookText.Value, _ delay: Int,
  on stage: ThreadStage
) throws(Stopped) {
  try stage.sleep(delay)
  dictionary[key] = value
  stage.print("origin_value['\(key)'] = \(value)", lane: "worker-\(key)")
}

func startingWithThread(on stage: ThreadStage) {
  let originValue = SharedDictionary(["a": .int(1), "b": .int(2)])
  let copy = originValue.snapshot

  // A detached thread gives back no handle to join. The only way to learn that the work is done
  // is for each worker to say so: here it leaves a group that the main flow waits on.
  let workDone = DispatchGroup()
  for (key, delay) in [("a", 1), ("b", 2)] {
    workDone.enter()
    Thread.detachNewThread {
      defer { workDone.leave() }
      // A stop request ends the sleep early; the worker then simply returns.
      try? changeValue(originValue, key, .string("changed"), delay, on: stage)
    }
  }
  // Read right after starting: the workers are still asleep.
  stage.print(NotebookText.repr(originValue.snapshot), lane: "main")

  workDone.wait()
  stage.print(NotebookText.repr(originValue.snapshot), lane: "main")
  stage.print("a Dictionary copy taken before the start: \(NotebookText.repr(copy))", lane: "main")
}
