import Foundation
import Testing
import ThreadVersions
import ThreadsToTasksCore

@testable import TaskVersions

@Suite("Under contention")
struct ContentionTests {
  @Test(
    "the recorder keeps 100,000 events from 1,000 tasks and 200 threads, whole and in lane order")
  func recorderUnderContention() async {
    let recorder = Recorder(clock: ExampleClock(pace: testPace))
    let threads = DispatchGroup()
    await withCheckedContinuation { (threadsDone: CheckedContinuation<Void, Never>) in
      for index in 0..<200 {
        threads.enter()
        let thread = JoinableThread(name: "thread-\(index)") {
          for line in 0..<250 {
            recorder.print("thread-\(index) line \(line)", lane: "thread-\(index)")
          }
          threads.leave()
        }
        thread.start()
      }
      threads.notify(queue: .global()) { threadsDone.resume() }
    }
    await withTaskExecutorPreference(DedicatedExecutor()) {
      await withTaskGroup { tasks in
        for index in 0..<1_000 {
          tasks.addTask {
            for line in 0..<50 {
              recorder.print("task-\(index) line \(line)", lane: "task-\(index)")
            }
          }
        }
      }
    }
    // One pass: each lane's next line number must be the one expected; nothing torn or lost.
    // It runs on the dedicated executor too, to keep the cooperative pool free.
    let (count, inOrder, lanes) = await withTaskExecutorPreference(DedicatedExecutor()) {
      let events = recorder.recorded
      var nextLine: [Substring: Int] = [:]
      var inOrder = true
      for (offset, event) in events.enumerated() {
        let parts = event.text.split(separator: " ")
        let lane = parts[0]
        inOrder =
          inOrder && parts.count == 3 && lane == event.lane && event.sequence == offset
          && parts[1] == "line" && parts[2] == String(nextLine[lane, default: 0])
        nextLine[lane, default: 0] += 1
      }
      return (events.count, inOrder, nextLine.count)
    }
    #expect(count == 100_000)
    #expect(inOrder)
    #expect(lanes == 1_200)
  }

  @Test("the serial printer serves 1,000 concurrent callers one at a time, in arrival order")
  func serialPrinterIsFIFO() async throws {
    let printer = SerialPrinter()
    let inside = Locked((now: 0, most: 0, served: [Int]()))
    try await withTaskExecutorPreference(DedicatedExecutor()) {
      try await serveThousandCallers(printer, inside)
    }
    let (_, most, served) = inside.withLock { $0 }
    #expect(most == 1)
    #expect(served == Array(0..<1_000))
  }

  private func serveThousandCallers(
    _ printer: SerialPrinter, _ inside: Locked<(now: Int, most: Int, served: [Int])>
  ) async throws {
    try await withThrowingTaskGroup { callers in
      for _ in 0..<1_000 {
        callers.addTask {
          let ticket = try await printer.takeTurn()
          inside.withLock {
            $0.now += 1
            $0.most = max($0.most, $0.now)
            $0.served.append(ticket)
          }
          // Suspend while holding the turn, as `print_time` does, inviting others in.
          await Task.yield()
          inside.withLock { $0.now -= 1 }
          await printer.passTurn()
        }
      }
      try await callers.waitForAll()
    }
  }

  @Test("a caller cancelled while it waits leaves the queue; the others are still served")
  func cancelledWaiterLeaves() async throws {
    let printer = SerialPrinter()
    try await printer.takeTurn()
    let cancelled = Task { try await printer.takeTurn() }
    let patient = Task {
      try await printer.takeTurn()
      await printer.passTurn()
    }
    // Both have queued once the printer counts two waiters.
    while await printer.waitingCount < 2 { await Task.yield() }
    cancelled.cancel()
    await #expect(throws: CancellationError.self) { try await cancelled.value }
    #expect(await printer.waitingCount == 1)
    await printer.passTurn()
    try await patient.value
    #expect(await printer.waitingCount == 0)
  }
}
