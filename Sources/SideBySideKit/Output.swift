import Foundation
import ThreadsToTasksCore

/// Why writing to standard output failed. The first failure stops the run (see `Output`).
public enum WriteFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// The reader has gone (EPIPE): `side-by-side | head -1` has read what it wanted.
  case brokenPipe
  /// Any other error, by its `errno`: ENOSPC on `/dev/full`, EBADF when standard output is closed.
  case failed(errno: Int32)

  /// The error's `errno` value.
  public var errno: Int32 {
    switch self {
    case .brokenPipe: EPIPE
    case .failed(let errno): errno
    }
  }

  /// `"cannot write to standard output: No space left on device"`.
  public var description: String {
    "cannot write to standard output: \(String(cString: strerror(errno)))"
  }

  /// The exit status a run that met this failure ends with.
  ///
  /// - A broken pipe ends the run quietly with 141 (128 + SIGPIPE), the status a shell reports for
  ///   `yes | head -1`'s writer: pipelines treat it as usual, and `set -o pipefail` can still tell
  ///   the run did not finish. Not 0, which means "all equivalent", which no one saw.
  /// - Any other failure is 74 (`EX_IOERR`), after one line on standard error.
  public var exitStatus: Int32 {
    self == .brokenPipe ? 128 + SIGPIPE : 74
  }

  /// The failure `error` describes, from its POSIX code (EIO when it has none).
  public init(_ error: any Error) {
    let code = Self.posixCode(of: error as NSError) ?? EIO
    self = code == EPIPE ? .brokenPipe : .failed(errno: code)
  }

  private static func posixCode(of error: NSError) -> Int32? {
    if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
      return posixCode(of: underlying)
    }
    return nil
  }
}

/// Where `side-by-side` writes, and what it knows about the terminal it writes to.
///
/// Every write goes through one place, which handles failure: the first write to standard output
/// that fails is recorded as `failure`, says so in one line on standard error (unless the pipe was
/// merely closed by its reader), runs the `whenFailed` handlers — the executable cancels the run
/// there — and makes every later write, to either stream, do nothing: the run ends quietly.
public struct Output: Sendable {
  /// Writes text to standard output (or a test's buffer), whole, in call order.
  public let write: @Sendable (String) -> Void
  /// Writes text to standard error. A failure there is ignored: there is nowhere left to say so.
  public let writeError: @Sendable (String) -> Void
  /// Columns available on a terminal (40 or more); `nil` when writing to a file or a pipe, which
  /// have no width: nothing is cut or wrapped there.
  public let width: Int?
  /// Whether to colour the output: only on a terminal, not `TERM=dumb`, and when `NO_COLOR` is unset.
  public let colour: Bool
  private let state: State
  private let queue: WriteQueue?

  /// An output with writers that cannot fail, and the given terminal facts.
  public init(
    width: Int? = 80, colour: Bool = false, write: @escaping @Sendable (String) -> Void,
    writeError: @escaping @Sendable (String) -> Void
  ) {
    self.init(
      width: width, colour: colour, writing: { write($0) }, writingError: { writeError($0) })
  }

  /// An output whose writers may throw; a throw from `writing` is a `WriteFailure`, from
  /// `writingError` it is ignored. With `inBackground`, every write — to either stream, in call
  /// order — is queued and done on a thread of the output's own (see `standard(environment:)`).
  public init(
    width: Int? = 80, colour: Bool = false, inBackground: Bool = false,
    writing: @escaping @Sendable (String) throws -> Void,
    writingError: @escaping @Sendable (String) throws -> Void
  ) {
    let state = State()
    let queue = inBackground ? WriteQueue() : nil
    self.state = state
    self.queue = queue
    self.width = width
    self.colour = colour
    guard let queue else {
      self.write = { text in state.deliver(text, with: writing, reportingTo: writingError) }
      self.writeError = { text in state.deliverError(text, with: writingError) }
      return
    }
    self.write = { text in
      queue.enqueue(text.utf8.count) {
        state.deliver(text, with: writing, reportingTo: writingError)
      }
    }
    self.writeError = { text in
      queue.enqueue(text.utf8.count) { state.deliverError(text, with: writingError) }
    }
  }

  /// Waits until every write asked for so far is done (or has failed): call it before reading
  /// `failure` at the end of a run, and before the process exits. Returns at once for an output
  /// that writes as it is asked. (A reader that never reads again keeps it waiting: a second
  /// stopping signal then ends the process, as ever.)
  public func flush() { queue?.drain() }

  /// Why writing to standard output failed, once it has; `nil` while every write has succeeded.
  public var failure: WriteFailure? { state.failure }

  /// Runs `handler` once, when a write to standard output first fails — at once if one has.
  public func whenFailed(_ handler: @escaping @Sendable () -> Void) {
    state.whenFailed(handler)
  }

