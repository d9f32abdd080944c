import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Simulation

/// GPT-Live worlds (DESIGN §7.4): the same world under a Live session, billed by session time.
/// $0.05/min active, $0.02/min standby (gpt-live-1.1), 15 s floor for a WebRTC session.
@Suite struct LiveSimulationTests {
  static let day = CalendarDay(year: 2026, month: 11, day: 23)

  /// home-robot on gpt-live-1.1, priced as of 2026-11-23.
  static func robot(horizon: Micros = .hours(24)) throws -> Scenario {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    scenario.model = "gpt-live-1.1"
    scenario.startDay = day
    scenario.horizon = horizon
    return scenario
  }

  /// A room where nobody speaks: no conversations, no noise, no commands.
  static func quiet(_ live: LiveSessionModel = LiveSessionModel(), horizon: Micros = .hours(1)) throws
    -> Scenario
  {
    var scenario = try robot(horizon: horizon)
    scenario.user.conversationsPerHour = DailyProfile(constant: 0)
    scenario.noise = []
    scenario.commands.perHour = DailyProfile(constant: 0)
    scenario.live = live
    return scenario
  }

  static func cards(_ scenario: Scenario) throws -> Scenario.PriceCards {
    try scenario.priceCards(over: .bundled)
  }

  static func run(_ scenario: Scenario, policy: GuardSettings = GuardSettings(), seed: UInt64 = 1) throws -> (
    EngineStats, [TimedEvent]
  ) {
    let cards = try cards(scenario)
    let adopted = scenario.adoptingModelFacts(of: cards)
    let trace = WorldGenerator(scenario: adopted).generate(seed: seed)
    var events: [TimedEvent] = []
    let stats = Simulator.run(
      scenario: adopted, trace: trace, policy: Simulator.Policy(settings: policy), cards: cards, detail: .full
    ) { events.append($0) }
    return (stats, events)
  }

