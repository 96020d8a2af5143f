import Foundation

/// The body of `Comparisons/support-types.md`'s `<!-- support-types: all -->` region: per
/// support type, its summary and its table of Python calls, read from the type's doc comment.
///
/// A doc comment's table is its lines that start with `|` (Python call, Swift call, same or
/// different, and why). A type whose doc comment has no table yet is shown with the table kept
/// here, in `fallback`; the doc comment's wins as soon as it has one.
public enum SupportTypes {
  /// The support types, in the page's order: the thread paradigm's, then the task paradigm's.
  static let types: [(path: String, name: String)] = [
    ("Sources/ThreadVersions/Support/JoinableThread.swift", "JoinableThread"),
    ("Sources/ThreadVersions/Support/BlockingQueue.swift", "BlockingQueue"),
    ("Sources/ThreadVersions/Support/BoundedSemaphore.swift", "BoundedSemaphore"),
    ("Sources/ThreadVersions/Support/ThreadingEvent.swift", "ThreadingEvent"),
    ("Sources/ThreadVersions/Support/Future.swift", "Future"),
    ("Sources/TaskVersions/Support/AsyncLock.swift", "AsyncLock"),
    ("Sources/TaskVersions/Support/AsyncSemaphore.swift", "AsyncSemaphore"),
    ("Sources/TaskVersions/Support/AsyncQueue.swift", "AsyncQueue"),
    ("Sources/TaskVersions/Support/JoinableTask.swift", "JoinableTask"),
    ("Sources/TaskVersions/Support/ThreadingEvent.swift", "ThreadingEvent"),
    ("Sources/TaskVersions/Support/Timeout.swift", "withTimeout"),
  ]

  static let header = "| Python | Swift | same or different, and why |\n| --- | --- | --- |"

  /// Tables for the types whose doc comments have none yet.
  static let fallback: [String: String] = [
    "JoinableThread": """
    | `threading.Thread(name=, target=)` | `JoinableThread(name:target:)` | same |
    | subclass, override `run()` | subclass, override `run()` | same; `main()` is not to be overridden: it signals `start()` and `join()` |
    | `start()` | `start()` | same: returns once the thread runs and has reached its first blocking call or 5 ms, as CPython's GIL usually lets it; Foundation's own returns at once |
    | `join()`, `join(timeout)` | `join()`, `join(timeout:)` | same; the timeout is whole seconds here |
    | `is_alive()` | `isAlive` | same: true from `start()` until the body returned |
    | `name` | `name` | same: read back by the thread as `Thread.current.name` |
    """,
    "BlockingQueue": """
    | `queue.Queue(maxsize)` | `BlockingQueue(maxsize:)` | same: 0 means no bound |
    | `put(item)`, `get()` | `put(_:)`, `get()` | same: they block while full / empty, first in, first out |
    | `task_done()`, `join()` | `taskDone()`, `join()` | same; one `task_done()` too many raises `ValueError` in Python and traps here |
    | `qsize()` | `count` | same |
    """,
    "BoundedSemaphore": """
    | `threading.BoundedSemaphore(n)` | `BoundedSemaphore(n)` | same |
    | `acquire()`, `release()` | `acquire()`, `try release()` | same; one release too many raises `ValueError` in Python and throws `SemaphoreReleasedTooManyTimes` here |
    | `with sem:` | `withPermit { … }` | same |
    """,
    "ThreadingEvent": """
    | `threading.Event()` | `ThreadingEvent()` | same |
    | `set()`, `is_set()` | `set()`, `isSet` | same; there is no `clear()` (no example needs one) |
    | `wait()`, `wait(timeout)` | `wait()`, `wait(timeout:)` | same: the timed wait returns the flag; for tasks both wait `try await` and throw on cancellation |
    """,
    "Future": """
    | `Future.result()` | `result()` | same: blocks until set |
    | `Future.result(timeout=)` | `result(timeout:)` | different: returns `nil` where Python raises `TimeoutError` |
    | (the pool sets it) | `set(_:)` | the caller's thread sets it; there is no pool |
    """,
    "AsyncLock": """
    | `threading.Lock()` | `AsyncLock()` | same first come, first served queue |
    | `acquire()` | `try await acquire()` | different: suspends instead of blocking, and throws `CancellationError` if cancelled while it waits |
    | `release()` | `release()` | same: synchronous, so it can sit in a `defer`; not owned, as Python's `Lock` is not: any task may release it |
    | `release()` of a free lock | `release()` | different: Python raises `RuntimeError`; here it changes nothing |
    """,
    "AsyncSemaphore": """
    | `threading.BoundedSemaphore(n)` | `AsyncSemaphore(n)` | same count and bound |
    | `acquire()` | `try await acquire()` | different: suspends, first come, first served; throws on cancellation |
    | `release()` | `try release()` | same: one too many throws `SemaphoreReleasedTooManyTimes` |
    | `with sem:` | `try await withPermit { … }` | same |
    """,
    "AsyncQueue": """
    | `queue.Queue(maxsize)` | `AsyncQueue(maxsize:)` | same: 0 means no bound |
    | `put(item)`, `get()` | `try await put(_:)`, `try await get()` | different: suspend instead of block, and throw on cancellation (an item handed over is never lost) |
    | `task_done()`, `join()` | `taskDone()`, `try await join()` | same; one `task_done()` too many traps |
    | `qsize()` | `count` | same |
    """,
    "JoinableTask": """
    | `Thread(target=, name=).start()` | `JoinableTask(name:operation:)` | different: a task starts when made (`Task.immediate`), there is no separate `start()` |
    | `join()`, `join(timeout)` | `await join()`, `await join(timeout:)` | same; the timed join races the end against a sleep and cancels the loser |
    | `is_alive()` | `isAlive` | same |
    | `name` | `name` | different: a label; the running task's `Task.name` is fixed at creation |
    """,
    "withTimeout": """
    | `lock.acquire(timeout=)`, `future.result(timeout=)` | `try await withTimeout(seconds) { … }` | different: the work that lost is cancelled, not left running; throws `TimeoutError` |
    """,
  ]

  /// The region's body, from the doc comments `readFile` reads.
  public static func table(readFile: (String) throws -> String) throws -> String {
    var parts: [String] = []
    for (path, name) in types {
      let lines = try readFile(path).split(separator: "\n", omittingEmptySubsequences: false)
      guard
        let declaration = lines.firstIndex(where: { line in
          !line.hasPrefix(" ") && !line.hasPrefix("///")
            && ["class", "func", "struct", "actor"].contains { line.contains("\($0) \(name)") }
        })
      else { throw Page.Problem(description: "\(path) declares no \(name)") }
      var doc: [String] = []
      var index = declaration - 1
      while index >= 0, lines[index].hasPrefix("///") {
        doc.insert(String(lines[index].dropFirst(3).drop { $0 == " " }), at: 0)
        index -= 1
      }
      let summary = doc.prefix { !$0.isEmpty && !$0.hasPrefix("|") }.joined(separator: " ")
      let table = doc.filter { $0.hasPrefix("|") }
      let paradigm = path.contains("ThreadVersions") ? "threads" : "tasks"
      parts.append(
        "### `\(name)` (\(paradigm))\n\n\(summary) [Source](../\(path)).\n\n"
          + (table.isEmpty
            ? header + "\n" + (fallback[name] ?? "").trimmingCharacters(in: .newlines)
            : table.joined(separator: "\n")))
    }
    return parts.joined(separator: "\n\n")
  }
}
