// The rest of the toolbox, read, modify, write: four tasks add to one count. Swift 6 refuses to
// compile the unguarded version (a captured `var` changed by concurrent tasks). An actor keeps
// the count: each call of `addOne()` is one step no other call can come between — as long as
// nothing inside it awaits (see the page's anti-solution).

/// The count the workers share. Python: the count and the `threading.Lock` around it.
actor SharedCount {
  private(set) var value = 0

  /// One update: the read and the write in one actor step, with no `await` between them.
  func addOne() {
    let value = self.value
    self.value = value + 1
  }
}

func addOne(to shared: SharedCount, times: Int) async {
  for _ in 0..<times {
    // The hop onto the actor is the `with lock:` of the thread version.
    await shared.addOne()
  }
  print("added", times)
}

func dataRace(workers: Int = 4, times: Int = 100) async {
  let shared = SharedCount()
  await withTaskGroup { threads in
    for n in 1...workers {
      threads.addImmediateTask(name: "worker\(n)") { await addOne(to: shared, times: times) }
    }
  }
  print("count:", await shared.value, "of", workers * times)
}
