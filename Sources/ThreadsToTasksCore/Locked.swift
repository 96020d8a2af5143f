import Foundation

/// A value that is only ever read or written while holding an `NSLock`.
///
/// The package's one hand-made `Sendable` container. `NSLock` rather than `Mutex` because
/// ThreadSanitizer reports false races on `Mutex` on this toolchain, and the suite must run clean
/// under it.
public final class Locked<Value: Sendable>: @unchecked Sendable {  // safe: all under `lock`
  private let lock = NSLock()
  private var value: Value

  /// A container holding `value`.
  public init(_ value: Value) { self.value = value }

  /// Runs `body` with exclusive access to the value. Keep `body` short: it runs under the lock.
  public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    try lock.withLock { try body(&value) }
  }
}
