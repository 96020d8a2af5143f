import Foundation
import Testing
import ThreadsToTasksCore

@testable import SideBySideKit

/// Runs the command in-process at the test pace with an output of the given width (`nil`: a file
/// or a pipe), capturing what it writes.
private func run(_ arguments: [String], width: Int?) async -> (status: Int32, out: String) {
  let out = Locked("")
  let output = Output(
    width: width, write: { text in out.withLock { $0 += text } }, writeError: { _ in })
  let status = await sideBySide(
    arguments + ["--pace", "\(testPace.secondsPerBeat)", "--seed", "7"], output: output)
  return (status, out.withLock { $0 })
}

/// Lines the start-new-thread example prints that are wider than a narrow column.
private let longLines = [
  "{'a': 'changed', 'b': 'changed'}", "a copy taken before the start: {'a': 1, 'b': 2}",
]

@Suite("side-by-side never cuts what it shows", .watchdog)
struct OutputTests {
  @Test(
    "COLUMNS is kept to 40...500; nonsense falls back to the terminal, else no width",
    arguments: [
      ("30", 80, 40), ("40", 80, 40), ("120", 80, 120), ("100000000", 90, 90), ("abc", 100, 100),
      ("-5", nil, nil), ("0", 70, 70), ("600", nil, 500), (nil, 1000, 500), (nil, 20, 40),
      (nil, nil, nil), (" 60 ", nil, 60),
    ] as [(String?, Int?, Int?)])
  func columns(columns: String?, terminal: Int?, width: Int?) {
    #expect(Output.width(columns: columns, terminal: terminal) == width)
  }

  @Test("colour only on a terminal, and neither with NO_COLOR nor with TERM=dumb")
  func colour() {
    #expect(Output.colour(isTerminal: true, environment: ["TERM": "xterm"]))
    #expect(!Output.colour(isTerminal: true, environment: ["TERM": "dumb"]))
    #expect(!Output.colour(isTerminal: true, environment: ["NO_COLOR": "1"]))
    #expect(!Output.colour(isTerminal: false, environment: [:]))
  }

  @Test("wrapping: no line wider than asked, words kept where they fit, nothing lost")
  func wrapping() {
    let text =
      "synchronizing-threads: NOT equivalent: in task: Thread-1 entered at beat 0 while"
      + " Thread-2 was inside (seed 7) averyveryveryverylongwordthatcannotfitonanylineatall"
    for width in [10, 20, 40, 80] {
      let lines = text.wrapped(to: width, indent: 2)
      #expect(lines.allSatisfy { $0.count <= width }, "\(width): \(lines)")
      let joined = lines.joined().replacingOccurrences(of: " ", with: "")
      #expect(joined == text.replacingOccurrences(of: " ", with: ""))
      #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") })
    }
    #expect("short".wrapped(to: 40) == ["short"])
  }

  @Test("wrapping counts colour codes as no width and never splits them")
  func wrappingColour() {
    let red = "\u{1B}[31m"
    let reset = "\u{1B}[0m"
    let text = "verdict: " + red + "NOT equivalent" + reset + " because of a long reason here"
    let lines = text.wrapped(to: 20, indent: 2)
    #expect(lines.allSatisfy { $0.visibleCount <= 20 }, "\(lines)")
    #expect(lines.joined().contains(red) && lines.joined().contains(reset))
    #expect(lines.joined(separator: " ").strippingColour.split(separator: " ").count == 9)
  }

  @Test("Output.wrapped wraps on a terminal only")
  func outputWrapped() {
    let long = String(repeating: "word ", count: 30)
    let terminal = Output(width: 40, write: { _ in }, writeError: { _ in })
    #expect(terminal.wrapped(long).allSatisfy { $0.count <= 40 })
    let file = Output(width: nil, write: { _ in }, writeError: { _ in })
    #expect(file.wrapped(long) == [long])
  }

  @Test("to a file or a pipe every line the example prints appears whole, on one line")
  func noWidth() async {
    let run = await run(["start-new-thread"], width: nil)
    // A run judged too late (exit 3) on a busy machine is not held to its format's details.
    #expect(run.status == 0 || run.status == 3)
    guard run.status == 0 else { return }
    let lines = run.out.split(separator: "\n")
    // Whole, on one line: in one row with both paradigms' cells, or — when one paradigm's line
    // came after its beat's row was out, on a loaded machine — in a row of each paradigm's own.
    for text in longLines {
      #expect((1...2).contains(lines.filter { $0.contains(text) }.count), "\(text)")
    }
    #expect(!run.out.contains("…"))
    #expect(lines.allSatisfy { $0.last != " " })
  }

