// `planted-race`: a data race on purpose, to prove ThreadSanitizer is live.
//
// A green sanitizer run proves nothing by itself: on this toolchain a race through
// `DispatchQueue.global()` inside a Swift Testing test went unreported. `.ci/run` builds this
// program with `--sanitize=thread` and requires the sanitizer to report the race below; only
// then does a clean sanitized run of the examples mean something. Never call this from the
// package's own code.
//
// `planted-race` races through a class marked `@unchecked Sendable`; `planted-race
// nonisolated-unsafe` through a global marked `nonisolated(unsafe)`, the escape hatch a reader of
// the data-race page might reach for: it compiles, and the sanitizer must report it.
import Foundation

/// Two threads increment `value` with no lock: the race the sanitizer must catch.
// @unchecked Sendable: deliberately unsafe. This class exists to be a data race.
final class UnguardedCounter: @unchecked Sendable {
  var value = 0
}

// nonisolated(unsafe): deliberately unsafe. This global exists to be a data race.
nonisolated(unsafe) var unguardedCount = 0

let counter = UnguardedCounter()
let escapeHatch = CommandLine.arguments.dropFirst().first == "nonisolated-unsafe"
let done = DispatchGroup()
for _ in 0..<2 {
  done.enter()
  Thread.detachNewThread {
    for _ in 0..<10_000 {
      if escapeHatch { unguardedCount += 1 } else { counter.value += 1 }
    }
    done.leave()
  }
}
done.wait()
let counted = escapeHatch ? unguardedCount : counter.value
print("planted-race: counted \(counted) of 20000 (a lost update shows the race too)")
