// Notebook, "Starting with thread": `_thread.start_new_thread` starts two fire-and-forget workers
// that change a shared dictionary after 1 and 2 seconds. The closest Foundation call is
// `Thread.detachNewThread`, which, like Python's, hands back nothing to wait on.
import Foundation

/// The dictionary both workers write into: Python's `origin_value`.
///
/// Python hands the dict itself to each thread, and every thread sees the one object. A Swift
/// `Dictionary` is a value: a closure that captured one would change its own copy, and Swift 6
/// refuses to let two threads capture a `var` at all. So the shared dictionary is a class, and
/// because two threads write it, every access takes a lock.
final class SharedDictionary: CustomStringConvertible, @unchecked Sendable {  // safe: `lock`
  private let lock = NSLock()
  private var values: [String: any Sendable]

  init(_ values: [String: any Sendable]) { self.values = values }

  subscript(key: String) -> (any Sendable)? {
    get { lock.withLock { values[key] } }
    set { lock.withLock { values[key] = newValue } }
  }

  /// A copy of the contents now: a value that later writes do not change.
  var copy: [String: any Sendable] { lock.withLock { values } }

  /// As Python prints a dict: `{'a': 1, 'b': 'changed'}`.
  var description: String { pythonRepr(copy) }
}

/// Python: `change_value(dir, key, value, delay)`.
func changeValue(_ dir: SharedDictionary, _ key: String, _ value: String, _ delay: Int) {
  sleep(delay)
  dir[key] = value
}

func startingWithThread() {
  let originValue = SharedDictionary(["a": 1, "b": 2])
  let copy = originValue.copy

  // port: a detached thread gives back no handle to join, so each worker leaves a group when it
  // is done, and the main flow waits on the group. The notebook has no wait: its next cell is run
  // by hand, later.
  let workDone = DispatchGroup()
  for (key, delay) in [("a", 1), ("b", 2)] {
    workDone.enter()
    startNewThread {
      changeValue(originValue, key, "changed", delay)
      workDone.leave()
    }
  }
  print(originValue)  // port: the workers are still asleep

  workDone.wait()
  print(originValue)
  print("a copy taken before the start:", pythonRepr(copy))
}

/// Python's `repr` of a dict with string keys, in key order (a Swift `Dictionary` keeps none).
func pythonRepr(_ dictionary: [String: any Sendable]) -> String {
  let items = dictionary.keys.sorted().map { key in
    let value = dictionary[key]!
    return "'\(key)': " + (value is String ? "'\(value)'" : "\(value)")
  }
  return "{" + items.joined(separator: ", ") + "}"
}
