import Billing
import RealtimeEvents
import Simulation

/// Cuts one simulated world into device-days by watching the engine's events.
///
/// Time zero is local midnight of the scenario's start day, so local day k is
/// `[k·24 h, (k+1)·24 h)`. The first `warmupDays` are dropped (a world starts with a cold session at
/// midnight, which no real device does every day). Sessions run from `session.created` to the
/// engine's `local.session_closed` event (`session.started` for GPT-Live); requests are
/// `response.created`; a response's tokens (its usage's total: the whole context plus output) count
/// in the minute it was created; costs count on the day of `response.done` (and of
/// `transcription.completed`). A GPT-Live session's time counts on the day of each usage report (the
/// difference between its cumulative bill and the last report's), backend tokens on the day of
/// their completion.
struct FleetDayRecorder {
  static let minute: Micros = 60 * Micros.perSecond
  let warmupDays: Int
  let days: Int
  let cards: Scenario.PriceCards
  var costPico: [Int64]
  var sessions: [UInt8]
  var requests: [UInt16]
  var tokens: [UInt32]
  private var openSince: Micros?
  private var pendingMinutes: [Int] = []
  private var pendingHead = 0
  private(set) var failure: String?
  /// GPT-Live: the open session's last reported bill and usage.
  private var liveBilled = Money.zero
  private var liveReported = LiveUsage()
  /// The usage billed on the recorded days.
  private(set) var usage = LibraryUsage()

  init(warmupDays: Int, days: Int, cards: Scenario.PriceCards) {
    self.warmupDays = warmupDays
    self.days = days
    self.cards = cards
    costPico = Array(repeating: 0, count: days)
    sessions = Array(repeating: 0, count: days * FleetDeviceDays.minutesPerDay)
    requests = Array(repeating: 0, count: days * FleetDeviceDays.minutesPerDay)
    tokens = Array(repeating: 0, count: days * FleetDeviceDays.minutesPerDay)
  }

  /// The recorded minute of `time` (may be outside `0..<days·1440`).
  func minute(_ time: Micros) -> Int {
    Int(time / Self.minute) - warmupDays * FleetDeviceDays.minutesPerDay
  }

  mutating func observe(_ event: TimedEvent) {
    guard let time = event.time else { return }
    switch event.event {
    case .sessionCreated:
      openSince = time
    case .liveSessionStarted:
      openSince = time
      liveBilled = .zero
      liveReported = LiveUsage()
    case .liveUsageUpdated(let report), .liveSessionClosed(_, let report?):
      guard let card = cards.billing.liveCard else { return }
      do {
        let bill = try card.cost(of: report.usage).total
        addCost(bill - liveBilled, at: time)
        if records(time) {
          usage.liveActiveMicros = LibraryUsage.plus(
            usage.liveActiveMicros, report.usage.activeMicros - liveReported.activeMicros)
          usage.liveStandbyMicros = LibraryUsage.plus(
            usage.liveStandbyMicros, report.usage.standbyMicros - liveReported.standbyMicros)
        }
        liveBilled = bill
        liveReported = report.usage
      } catch {
        if failure == nil { failure = "cannot price a simulated GPT-Live session: \(error)" }
      }
    case .liveBackendEvent(let backend):
      guard let usage = backend.usage, let card = cards.backend else { return }
      do {
        addCost(try card.cost(ofBackend: usage), at: time)
        if records(time) { self.usage.add(usage) }
      } catch {
        if failure == nil { failure = "cannot price simulated backend tokens: \(error)" }
      }
    case .sessionClosed:
      if let start = openSince { markSession(from: start, to: time) }
      openSince = nil
    case .responseCreated:
      let at = minute(time)
      pendingMinutes.append(at)
      if (0..<requests.count).contains(at) { requests[at] &+= 1 }
    case .responseDone(let done):
      let createdAt = pendingHead < pendingMinutes.count ? pendingMinutes[pendingHead] : minute(time)
      if pendingHead < pendingMinutes.count { pendingHead += 1 }
      if pendingHead > 64 {
        pendingMinutes.removeFirst(pendingHead)
        pendingHead = 0
      }
      guard let usage = done.usage else { return }
      let total = usage.totalTokens ?? ((usage.inputTokens ?? 0) + (usage.outputTokens ?? 0))
      if (0..<tokens.count).contains(createdAt) {
        tokens[createdAt] = UInt32(clamping: Int64(tokens[createdAt]) + total)
      }
      guard let card = cards.model else { return }
      do {
        let priced = try card.price(usage)
        addCost(priced.total, at: time)
        if records(time) { self.usage.add(priced) }
      } catch {
        if failure == nil { failure = "cannot price a simulated response: \(error)" }
      }
    case .transcriptionCompleted(let usage):
      guard let usage, let transcription = cards.transcription else { return }
      do {
        addCost(try transcription.cost(of: usage), at: time)
        if records(time) { self.usage.add(usage) }
      } catch {
        if failure == nil { failure = "cannot price a simulated transcription: \(error)" }
      }
    default:
      break
    }
  }

  /// Closes a session still open when the world ended.
  mutating func finish(at end: Micros) {
    if let start = openSince { markSession(from: start, to: end) }
    openSince = nil
  }

  private mutating func addCost(_ money: Money, at time: Micros) {
    let day = minute(time) / FleetDeviceDays.minutesPerDay
    if records(time) {
      costPico[day] += money.picoUSD
      usage.costPico = LibraryUsage.plus(usage.costPico, money.picoUSD)
    }
  }

  /// Whether `time` falls on a recorded day (after the warm-up, before the end).
  private func records(_ time: Micros) -> Bool {
    minute(time) >= 0 && minute(time) / FleetDeviceDays.minutesPerDay < days
  }

  /// Marks the device as having a session open in every minute from the session's start to its end
  /// (an end exactly on a minute boundary does not reach into the next minute). A device's sessions
  /// never overlap, so a reconnect within a minute still counts the device once.
  private mutating func markSession(from start: Micros, to end: Micros) {
    let first = max(0, minute(start))
    let last = min(sessions.count - 1, max(minute(start), minute(max(start, end - 1))))
    guard first <= last else { return }
    for index in first...last { sessions[index] = 1 }
  }

  /// The recorded days as a library (one world).
  var deviceDays: FleetDeviceDays {
    var library = FleetDeviceDays()
    for day in 0..<days {
      let range = (day * FleetDeviceDays.minutesPerDay)..<((day + 1) * FleetDeviceDays.minutesPerDay)
      library.append(
        cost: Money(picoUSD: costPico[day]), sessions: Array(sessions[range]),
        requests: Array(requests[range]),
        tokens: Array(tokens[range]))
    }
    library.usage = usage
    var world = FleetDeviceDays()
    world.append(world: library)
    return world
  }
}
