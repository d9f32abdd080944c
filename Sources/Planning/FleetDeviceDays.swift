public import Billing

/// A library of device-days: for each, the cost and per-minute profiles of sessions, requests and
/// tokens over one local calendar day (minute 0 = local midnight).
///
/// Profiles are stored flat, 1,440 small integers per day, so that summing thousands of devices is
/// a tight loop over contiguous memory with no allocation.
public struct FleetDeviceDays: Sendable, Equatable {
  public static let minutesPerDay = 1_440

  /// Cost of each day (pico-dollars): every response and transcription billed that day.
  public private(set) var costPico: [Int64] = []
  /// Whether a session was open at some time during each minute (0 or 1: one device's sessions
  /// never overlap; a reconnect within the minute counts once).
  public private(set) var sessions: [UInt8] = []
  /// Responses created in each minute (each Response is one request, DESIGN §1).
  public private(set) var requests: [UInt16] = []
  /// Whole-context tokens (input + output of the response's usage) of the responses created in
  /// each minute.
  public private(set) var tokens: [UInt32] = []
  /// The mean cost per day of each world the days came from (USD), in order: the unit of the
  /// library's own sampling error (days of one world are not independent).
  public private(set) var worldMeansUSD: [Double] = []
  /// What the days were billed for, summed (zero for hand-built libraries).
  public internal(set) var usage = LibraryUsage()

  public init() {}

  /// Days in the library.
  public var count: Int { costPico.count }

  /// Appends one day; each profile must have 1,440 minutes.
  public mutating func append(cost: Money, sessions: [UInt8], requests: [UInt16], tokens: [UInt32]) {
    precondition(
      sessions.count == Self.minutesPerDay && requests.count == Self.minutesPerDay
        && tokens.count == Self.minutesPerDay, "a device-day has 1,440 minutes")
    costPico.append(cost.picoUSD)
    self.sessions += sessions
    self.requests += requests
    self.tokens += tokens
  }

  /// Appends the days of one world and records its mean cost per day.
  public mutating func append(world: FleetDeviceDays) {
    let total = world.costPico.reduce(Int64(0), +)
    costPico += world.costPico
    sessions += world.sessions
    requests += world.requests
    tokens += world.tokens
    usage.add(world.usage)
    worldMeansUSD.append(
      world.count == 0 ? 0 : Double(total) / Double(Money.picoPerUSD) / Double(world.count))
  }

  /// Marks each day appended by hand as its own world (for hand-built libraries in tests).
  public mutating func closeWorldsPerDay() {
    worldMeansUSD = costPico.map { Double($0) / Double(Money.picoPerUSD) }
  }

  /// Requests over one whole day.
  public func requestsOfDay(_ day: Int) -> Int64 {
    let start = day * Self.minutesPerDay
    return requests[start..<(start + Self.minutesPerDay)].reduce(Int64(0)) { $0 + Int64($1) }
  }
}
