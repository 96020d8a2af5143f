import Foundation
import TaskVersions
import ThreadVersions
import ThreadsToTasksCore

/// The examples beyond the notebook, at scale: a bounded queue between one producer and one
/// consumer (producer-consumer), and a pool of four workers over many small jobs (worker-pool).
/// Threads use `BlockingQueue`; tasks use `AsyncQueue` and a task group kept four wide.
enum Pipelines {
  struct Result: Codable, Sendable {
    var workload: String
    var items: Int
    var seconds: Double
    var itemsPerSecond: Double
    /// Over the rounds, when this is their median: the slowest and fastest round.
    var minItemsPerSecond: Double?
    var maxItemsPerSecond: Double?

    /// Each workload's median over `rounds`, in the first round's order.
    static func medians(_ rounds: [[Result]]) -> [Result] {
      (rounds.first ?? []).map { first in
        let all = rounds.compactMap { $0.first { $0.workload == first.workload } }
        let rates = all.map(\.itemsPerSecond)
        return Result(
          workload: first.workload, items: first.items, seconds: median(all.map(\.seconds)),
          itemsPerSecond: median(rates), minItemsPerSecond: rates.min(),
          maxItemsPerSecond: rates.max())
      }
    }
  }

  /// `items` integers through a queue of 64 places, one producer thread, one consumer thread.
  static func queueOnThreads(_ items: Int) -> Result {
    let queue = BlockingQueue<Int?>(maxsize: 64)
    let start = ContinuousClock.now
    let producer = JoinableThread(name: "producer") {
      for item in 0..<items { queue.put(item) }
      queue.put(nil)
    }
    let consumer = JoinableThread(name: "consumer") {
      while queue.get() != nil {}
    }
    producer.start()
    consumer.start()
    producer.join()
    consumer.join()
    return result("queue of 64: BlockingQueue (threads)", items, since: start)
  }

  /// The same through an `AsyncQueue`, one producer task, one consumer task.
  static func queueOnTasks(_ items: Int) async -> Result {
    let queue = AsyncQueue<Int?>(maxsize: 64)
    let start = ContinuousClock.now
    await withTaskGroup { group in
      group.addTask {
        for item in 0..<items { try? await queue.put(item) }
        try? await queue.put(nil)
      }
      group.addTask {
        do { while try await queue.get() != nil {} } catch {}
      }
    }
    return result("queue of 64: AsyncQueue (tasks)", items, since: start)
  }

  /// `jobs` small jobs (a sum of 1,000 numbers each) for four threads pulling from a queue.
  static func poolOnThreads(_ jobs: Int) -> Result {
    let queue = BlockingQueue<Int?>()
    let total = Locked(0)
    let start = ContinuousClock.now
    let workers = (0..<4).map { index in
      JoinableThread(name: "worker-\(index)") {
        while let job = queue.get() { total.withLock { $0 &+= work(job) } }
      }
    }
    for worker in workers { worker.start() }
    for job in 0..<jobs { queue.put(job) }
    for _ in workers { queue.put(nil) }
    for worker in workers { worker.join() }
    return result("pool of 4: threads on a queue", jobs, since: start)
  }

  /// The same jobs in a task group that keeps four children at a time.
  static func poolOnTasks(_ jobs: Int) async -> Result {
    let start = ContinuousClock.now
    await withTaskGroup(of: Int.self) { group in
      var next = 0
      var total = 0
      while next < min(4, jobs) {
        let job = next
        group.addTask { work(job) }
        next += 1
      }
      while let done = await group.next() {
        total &+= done
        if next < jobs {
          let job = next
          group.addTask { work(job) }
          next += 1
        }
      }
      _ = total
    }
    return result("pool of 4: a task group four wide", jobs, since: start)
  }

  /// All four, in that order.
  static func all(items: Int, jobs: Int) async -> [Result] {
    [
      queueOnThreads(items), await queueOnTasks(items), poolOnThreads(jobs),
      await poolOnTasks(jobs),
    ]
  }

  private static func work(_ job: Int) -> Int {
    var sum = 0
    for number in 0..<1_000 { sum &+= number ^ job }
    return sum
  }

  private static func result(_ workload: String, _ items: Int, since start: ContinuousClock.Instant)
    -> Result
  {
    let elapsed = seconds(since: start)
    return Result(
      workload: workload, items: items, seconds: elapsed, itemsPerSecond: Double(items) / elapsed)
  }
}
