import Foundation
import TaskVersions
import ThreadVersions
import ThreadsToTasksCore

/// The `side-by-side` command: reads the command line, runs the examples, shows them, and
/// returns the exit status (0 all equivalent, 1 some not, 3 too late to judge, 64 usage error,
/// 69 the Python column could not run, 130 interrupted).
///
/// A Python column that fails (no `python3`, its resources missing, an interpreter that cannot
/// run the harness, a bound overrun) is said in one line on standard error; that example is
/// judged and shown on its Swift columns alone, the examples after it do not run, and the status
/// is `pythonFailureStatus` — never a verdict on a column that did not run.
///
/// Cancelling the calling task (the executable does so on Ctrl-C) stops the run: the task
/// versions through structured cancellation, the thread versions at their next sleep; the
/// partial result is shown and the status is 130.
///
/// `stampsFrom`, for the pages: the Markdown view stamps lines as if the run had started then, so
/// that a page does not change with the day; its lines stay in the order they were printed.
public func sideBySide(_ arguments: [String], output: Output, stampsFrom: Date? = nil) async
  -> Int32
{
  let options: Options
  do {
    switch try CommandLineGrammar.parse(arguments) {
    case .help:
      output.line(CommandLineGrammar.usage)
      return 0
    case .version:
      output.line(CommandLineGrammar.version)
      return 0
    case .list:
      output.line(CommandLineGrammar.list)
      return 0
    case .run(let parsed): options = parsed
    }
  } catch {
    output.writeError("side-by-side: \(error)\n\n\(CommandLineGrammar.usage)\n")
    return 64
  }

  if options.members.contains(.python) && PythonColumn.interpreter() == nil {
    output.writeError("side-by-side: the Python column needs python3, and there is none on PATH\n")
    return pythonFailureStatus
  }
  if options.members.contains(.asyncio), case .failure(let why) = AsyncioColumn.found {
    output.writeError("side-by-side: the asyncio column needs Python 3.11 or later: \(why)\n")
    return 69
  }
  let seed = options.seed ?? UInt64.random(in: 0...99_999)
  if options.seed == nil {
    // Not on standard output in the machine-readable formats, whose summaries carry the seed.
    let note = "seed \(seed) (repeat this run with --seed \(seed))\n"
    [.json, .markdown].contains(options.format) ? output.writeError(note) : output.write(note)
  }
  let view = options.format.view(options, output: output, stampsFrom: stampsFrom)
  var kinds: [Verdict.Kind] = []
  for example in options.examples {
    let (result, pythonFailed) = await run(
      example, seed: seed, options: options, view: view, output: output)
    if let result { kinds.append(result.verdict.kind) }
    if result?.wasStopped == true || Task.isCancelled {
      output.writeError("side-by-side: interrupted\n")
      return Verdict.Kind.interrupted.exitStatus
    }
    if pythonFailed { return pythonFailureStatus }
  }
  return Verdict.Kind.exitStatus(of: kinds)
}

/// The exit status when the Python column cannot run: no `python3` on `PATH`, its resources
/// missing, or an interpreter that fails to run the harness (EX_UNAVAILABLE).
public let pythonFailureStatus: Int32 = 69

/// Runs one example in the chosen paradigms at once, each on a clock of its own (in notebook
/// seconds from its own start), feeding `view` as it goes. Returns the result of the columns that
/// ran (`nil` when none did: only Python was asked for, and it failed) and whether the Python
/// column failed.
func run(
  _ example: ExampleID, seed: UInt64, options: Options, view: any View, output: Output
) async
  -> (result: ExampleResult?, pythonFailed: Bool)
{
  // The runs start together, each on a clock whose axis starts when that run's main flow does:
  // if one paradigm is slow to get going, its events do not all shift a beat late.
  let paradigms = options.members
  let clocks = Dictionary(
    uniqueKeysWithValues: paradigms.map { ($0, ExampleClock(pace: options.pace)) })
  view.begin(example, seed: seed)
  // Events of beat b are recorded early in [b, b + 1); show each beat once it has surely passed
  // in every run, counted from the run that started last, so every side of a row arrives first.
  let ticker = Task {
    // Only look at a clock once its run has started it: reading it would start it early.
    while !clocks.values.allSatisfy(\.hasStarted) {
      guard (try? await Task.sleep(for: options.pace.duration(0.05))) != nil else { return }
    }
    let ticks = clocks.values.map(\.startInstant).max()!
    for beat in 0... {
      let due = ticks + options.pace.duration(Double(beat) + 0.9)
      guard (try? await Task.sleep(until: due, clock: .continuous)) != nil else { return }
      view.tick(throughBeat: beat)
    }
  }
  let transcripts = await withTaskGroup(of: Transcript?.self) { group in
    for paradigm in paradigms {
      let clock = clocks[paradigm]!
      group.addTask {
        let record: @Sendable (Event) -> Void = {
          view.record($0, paradigm: paradigm, clock: clock)
        }
        switch paradigm {
        case .thread:
          return await runWithThreads(example, seed: seed, clock: clock, observer: record)
        case .task:
          return await runWithTasks(
            example, seed: seed, clock: clock, variant: options.variant, observer: record)
        case .python:
          return await runWithPython(
            example, seed: seed, clock: clock, output: output, observer: record)
        case .asyncio:
          return await runWithAsyncio(
            example, seed: seed, clock: clock, variant: options.variant, output: output,
            observer: record)
        }
      }
    }
    var transcripts: [Transcript?] = []
    for await transcript in group { transcripts.append(transcript) }
    return transcripts
  }
  ticker.cancel()
  await ticker.value
  let ran = transcripts.compactMap { $0 }.sorted {
    Paradigm.allCases.firstIndex(of: $0.paradigm)! < Paradigm.allCases.firstIndex(of: $1.paradigm)!
  }
  let pythonFailed = ran.count < transcripts.count
  guard !ran.isEmpty else { return (nil, pythonFailed) }
  let result = ExampleResult(example: example, seed: seed, transcripts: ran)
  view.end(result)
  return (result, pythonFailed)
}

/// Runs the Python program of `example` as the third column. The clock starts when Python says
/// its example has started. A Python that fails is said on standard error, in one line, and
/// gives no run (`nil`): a column that did not run is not judged.
func runWithPython(
  _ example: ExampleID, seed: UInt64, clock: ExampleClock, output: Output,
  observer: @escaping @Sendable (Event) -> Void
) async -> Transcript? {
  do {
    let run = try await PythonColumn.run(
      example, seed: seed, pace: clock.pace, onStart: { _ in clock.start() }, observer: observer)
    return run.transcript
  } catch {
    output.writeError("side-by-side: the Python column failed: \(error)\n")
    return nil
  }
}
