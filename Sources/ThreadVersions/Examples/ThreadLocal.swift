// Beyond the notebook, `threading.local()`: state that each thread has its own copy of, so a
// function deep in the call chain (`log`) can read "the current request" without being passed
// it. Foundation's per-thread storage is `Thread.current.threadDictionary`: one dictionary per
// thread, which no other thread sees — not even a thread this one starts.
import Foundation

enum Request {
  /// Python: `local.request`: the current thread's own, kept in its `threadDictionary`.
  static var current: String? {
    get { Thread.current.threadDictionary["request"] as? String }
    set { Thread.current.threadDictionary["request"] = newValue }
  }
}

/// Python: `def log(message)`: no request parameter; it reads the thread's own.
func log(_ message: String) {
  print(message, Request.current ?? "None")
}

/// Python: `def handle(request, seconds, helper_name)`.
func handle(_ request: String, seconds: Int, helperName: String) {
  // Python: `local.request = request`. The other worker sets its own at the same time.
  Request.current = request
  sleep(seconds)
  log("handling")
  // A thread started from here has a dictionary of its own, empty: it does not see the request.
  let helper = JoinableThread(name: helperName) { log("helper sees") }
  helper.start()
  helper.join()
}

func threadLocal() {
  let workers = [1, 2].map { n in
    JoinableThread(name: "worker\(n)") {
      handle("request \(n)", seconds: n, helperName: "helper\(n)")
    }
  }
  for worker in workers { worker.start() }
  for worker in workers { worker.join() }
  // Main set nothing: the workers' values were theirs alone.
  print("main sees a request:", Request.current != nil)
}
