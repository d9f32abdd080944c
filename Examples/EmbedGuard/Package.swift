// swift-tools-version: 6.1
// An app that embeds rtcost's real session guard: it depends on the embeddable modules only
// (Billing, RealtimeEvents, SessionGuard), so it needs neither libsndfile nor YAML nor NIO.
import PackageDescription

let package = Package(
  name: "EmbedGuard",
  platforms: [.macOS(.v15)],
  dependencies: [
    // The rtcost package by path; named so that the products resolve whatever the folder is called.
    .package(name: "rtcost", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "EmbedGuard",
      dependencies: [
        .product(name: "Billing", package: "rtcost"),
        .product(name: "RealtimeEvents", package: "rtcost"),
        .product(name: "SessionGuard", package: "rtcost"),
      ])
  ]
)
