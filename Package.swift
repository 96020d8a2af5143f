// swift-tools-version: 6.2
import PackageDescription

/// ThreadsToTasks ports a Python `threading` tutorial to Swift twice — Foundation `Thread` code and
/// structured concurrency — and proves with Swift Testing that the two produce equivalent orderings.
///
/// Layout: a small core (events, transcripts, pace, seeded randomness, the notebook's expected
/// orderings, equivalence), one module per paradigm that do not know each other, the
/// `side-by-side` command (its logic in `SideBySideKit`, so the tests can drive it), the
/// `regenerate-pages` command that keeps `Comparisons/` in step with the code, and the tests.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
  name: "ThreadsToTasks",
  products: [
    .executable(name: "side-by-side", targets: ["SideBySide"]),
    .executable(name: "regenerate-pages", targets: ["RegeneratePages"]),
    .executable(name: "side-by-side-bench", targets: ["SideBySideBench"]),
  ],
  targets: [
    .target(name: "ThreadsToTasksCore", swiftSettings: strict),
    .target(name: "ThreadVersions", dependencies: ["ThreadsToTasksCore"], swiftSettings: strict),
    .target(name: "TaskVersions", dependencies: ["ThreadsToTasksCore"], swiftSettings: strict),
    .target(
      name: "SideBySideKit",
      dependencies: ["ThreadsToTasksCore", "ThreadVersions", "TaskVersions"],
      resources: [.copy("Python")],
      swiftSettings: strict
    ),
    .executableTarget(name: "SideBySide", dependencies: ["SideBySideKit"], swiftSettings: strict),
    .executableTarget(
      name: "SideBySideBench",
      dependencies: ["ThreadsToTasksCore", "ThreadVersions", "TaskVersions"],
      swiftSettings: strict),
    // Deliberately racy: `.ci/run` requires ThreadSanitizer to report it (see its main.swift).
    .executableTarget(name: "PlantedRace", swiftSettings: strict),
    .target(
      name: "ComparisonPages", dependencies: ["SideBySideKit"],
      swiftSettings: strict),
    .executableTarget(
      name: "RegeneratePages", dependencies: ["ComparisonPages"], swiftSettings: strict),
    .testTarget(
      name: "ThreadsToTasksTests",
      dependencies: [
        "ThreadsToTasksCore", "ThreadVersions", "TaskVersions", "SideBySideKit", "ComparisonPages",
      ],
      swiftSettings: strict
    ),
  ]
)
