public import Billing

/// What a device-day library was billed for, summed over its days: the response tokens by
/// category, the transcription, GPT-Live session time and backend tokens, and their cost.
///
/// A cost snapshot (`rtcost breakdown --fleet`) keeps it per group so that `rtcost diff` can tell
/// how a fleet's bill moves with another price card: the library's usage priced both ways gives
/// the group's ratio.
public struct LibraryUsage: Sendable, Equatable, Codable {
  /// The cost of the library's days (pico-dollars), the sum of ``FleetDeviceDays/costPico``.
  public var costPico: Int64 = 0
  /// Billed response tokens in ``Billing/TokenCategory`` order.
  public var tokens: [Int64] = Array(repeating: 0, count: TokenCategory.allCases.count)
  /// Transcribed audio (µs) and transcription tokens (text in, audio in, text out).
  public var transcriptionMicros: Int64 = 0
  public var transcriptionTokens: [Int64] = [0, 0, 0]
  /// GPT-Live session time billed at the active and the standby rate (µs).
  public var liveActiveMicros: Int64 = 0
  public var liveStandbyMicros: Int64 = 0
  /// GPT-Live backend tokens: input, its cached part, output.
  public var backendTokens: [Int64] = [0, 0, 0]

  public init() {}

  /// Adds another library's usage (saturating: each count is bounded on the way in).
  public mutating func add(_ other: LibraryUsage) {
    costPico = Self.plus(costPico, other.costPico)
    for index in tokens.indices where index < other.tokens.count {
      tokens[index] = Self.plus(tokens[index], other.tokens[index])
    }
    transcriptionMicros = Self.plus(transcriptionMicros, other.transcriptionMicros)
    for index in 0..<3 {
      transcriptionTokens[index] = Self.plus(transcriptionTokens[index], other.transcriptionTokens[index])
      backendTokens[index] = Self.plus(backendTokens[index], other.backendTokens[index])
    }
    liveActiveMicros = Self.plus(liveActiveMicros, other.liveActiveMicros)
    liveStandbyMicros = Self.plus(liveStandbyMicros, other.liveStandbyMicros)
  }

  mutating func add(_ priced: PricedUsage) {
    for (index, category) in TokenCategory.allCases.enumerated() {
      tokens[index] = Self.plus(tokens[index], priced.tokens[category])
    }
  }

  mutating func add(_ usage: TranscriptionUsage) {
    var totals = TranscriptionTotals()
    totals.add(usage)
    transcriptionMicros = Self.plus(transcriptionMicros, totals.durationMicros)
    transcriptionTokens[0] = Self.plus(transcriptionTokens[0], totals.textInTokens)
    transcriptionTokens[1] = Self.plus(transcriptionTokens[1], totals.audioInTokens)
    transcriptionTokens[2] = Self.plus(transcriptionTokens[2], totals.textOutTokens)
  }

  mutating func add(_ usage: BackendUsage) {
    backendTokens[0] = Self.plus(backendTokens[0], usage.inputTokens)
    backendTokens[1] = Self.plus(backendTokens[1], usage.cachedInputTokens)
    backendTokens[2] = Self.plus(backendTokens[2], usage.outputTokens)
  }

  static func plus(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
  }
}
