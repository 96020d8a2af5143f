import Foundation

/// Which processors a thread may run on (Linux's CPU affinity), so that `JoinableThread.start()`
/// can put the new thread on the starter's own processor until its first line.
///
/// Why: Python's `start()` hands the new thread the interpreter (the GIL) and waits; handing it
/// over is a switch between two threads on one processor. A new Foundation `Thread` is put on
/// another processor, idle or busy: waking an idle one costs more than the switch, and a busy one
/// makes the start wait for that processor's turn. A thread inherits its creator's affinity, so
/// the starter narrows its own to the processor it is on, creates the thread, and widens its own
/// again; the new thread widens its own at its first line, before anything of its body.
/// Measured here (2 virtual processors, release build, medians): the new thread's first line
/// came 17–19 µs after `start()` was called, 21–23 µs without the narrowing; 1,000 starts took
/// 27–32 ms, 33–37 ms without; and with a Python interpreter starting beside them, 31–41 ms
/// against 115–150 ms.
///
/// Only on Linux, and only when the calls are there: elsewhere, or when one fails, nothing is
/// narrowed and the start costs what the wake-up costs.
struct CoreAffinity: Equatable, @unchecked Sendable {
  #if os(Linux)
    // safe: the mask is a value, copied in and out of the system calls, never shared mutably.
    private var mask: cpu_set_t
  #endif

  /// Narrows the calling thread to the processor it is on, and returns what to widen it to
  /// again: its affinity before. `nil` when nothing was narrowed.
  static func narrowCallerToItsProcessor() -> CoreAffinity? {
    #if os(Linux)
      guard let calls = Calls.resolved, let before = ofCaller() else { return nil }
      let processor = Int(calls.processor())
      guard processor >= 0, processor < MemoryLayout<cpu_set_t>.size * 8 else { return nil }
      var one = cpu_set_t()
      withUnsafeMutableBytes(of: &one) { $0[processor / 8] = UInt8(1 << (processor % 8)) }
      guard calls.set(0, MemoryLayout<cpu_set_t>.size, &one) == 0 else { return nil }
      return before
    #else
      return nil
    #endif
  }

  /// The calling thread's affinity; `nil` where it cannot be read.
  static func ofCaller() -> CoreAffinity? {
    #if os(Linux)
      var mask = cpu_set_t()
      guard let calls = Calls.resolved, calls.get(0, MemoryLayout<cpu_set_t>.size, &mask) == 0
      else { return nil }
      return CoreAffinity(mask: mask)
    #else
      return nil
    #endif
  }

  /// Whether the two allow the same processors.
  static func == (a: CoreAffinity, b: CoreAffinity) -> Bool {
    #if os(Linux)
      withUnsafeBytes(of: a.mask) { a in withUnsafeBytes(of: b.mask) { a.elementsEqual($0) } }
    #else
      true
    #endif
  }

  /// Gives the calling thread this affinity.
  func apply() {
    #if os(Linux)
      var mask = mask
      _ = Calls.resolved?.set(0, MemoryLayout<cpu_set_t>.size, &mask)
    #endif
  }

  #if os(Linux)
    /// glibc's `sched_getaffinity`, `sched_setaffinity` and `sched_getcpu`, which Swift's `Glibc`
    /// module does not import (they need `_GNU_SOURCE`), looked up once by name.
    private struct Calls: @unchecked Sendable {
      // safe: three C function pointers, set once and never written again.
      typealias Mask = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
      let get: Mask
      let set: Mask
      let processor: @convention(c) () -> Int32

      static let resolved: Calls? = {
        func look(_ name: String) -> UnsafeMutableRawPointer? { dlsym(nil, name) }
        guard let get = look("sched_getaffinity"), let set = look("sched_setaffinity"),
          let processor = look("sched_getcpu")
        else { return nil }
        return Calls(
          get: unsafeBitCast(get, to: Mask.self), set: unsafeBitCast(set, to: Mask.self),
          processor: unsafeBitCast(processor, to: (@convention(c) () -> Int32).self))
      }()
    }
  #endif
}
