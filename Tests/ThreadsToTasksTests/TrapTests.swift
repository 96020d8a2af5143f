import Testing
import ThreadsToTasksCore

/// The places where Swift differs from Python, each shown by a test (and quoted by Comparisons/).
@Suite("Where Swift is not Python")
struct TrapTests {
  @Test("a Dictionary handed to a worker is a copy: the worker's writes are not seen")
  func dictionaryIsAValue() async {
    // snippet: dictionary-copy
    let originValue = ["a": 1, "b": 2]
    let worker = Task {
      var dictionary = originValue  // the worker gets a copy, not the caller's object
      dictionary["a"] = 42  // Python's `dir[key] = value`, but on the copy
      return dictionary
    }
    #expect(await worker.value["a"] == 42)
    #expect(originValue["a"] == 1)  // the caller's dictionary never changed
    // end snippet: dictionary-copy
  }
}
