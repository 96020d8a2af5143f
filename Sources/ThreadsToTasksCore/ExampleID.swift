/// The notebook's four examples, in the order the notebook shows them.
public enum ExampleID: String, Sendable, CaseIterable, Codable {
  /// `_thread.start_new_thread`: two fire-and-forget workers change a shared dictionary.
  case startNewThread = "start-new-thread"
  /// The `threading` module's API, toured with `do_async_job`.
  case threadingModule = "threading-module"
  /// A `threading.Thread` subclass with random delays, joined in order.
  case simpleThreading = "simple-threading"
  /// Two threads serialized by a `Lock` around a print routine.
  case synchronizingThreads = "synchronizing-threads"

  /// The notebook section the example comes from.
  public var title: String {
    switch self {
    case .startNewThread: "Starting with thread"
    case .threadingModule: "Threading Module"
    case .simpleThreading: "Simple threading"
    case .synchronizingThreads: "Synchronizing Threads"
    }
  }

  /// One line on what the example shows.
  public var summary: String {
    switch self {
    case .startNewThread:
      "two fire-and-forget workers change a shared dictionary after 1 and 2 s"
    case .threadingModule:
      "the threading API tour: current, active count, enumerate, start, join, is_alive, names"
    case .simpleThreading:
      "two workers sleep a seeded random 1-4 s; main joins thread1, then thread2"
    case .synchronizingThreads:
      "two workers print 3 timestamps each under one lock; an actor replaces the lock"
    }
  }
}
