import Foundation
import TestSupport
import Testing

/// `rtcost reconcile` on the fixtures of fixtures/traffic/ (worked out in its README).
@Suite struct ReconcileCommandTests {
  static func fixture(_ name: String) -> String {
    TestPaths.packageRoot.appendingPathComponent("fixtures/traffic").appendingPathComponent(name).path
  }

  @Test func theDashboardMonthAgainstItsCostsAndAForecast() async throws {
    let result = await CommandRunner.run([
      "reconcile", Self.fixture("usage-dashboard.csv"), "--costs", Self.fixture("costs-dashboard.csv"),
      "--forecast", Self.fixture("forecast-march.json"),
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("3 day×model rows over 4 days (1 without usage)"))
    #expect(result.stdout.contains("2026-03-03  (no usage)"))
    #expect(result.stdout.contains("$1.129888"))
    #expect(result.stdout.contains("audio_out           $0.512      $0.52   -$0.008"))
    #expect(
      result.stdout.contains(
        "gap $0.240808 = workload $0.12906 + context $0.41832 + cache $0.08786 + price -$0.394432"))
  }

  @Test func theAPIPagesAsJSON() async throws {
    let result = await CommandRunner.run([
      "reconcile", Self.fixture("usage-api-pages.json"), "--costs", Self.fixture("costs-api-pages.json"),
      "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"total_usd\": 0.532"))
    #expect(result.stdout.contains("\"uncached\": 1"))
    #expect(result.stdout.contains("\"delta_usd\": 0"))
    #expect(!result.stdout.contains("\"delta_usd\": -"))
  }

  @Test func aRealForecastReportIsRead() async throws {
    let folder = try TestPaths.scratchFolder("reconcile-forecast")
    let forecast = folder.appendingPathComponent("forecast.json").path
    let made = await CommandRunner.run([
      "forecast", TestPaths.scenario("kiosk-push-to-talk.yaml"), "--worlds", "2", "--horizon", "1d",
      "--idle-timeouts", "off,2m", "--format", "json", "--output", forecast,
    ])
    #expect(made.status == 0, "\(made.stderr)")
    let result = await CommandRunner.run([
      "reconcile", Self.fixture("usage-dashboard.csv"), "--forecast", forecast, "--devices", "3",
      "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"devices\": 3"))
    #expect(result.stdout.contains("\"gap_split_usd\""))
  }

  @Test func errorsNameTheFileLineOrOption() async throws {
    let noFiles = await CommandRunner.run(["reconcile"])
    #expect(noFiles.stderr.contains("give at least one usage export"))
    let policy = await CommandRunner.run(["reconcile", Self.fixture("usage-dashboard.csv"), "--policy", "x"])
    #expect(policy.stderr.contains("--policy, --month and --devices are for --forecast"))
    let month = await CommandRunner.run([
      "reconcile", Self.fixture("usage-dashboard.csv"), "--forecast", Self.fixture("forecast-march.json"),
      "--month", "March",
    ])
    #expect(month.stderr.contains("--month must be YYYY-MM, got 'March'"))
    let twoMonths = await CommandRunner.run([
      "reconcile", Self.fixture("usage-dashboard.csv"), Self.fixture("usage-api-pages.json"), "--forecast",
      Self.fixture("forecast-march.json"),
    ])
    #expect(twoMonths.status != 0)
    #expect(twoMonths.stderr.contains("the export covers 2 months; choose one with --month"))
    let notForecast = await CommandRunner.run([
      "reconcile", Self.fixture("usage-dashboard.csv"), "--forecast", Self.fixture("usage-api-pages.json"),
    ])
    #expect(notForecast.stderr.contains("usage-api-pages.json: not an rtcost forecast report"))
    let missing = await CommandRunner.run(["reconcile", "no-such-usage.csv"])
    #expect(missing.stderr.contains("no-such-usage.csv: no such file"))
  }
}
