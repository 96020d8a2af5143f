// Notebook, "Starting with thread": `_thread.start_new_thread` starts two fire-and-forget workers
// that change a shared dictionary after 1 and 2 seconds. Here each worker is an unstructured
// `Task`, the nearest thing to a thread nobody joins, and the dictionary belongs to an actor.

/// The dictionary both workers write into: Python's `origin_value`.
///
/// Python hands the dict itself to each thread, and every thread sees the one object. A Swift
/// `Dictionary` is a value: a task that captured one would change its own copy, and Swift 6
/// refuses to let two tasks capture a `var` at all. So the shared dictionary lives in an actor,
/// which lets one task at a time in.
actor SharedDictionary {
  private var values: [String: any Sendable]

  init(_ values: [String: any Sendable]) { self.values = values }

  func set(_ key: String, _ value: any Sendable) { values[key] = value }

  /// A copy of the contents now: a value that later writes do not change.
  var copy: [String: any Sendable] { values }

  /// As Python prints a dict: `{'a': 1, 'b': 'changed'}`.
  var description: String { pythonRepr(values) }
}

/// Python: `change_value(dir, key, value, delay)`.
func changeValue(_ dir: SharedDictionary, _ key: String, _ value: String, _ delay: Int)
  async throws
{
  try await sleep(delay)
  await dir.set(key, value)
}

func startingWithThread() async throws {
  let originValue = SharedDictionary(["a": 1, "b": 2])
  let copy = await originValue.copy

  // port: an unstructured task, unlike a detached thread, hands back a handle; the main flow
  // keeps both and awaits them. The notebook has no wait: its next cell is run by hand, later.
  var workers: [Task<Void, any Error>] = []
  for (key, delay) in [("a", 1), ("b", 2)] {
    workers.append(Task { try await changeValue(originValue, key, "changed", delay) })
  }
  print(await originValue.description)  // port: the workers are still asleep

  for worker in workers { try await worker.value }
  print(await originValue.description)
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
