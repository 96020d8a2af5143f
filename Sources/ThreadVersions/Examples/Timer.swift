// The rest of the toolbox, `threading.Timer` and periodic work: a call made after a delay, one
// cancelled before its time, and a ticker that runs until it is told to stop. Each is a thread
// that waits on an event with a timeout: the timeout is the delay, the event is the way to stop.
import Foundation

func timer() {
  // Python: `threading.Timer(2, remind)`: a thread that waits 2 s, then calls.
  let reminder = ThreadingTimer(name: "reminder", 2) { print("reminder fired") }
  let cancelled = ThreadingTimer(name: "cancelled", 1) { print("never printed") }
  reminder.start()
  cancelled.start()
  cancelled.cancel()  // before its second is up: it never fires
  print("cancelled one")

  // Python: a thread looping on `while not stop.wait(2):`. The wait is the tick and the stop.
  let stop = ThreadingEvent()
  let ticker = JoinableThread(name: "ticker") {
    var ticks = 0
    while !stop.wait(timeout: 2) {
      ticks += 1
      print("tick", ticks)
    }
    print("ticker stopped")
  }
  ticker.start()

  sleep(3)
  stop.set()
  for thread in [reminder, cancelled, ticker] { thread.join() }
  print("done")
}
