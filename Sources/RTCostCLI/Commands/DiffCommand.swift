public import ArgumentParser
internal import Decisions
internal import Foundation

/// The two snapshots `diff` and `gate` compare: `BASE HEAD`, or `--compare-to BASE HEAD`.
struct SnapshotPair: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "The base snapshot, then the head one (or only the head with --compare-to).", valueName: "file"))
  var files: [String] = []

  @Option(
    name: .customLong("compare-to"),
    help: ArgumentHelp(
      "The base snapshot (Infracost style): the one argument is then the head.", valueName: "file"))
  var compareTo: String?

  @OptionGroup var output: OutputOptions<DiffFormat>

  func validate() throws {
    let expected = compareTo == nil ? 2 : 1
    guard files.count == expected else {
      throw ValidationError(
        compareTo == nil
          ? "give two snapshots: BASE HEAD (or --compare-to BASE HEAD)"
          : "--compare-to gives the base: give one snapshot, the head")
    }
  }

  var base: String { compareTo ?? files[0] }
  var head: String { files.last! }

  /// Reads both snapshots and compares them.
  func diff() throws -> SnapshotDiff {
    let (base, head) = (try Self.read(base), try Self.read(head))
    do {
      return try SnapshotDiff(base: base, head: head)
    } catch {
      throw CLIError(error.description)
    }
  }

  /// One snapshot, read like every small input (a folder, a device or an oversized file is refused
  /// by ``InputFile``), then decoded.
  static func read(_ path: String) throws -> BreakdownSnapshot {
    guard FileManager.default.fileExists(atPath: path) else {
      throw CLIError("\(path): cannot read the snapshot (no such file?)")
    }
    let bytes = try InputFile.read(path)
    do {
      return try BreakdownSnapshot.decode(Data(bytes), name: path)
    } catch {
      throw CLIError(error.description)
    }
  }

  func write(_ diff: SnapshotDiff) throws {
    try output.write(SnapshotDiffReport.render(diff, format: output.format, base: base, head: head))
  }
}

/// `rtcost diff`: two cost snapshots compared, each change split into price book, policy,
/// workload and model.
public struct DiffCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two cost snapshots (rtcost breakdown) and attribute each change.",
    discussion: """
      Recordings are compared exactly; forecasts world by world on the same seeds and worlds, and \
      fleet plans month by month on the same sampled months, each with a paired 95% interval. \
      Each change is split by re-pricing, in this order: price book (the \
      head's usage at the head's prices minus at the base's; "model" when the model differs), \
      policy (when the deployed policy changed: what it adds over its baseline, head against base, \
      at the base's prices), workload (the rest). --format markdown writes a pull-request comment \
      whose first line is the hidden marker <!-- rtcost-diff -->, so a bot can update it in place.

      Examples:
        rtcost diff base.json head.json
        rtcost diff --compare-to base.json head.json --format markdown -o pr.md
      """)

  @OptionGroup var pair: SnapshotPair

  public init() {}

  public func run() throws { try pair.write(try pair.diff()) }
}

/// `rtcost gate`: `diff` with thresholds; exits 3 when one is crossed.
public struct GateCommand: ParsableCommand {
  /// The exit status when a threshold is crossed (errors exit 1, usage errors 64).
  public static let crossedExitCode: Int32 = 3

  public static let configuration = CommandConfiguration(
    commandName: "gate",
    abstract: "Fail a build when a cost snapshot rises past a threshold (exit status 3).",
    discussion: """
      Writes the diff (as `rtcost diff` does), then judges each change: a forecast by the lower \
      bound of its paired 95% interval (so noise between worlds cannot fail a build), a recording \
      exactly. --max-increase-usd is per device-day for forecasts and per recording for recordings, \
      --max-increase-usd-per-month is for fleet plans (the whole fleet's month); \
      --max-increase-percent is against the base, for all three.

      Exit status: 0 when no threshold is crossed, 3 when one is (one line on standard error gives \
      the first reason), 1 for an unreadable snapshot, 64 for bad options.

      Examples:
        rtcost gate --compare-to base.json head.json --max-increase-percent 5
        rtcost gate base.json head.json --max-increase-usd 0.10 --format markdown
      """)

  @OptionGroup var pair: SnapshotPair

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Fail above this increase, in percent of the base.", valueName: "percent"))
  var maxIncreasePercent: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Fail above this increase in USD (per device-day for forecasts).", valueName: "usd"))
  var maxIncreaseUsd: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Fail above this increase of a fleet plan's monthly cost, in USD.", valueName: "usd"))
  var maxIncreaseUsdPerMonth: Double?

  public init() {}

  public func validate() throws {
    if maxIncreasePercent == nil, maxIncreaseUsd == nil, maxIncreaseUsdPerMonth == nil {
      throw ValidationError(
        "give --max-increase-percent, --max-increase-usd or --max-increase-usd-per-month "
          + "(a gate needs a threshold)")
    }
    for (name, value) in [
      ("--max-increase-percent", maxIncreasePercent), ("--max-increase-usd", maxIncreaseUsd),
      ("--max-increase-usd-per-month", maxIncreaseUsdPerMonth),
    ] {
      if let value, !(value.isFinite && value >= 0) {
        throw ValidationError("\(name) must be a number at least 0, got \(OptionNumber.text(value))")
      }
    }
  }

  public func run() throws {
    let diff = try pair.diff()
    try pair.write(diff)
    let crossings = CostGate(
      maxIncreasePercent: maxIncreasePercent, maxIncreaseUSD: maxIncreaseUsd,
      maxIncreaseUSDPerMonth: maxIncreaseUsdPerMonth
    ).crossings(diff)
    guard let first = crossings.first else { return }
    let more = crossings.count > 1 ? " (and \(crossings.count - 1) more)" : ""
    Console.current.err("gate: \(first)\(more)\n")
    throw ExitCode(Self.crossedExitCode)
  }
}