  @Test func aForgottenSessionCostsThreeDollarsAnHour() throws {
    // Always on, nobody speaks, 1 h: 60 min × $0.05 = $3.00, reported every 10 s and billed once.
    let (stats, events) = try Self.run(try Self.quiet())
    #expect(stats.liveSessionTime == .hours(1))
    let metrics = try Self.cards(try Self.quiet())
    let bill = try metrics.billing.liveCard!.cost(of: LiveUsage(activeMicros: stats.liveSessionTime))
    #expect(bill.total == usd("3"))
    // Reports at 10 s, 20 s, …, 3,590 s; the session's close at the horizon carries the final 3,600 s.
    #expect(stats.liveUsageReports == 359)
    if case .liveSessionStarted(let config) = events.first?.event {
      #expect(config.model == "gpt-live-1.1" && config.backendModel == "gpt-realtime-2")
    } else {
      Issue.record("the first event is not session.started: \(String(describing: events.first))")
    }
    #expect(
      events.contains {
        $0.event
          == .liveSessionClosed(reason: .closeRequested, usage: LiveUsageReport(sessionMicros: .hours(1)))
      })
    // No Realtime event leaks into a GPT-Live session.
    #expect(!events.contains { if case .responseDone = $0.event { true } else { false } })
    #expect(!events.contains { if case .sessionCreated = $0.event { true } else { false } })
  }

  @Test func standbyBillsTheLowerRateAfterTheQuietSpell() throws {
    // WebRTC with standby after 1 min of quiet, 1 h: 1 min active + 59 min standby =
    // $0.05 + 59 × $0.02 = $0.05 + $1.18 = $1.23.
    var live = LiveSessionModel()
    live.transport = .webrtc
    live.standbyAfter = .minutes(1)
    let scenario = try Self.quiet(live)
    let (stats, _) = try Self.run(scenario)
    #expect(stats.liveSessionTime == .hours(1) && stats.liveStandbyTime == .minutes(59))
    let metrics = try Self.cards(scenario)
    let bill = try metrics.billing.liveCard!.cost(
      of: LiveUsage(activeMicros: .minutes(1), standbyMicros: stats.liveStandbyTime))
    #expect(bill.total == usd("1.23"))
  }

  @Test func theSessionLimitClosesAndTheRobotReconnects() throws {
    // A 20 min limit over 1 h: three sessions of 20 min, each closed `expired`, 60 min billed.
    var live = LiveSessionModel()
    live.sessionLimit = .minutes(20)
    let (stats, events) = try Self.run(try Self.quiet(live))
    #expect(stats.expiries == 2 && stats.sessions == 3 && stats.liveSessionTime == .hours(1) - .seconds(2))
    #expect(events.count { if case .liveSessionClosed(.expired, _) = $0.event { true } else { false } } == 2)
  }

  @Test func aShortWebRTCSessionPaysTheInitialisationFloor() throws {
    // The phone agent's calls are a few seconds to minutes; on WebRTC any shorter than 15 s bills 15 s.
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("phone-agent.yaml"))
    scenario.model = "gpt-live-1"
    scenario.startDay = Self.day
    scenario.horizon = .hours(24)
    scenario.live.transport = .webrtc
    let (webrtc, events) = try Self.run(scenario)
    scenario.live.transport = .websocket
    let (websocket, _) = try Self.run(scenario)
    let finals = events.compactMap { event -> Micros? in
      if case .liveSessionClosed(_, let usage?) = event.event { usage.sessionMicros } else { nil }
    }
    #expect(!finals.isEmpty && finals.allSatisfy { $0 >= .seconds(15) })
    #expect(webrtc.liveSessionTime >= websocket.liveSessionTime)
    #expect(webrtc.connectedTime == websocket.connectedTime)
  }

  @Test func anIdleTimeoutSavesMostOfALiveRobotsBill() throws {
    // The same day of the robot's world, on GPT-Live, with and without a 1-minute timeout.
    let scenario = try Self.robot()
    let (open, _) = try Self.run(scenario)
    let (guarded, _) = try Self.run(
      scenario, policy: GuardSettings(idleTimeout: .minutes(1), checkInterval: .seconds(15)))
    #expect(open.liveSessionTime >= .hours(24) - .minutes(1))
    #expect(guarded.idleDisconnects > 0)
    // Under a fifth of the session time: most of a Live robot's day is silence.
    #expect(guarded.liveSessionTime * 5 < open.liveSessionTime)
    #expect(guarded.genuineTurns == open.genuineTurns)
  }

  @Test func theGuardsMeterAgreesWithTheEnginesCount() throws {
    // WorldSimulation meters the emitted events with the real UsageTracker: its session time and
    // backend tokens equal the engine's, and its bill is the engine's priced per session.
    var scenario = try Self.robot()
    scenario.policy = GuardSettings(idleTimeout: .minutes(2), checkInterval: .seconds(30))
    scenario.live.delegationFraction = 0.25
    let simulation = WorldSimulation(scenario: scenario, seed: 3, cards: try Self.cards(scenario))
    let result = try simulation.run()
    let live = result.usage.live
    #expect(live.usage.sessionMicros == result.stats.liveSessionTime)
    #expect(live.backendResponses == result.stats.backendResponses && live.backendResponses > 0)
    #expect(live.backendTokens == result.stats.backendTokens)
    #expect(live.confirmedSessions == result.stats.sessions)
    // gpt-realtime-2 text prices per backend response: (2,000 − 1,024) × 4 + 1,024 × 0.40 + 300 × 24 µ$
    // = 3,904 + 409.6 + 7,200 = 11,513.6 µ$ = 11,513,600,000 pico-dollars.
    #expect(live.backendCost.picoUSD == Int64(live.backendResponses) * 11_513_600_000)
  }

  @Test func delegatedTurnsAreTheSameUnderEveryPolicy() throws {
    var scenario = try Self.robot()
    scenario.live.delegationFraction = 0.5
    let (open, _) = try Self.run(scenario)
    let (guarded, _) = try Self.run(
      scenario, policy: GuardSettings(idleTimeout: .minutes(1), checkInterval: .seconds(15)))
    #expect(open.backendResponses > 0)
    // Each genuine turn is delegated or not by its place in the world, not by the policy.
    #expect(open.backendResponses == guarded.backendResponses)
  }

  @Test func liveScenarioKeysAreCheckedByName() throws {
    func error(_ live: String) -> String {
      let text = """
        model: gpt-live-1.1
        start: 2026-11-23
        horizon: 1d
        user: { conversations_per_hour: 1 }
        live:
        \(live)
        """
      do {
        _ = try ScenarioLoader.parse(text, file: "live.yaml")
        return "no error"
      } catch {
        return error.description
      }
    }
    #expect(error("  standby_after: 1m").contains("live.standby_after"))
    #expect(error("  standby_after: 1m").contains("WebRTC"))
    #expect(error("  delegation_fraction: 1.5").contains("live.delegation_fraction"))
    #expect(error("  backend_cached_input_tokens: 5000").contains("backend_input_tokens"))
    #expect(error("  transport: pigeon").contains("live.transport"))
    #expect(error("  usage_report_interval: 100ms").contains("at least 1s"))
    #expect(error("  standby_aftr: 1m").contains("standby_aftr"))
    #expect(error("  transport: webrtc\n  standby_after: 90s") == "no error")
  }

  @Test func aLiveScenarioWritesAndLoadsBackUnchanged() throws {
    var scenario = try Self.robot()
    scenario.live.transport = .webrtc
    scenario.live.standbyAfter = .seconds(90)
    scenario.live.delegationFraction = 0.25
    scenario.live.backendModel = "gpt-realtime-2.1"
    scenario.live.backendOutputTokens = 500
    scenario.session.reasoningEffort = .high
    scenario.worldModel.contextWindow = 64_000
    scenario.worldModel.reasoningTokens.high = 400
    let yaml = try ScenarioWriter.yaml(scenario)
    #expect(yaml.contains("live:") && yaml.contains("standby_after: 90s"))
    #expect(yaml.contains("reasoning_tokens: {high: 400}"))
    #expect(try ScenarioLoader.parse(yaml, file: "written.yaml") == scenario)
  }

  static func run(_ scenario: Scenario, detail: EventDetail) throws -> EngineStats {
    let cards = try cards(scenario)
    let adopted = scenario.adoptingModelFacts(of: cards)
    let trace = WorldGenerator(scenario: adopted).generate(seed: 1)
    return Simulator.run(
      scenario: adopted, trace: trace, policy: Simulator.Policy(settings: GuardSettings()), cards: cards,
      detail: detail
    ) { _ in }
  }

  @Test func theServersIdleTimeoutClosesAQuietSession() throws {
    // Nobody speaks for 1 h, no client timeout: without a server idle timeout the session bills
    // the whole hour ($3.00); with `server_idle_timeout: 2m` the server closes it after 2 quiet
    // minutes ($0.10) and, nobody speaking, it stays closed.
    let (open, _) = try Self.run(try Self.quiet())
    var live = LiveSessionModel()
    live.serverIdleTimeout = .minutes(2)
    let scenario = try Self.quiet(live)
    let (closed, events) = try Self.run(scenario)
    #expect(open.liveSessionTime == .hours(1) && open.serverIdleCloses == 0)
    #expect(closed.liveSessionTime == .minutes(2))
    #expect(closed.serverIdleCloses == 1 && closed.sessions == 1 && closed.idleDisconnects == 0)
    #expect(closed.expiries == 0 && closed.connectedTime == .minutes(2))
    let bill = try Self.cards(scenario).billing.liveCard!.cost(
      of: LiveUsage(activeMicros: closed.liveSessionTime))
    #expect(bill.total == usd("0.10"))
    let closes = events.filter { if case .liveSessionClosed = $0.event { true } else { false } }
    #expect(closes.map(\.time) == [.minutes(2)])
    #expect(
      closes.first?.event
        == .liveSessionClosed(reason: .expired, usage: LiveUsageReport(sessionMicros: .minutes(2))))
    #expect(events.contains { $0.event == .sessionClosed(.upstreamClosed) })
  }

  @Test func theServersIdleTimeoutCutsARobotsDayAndKeepsItsTurns() throws {
    // The robot's day on GPT-Live: every conversation still happens (the next turn reconnects),
    // the silences after them are billed for at most 2 min each, and the coalesced detail the
    // forecasts use counts the same as the full one.
    var scenario = try Self.robot()
    let (open, _) = try Self.run(scenario)
    scenario.live.serverIdleTimeout = .minutes(2)
    let (closed, _) = try Self.run(scenario)
    #expect(closed.serverIdleCloses > 0 && closed.genuineTurns == open.genuineTurns)
    #expect(closed.liveSessionTime * 5 < open.liveSessionTime)
    // Each session closes by the server's timeout or at the end of the run, and it can only close
    // idle 2 min after its last activity: at least 2 min of each is billed.
    #expect(closed.sessions >= closed.serverIdleCloses && closed.sessions <= closed.serverIdleCloses + 1)
    #expect(closed.liveSessionTime >= Micros(closed.serverIdleCloses) * .minutes(2))
    var full = try Self.run(scenario, detail: .full)
    let coalesced = try Self.run(scenario, detail: .coalesced)
    #expect(full.events > coalesced.events)
    full.events = coalesced.events
    #expect(full == coalesced)
  }

  @Test func serverIdleTimeoutIsADurationOrOff() throws {
    func load(_ value: String) -> Result<Micros?, ScenarioError> {
      let text = """
        model: gpt-live-1.1
        start: 2026-11-23
        horizon: 1d
        user: { conversations_per_hour: 1 }
        live:
          server_idle_timeout: \(value)
        """
      do {
        return .success(try ScenarioLoader.parse(text, file: "live.yaml").live.serverIdleTimeout)
      } catch {
        return .failure(error)
      }
    }
    #expect(try load("2m").get() == .minutes(2))
    #expect(try load("off").get() == nil)
    for bad in ["soon", "0s", "-5s", "[2m]"] {
      guard case .failure(let error) = load(bad) else {
        Issue.record("\(bad) loaded")
        continue
      }
      #expect(error.description.contains("live.server_idle_timeout"), "\(error.description)")
      #expect(error.description.contains("live.yaml:6"), "\(error.description)")
    }
    if case .failure(let error) = load("soon") {
      #expect(error.description.contains("must be a duration"))
    }
    if case .failure(let error) = load("0s") { #expect(error.description.contains("must be > 0")) }
  }

  @Test func aServerIdleTimeoutWritesAndLoadsBackUnchanged() throws {
    var scenario = try Self.robot()
    scenario.live.serverIdleTimeout = .seconds(150)
    let yaml = try ScenarioWriter.yaml(scenario)
    #expect(
      yaml.contains("server_idle_timeout: 150s") || yaml.contains("server_idle_timeout: 2m30s"), "\(yaml)")
    #expect(try ScenarioLoader.parse(yaml, file: "written.yaml") == scenario)
    scenario.live.serverIdleTimeout = nil
    #expect(!(try ScenarioWriter.yaml(scenario)).contains("server_idle_timeout"))
  }
}