  /// The widths `COLUMNS` or the terminal may set: narrower than 40, rows stop making sense;
  /// wider than 500, a mistaken `COLUMNS=100000000` pads every row to hundreds of megabytes.
  public static let widths = 40...500

  /// Standard output and error of this process, written on a thread of their own.
  ///
  /// The caller never waits for the reader: a write is queued (in call order, both streams in
  /// one queue) and returns, so a reader that stalls — a full pipe, `| less` — slows the output,
  /// never the examples, whose threads print through the views. Only once `queueBound` bytes wait
  /// does a writer wait for room (a whole `--all --format json` run writes far less). A write that
  /// meets EAGAIN (a non-blocking descriptor and a slow reader) waits until the descriptor takes
  /// more, and a short write goes on with the rest: nothing is lost. Call `flush()` before exit.
  ///
  /// The width comes from `COLUMNS` (kept within `widths`; a value that is not a number of columns
  /// from 1 to 10,000 is ignored), else from the terminal, else 80. Without `COLUMNS`, output to a
  /// file or a pipe has no width. Colour only on a terminal, unless `NO_COLOR` is set or
  /// `TERM=dumb`.
  ///
  /// Call it before anything opens a file: if standard output or error is closed, its descriptor
  /// is taken by `/dev/null` here, so no file opened later writes there by mistake; a closed
  /// standard output then fails every write with EBADF, as a write to it would.
  public static func standard(environment: [String: String]) -> Output {
    let outputIsClosed = claimIfClosed(STDOUT_FILENO)
    _ = claimIfClosed(STDERR_FILENO)
    let isTerminal = !outputIsClosed && isatty(STDOUT_FILENO) != 0
    return Output(
      width: width(columns: environment["COLUMNS"], terminal: isTerminal ? terminalWidth() : nil),
      colour: colour(isTerminal: isTerminal, environment: environment), inBackground: true,
      writing: { text in
        if outputIsClosed { throw NSError(domain: NSPOSIXErrorDomain, code: Int(EBADF)) }
        try writeWhole(text, to: STDOUT_FILENO)
      },
      writingError: { text in try writeWhole(text, to: STDERR_FILENO) })
  }

  /// How many bytes may wait to be written before a writer waits for room: 8 MiB.
  public static let queueBound = 8 << 20

