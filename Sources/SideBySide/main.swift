// `swift run side-by-side`: the notebook's examples as Thread code and as tasks, side by side.
// All the logic is in SideBySideKit, where the tests can reach it; this file wires the process:
// arguments, standard output, Ctrl-C, the exit status.
import Foundation
import SideBySideKit

let output = Output.standard(environment: ProcessInfo.processInfo.environment)
let arguments = Array(CommandLine.arguments.dropFirst())
let run = Task { await sideBySide(arguments, output: output) }
let interrupt = cancelOnInterrupt(run)
exit(await run.value)