  @Test("a 40-column terminal: nothing wider than 40, nothing cut, verdict wrapped")
  func narrowTerminal() async {
    let run = await run(["start-new-thread", "synchronizing-threads", "--naive-actor"], width: 40)
    #expect(run.status == 1)
    let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines.filter { $0.count > 40 })")
    #expect(!run.out.contains("…"))
    let words = run.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for text in longLines { #expect(words.contains(text), "\(text)") }
    #expect(words.contains("synchronizing-threads: NOT equivalent: task ~ notebook: Thread-"))
  }

  @Test("an 80-column terminal: side by side where the lines fit, else stacked, never cut")
  func terminal80() async {
    let run = await run(["simple-threading", "start-new-thread"], width: 80)
    let all = run.out.split(separator: "\n")
    #expect(all.allSatisfy { $0.count <= 80 }, "\(all.filter { $0.count > 80 })")
    #expect(!run.out.contains("…"))
    // simple-threading's lines fit two columns of 29: side by side, the divider after the lane
    // and the first column.
    let lines = all.filter { $0.contains("│") }
    let dividers = Set(lines.map { $0.distance(from: $0.startIndex, to: $0.firstIndex(of: "│")!) })
    #expect(dividers == [7 + 11 + ColumnsView.cellWidth(across: 80, columns: 2, laneWidth: 10) + 1])
    // start-new-thread's longest line does not: stacked, a line per paradigm, each whole.
    let long = "MainThread a copy taken before the start: {'a': 1, 'b': 2}"
    #expect(all.filter { $0.hasSuffix(long) }.count == 2)
  }

  @Test("columns sit side by side while three in four of the lines fit them, else stack")
  func columnWidths() {
    let lanes = ["MainThread", "thread1"]
    #expect(ColumnsView.cellWidth(across: 120, columns: 3, laneWidth: 10) == 32)
    #expect(ColumnsView.cellWidth(across: 80, columns: 2, laneWidth: 10) == 29)
    let short = [12, 14, 20, 22, 24, 26, 26, 40]
    let wide = ColumnsView.layout(width: 120, columns: 3, lanes: lanes, lineWidths: short)
    #expect(wide == .init(stacked: false, laneWidth: 10, cellWidth: 32))
    // 100 columns give three columns 25 characters: 26 is the width three in four lines need.
    let narrow = ColumnsView.layout(width: 100, columns: 3, lanes: lanes, lineWidths: short)
    #expect(narrow.stacked)
    #expect(!ColumnsView.layout(width: 103, columns: 3, lanes: lanes, lineWidths: short).stacked)
    // Four columns where they fit; a file or a pipe never stacks; one column never does.
    #expect(!ColumnsView.layout(width: 140, columns: 4, lanes: lanes, lineWidths: short).stacked)
    #expect(ColumnsView.layout(width: 120, columns: 4, lanes: lanes, lineWidths: short).stacked)
    #expect(!ColumnsView.layout(width: nil, columns: 4, lanes: lanes, lineWidths: short).stacked)
    #expect(!ColumnsView.layout(width: 40, columns: 1, lanes: lanes, lineWidths: [60]).stacked)
  }

  @Test("one paradigm: a single column, no row marked as differing")
  func oneColumn() async {
    let run = await run(["start-new-thread", "--paradigm", "task"], width: 80)
    // A run judged too late (exit 3) on a busy machine is not held to its format's details.
    #expect(run.status == 0 || run.status == 3)
    guard run.status == 0 else { return }
    #expect(!run.out.contains("│") && !run.out.contains("≠"))
    #expect(run.out.contains("task (structured)"))
  }
}

