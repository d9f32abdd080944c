import Billing
import Foundation
import RealtimeEvents
import SessionGuard
public import Simulation
import Yams

/// Reads and validates fleet files (schema: docs/planning.md).
///
/// Strict like the scenario loader: unknown keys are errors and every error names the file, the
/// line, the key path and the offending value. Each group's scenario is loaded with
/// `ScenarioLoader`, relative to the fleet file's folder; its errors keep their own file and line.
public enum FleetLoader {
  /// Loads the fleet file at `path`.
  public static func load(path: String) throws(FleetError) -> FleetSpec {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
    else { throw FleetError(file: path, line: nil, keyPath: "", message: "no such fleet file") }
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      throw FleetError(file: path, line: nil, keyPath: "", message: "cannot read the file as UTF-8 text")
    }
    let folder = (path as NSString).deletingLastPathComponent
    return try parse(text, file: (path as NSString).lastPathComponent) { relative throws(FleetError) in
      try loadScenario(relative, folder: folder)
    }
  }

  /// Loads a group's scenario relative to the fleet file's folder; its errors keep their own file.
  static func loadScenario(_ relative: String, folder: String) throws(FleetError) -> (
    path: String, scenario: Scenario
  ) {
    let resolved = relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative)
    do throws(ScenarioError) {
      return (resolved, try ScenarioLoader.load(path: resolved))
    } catch {
      throw FleetError(file: error.file, line: error.line, keyPath: error.keyPath, message: error.message)
    }
  }

  /// Parses fleet YAML; `scenario` resolves and loads a group's `scenario:` value.
  public static func parse(
    _ text: String, file: String = "<fleet>",
    scenario: (String) throws(FleetError) -> (path: String, scenario: Scenario)
  ) throws(FleetError) -> FleetSpec {
    do throws(YAMLPreflight.Problem) {
      try YAMLPreflight.check(text)
    } catch {
      throw FleetError(file: file, line: error.line, keyPath: "", message: error.message)
    }
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw FleetError(file: file, line: nil, keyPath: "", message: "the file is empty")
      }
      root = node
    } catch let error as FleetError {
      throw error
    } catch let error as YamlError {
      switch error {
      case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
        .composer(_, let problem, let mark, _):
        throw FleetError(
          file: file, line: mark.line, keyPath: "",
          message: "not valid YAML: \(problem) (column \(mark.column))")
      default:
        let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
        throw FleetError(file: file, line: nil, keyPath: "", message: "not valid YAML: \(first)")
      }
    } catch {
      throw FleetError(file: file, line: nil, keyPath: "", message: "not valid YAML: \(error)")
    }
    let top = try YAMLCursor(node: root, path: "", file: file).mapping(allowed: [
      "name", "month", "tier", "budget", "seed", "groups", "grid", "live_session_cap",
    ])
    let monthNode = try top.require("month")
    guard let month = PlanMonth(try monthNode.scalarText("a YYYY-MM month")) else {
      throw monthNode.error("must be a YYYY-MM month such as 2026-03, got \(monthNode.shown)")
    }
    let defaultName = file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file
    let name = try top["name"]?.string() ?? defaultName
    let tier = try top.require("tier").integer(in: 1...5)
    let budget = try top.require("budget").money()
    let seed = try top["seed"]?.seed() ?? 1
    let groupNodes = try top.require("groups").list()
    guard !groupNodes.isEmpty else { throw try top.require("groups").error("must list at least one group") }
    var groups: [FleetGroup] = []
    for node in groupNodes {
      let group = try self.group(node, scenario: scenario)
      if groups.contains(where: { $0.name == group.name }) {
        throw node.error("name: '\(group.name)' is used by another group")
      }
      groups.append(group)
    }
    return FleetSpec(
      name: name, month: month, tier: tier, budget: budget, seed: seed, groups: groups,
      grid: try top["grid"].map { node throws(FleetError) in try grid(node, groups: groups) } ?? [],
      liveSessionCap: try top["live_session_cap"].map { node throws(FleetError) in
        try node.integer(in: 1...100_000_000)
      })
  }

  static func group(
    _ cursor: YAMLCursor, scenario: (String) throws(FleetError) -> (path: String, scenario: Scenario)
  ) throws(FleetError) -> FleetGroup {
    let map = try cursor.mapping(allowed: [
      "name", "count", "scenario", "utc_offset", "policy", "model", "start",
    ])
    var (path, loaded) = try scenario(try map.require("scenario").string())
    // The same devices on another model or API, priced as of another day (the scenario's own
    // `model:` and `start:` otherwise).
    if let node = map["model"] { loaded.model = try node.string() }
    if let node = map["start"] {
      let text = try node.scalarText("a YYYY-MM-DD date")
      guard let day = CalendarDay(text), text.count == 10 else {
        throw node.error("must be a YYYY-MM-DD date, got \(node.shown)")
      }
      loaded.startDay = day
    }
    var offset = 0
    if let node = map["utc_offset"] {
      let text = try node.scalarText("hours from UTC such as -5 or 5.5")
      guard let hours = Double(text), hours.isFinite, (-12...14).contains(hours),
        (hours * 4).rounded() == hours * 4
      else {
        throw node.error(
          "must be hours from UTC between -12 and 14 in quarter hours (-5, 5.5), got \(node.shown)")
      }
      offset = Int(hours * 60)
    }
    return FleetGroup(
      name: try map["name"]?.string() ?? loaded.name,
      count: try deviceCount(map.require("count")),
      scenarioPath: path, scenario: loaded, utcOffsetMinutes: offset,
      policy: try map["policy"].map(GuardSettingsYAML.read) ?? loaded.policy)
  }

  /// A group's device count: at least 1, at most ``ScenarioLimits/devicesPerGroup``.
  static func deviceCount(_ node: YAMLCursor) throws(FleetError) -> Int {
    Int(try node.integer(min: 1, limit: Int64(ScenarioLimits.devicesPerGroup)))
  }

  /// `grid:` lists of idle timeouts, check intervals and activity rules laid over every group's
  /// own policy; the variants are their product, idle timeout first.
  static func grid(_ cursor: YAMLCursor, groups: [FleetGroup]) throws(FleetError) -> [FleetVariant] {
    let map = try cursor.mapping(allowed: ["idle_timeout", "check_interval", "activity"])
    func values<T>(_ key: String, _ parse: (String) throws(GuardSettingError) -> T) throws(FleetError) -> [T?]
    {
      guard let node = map[key] else { return [nil] }
      var parsed: [T?] = []
      for item in try node.listOrScalar() {
        let text = try item.scalarText("a value")
        do {
          parsed.append(try parse(text))
        } catch {
          throw item.error(error.message)
        }
      }
      return parsed
    }
    let timeouts: [Micros??] = try values("idle_timeout") { text throws(GuardSettingError) in
      try GuardSettingText.durationOrOff(text, minimum: GuardSettings.minimumIdleTimeout)
    }
    let intervals: [Micros?] = try values("check_interval") { text throws(GuardSettingError) in
      try GuardSettingText.duration(text, minimum: GuardSettings.minimumCheckInterval)
    }
    let activities: [ActivityRule?] = try values("activity", GuardSettingText.activity)
    var points: [(label: String, timeout: Micros??, interval: Micros?, activity: ActivityRule?)] = []
    for timeout in timeouts {
      for interval in intervals {
        for activity in activities {
          var parts: [String] = []
          if let timeout { parts.append("timeout=" + (timeout.map(DurationText.format) ?? "off")) }
          if let interval { parts.append("check=" + DurationText.format(interval)) }
          if let activity { parts.append("activity=\(activity.name)") }
          guard !parts.isEmpty, !points.contains(where: { $0.label == parts.joined(separator: " ") }) else {
            continue
          }
          points.append((parts.joined(separator: " "), timeout, interval, activity))
        }
      }
    }
    guard points.count <= 64 else { throw cursor.error("has \(points.count) combinations; at most 64") }
    return points.map { point in
      FleetVariant(
        label: point.label,
        policies: groups.map { group in
          var policy = group.policy
          if let timeout = point.timeout { policy.idleTimeout = timeout }
          if let interval = point.interval { policy.checkInterval = interval }
          if let activity = point.activity { policy.activity = activity }
          return policy
        })
    }
  }
}
