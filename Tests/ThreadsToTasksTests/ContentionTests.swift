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
    let recorder = Recorder(clock: ExampleClock(pace: .test))
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
    await withTaskGroup { tasks in
      for index in 0..<1_000 {
        tasks.addTask {
          for line in 0..<50 { recorder.print("task-\(index) line \(line)", lane: "task-\(index)") }
        }
      }
    }
    let events = recorder.recorded
    #expect(events.count == 100_000)
    #expect(events.map(\.sequence) == Array(0..<100_000))
    for (lane, laneEvents) in Dictionary(grouping: events, by: \.lane) {
      let expected = (0..<laneEvents.count).map { "\(lane) line \($0)" }
      #expect(laneEvents.map(\.text) == expected)
    }
  }

  @Test("the serial printer serves 1,000 concurrent callers one at a time, in arrival order")
  func serialPrinterIsFIFO() async throws {
    let printer = SerialPrinter()
    let inside = Locked((now: 0, most: 0, served: [Int]()))
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
    let (_, most, served) = inside.withLock { $0 }
    #expect(most == 1)
    #expect(served == Array(0..<1_000))
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
