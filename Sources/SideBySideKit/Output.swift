import Foundation
import ThreadsToTasksCore

/// Where `side-by-side` writes, and what it knows about the terminal it writes to.
public struct Output: Sendable {
  /// Writes text to standard output (or a test's buffer), whole, in call order.
  public let write: @Sendable (String) -> Void
  /// Writes text to standard error.
  public let writeError: @Sendable (String) -> Void
  /// Columns available; 80 when unknown.
  public let width: Int
  /// Whether to colour the output: only on a terminal, and only when `NO_COLOR` is unset.
  public let colour: Bool

  /// An output with the given writers and terminal facts.
  public init(
    width: Int = 80, colour: Bool = false, write: @escaping @Sendable (String) -> Void,
    writeError: @escaping @Sendable (String) -> Void
  ) {
    self.width = width
    self.colour = colour
    self.write = write
    self.writeError = writeError
  }

  /// Standard output and error of this process. The width comes from `COLUMNS`, else from the
  /// terminal, else 80.
  public static func standard(environment: [String: String]) -> Output {
    let lock = Locked(())
    let isTerminal = isatty(STDOUT_FILENO) != 0
    var width = 80
    if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
      width = columns
    } else if isTerminal {
      var size = winsize()
      if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
        width = Int(size.ws_col)
      }
    }
    return Output(
      width: width, colour: isTerminal && environment["NO_COLOR"] == nil,
      write: { text in lock.withLock { _ in FileHandle.standardOutput.write(Data(text.utf8)) } },
      writeError: { text in
        lock.withLock { _ in FileHandle.standardError.write(Data(text.utf8)) }
      })
  }

  /// Writes `text` and a newline.
  func line(_ text: String = "") { write(text + "\n") }

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
}
