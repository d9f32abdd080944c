// swift-tools-version: 6.2
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
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
  ],
  targets: [
    // Generates a large recording and measures the reader against `wc -l` on the same file.
    .executableTarget(
      name: "rtcost-bench",
      dependencies: [
        .product(name: "RealtimeEvents", package: "rtcost"), .product(name: "Billing", package: "rtcost"),
      ],
      swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
    // The proxy under load: 100 sessions direct to a fake upstream, then through the proxy
    // (a child process, for its memory), in the same run (scripts/bench-proxy.sh).
    .executableTarget(
      name: "rtcost-loadgen",
      dependencies: [
        .product(name: "Capture", package: "rtcost"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOWebSocket", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
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
