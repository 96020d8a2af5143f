import Foundation
import Testing
import ThreadsToTasksCore

@testable import ComparisonPages
@testable import SideBySideKit

/// A view that passes everything on to several views, as if each were the session's only one.
private final class Fanout: View {
  let views: [any View]
  init(_ views: [any View]) { self.views = views }
  func begin(_ example: ExampleID, seed: UInt64) {
    for view in views { view.begin(example, seed: seed) }
  }
  func record(_ event: Event, paradigm: Paradigm, clock: ExampleClock) {
    for view in views { view.record(event, paradigm: paradigm, clock: clock) }
  }
  func tick(throughBeat beat: Int) { for view in views { view.tick(throughBeat: beat) } }
  func end(_ result: ExampleResult) { for view in views { view.end(result) } }
}

/// What a view wrote, and the output it wrote it to.
private struct Capture {
  let text = Locked("")
  let output: Output
  init(width: Int?) {
    let text = self.text
    output = Output(
      width: width, write: { chunk in text.withLock { $0 += chunk } }, writeError: { _ in })
  }
  var lines: [String] { text.withLock { $0 }.components(separatedBy: "\n") }
}

/// A line as the views compare it: lane and line, blanks ignored (a terminal wraps at them).
private func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }

/// Every view that shows lines, fed like the session feeds its one view, and read back: each
/// paradigm's lines as the view shows them, top to bottom, as `lane + line` without blanks.
private struct ViewsUnderTest {
  let paradigms: [Paradigm]
  let columns: [(capture: Capture, view: ColumnsView)]
  let transcript: Capture
  let markdown: Capture
  let json: Capture
  let fanout: Fanout

  /// The views for `paradigms`, the columns view once per width (`nil`: a file).
  init(paradigms: [Paradigm], widths: [Int?] = [nil, 120, 60]) {
    self.paradigms = paradigms
    columns = widths.map { width in
      let capture = Capture(width: width)
      return (capture, ColumnsView(output: capture.output, paradigms: paradigms))
    }
    transcript = Capture(width: nil)
    markdown = Capture(width: nil)
    json = Capture(width: nil)
    fanout = Fanout(
      columns.map(\.view) + [
        TranscriptView(output: transcript.output),
        MarkdownView(output: markdown.output, stampsFrom: Date(timeIntervalSince1970: 0)),
        JSONLinesView(output: json.output),
      ])
  }

  /// Each paradigm's lines, read off every view, by the view's name.
  func readOff() -> [String: [Paradigm: [String]]] {
    var read: [String: [Paradigm: [String]]] = [:]
    for (capture, view) in columns {
      read["columns, width \(capture.output.width.map(String.init) ?? "none")"] = Self.columns(
        capture.lines, paradigms: paradigms, layout: view)
    }
    read["transcript"] = Self.transcript(transcript.lines, paradigms: paradigms)
    read["markdown"] = Self.markdown(markdown.lines, paradigms: paradigms)
    read["json"] = Self.json(json.lines)
    return read
  }

  /// The columns view: a row starts with its beat; side by side, its cells follow the lane,
  /// separated by `│`, continued on lines that start blank; stacked, a line per paradigm.
  static func columns(_ lines: [String], paradigms: [Paradigm], layout view: ColumnsView)
    -> [Paradigm: [String]]
  {
    var read: [Paradigm: [String]] = [:]
    let rowStart = /^ {0,3}\d+ [ ≠][ ]/
    let stackedLine = /^(?: {0,3}\d+| {4}) [ ≠] (thread|task|python) +(.*)$/
    var open: [Paradigm: String] = [:]  // the cells of the row being read
    var lane = ""
    var stackedParadigm: Paradigm?
    func close() {
      for (paradigm, cell) in open where squeezed(cell) != "—" {
        read[paradigm, default: []].append(squeezed(lane + cell))
      }
      open = [:]
    }
    for line in lines {
      if let match = line.wholeMatch(of: stackedLine), paradigms.count > 1,
        !line.contains(" │ ")
      {
        if line.prefix(4).contains(where: \.isNumber) { close() }
        let paradigm = Paradigm(rawValue: String(match.1))!
        stackedParadigm = paradigm
        let rest = String(match.2)
        let laneEnd = rest.firstIndex(of: " ") ?? rest.endIndex
        lane = String(rest[..<laneEnd])
        let text = String(rest[laneEnd...])
        open[paradigm] = text
        if squeezed(text) == "—" { open[paradigm] = "—" }
      } else if line.prefixMatch(of: rowStart) != nil {
        close()
        stackedParadigm = nil
        let body = String(line.dropFirst(7))
        let laneEnd = body.firstIndex(of: " ") ?? body.endIndex
        lane = String(body[..<laneEnd])
        let cells = String(body[laneEnd...]).split(separator: "│", omittingEmptySubsequences: false)
          .map(String.init)
        for (paradigm, cell) in zip(paradigms, cells) { open[paradigm] = cell }
      } else if line.hasPrefix("    "), !open.isEmpty {
        if let paradigm = stackedParadigm {
          open[paradigm, default: ""] += line
        } else {
          let cells = String(line.dropFirst(7)).split(
            separator: "│", omittingEmptySubsequences: false
          ).map(String.init)
          for (paradigm, cell) in zip(paradigms, cells) { open[paradigm, default: ""] += cell }
        }
      } else {
        close()
        stackedParadigm = nil
      }
    }
    close()
    return read
  }

