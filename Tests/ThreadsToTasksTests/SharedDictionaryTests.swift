import Testing
import ThreadsToTasksCore

@testable import ThreadVersions

/// The thread version's shared dictionary takes a lock for every access. Without it, threads
/// writing at once lose writes or corrupt the dictionary; with it, none is lost.
@Suite("The shared dictionary's lock", .watchdog, .timeLimit(.minutes(1)))
struct SharedDictionaryLockTests {
  @Test("eight threads writing 2,000 keys each at once: all 16,000 are there")
  func noWriteIsLost() async {
    let dictionary = SharedDictionary([:])
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      let finished = Locked(0)
      for writer in 0..<8 {
        JoinableThread(name: "writer-\(writer)") {
          for key in 0..<2_000 { dictionary["\(writer)-\(key)"] = key }
          if finished.withLock({ count in
            count += 1
            return count == 8
          }) {
            done.resume()
          }
        }.start()
      }
    }
    #expect(dictionary.copy.count == 16_000)
  }
}
