// Beyond the notebook, `threading.local()`: state that each thread has its own copy of, so a
// function deep in the call chain (`log`) can read "the current request" without being passed
// it. For tasks it is a task-local value (`@TaskLocal`): bound with `withValue` for the length of
// a closure, seen by the task and every child task it starts there, and by no other task.
// (Foundation is for the anti-solution at the end, which reads `Thread.current`.)
import Foundation

enum Request {
  /// Python: `local.request`. Read anywhere; bound only with `Request.$current.withValue`.
  @TaskLocal static var current: String?
}

/// Python: `def log(message)`: no request parameter; it reads the task's own.
func log(_ message: String) {
  print(message, Request.current ?? "None")
}

/// Python: `def handle(request, seconds, helper_name)`, with the request already bound.
func handle(seconds: Int, helperName: String) async throws {
  try await sleep(seconds)
  log("handling")
  // A child task inherits its parent's task-locals: the helper sees the request (a thread would
  // not — the declared difference).
  try await withThrowingTaskGroup { group in
    group.addTask(name: helperName) { log("helper sees") }
    try await group.waitForAll()
  }
}

func threadLocal() async throws {
  try await withThrowingTaskGroup { group in
    for n in [1, 2] {
      group.addImmediateTask(name: "worker\(n)") {
        // Python: `local.request = request`. Not an assignment: a value for this closure and
        // what it calls, and the sibling worker's value is its own.
        try await Request.$current.withValue("request \(n)") {
          try await handle(seconds: n, helperName: "helper\(n)")
        }
      }
    }
    try await group.waitForAll()
  }
  // Main bound nothing: the workers' values were theirs alone, and ended with their closures.
  print("main sees a request:", Request.current != nil)
}

// snippet: anti-solution
// ANTI-SOLUTION: a thread-local inside a task. Do not do this.
/// Keeps `request` in the current thread's dictionary, sleeps, and reads it back: what it reads
/// is `nil`, or another task's request, whenever the task resumed on another thread.
func handleWithThreadDictionary(_ request: String) async throws -> (saw: String?, hopped: Bool) {
  let before = currentThread()
  setThreadLocalRequest(request)
  // hazard: after this suspension the task resumes on whichever pool thread is free — and
  // that thread's dictionary is another's.
  try await sleep(1)
  return (threadLocalRequest(), currentThread() != before)
}

// `Thread.current` is a compile error in async code; a synchronous function hides that, and the
// hazard with it.
func setThreadLocalRequest(_ request: String?) {
  Thread.current.threadDictionary["request"] = request
}
func threadLocalRequest() -> String? { Thread.current.threadDictionary["request"] as? String }
func currentThread() -> ObjectIdentifier { ObjectIdentifier(Thread.current) }
// end snippet: anti-solution