  /// The transcript: under each paradigm's heading, its lines, until the verdict.
  static func transcript(_ lines: [String], paradigms: [Paradigm]) -> [Paradigm: [String]] {
    var read: [Paradigm: [String]] = [:]
    var current: Paradigm?
    for line in lines {
      if line.hasPrefix("── "), let name = line.split(separator: " ").last {
        current = Paradigm(rawValue: String(name))
      } else if line.isEmpty || line.contains(": NOT equivalent")
        || line.hasSuffix(")") && line.contains("(seed ")
      {
        current = nil
      } else if let current {
        read[current, default: []].append(squeezed(line))
      }
    }
    return read
  }

  /// The Markdown table: `| beat | cell | … | mark |`, a cell "`lane` line" or `—`.
  static func markdown(_ lines: [String], paradigms: [Paradigm]) -> [Paradigm: [String]] {
    var read: [Paradigm: [String]] = [:]
    for line in lines where isBeatRow(line) {
      let cells = line.components(separatedBy: " | ").dropFirst().prefix(paradigms.count)
      for (paradigm, cell) in zip(paradigms, cells) where cell != "—" {
        read[paradigm, default: []].append(
          squeezed(
            cell.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "\\|", with: "|"))
        )
      }
    }
    return read
  }

  /// JSON Lines: the event objects, in the order written.
  static func json(_ lines: [String]) -> [Paradigm: [String]] {
    var read: [Paradigm: [String]] = [:]
    for line in lines where !line.isEmpty {
      guard
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let name = object["paradigm"] as? String, let paradigm = Paradigm(rawValue: name),
        let lane = object["lane"] as? String, let text = object["text"] as? String
      else { continue }
      read[paradigm, default: []].append(squeezed(lane + text))
    }
    return read
  }
}

/// What each view must show for `transcript`'s lines, read the way `readOff` reads them.
private func expected(_ transcript: Transcript, view: String) -> [String] {
  transcript.events.map { event in
    switch view {
    case "json": squeezed(event.lane + event.line)
    case "transcript": squeezed(event.line)  // as the notebook prints it: no lane
    case "markdown":
      squeezed(
        event.lane
          + MarkdownView(
            output: Output(write: { _ in }, writeError: { _ in }),
            stampsFrom: Date(timeIntervalSince1970: 0)
          )
          .shown(event))
    default: squeezed(event.lane + ColumnsView.text(event))
    }
  }
}

/// A made-up run of `example` by `paradigm`: the expected lines of each lane, the lanes
/// interleaved at random within a beat, and some lines dropped, a beat late, or recorded a beat
/// after the next one — each a way paradigms really differ.
private func madeUpRun(
  _ example: ExampleID, _ paradigm: Paradigm, seed: UInt64
) -> (transcript: Transcript, arrivals: [Int]) {
  var random = SeededRandom(seed: seed &* 31 &+ UInt64(Paradigm.allCases.firstIndex(of: paradigm)!))
  var lanes = example.example.expectedOrderings(seed: seed, paradigm: paradigm)[0].lanes
    .mapValues { $0[...] }
  var events: [Event] = []
  var arrivals: [Int] = []
  let start = Date(timeIntervalSince1970: 1_000_000)
  while let beat = lanes.values.compactMap(\.first?.beat).min() {
    let ready = lanes.filter { $0.value.first?.beat == beat }.keys.sorted()
    let lane = ready[random.randint(0, ready.count - 1)]
    var shape = lanes[lane]!.removeFirst()
    switch random.randint(0, 19) {
    case 0: continue  // a line missing
    case 1: shape.beat += 1  // a line a beat late
    case 2: shape.text += " (reworded)"
    default: break
    }
    let elapsed = Double(shape.beat) + Double(random.randint(0, 89)) / 100
    events.append(
      Event(
        lane: lane, text: shape.text,
        stamp: shape.isStamped ? NotebookText.ctime(start + elapsed) : nil, elapsed: elapsed,
        sequence: events.count))
    // Recorded before the tick of its beat, never before the line before it; now and then a
    // tick earlier (its run's clock started well before the last one's, which the ticks
    // follow), or a tick later (Python's lines reach the view through a pipe).
    let drift = [-1, 1, 0, 0, 0, 0, 0, 0][random.randint(0, 7)]
    let arrival = max(shape.beat + drift, arrivals.last ?? 0, 0)
    arrivals.append(arrival)
  }
  return (
    Transcript(example: example, paradigm: paradigm, seed: seed, startDate: start, events: events),
    arrivals
  )
}

