// `swift run side-by-side`: the notebook's examples as Thread code and as tasks, side by side.
// All the logic is in SideBySideKit, where the tests can reach it; this file wires the process:
// signals, arguments, standard output, the exit status.
import Foundation
import SideBySideKit
import ThreadsToTasksCore

// First, before any thread starts: a stopping signal from now on waits for the run to take it.
prepareSignals()
// Next, before any file is opened: a closed standard output or error keeps its number.
let output = Output.standard(environment: ProcessInfo.processInfo.environment)
// Dispatch traps when it runs out of descriptors: refuse a run that would, in one line.
if let shortage = descriptorShortage() {
  output.writeError("side-by-side: \(shortage)\n")
  output.flush()
  exit(systemLimitStatus)
}
let arguments = Array(CommandLine.arguments.dropFirst())
let run = Task { await sideBySide(arguments, output: output) }
let stoppedBy = Locked<Int32?>(nil)
cancelOnSignals(run, stoppedBy: stoppedBy)
// Output that cannot be written stops the run; the exit status says why.
output.whenFailed { run.cancel() }
let status = await run.value
// What is queued for a slow reader is written before the process exits (a second signal exits
// at once); no Python child outlives the process.
output.flush()
PythonColumn.endAll()
exit(exitStatus(status, stoppedBy: stoppedBy.withLock { $0 }, failure: output.failure))