@Suite("side-by-side stops when it cannot write", .watchdog)
struct WriteFailureTests {
  /// Runs the long example with an output whose writes fail with `code` from the `failAt`th on.
  private func failing(_ code: Int32, failAt: Int) async -> (
    status: Int32, failure: WriteFailure?, errors: [String], writes: Int
  ) {
    let writes = Locked(0)
    let errors = Locked<[String]>([])
    let output = Output(
      writing: { _ in
        let count = writes.withLock {
          $0 += 1
          return $0
        }
        if count >= failAt { throw NSError(domain: NSPOSIXErrorDomain, code: Int(code)) }
      }, writingError: { text in errors.withLock { $0.append(text) } })
    let runTask = Locked<Task<Int32, Never>?>(nil)
    output.whenFailed { runTask.withLock { $0?.cancel() } }
    let task = Task {
      await sideBySide(
        ["synchronizing-threads", "--pace", "\(testPace.secondsPerBeat)", "--seed", "7"],
        output: output)
    }
    runTask.withLock { $0 = task }
    if output.failure != nil { task.cancel() }
    let status = await task.value
    return (status, output.failure, errors.withLock { $0 }, writes.withLock { $0 })
  }

  @Test("no space left: one line on stderr, the run stops, exit 74")
  func noSpace() async {
    let run = await failing(ENOSPC, failAt: 3)
    #expect(run.failure == .failed(errno: ENOSPC))
    #expect(
      run.errors == ["side-by-side: cannot write to standard output: No space left on device\n"])
    #expect(run.writes == 3)
    #expect(exitStatus(run.status, stoppedBy: nil, failure: run.failure) == 74)
  }

  @Test("a broken pipe: nothing on stderr, the run stops, exit 141")
  func brokenPipe() async {
    let run = await failing(EPIPE, failAt: 1)
    #expect(run.failure == .brokenPipe)
    #expect(run.errors.isEmpty)
    #expect(run.writes == 1)
    #expect(exitStatus(run.status, stoppedBy: nil, failure: run.failure) == 141)
  }

  @Test("a failure is read from the POSIX code, underneath or not")
  func failureFromError() {
    let underlying = NSError(domain: NSPOSIXErrorDomain, code: Int(EBADF))
    let wrapped = NSError(
      domain: NSCocoaErrorDomain, code: 512, userInfo: [NSUnderlyingErrorKey: underlying])
    #expect(WriteFailure(wrapped) == .failed(errno: EBADF))
    #expect(WriteFailure(NSError(domain: NSPOSIXErrorDomain, code: Int(EPIPE))) == .brokenPipe)
    #expect(WriteFailure(NSError(domain: "other", code: 1)) == .failed(errno: EIO))
    #expect(
      "\(WriteFailure.failed(errno: EBADF))"
        == "cannot write to standard output: Bad file descriptor")
  }
}

@Suite(
  "The timeline draws the Python lanes' waits as the Swift lanes'", .watchdog, .tags(.realTime))
struct PythonTimelineTests {
  @Test(
    "timeouts in Python: the holder's lock hold, main's lock wait and join are reported",
    .enabled(if: PythonColumn.interpreter() != nil, "python3 is not on PATH"))
  func activities() async throws {
    let run = try await PythonColumn.run(
      .timeouts, seed: 7, pace: try Pace(seconds: max(0.1, pythonPace.secondsPerBeat)),
      environment: await pythonEnvironment.value)
    let activities = run.transcript.activities
    func spans(_ lane: String, _ kind: Activity.Kind) -> [ClosedRange<Int>] {
      activities.filter { $0.lane == lane && $0.kind == kind }
        .map { ExampleClock.beat(of: $0.from)...ExampleClock.beat(of: $0.to) }
    }
    // The holder takes the lock at 0 and lets go at 3; main gives up waiting for it at 1, and
    // its join(timeout=1) on the holder waits from 1 to 2.
    #expect(spans("holder", .lockHold).contains(0...3), "\(activities)")
    #expect(spans(mainLane, .lockWait).contains(0...1), "\(activities)")
    #expect(spans(mainLane, .join).contains(1...2), "\(activities)")
    // "holder      ●════════●": the sleep holding the lock drawn as held, between its two lines.
    // A cell is a third of a beat: a loaded machine may start the sleep a cell after the first
    // line (seen once in 10 runs beside two busy loops), which leaves that cell blank.
    let picture = TimelineView.swimlane("holder", in: run.transcript, through: 4)
    let cells = picture.dropFirst("holder      ".count)
    #expect(cells.first == "●" && cells.last == "●", "\(picture)")
    #expect(cells.allSatisfy { "●═ ".contains($0) }, "\(picture)")
    #expect(cells.filter { $0 == "═" }.count >= 7, "sleeps holding the lock: \(picture)")
  }
}
