// Notebook, "Starting with thread": `_thread.start_new_thread` starts two fire-and-forget workers
// that change a shared dictionary after 1 and 2 seconds. Here the workers are child tasks of a
// task group, and the dictionary belongs to an actor.
import ThreadsToTasksCore

/// The dictionary both workers write into.
///
/// Python passes the dict itself to each thread, and every thread sees the one object. A Swift
/// `Dictionary` is a value: a task that captured one would hold its own copy and its writes would
/// never be seen (the `copy` below shows it). So the shared state lives in an actor, which lets
/// one task at a time in.
actor SharedDictionary {
  private var values: [String: NotebookText.Value]

  init(_ values: [String: NotebookText.Value]) { self.values = values }

  func set(_ key: String, _ value: NotebookText.Value) { values[key] = value }

  /// A copy of the current contents: a value that later writes do not change.
  var snapshot: [String: NotebookText.Value] { values }
}

/// Python: `change_value(dir, key, value, delay)`.
func changeValue(
  _ dictionary: SharedDictionary, _ key: String, _ value: NotebookText.Value, _ delay: Int,
  on stage: TaskStage
) async throws {
  try await stage.sleep(delay)
  await dictionary.set(key, value)
  stage.print("origin_value['\(key)'] = \(value)", lane: "worker-\(key)")
}

func startingWithThread(on stage: TaskStage) async throws {
  let originValue = SharedDictionary(["a": .int(1), "b": .int(2)])
  let copy = await originValue.snapshot

  // A task group is the handle a detached thread lacks: the group does not return before every
  // child has, so the main flow knows the work is done without the workers having to say so.
  try await withThrowingTaskGroup { workDone in
    for (key, delay) in [("a", 1), ("b", 2)] {
      workDone.addTask(name: "worker-\(key)") {
        try await changeValue(originValue, key, .string("changed"), delay, on: stage)
      }
    }
    // Read right after starting: the workers are still asleep.
    stage.print(NotebookText.repr(await originValue.snapshot), lane: "main")

    try await workDone.waitForAll()
  }
  stage.print(NotebookText.repr(await originValue.snapshot), lane: "main")
  stage.print("a Dictionary copy taken before the start: \(NotebookText.repr(copy))", lane: "main")
}
