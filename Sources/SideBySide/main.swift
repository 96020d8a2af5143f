// `swift run side-by-side`: the notebook's examples as Thread code and as tasks, side by side.
// All the logic is in SideBySideKit, where the tests can reach it; this file wires the process:
// arguments, standard output, Ctrl-C, the exit status.
import Dispatch
import Foundation
import SideBySideKit

let output = Output.standard(environment: ProcessInfo.processInfo.environment)
let arguments = Array(CommandLine.arguments.dropFirst())
let run = Task { await sideBySide(arguments, output: output) }

// Ctrl-C cancels the run instead of killing the process, so the partial result is printed.
signal(SIGINT, SIG_IGN)
let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
interrupt.setEventHandler { run.cancel() }
interrupt.resume()

exit(await run.value)
