// Beyond the notebook, `queue.Queue`: a producer puts four items and a sentinel into a queue that
// holds two; a slow consumer takes them one at a time. The bound is the point: `put` blocks while
// the queue is full, so a fast producer is held back to the consumer's pace (back-pressure).
import Foundation

/// Python: `def producer(q)`.
func producer(_ q: BlockingQueue<Int?>) {
  for item in 1...4 {
    // Blocks while the queue holds two items: the producer waits for the consumer.
    q.put(item)
    print("put", item)
  }
  // Python: `q.put(None)`, the sentinel that tells the consumer there is no more.
  q.put(nil)
  print("put the sentinel")
}

/// Python: `def consumer(q)`.
func consumer(_ q: BlockingQueue<Int?>) {
  while true {
    // Blocks while the queue is empty.
    guard let item = q.get() else {
      print("got the sentinel")
      q.taskDone()
      break
    }
    sleep(1)  // the work on the item
    print("processed", item)
    q.taskDone()
  }
}

func producerConsumer() {
  // Python: `queue.Queue(maxsize=2)`.
  let q = BlockingQueue<Int?>(maxsize: 2)
  let consumerThread = JoinableThread(name: "consumer") { consumer(q) }
  let producerThread = JoinableThread(name: "producer") { producer(q) }
  consumerThread.start()
  producerThread.start()

  // Python: `producer.join()`. Join the producer first: a `q.join()` before anything was put
  // returns at once.
  producerThread.join()
  // Python: `q.join()`: returns once every item put, the sentinel too, was marked done.
  q.join()
  print("all items processed")
  consumerThread.join()
}
