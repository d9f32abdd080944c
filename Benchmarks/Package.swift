// swift-tools-version: 6.1
// Benchmarks for rtcost, kept apart from the root package so that its tests never build them.
// `scripts/bench.sh` (or `make bench`) builds them in release mode and runs them.
import PackageDescription

let package = Package(
  name: "rtcost-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    // The root package by path; named so that the product reference does not depend on the folder's name.
    .package(name: "rtcost", path: "..")
  ],
  targets: [
    // Generates a large recording and measures the reader against `wc -l` on the same file.
    .executableTarget(
      name: "rtcost-bench",
      dependencies: [
        .product(name: "RealtimeEvents", package: "rtcost"), .product(name: "Billing", package: "rtcost"),
      ],
      swiftSettings: [.enableUpcomingFeature("ExistentialAny")])
  ]
)
