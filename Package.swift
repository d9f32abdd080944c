// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "rtcost",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "rtcost", targets: ["rtcost"]),
    .library(name: "Billing", targets: ["Billing"]),
    .library(name: "RealtimeEvents", targets: ["RealtimeEvents"]),
    .library(name: "SessionGuard", targets: ["SessionGuard"]),
    .library(name: "Replay", targets: ["Replay"]),
    .library(name: "AudioIO", targets: ["AudioIO"]),
    .library(name: "Simulation", targets: ["Simulation"]),
    .library(name: "Forecast", targets: ["Forecast"]),
    .library(name: "Planning", targets: ["Planning"]),
    .library(name: "Import", targets: ["Import"]),
    .library(name: "Reconcile", targets: ["Reconcile"]),
    .library(name: "Decisions", targets: ["Decisions"]),
    .library(name: "RTCostCLI", targets: ["RTCostCLI"]),
    .library(name: "Capture", targets: ["Capture"]),
    .library(name: "CSVFormat", targets: ["CSVFormat"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
    // The live proxy (Capture): NIO WebSocket server and client, TLS, logs, metrics, SIGTERM.
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    // Tests only: an independent CSV parser that checks every CSV the commands write.
    .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
  ],
  targets: [
    // Prices, usage blocks and exact money. No I/O beyond decoding a price file. The bundled price
    // book (Embedded/prices.json) is compiled in by the EmbedResources plugin.
    .target(name: "Billing", exclude: ["Embedded"], plugins: ["EmbedResources"]),
    // The Realtime event model and the recording format (read, write, fast audio path).
    .target(name: "RealtimeEvents", dependencies: ["Billing"]),
    // The real session-guard components: idle monitor, usage tracker, alert policy, usage store.
    .target(name: "SessionGuard", dependencies: ["Billing", "RealtimeEvents"]),
    // Replay as a use case: a recording (any event source) priced as billed and run through the guard.
    .target(name: "Replay", dependencies: ["Billing", "RealtimeEvents", "SessionGuard"]),
    // libsndfile and libsamplerate, imported by AudioIO alone.
    .systemLibrary(
      name: "CSndFile", pkgConfig: "sndfile",
      providers: [.apt(["libsndfile1-dev"])]),
    .systemLibrary(
      name: "CSampleRate", pkgConfig: "samplerate",
      providers: [.apt(["libsamplerate0-dev"])]),
    // WAV reading, resampling and the server-VAD emulation.
    .target(name: "AudioIO", dependencies: ["CSndFile", "CSampleRate"]),
    // Scenario files, the world generator, the world model and the discrete-event engine.
    // The bundled scenarios (Embedded → ../../scenarios) are compiled in, so an installed binary
    // needs no files beside it.
    .target(
      name: "Simulation",
      dependencies: [
        "Billing", "RealtimeEvents", "SessionGuard", "Replay", "AudioIO",
        .product(name: "HeapModule", package: "swift-collections"),
        .product(name: "Yams", package: "Yams"),
      ],
      exclude: ["Embedded"], plugins: ["EmbedResources"]),
    // Policy grids over many worlds: paired savings, intervals, shards and merge.
    .target(
      name: "Forecast", dependencies: ["Billing", "RealtimeEvents", "SessionGuard", "Replay", "Simulation"]),
    // Fleet capacity planning: fleet files, device-day sampling, monthly cost, peaks and rate limits.
    .target(
      name: "Planning",
      dependencies: [
        "Billing", "RealtimeEvents", "SessionGuard", "Simulation", "Forecast",
        .product(name: "Yams", package: "Yams"),
      ]),
    // Capture: the live proxy, its recorder and live guard, metrics, the sideband recorder and the
    // fake Realtime endpoint (`serve`). The only module with NIO.
    .target(
      name: "Capture",
      dependencies: [
        "Billing", "RealtimeEvents", "SessionGuard",
        .product(name: "DequeModule", package: "swift-collections"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOWebSocket", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]),
    // Other tools' logs (Helicone, LiteLLM, LiveKit Agents) as event sources and recordings.
    .target(name: "Import", dependencies: ["Billing", "RealtimeEvents", "AudioIO"]),
    // CSV text: the one writer every CSV output goes through, and the RFC 4180 reader. No dependencies.
    .target(name: "CSVFormat"),
    // OpenAI usage and costs exports priced with the dated book, against costs and forecasts.
    .target(name: "Reconcile", dependencies: ["Billing", "CSVFormat"]),
    // Cost snapshots for a team's CI: breakdown, diff with its attribution, and the gate.
    .target(
      name: "Decisions",
      dependencies: ["Billing", "SessionGuard", "Replay", "Simulation", "Forecast", "Planning"]),
    // The commands as a library, testable in-process.
    .target(
      name: "RTCostCLI",
      dependencies: [
        "Billing", "RealtimeEvents", "SessionGuard", "Replay", "AudioIO", "Simulation", "Forecast",
        "Planning", "Capture", "Import", "Reconcile", "CSVFormat", "Decisions",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Yams", package: "Yams"),
      ]),
    .executableTarget(name: "rtcost", dependencies: ["RTCostCLI"]),
    // Build-tool plugin: a target's Embedded/ files become Swift source (no resource bundle needed).
    .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedResourcesTool"]),
    .executableTarget(name: "EmbedResourcesTool", path: "Plugins/EmbedResourcesTool"),

    // Helpers every test target shares: paths, golden files, the in-process command runner.
    .target(
      name: "TestSupport", dependencies: ["Billing", "RealtimeEvents", "RTCostCLI"], path: "Tests/TestSupport"
    ),
    .testTarget(name: "BillingTests", dependencies: ["Billing", "TestSupport"]),
    .testTarget(name: "EmbedResourcesToolTests", dependencies: ["EmbedResourcesTool"]),
    .testTarget(name: "RealtimeEventsTests", dependencies: ["RealtimeEvents", "TestSupport"]),
    .testTarget(
      name: "SessionGuardTests",
      dependencies: [
        "SessionGuard", "TestSupport",
        .product(name: "Clocks", package: "swift-clocks"),
      ]),
    .testTarget(name: "ReplayTests", dependencies: ["Replay", "Simulation", "TestSupport"]),
    .testTarget(name: "AudioIOTests", dependencies: ["AudioIO", "TestSupport"]),
    .testTarget(name: "SimulationTests", dependencies: ["Simulation", "AudioIO", "TestSupport"]),
    .testTarget(name: "ForecastTests", dependencies: ["Forecast", "Simulation", "Billing", "TestSupport"]),
    .testTarget(
      name: "ImportTests", dependencies: ["Import", "Replay", "Simulation", "AudioIO", "TestSupport"]),
    .testTarget(name: "DecisionsTests", dependencies: ["Decisions", "Billing", "TestSupport"]),
    .testTarget(name: "ReconcileTests", dependencies: ["Reconcile", "Billing", "TestSupport"]),
    .testTarget(
      name: "CSVFormatTests",
      dependencies: [
        "CSVFormat", "RTCostCLI", "TestSupport", .product(name: "SwiftCSV", package: "SwiftCSV"),
      ]),
    .testTarget(name: "PlanningTests", dependencies: ["Planning", "Simulation", "Billing", "TestSupport"]),
    .testTarget(
      name: "CaptureTests",
      dependencies: [
        "Capture", "Billing", "Replay", "SessionGuard", "RTCostCLI", "TestSupport",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOWebSocket", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Yams", package: "Yams"),
      ]),
    .testTarget(
      name: "RTCostCLITests",
      dependencies: ["RTCostCLI", "Forecast", "Billing", "Replay", "Simulation", "TestSupport"]),
  ]
)

// Every target gets the upcoming features we rely on, in one place.
for target in package.targets where target.type != .system && target.type != .plugin {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
  target.swiftSettings = settings
}
