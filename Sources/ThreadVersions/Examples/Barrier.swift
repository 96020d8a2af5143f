// The rest of the toolbox, `threading.Barrier`: three runners arrive at different times and wait
// for each other; when the last arrives, all three go on. Foundation has no barrier:
// `ThreadingBarrier` (in Support) is a count under an `NSCondition`, reusable round after round as
// Python's is.
import Foundation

func barrier(parties: Int = 3) {
  // Python: `meeting = threading.Barrier(3)`.
  let meeting = ThreadingBarrier(parties)
  let runners = (1...3).map { n in
    JoinableThread(name: "runner\(n)") {
      sleep(n)
      print("arrived")
      meeting.wait()  // blocks until all three are here
      print("go")
    }
  }
  for runner in runners { runner.start() }
  for runner in runners { runner.join() }
  print("all through")
}
