// swift-tools-version: 6.2
import PackageDescription

/// ThreadsToTasks ports a Python `threading` tutorial to Swift twice — Foundation `Thread` code and
/// structured concurrency — and proves with Swift Testing that the two produce equivalent orderings.
///
/// Layout: a small core (events, transcripts, pace, seeded randomness, the notebook's expected
/// orderings, equivalence, rendering), one module per paradigm that do not know each other, the
/// `side-by-side` executable that runs both at once, and the test target.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
  name: "ThreadsToTasks",
  products: [
    .executable(name: "side-by-side", targets: ["SideBySide"])
  ],
  targets: [
    .target(name: "ThreadsToTasksCore", swiftSettings: strict),
    .target(name: "ThreadVersions", dependencies: ["ThreadsToTasksCore"], swiftSettings: strict),
    .target(name: "TaskVersions", dependencies: ["ThreadsToTasksCore"], swiftSettings: strict),
    .executableTarget(
      name: "SideBySide",
      dependencies: ["ThreadsToTasksCore", "ThreadVersions", "TaskVersions"],
      swiftSettings: strict
    ),
    .testTarget(
      name: "ThreadsToTasksTests",
      dependencies: ["ThreadsToTasksCore", "ThreadVersions", "TaskVersions", "SideBySide"],
      swiftSettings: strict
    ),
  ]
)