  /// Writes all of `text` to `descriptor`: again after a signal (EINTR) or a short write, and
  /// after waiting for room when the descriptor is non-blocking and full (EAGAIN).
  /// - Throws: an `NSPOSIXErrorDomain` error with the `errno` of any other failure.
  static func writeWhole(_ text: String, to descriptor: Int32) throws {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
      if count >= 0 {
        bytes = bytes.dropFirst(count)
        continue
      }
      let code = errno
      switch code {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK:
        var wanted = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        _ = poll(&wanted, 1, -1)
      default: throw NSError(domain: NSPOSIXErrorDomain, code: Int(code))
      }
    }
  }

  /// The width to lay out in: `COLUMNS` if it is a sensible number, else the terminal's width, else
  /// none (not a terminal); kept within `widths`.
  public static func width(columns: String?, terminal: Int?) -> Int? {
    let asked = columns.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    let chosen = asked.flatMap { (1...10_000).contains($0) ? $0 : nil } ?? terminal
    return chosen.map { min(max($0, widths.lowerBound), widths.upperBound) }
  }

  /// Whether to colour: only on a terminal, and neither `NO_COLOR` set nor `TERM=dumb`.
  static func colour(isTerminal: Bool, environment: [String: String]) -> Bool {
    isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
  }

  private static func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  /// Whether `descriptor` is closed; if so, `/dev/null` takes its number.
  private static func claimIfClosed(_ descriptor: Int32) -> Bool {
    guard fcntl(descriptor, F_GETFD) == -1 && errno == EBADF else { return false }
    let null = open("/dev/null", O_RDWR)
    if null >= 0 && null != descriptor {
      dup2(null, descriptor)
      close(null)
    }
    return true
  }

  /// Writes `text` and a newline.
  func line(_ text: String = "") { write(text + "\n") }

  /// Writes `text` as one or more lines: wrapped to the terminal's width (see `wrapped`).
  public func wrappedLine(_ text: String) {
    for line in wrapped(text) { self.line(line) }
  }

  /// `text` broken into lines no wider than `width`, at spaces where it can, continuation lines
  /// indented by two; colour codes take no room. As is when there is no width.
  public func wrapped(_ text: String) -> [String] {
    guard let width else { return [text] }
    return text.wrapped(to: width, indent: 2)
  }

  /// `text` in the ANSI colour `code` when colouring, else as is.
  func paint(_ text: String, _ code: Colour) -> String {
    colour ? "\u{1B}[\(code.rawValue)m\(text)\u{1B}[0m" : text
  }

  /// The ANSI colours used.
  enum Colour: String {
    case red = "31"
    case green = "32"
    case dim = "2"
    case bold = "1"
  }

  /// The writes waiting for the output's own thread, and that thread, which runs each in turn.
  private final class WriteQueue: @unchecked Sendable {  // safe: every field under `condition`
    private let condition = NSCondition()
    private var waiting: [(bytes: Int, work: @Sendable () -> Void)] = []
    private var queued = 0
    private var busy = false

    /// Starts the thread at once: not on an example's thread at its first line.
    init() {
      let thread = Thread { [self] in run() }
      thread.name = "side-by-side output"
      thread.start()
    }

    func enqueue(_ bytes: Int, _ work: @escaping @Sendable () -> Void) {
      condition.withLock {
        while queued > 0 && queued + bytes > Output.queueBound { condition.wait() }
        waiting.append((bytes, work))
        queued += bytes
        condition.broadcast()
      }
    }

    private func run() {
      while true {
        let next = condition.withLock {
          while waiting.isEmpty { condition.wait() }
          busy = true
          return waiting.removeFirst()
        }
        next.work()
        condition.withLock {
          queued -= next.bytes
          busy = false
          condition.broadcast()
        }
      }
    }

    func drain() {
      condition.withLock {
        while (!waiting.isEmpty || busy) { condition.wait() }
      }
    }
  }

  /// The one place writes go through, and what it remembers: the first failure, and who to tell.
  private final class State: Sendable {
    private let guarded = Locked<(failure: WriteFailure?, handlers: [@Sendable () -> Void])>(
      (nil, []))

    var failure: WriteFailure? { guarded.withLock { $0.failure } }

    func deliver(
      _ text: String, with writing: @Sendable (String) throws -> Void,
      reportingTo writingError: @Sendable (String) throws -> Void
    ) {
      let handlers = guarded.withLock { state -> [@Sendable () -> Void] in
        guard state.failure == nil else { return [] }
        do {
          try writing(text)
          return []
        } catch {
          let failure = WriteFailure(error)
          state.failure = failure
          if failure != .brokenPipe { try? writingError("side-by-side: \(failure)\n") }
          defer { state.handlers = [] }
          return state.handlers
        }
      }
      for handler in handlers { handler() }
    }

    func deliverError(_ text: String, with writingError: @Sendable (String) throws -> Void) {
      guarded.withLock { state in
        if state.failure == nil { try? writingError(text) }
      }
    }

    func whenFailed(_ handler: @escaping @Sendable () -> Void) {
      let failed = guarded.withLock { state in
        if state.failure == nil { state.handlers.append(handler) }
        return state.failure != nil
      }
      if failed { handler() }
    }
  }
}

extension String {
  /// The text in lines of at most `width` visible characters, broken at the last space that fits
  /// (mid-word only when a word is longer than a line); lines after the first start with `indent`
  /// spaces. ANSI colour codes count as no width and are never split.
  func wrapped(to width: Int, indent: Int = 0) -> [String] {
    guard visibleCount > width else { return [self] }
    let indent = min(indent, width / 2)
    let margin = String(repeating: " ", count: indent)
    // Each piece is one visible character or one colour code (no width).
    var pieces: [(text: Substring, visible: Bool)] = []
    var rest = self[...]
    while let first = rest.first {
      if first == "\u{1B}", let code = rest.prefixMatch(of: /\x1B\[[0-9;]*m/) {
        pieces.append((code.output, false))
        rest = rest[code.range.upperBound...]
      } else {
        pieces.append((rest.prefix(1), true))
        rest = rest.dropFirst()
      }
    }
    var lines: [String] = []
    var line: [(text: Substring, visible: Bool)] = []
    var lineWidth = 0
    var lastSpace: Int?  // index in `line` of the last space after some text
    func flush(_ pieces: ArraySlice<(text: Substring, visible: Bool)>) {
      lines.append((lines.isEmpty ? "" : margin) + pieces.map(\.text).joined())
    }
    for piece in pieces {
      if piece.visible && lineWidth == width - (lines.isEmpty ? 0 : indent) {
        if piece.text == " " {
          flush(line[...])
          (line, lineWidth, lastSpace) = ([], 0, nil)
          continue
        }
        if let space = lastSpace {
          flush(line[..<space])
          line = Array(line[(space + 1)...])
        } else {
          flush(line[...])
          line = []
        }
        lineWidth = line.filter(\.visible).count
        lastSpace = nil
      }
      if piece.visible && piece.text == " " && lineWidth > 0 { lastSpace = line.count }
      line.append(piece)
      if piece.visible { lineWidth += 1 }
    }
    if lineWidth > 0 || lines.isEmpty {
      flush(line[...])
    } else {
      lines[lines.count - 1] += line.map(\.text).joined()  // colour codes after the last break
    }
    return lines
  }
}
