// swift-tools-version: 6.1
// Benchmarks for rtcost, kept apart from the root package so that its tests never build them.
// `scripts/bench.sh` (or `make bench`) builds `rtcost-bench` in release mode and compares the reader
// with `wc -l`; `swift package --package-path Benchmarks benchmark` runs the ordo-one benchmarks.
import PackageDescription

let package = Package(
  name: "rtcost-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    // The root package by path; named so that the product reference does not depend on the folder's name.
    .package(name: "rtcost", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // Generates a large recording and measures the reader against `wc -l` on the same file.
    .executableTarget(
      name: "rtcost-bench",
      dependencies: [
        .product(name: "RealtimeEvents", package: "rtcost"), .product(name: "Billing", package: "rtcost"),
      ],
      swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
    // Reader throughput, allocations and peak memory (ordo-one/benchmark).
    .executableTarget(
      name: "RecordingReaderBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "RealtimeEvents", package: "rtcost"), .product(name: "Billing", package: "rtcost"),
      ],
      path: "Benchmarks/RecordingReaderBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
  ]
)