/// Feeds `views` the runs as the session would: each event as recorded, in each paradigm's
/// order, a tick after every beat, then the result.
private func feed(_ runs: [(transcript: Transcript, arrivals: [Int])], to view: any View) {
  let example = runs[0].transcript.example
  let seed = runs[0].transcript.seed
  view.begin(example, seed: seed)
  let clock = ExampleClock(pace: .test)
  var next = runs.map { _ in 0 }
  for beat in 0...(runs.flatMap(\.arrivals).max() ?? 0) {
    // Paradigms take turns, a line at a time, as their threads would.
    var progressed = true
    while progressed {
      progressed = false
      for (index, run) in runs.enumerated()
      where next[index] < run.arrivals.count && run.arrivals[next[index]] <= beat {
        view.record(
          run.transcript.events[next[index]], paradigm: run.transcript.paradigm, clock: clock)
        next[index] += 1
        progressed = true
      }
    }
    view.tick(throughBeat: beat)
  }
  view.end(
    ExampleResult(example: example, seed: seed, transcripts: runs.map(\.transcript)))
}

@Suite("Every view shows each paradigm's lines in the order it printed them", .watchdog)
struct AlignmentTests {
  @Test(
    "made-up runs of every example, paradigm and a few seeds: each column read off each view is its paradigm's recorded order",
    arguments: ExampleID.allCases)
  func everyView(example: ExampleID) {
    for seed: UInt64 in [1, 42] {
      for paradigms in [Paradigm.allCases, [.thread, .task], [.python]] {
        let runs = paradigms.map { madeUpRun(example, $0, seed: seed) }
        // Terminal widths (side by side at 120, stacked at 60) for the three paradigms of one
        // seed: wrapping is the slow part.
        let wide = seed == 1 && paradigms.count == 3
        let views = ViewsUnderTest(paradigms: paradigms, widths: wide ? [nil, 120, 60] : [nil])
        feed(runs, to: views.fanout)
        for (view, columns) in views.readOff() {
          for run in runs {
            let paradigm = run.transcript.paradigm
            #expect(
              columns[paradigm] ?? [] == expected(run.transcript, view: view),
              "\(example) seed \(seed), \(paradigm) in \(view)")
          }
        }
      }
    }
  }

  @Test("a real run of the examples with lines of one beat in several lanes, read off every view")
  func realRuns() async {
    let examples: [ExampleID] = [
      ExampleID("threading-module"), ExampleID("simple-threading"), ExampleID("producer-consumer"),
    ]
    let options = {
      var options = Options()
      options.pace = testPace
      return options
    }()
    await withTaskGroup { group in
      for example in examples {
        group.addTask {
          let views = ViewsUnderTest(paradigms: options.members)
          let output = Output(write: { _ in }, writeError: { _ in })
          let (ran, _) = await run(
            example, seed: 7, options: options, view: views.fanout, output: output)
          guard let result = ran else {
            Issue.record("\(example): no result")
            return
          }
          for (view, columns) in views.readOff() {
            for transcript in result.transcripts {
              #expect(
                columns[transcript.paradigm] ?? [] == expected(transcript, view: view),
                "\(example), \(transcript.paradigm) in \(view)")
            }
          }
        }
      }
    }
  }

  @Test("live columns: a line recorded before one of an earlier beat stays above it")
  func recordedBeforeAnEarlierBeat() {
    // Its run's clock started before the last one's, which the ticks follow; or two threads
    // read the clock, then took the recorder's lock the other way round.
    let capture = Capture(width: nil)
    let view = ColumnsView(output: capture.output, paradigms: [.thread, .task])
    let clock = ExampleClock(pace: .test)
    view.begin(.simpleThreading, seed: 7)
    let late = Event(lane: "thread1", text: "Exiting thread1", elapsed: 1.0, sequence: 0)
    let early = Event(lane: "thread2", text: "Exiting thread2", elapsed: 0.99, sequence: 1)
    view.record(late, paradigm: .thread, clock: clock)
    view.record(early, paradigm: .thread, clock: clock)
    view.tick(throughBeat: 0)
    view.tick(throughBeat: 1)
    let shown = ViewsUnderTest.columns(capture.lines, paradigms: [.thread, .task], layout: view)
    #expect(shown[.thread] == ["thread1Exitingthread1", "thread2Exitingthread2"])
  }

  @Test("rows: matching lines side by side where the orders allow, each column in its order")
  func align() {
    func event(_ lane: String, _ text: String, _ beat: Int, _ sequence: Int) -> Event {
      Event(lane: lane, text: text, elapsed: Double(beat) + 0.5, sequence: sequence)
    }
    // Thread: Done after `wait thread2`; task: the other way round. Only one pair can match.
    let thread = [
      event("main", "a", 0, 0), event("w", "b", 1, 1), event("main", "wait", 2, 2),
      event("main", "Done", 2, 3),
    ]
    let task = [
      event("main", "a", 0, 0), event("main", "Done", 2, 1), event("main", "wait", 2, 2),
      event("w", "x", 2, 3),
    ]
    let rows = Row.align([.thread: thread, .task: task], paradigms: [.thread, .task])
    let shown = rows.map { row in [Paradigm.thread, .task].map { row.cells[$0]?.text ?? "—" } }
    #expect(
      shown == [
        ["a", "a"], ["b", "—"], ["wait", "—"], ["Done", "Done"], ["—", "wait"], ["—", "x"],
      ]
        || shown == [
          ["a", "a"], ["b", "—"], ["—", "Done"], ["wait", "wait"], ["Done", "—"], ["—", "x"],
        ], "\(shown)")
    #expect(rows.map(\.beat) == [0, 1, 2, 2, 2, 2])
    // A paradigm alone: a row per line, in its order.
    let one = Row.align([.task: task], paradigms: [.task])
    #expect(one.map { $0.cells[.task]!.text } == ["a", "Done", "wait", "x"])
  }

  @Test("the pages' runs keep recorded order: what the programs guarantee reads top to bottom")
  func pages() throws {
    let pages = ComparisonPages(root: packageRoot)
    for (page, above, below) in [
      ("03-simple-threading.md", "`MainThread` wait thread2", "`MainThread` Done"),
      (
        "05-producer-consumer.md", "`consumer` got the sentinel", "`MainThread` all items processed"
      ),
      ("05-producer-consumer.md", "`consumer` processed 4", "`consumer` got the sentinel"),
    ] {
      let rows = try pages.read("Comparisons/" + page).split(separator: "\n")
        .filter { $0.hasPrefix("| ") }
      let first = try #require(rows.firstIndex { $0.contains(above) })
      let second = try #require(rows.firstIndex { $0.contains(below) })
      #expect(first < second, "\(page): \(above) above \(below)")
    }
    let threadingModule = try pages.read("Comparisons/02-threading-module.md")
      .split(separator: "\n").filter { $0.prefixMatch(of: /\| \d+ \|/) != nil }
    #expect(threadingModule.first?.contains("current thread: MainThread") == true)
  }

  @Test("a page notes that the order may vary when a column's lines came in another order")
  func reordered() {
    let run = "| 0 | `a` x | `a` x |  |\n| 0 | `b` y | `b` y |  |"
    let swapped = "| 0 | `b` y | `b` y |  |\n| 0 | `a` x | `a` x |  |"
    let repaired = "| 0 | `a` x | — | ≠ |\n| 0 | `b` y | `b` y |  |\n| 0 | — | `a` x | ≠ |"
    let other = "| 0 | `a` x | `a` x |  |\n| 0 | `b` z | `b` z |  |"
    #expect(ComparisonPages.reordered(run, swapped))
    #expect(ComparisonPages.reordered(run, repaired))  // the task column: x, y became y, x
    #expect(!ComparisonPages.reordered(run, run))
    #expect(!ComparisonPages.reordered(run, other))  // other lines: not a matter of order
  }
}

