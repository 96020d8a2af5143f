// `planted-race`: a data race on purpose, to prove ThreadSanitizer is live.
//
// A green sanitizer run proves nothing by itself: on this toolchain a race through
// `DispatchQueue.global()` inside a Swift Testing test went unreported. `.ci/run` builds this
// program with `--sanitize=thread` and requires the sanitizer to report the race below; only
// then does a clean sanitized run of the examples mean something. Never call this from the
// package's own code.
import Foundation

/// Two threads increment `value` with no lock: the race the sanitizer must catch.
// @unchecked Sendable: deliberately unsafe. This class exists to be a data race.
final class UnguardedCounter: @unchecked Sendable {
  var value = 0
}

let counter = UnguardedCounter()
let done = DispatchGroup()
for _ in 0..<2 {
  done.enter()
  Thread.detachNewThread {
    for _ in 0..<10_000 { counter.value += 1 }
    done.leave()
  }
}
done.wait()
print("planted-race: counted \(counter.value) of 20000 (a lost update shows the race too)")
