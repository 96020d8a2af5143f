import Foundation

/// Python's `threading.Timer(interval, function)`: a thread that waits `interval` notebook
/// seconds, then calls `function` — unless `cancel()` came first.
///
/// Foundation's `Timer` is not this: it fires on a run loop, and a plain `Thread` has no run loop
/// running. Python's own `Timer` is a thread that waits on an event with a timeout, and so is this
/// one: `cancel()` sets the event, which ends the wait at once.
///
/// | Python | Swift | same? |
/// | --- | --- | --- |
/// | `Timer(interval, function)` | `ThreadingTimer(name:interval, function)` | same; name it, as a lane needs one |
/// | `start()`, `join()`, `is_alive()` | the same, from `JoinableThread` | same |
/// | `cancel()` | `cancel()` | same: a timer cancelled before it fires never calls `function` |
public final class ThreadingTimer: JoinableThread {
  private let interval: Int
  private let function: @Sendable () -> Void
  private let cancelled = ThreadingEvent()

  /// A timer called `name` that calls `function` `interval` notebook seconds after `start()`.
  public init(name: String, _ interval: Int, _ function: @escaping @Sendable () -> Void) {
    self.interval = interval
    self.function = function
    super.init(name: name)
  }

  /// Waits the interval, then calls `function` unless cancelled.
  public override func run() {
    if !cancelled.wait(timeout: interval) { function() }
  }

  /// Stops the timer if it has not fired yet. Python: `timer.cancel()`. (It overrides
  /// `Thread.cancel()`, which only raises a flag nobody reads, and raises that flag too.)
  public override func cancel() {
    cancelled.set()
    super.cancel()
  }
}
