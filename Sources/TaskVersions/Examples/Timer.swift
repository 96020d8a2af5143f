// The rest of the toolbox, `threading.Timer` and periodic work, for tasks: a task that sleeps,
// then does the work. Cancelling it ends the sleep at once (`sleep` throws), so the work never
// runs: a timer and its `cancel()` need nothing more. A ticker is a loop of sleeps, stopped the
// same way.

func timer() async throws {
  // Python: `threading.Timer(2, remind)`.
  let reminder = Task.immediate(name: "reminder") {
    try await sleep(2)
    print("reminder fired")
  }
  let cancelled = Task.immediate(name: "cancelled") {
    try await sleep(1)
    print("never printed")
  }
  cancelled.cancel()  // its sleep throws at once: the print is never reached
  print("cancelled one")

  // Python: `while not stop.wait(2):`. Cancellation is the stop event.
  let ticker = Task.immediate(name: "ticker") {
    var ticks = 0
    while (try? await sleep(2)) != nil {
      ticks += 1
      print("tick", ticks)
    }
    print("ticker stopped")
  }

  try await sleep(3)
  ticker.cancel()
  await ticker.value
  _ = await (reminder.result, cancelled.result)
  print("done")
}
