import Foundation
import ThreadsToTasksCore

/// JSON Lines: one object per event as it happens, then one summary object per example.
///
/// Events: `{"example", "paradigm", "lane", "text", "beat", "elapsed"}` (elapsed in notebook
/// seconds; text as printed). Summaries: `{"example", "verdict", "equivalent", "interrupted",
/// "judged_before_beat", "checks": [{"name", "holds", "findings"}], "choices", "lateness",
/// "declared", "seed"}` — `verdict` is one of the kinds of `Verdict.Kind`. Written by hand so the keys keep
/// this order.
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
        + "\"text\": \(Self.string(event.line)), "
        + "\"beat\": \(event.beat), \"elapsed\": \(elapsed)}")
  }

  func end(_ result: ExampleResult) {
    let verdict = result.verdict
    let checks = verdict.checks.map { check in
      "{\"name\": \(Self.string(check.name)), \"holds\": \(check.holds), \"findings\": ["
        + (check.violations + check.differences).map(Self.string).joined(separator: ", ") + "]}"
    }
    let choices = verdict.choices.sorted { $0.key.rawValue < $1.key.rawValue }.map {
      "\(Self.string($0.key.rawValue)): \(Self.string($0.value))"
    }
    let lateness = verdict.lateness.sorted { $0.key.rawValue < $1.key.rawValue }.map {
      "\(Self.string($0.key.rawValue)): \(($0.value * 1000).rounded() / 1000)"
    }
    output.line(
      "{\"example\": \(Self.string(result.example.rawValue)), "
        + "\"verdict\": \(Self.string(verdict.kind.rawValue)), "
        + "\"equivalent\": \(verdict.isEquivalent), \"interrupted\": \(result.wasStopped), "
        + "\"judged_before_beat\": \(verdict.judgedBefore.map(String.init) ?? "null"), "
        + "\"checks\": [\(checks.joined(separator: ", "))], "
        + "\"choices\": {\(choices.joined(separator: ", "))}, "
        + "\"lateness\": {\(lateness.joined(separator: ", "))}, "
        + "\"declared\": [\(verdict.declared.map(Self.string).joined(separator: ", "))], "
        + "\"seed\": \(result.seed)}")
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
