import Planning
import Simulation
import Testing

@Suite struct FleetLoaderTests {
  static let scenario = Scenario(name: "tiny", model: "gpt-realtime", horizon: 86_400_000_000, seed: 1)

  static func parse(_ text: String) throws(FleetError) -> FleetSpec {
    try FleetLoader.parse(text, file: "fleet.yaml") { path throws(FleetError) in
      guard path == "tiny.yaml" else {
        throw FleetError(file: path, line: nil, keyPath: "", message: "no such scenario file")
      }
      return ("/x/tiny.yaml", scenario)
    }
  }

  static let valid = """
    month: 2026-02
    tier: 2
    budget: "$1,500.50"
    groups:
      - name: robots
        count: 3
        scenario: tiny.yaml
        utc_offset: 5.5
        policy: { idle_timeout: 5m, warn: 1, alert: 2, alert_action: disconnect }
    grid:
      idle_timeout: [off, 1m]
      activity: [real, seed]
    """

  @Test func readsAValidFleet() throws {
    let spec = try Self.parse(Self.valid)
    #expect(spec.name == "fleet" && spec.month.days == 28 && spec.tier == 2)
    #expect(spec.budget.decimalText == "1500.5")
    #expect(spec.groups[0].utcOffsetMinutes == 330 && spec.groups[0].count == 3)
    #expect(
      spec.groups[0].policy.idleTimeout == 300_000_000 && spec.groups[0].policy.alertAction == .disconnect)
    // 2 timeouts × 2 activity rules = 4 grid points, timeout first; plus the configured variant.
    #expect(spec.grid.count == 4 && spec.variants.count == 5)
    #expect(spec.grid[0].label == "timeout=off activity=real")
    #expect(spec.grid[3].label == "timeout=1m activity=seed")
  }

  @Test(arguments: [
    ("tier: 2", "tier: 6", "fleet.yaml:2: tier: must be between 1 and 5, got 6"),
    (
      "month: 2026-02", "month: 2026-13",
      "fleet.yaml:1: month: must be a YYYY-MM month such as 2026-03, got 2026-13"
    ),
    ("    count: 3", "    count: 0", "fleet.yaml:6: groups[0].count: must be >= 1, got 0"),
    (
      "    utc_offset: 5.5", "    utc_offset: 5.1",
      "fleet.yaml:8: groups[0].utc_offset: must be hours from UTC between -12 and 14 in quarter hours (-5, 5.5), got 5.1"
    ),
    (
      "    count: 3", "    cuont: 3",
      "fleet.yaml:6: groups[0].cuont: unknown key (known keys here: name, count, scenario, utc_offset, policy, model, start)"
    ),
    (
      "budget: \"$1,500.50\"", "budget: lots",
      "fleet.yaml:3: budget: must be a dollar amount such as 0.50, $1 or $40,000, got 'lots'"
    ),
    (
      "alert: 2,", "alert: 0.5,",
      "fleet.yaml:9: groups[0].policy.alert: the alert threshold ($0.5) must not be below the warning ($1)"
    ),
    (
      "idle_timeout: 5m", "idle_timeout: 5",
      "fleet.yaml:9: groups[0].policy.idle_timeout: must be a duration such as 30s, 5m, 2h, 7d or 250ms, or off, got '5'"
    ),
    (
      "  activity: [real, seed]", "  activity: [real, fast]",
      "fleet.yaml:12: grid.activity[1]: must be one of real, seed, push-to-talk, got 'fast'"
    ),
    ("scenario: tiny.yaml", "scenario: other.yaml", "other.yaml: no such scenario file"),
    ("tier: 2\n", "", "fleet.yaml:1: tier: is required"),
  ])
  func errorsNameTheKey(original: String, replacement: String, message: String) {
    let text = Self.valid.replacingOccurrences(of: original, with: replacement)
    #expect(text != Self.valid)
    do {
      _ = try Self.parse(text)
      Issue.record("expected an error for \(replacement)")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func refusesBrokenYAMLAndEmptyGroups() {
    #expect(throws: FleetError.self) { try Self.parse("month: [2026") }
    do {
      _ = try Self.parse("month: 2026-02\ntier: 1\nbudget: 1\ngroups: []\n")
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "fleet.yaml:4: groups: must list at least one group")
    }
  }
}

@Suite struct BundledFleetTests {
  @Test func theExampleFleetLoads() throws {
    let spec = try FleetLoader.load(path: FleetPaths.scenario("fleet-example.yaml"))
    #expect(spec.groups.map(\.name) == ["home-robots", "phone-agents", "kiosks"])
    #expect(spec.deviceCount == 1_000 && spec.month.days == 31 && spec.tier == 4)
    // UTC−5, UTC+1, UTC−8 in minutes.
    #expect(spec.groups.map(\.utcOffsetMinutes) == [-300, 60, -480])
    // The configured policies plus idle_timeout off, 30s and 15m.
    #expect(spec.variants.map(\.label) == ["as configured", "timeout=off", "timeout=30s", "timeout=15m"])
    #expect(spec.groups[0].scenario.name == "home-robot")
  }
}
