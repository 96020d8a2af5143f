// The rest of the toolbox, `threading.Condition`: two consumers wait until there is an item on
// a shelf. A condition is a lock plus a way to sleep while holding it: `wait` gives the lock up
// while it sleeps and takes it back before it returns. Foundation's `NSCondition` is both.
import Foundation

/// The items and the condition that guards them. Python: a list and a `threading.Condition`.
// @unchecked Sendable: `items` is read and written only while holding `ready`.
final class Shelf: @unchecked Sendable {
  let ready = NSCondition()
  var items: [String] = []
}

func consume(from shelf: Shelf) {
  let item = shelf.ready.withLock {
    // Python: `ready.wait_for(lambda: items)`. A loop, not an `if`: a wake-up is only a hint —
    // another consumer may have taken the item first, and `NSCondition` may wake for nothing.
    while shelf.items.isEmpty { shelf.ready.wait() }
    return shelf.items.removeFirst()
  }
  print("got", item)
}

func condition() {
  let shelf = Shelf()
  let consumers = (1...2).map { n in
    JoinableThread(name: "consumer\(n)") { consume(from: shelf) }
  }
  for consumer in consumers { consumer.start() }

  sleep(1)
  shelf.ready.withLock {
    shelf.items.append("first")
    print("put first")
    shelf.ready.signal()  // Python: `ready.notify()`: wakes one waiter
  }
  sleep(1)
  shelf.ready.withLock {
    shelf.items.append("second")
    print("put second")
    shelf.ready.broadcast()  // Python: `ready.notify_all()`: wakes every waiter
  }
  for consumer in consumers { consumer.join() }
  print("both consumers done")
}
