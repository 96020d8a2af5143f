import Dispatch
import Foundation

/// Makes Ctrl-C (SIGINT) cancel `task` instead of killing the process, so the run can stop
/// cleanly and print its partial result. Keep the returned source alive for as long as it should
/// listen.
///
/// Declared here, not in `main.swift`: a closure written in top-level code belongs to the main
/// actor, and the signal handler runs on a Dispatch queue — the runtime traps on that mismatch.
public func cancelOnInterrupt(_ task: Task<Int32, Never>) -> any DispatchSourceSignal {
  signal(SIGINT, SIG_IGN)
  let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
  source.setEventHandler { task.cancel() }
  source.resume()
  return source
}