@Suite("What the views say besides the lines", .watchdog)
struct ViewWordsTests {
  @Test("every finding is in the verdict, and one paradigm alone is judged in the README's words")
  func verdict() {
    let output = Output(width: 60, write: { _ in }, writeError: { _ in })
    let right = expectedTranscript(.simpleThreading, .task)
    let alone = ExampleResult(example: .simpleThreading, seed: 7, transcripts: [right])
    #expect(output.verdictLine(alone) == "simple-threading: equivalent (seed 7)")
    let wrong = right.editing { events in
      events.removeAll { $0.text.hasPrefix("Exiting") }
    }
    let result = ExampleResult(example: .simpleThreading, seed: 7, transcripts: [wrong])
    #expect(result.verdict.differences.count > 1)
    let line = output.verdictLine(result)
    for finding in result.verdict.differences { #expect(line.contains(finding), "\(finding)") }
    #expect(!line.contains("more)"))
    let words = output.wrapped(line).joined(separator: " ")
    #expect(words.hasPrefix("simple-threading: NOT equivalent: "))
  }

  @Test("the live timeline ends cleanly when every beat was drawn already, or only late lines wait")
  func timelineEndsWithNothingNew() {
    // On a loaded machine the ticker can draw through the last beat before the run's end: the
    // end then had no beat left to draw, and trapped on a range from the next beat to the one
    // before it (3 of 10 suite runs beside two busy loops).
    let capture = Capture(width: 80)
    let view = TimelineView(output: capture.output, paradigms: [.thread])
    let clock = ExampleClock(pace: .test)
    view.begin(.startNewThread, seed: 7)
    view.record(
      Event(lane: mainLane, text: "on time", elapsed: 0, sequence: 0), paradigm: .thread,
      clock: clock)
    view.tick(throughBeat: 2)
    view.tick(throughBeat: .max)  // what `end` does first: nothing is pending
    // A line that reaches the view after its beat's row: one row again for that beat, no more.
    view.record(
      Event(lane: mainLane, text: "late", elapsed: 1, sequence: 1), paradigm: .thread,
      clock: clock)
    view.tick(throughBeat: .max)
    let rows = capture.lines.compactMap { line in
      line.split(separator: " ").first.flatMap { Int($0) }
    }
    #expect(rows == [0, 1, 2, 1], "\(capture.lines)")
  }

  @Test("an unnamed lane says where its name comes from, once, where it first appears")
  func unnamedLane() {
    let capture = Capture(width: nil)
    let view = ColumnsView(output: capture.output, paradigms: [.thread])
    let clock = ExampleClock(pace: .test)
    view.begin(.startNewThread, seed: 7)
    for (index, lane) in ["MainThread", "Dummy-1", "Dummy-1", "MainThread"].enumerated() {
      view.record(
        Event(lane: lane, text: "line \(index)", elapsed: Double(index), sequence: index),
        paradigm: .thread, clock: clock)
    }
    view.tick(throughBeat: 10)
    let lines = capture.lines
    let notes = lines.indices.filter { lines[$0].contains("Dummy-1: the name Python's threading") }
    #expect(notes.count == 1)
    let first = lines.firstIndex { $0.contains("Dummy-1") && $0.contains("line 1") }
    #expect(notes.first.map { $0 + 1 } == first, "\(lines)")
  }

  @Test("the timeline's legend names the marks its picture draws, no others")
  func legend() {
    #expect(TimelineView.legend(of: ["●", "─", " "]) == "● prints  ─ sleeps")
    #expect(TimelineView.legend(of: ["░", "●"]) == "● prints  ░ waits for the lock")
  }

  @Test("the Python column's title is the notebook's code only where the notebook has the example")
  func pythonTitle() {
    #expect(Paradigm.python.columnTitle(.simpleThreading) == "python (the notebook's code)")
    for example in ExampleID.allCases where example.example.group != .notebook {
      #expect(!Paradigm.python.columnTitle(example).contains("notebook's code"))
    }
  }
}

/// Whether `line` is a row of a Markdown run table: `| 12 | …`. A plain test, not a regex: a
/// regex literal is parsed anew each time it is evaluated, which, once per line, was half the
/// time the views' tests took.
func isBeatRow(_ line: some StringProtocol) -> Bool {
  guard line.hasPrefix("| ") else { return false }
  let rest = line.dropFirst(2)
  let digits = rest.prefix { $0.isASCII && $0.isNumber }
  return !digits.isEmpty && rest.dropFirst(digits.count).hasPrefix(" | ")
}
