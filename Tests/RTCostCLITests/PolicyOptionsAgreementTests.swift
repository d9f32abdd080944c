import ArgumentParser
import Foundation
import RTCostCLI
import Simulation
import TestSupport
import Testing

@testable import RTCostCLI

/// One policy vocabulary: every value a policy option takes is accepted or refused the same way by
/// replay, simulate, forecast and plan, and by a scenario file's `policy:` (one rule text each).
@Suite struct PolicyOptionsAgreementTests {
  /// The option of each command that takes the setting (single values for replay and simulate,
  /// lists for the forecast and plan grids), and the YAML key.
  struct Setting: Sendable, CustomStringConvertible {
    var single: String
    var grid: String
    var yaml: String
    var description: String { single }
  }

  static let idleTimeout = Setting(single: "--idle-timeout", grid: "--idle-timeouts", yaml: "idle_timeout")
  static let checkInterval = Setting(
    single: "--check-interval", grid: "--check-intervals", yaml: "check_interval")
  static let activity = Setting(single: "--activity", grid: "--activity", yaml: "activity")
  static let mode = Setting(single: "--mode", grid: "--mode", yaml: "mode")
  static let warn = Setting(single: "--warn", grid: "--warn", yaml: "warn")
  static let alert = Setting(single: "--alert", grid: "--alert", yaml: "alert")
  static let alertAction = Setting(single: "--alert-action", grid: "--alert-action", yaml: "alert_action")

  /// (setting, value, the rule text a refusal must contain; nil when the value is accepted).
  static let cases: [(Setting, String, String?)] = [
    (idleTimeout, "5m", nil), (idleTimeout, "off", nil), (idleTimeout, "90s", nil),
    (idleTimeout, "0s", "must be at least 1s, got '0s'"),
    (idleTimeout, "5x", "must be a duration such as 30s, 5m, 2h, 7d or 250ms, or off, got '5x'"),
    (idleTimeout, "-1s", "must be a duration such as 30s, 5m, 2h, 7d or 250ms, or off, got '-1s'"),
    (checkInterval, "10s", nil), (checkInterval, "500ms", "must be at least 1s, got '500ms'"),
    (activity, "real", nil), (activity, "seed", nil), (activity, "push-to-talk", nil),
    (activity, "any-event", nil),
    (activity, "smart", "must be one of real, seed, push-to-talk, got 'smart'"),
    (mode, "seed", nil), (mode, "fake", "must be real or seed, got 'fake'"),
    (warn, "0.50", nil), (warn, "$1", nil), (warn, "none", nil), (warn, "day=5", nil),
    (alert, "$40,000", nil), (alert, "day=$1,500.25", nil),
    (warn, "-1", "must be a dollar amount such as 0.50, $1 or $40,000, or none, got '-1'"),
    (alert, "40$", "must be a dollar amount such as 0.50, $1 or $40,000, or none, got '40$'"),
    (warn, "week=5", "window 'week' is not one of session, rolling_hour, day, lifetime"),
    (alertAction, "callback", nil), (alertAction, "disconnect", nil),
    (alertAction, "explode", "must be one of log, callback, disconnect, got 'explode'"),
  ]

  /// Each command's arguments with one policy option (nothing is run: the arguments are parsed and
  /// validated as the executable would).
  static func commands(_ setting: Setting, _ value: String) -> [(String, [String])] {
    [
      ("replay", ["replay", TestPaths.fixture("ga-timed-pcm16.jsonl"), setting.single, value]),
      ("simulate", ["simulate", setting.single, value]),
      ("forecast", ["forecast", setting.grid, value]),
      ("plan", ["plan", TestPaths.scenario("fleet-example.yaml"), setting.grid, value]),
    ]
  }

  /// nil when accepted, else the message.
  static func refusal(_ arguments: [String]) -> String? {
    do {
      _ = try RTCostCommand.parseAsRoot(arguments)
      return nil
    } catch {
      return RTCostCommand.message(for: error)
    }
  }

  /// nil when a scenario with `policy: {key: value}` loads, else the error.
  static func yamlRefusal(_ key: String, _ value: String) -> String? {
    let text =
      "model: gpt-realtime\nhorizon: 1h\nuser:\n  conversations_per_hour: 1\npolicy:\n  \(key): \"\(value)\"\n"
    do {
      _ = try ScenarioLoader.parse(text, file: "s.yaml")
      return nil
    } catch {
      return error.description
    }
  }

  @Test(arguments: cases.indices)
  func everyCommandAndFileAgree(index: Int) {
    let (setting, value, rule) = Self.cases[index]
    for (name, arguments) in Self.commands(setting, value) {
      let message = Self.refusal(arguments)
      if let rule {
        #expect(message?.contains(rule) == true, "\(name) \(setting) \(value): \(message ?? "accepted")")
      } else {
        #expect(message == nil, "\(name) \(setting) \(value): \(message ?? "")")
      }
    }
    let yaml = Self.yamlRefusal(setting.yaml, value)
    if let rule {
      #expect(yaml?.contains(rule) == true, "yaml \(setting.yaml) \(value): \(yaml ?? "accepted")")
    } else {
      #expect(yaml == nil, "yaml \(setting.yaml) \(value): \(yaml ?? "")")
    }
  }

  @Test func anAlertBelowItsWarningIsRefusedEverywhere() {
    let rule = "the alert threshold ($0.5) must not be below the warning ($1)"
    for arguments in [
      ["replay", TestPaths.fixture("ga-timed-pcm16.jsonl"), "--warn", "1", "--alert", "0.5"],
      ["simulate", "--warn", "1", "--alert", "0.5"],
      ["forecast", "--warn", "1", "--alert", "0.5"],
      ["plan", TestPaths.scenario("fleet-example.yaml"), "--warn", "1", "--alert", "0.5"],
    ] {
      #expect(Self.refusal(arguments)?.contains(rule) == true, "\(arguments[0])")
    }
    let yaml =
      "model: gpt-realtime\nhorizon: 1h\nuser:\n  conversations_per_hour: 1\npolicy:\n  warn: 1\n  alert: 0.5\n"
    #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(yaml, file: "s.yaml") }
  }

  @Test func gridListsSplitOnCommasButNotInsideThousands() {
    #expect(ListValueProbe.items("off, 60s,5m") == ["off", "60s", "5m"])
    #expect(ListValueProbe.items("0.5,$40,000,day=1,500.25,2") == ["0.5", "$40,000", "day=1,500.25", "2"])
    #expect(ListValueProbe.items("1,5") == ["1", "5"])
  }
}

/// The list splitter of the grid options.
enum ListValueProbe {
  static func items(_ text: String) -> [String] { ListValue<String>.items(of: text) }
}
