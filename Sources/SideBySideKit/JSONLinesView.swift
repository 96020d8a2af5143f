import Foundation
import ThreadsToTasksCore

/// JSON Lines: one object per event as it happens, then one summary object per example.
///
/// Events: `{"example", "paradigm", "lane", "text", "beat", "elapsed"}` (elapsed in notebook
/// seconds; text as printed). Summaries: `{"example", "equivalent", "seed"}`. Written by hand so
/// the keys keep this order.
final class JSONLinesView: View {
  private let output: Output
  private let current = Locked<ExampleID?>(nil)

  init(output: Output) { self.output = output }

  func begin(_ example: ExampleID, seed: UInt64) {
    current.withLock { $0 = example }
  }

  func record(_ event: Event, paradigm: Paradigm, clock: ExampleClock) {
    guard let example = current.withLock({ $0 }) else { return }
    let elapsed = (event.elapsed * 10_000).rounded() / 10_000
    output.line(
      "{\"example\": \(Self.string(example.rawValue)), \"paradigm\": \(Self.string(paradigm.rawValue)), "
        + "\"lane\": \(Self.string(event.lane)), "
        + "\"text\": \(Self.string(Transcript.line(event, startDate: clock.startDate))), "
        + "\"beat\": \(event.beat), \"elapsed\": \(elapsed)}")
  }

  func end(_ result: ExampleResult) {
    output.line(
      "{\"example\": \(Self.string(result.example.rawValue)), "
        + "\"equivalent\": \(result.verdict.isEquivalent), \"seed\": \(result.seed)}")
  }

  /// A JSON string literal.
  static func string(_ text: String) -> String {
    var quoted = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": quoted += "\\\""
      case "\\": quoted += "\\\\"
      case "\n": quoted += "\\n"
      case "\t": quoted += "\\t"
      case "\r": quoted += "\\r"
      case let control where control.value < 0x20:
        quoted +=
          "\\u"
          + String(control.value, radix: 16).leftPadded(to: 4).replacingOccurrences(
            of: " ", with: "0")
      default: quoted.unicodeScalars.append(scalar)
      }
    }
    return quoted + "\""
  }
}
