public import Billing

/// Usage billed other than per response token, kept in a snapshot beside its rate so that
/// `rtcost diff` prices it again with the other snapshot's cards: input transcription and GPT-Live
/// session time and backend tokens.
///
/// A `…_micros` meter is time, priced per minute by the exact microsecond
/// (``Billing/DurationPricing``); the others are token counts priced per token. Re-pricing works on
/// the sums (a snapshot keeps no single blocks), so where a per-minute card rounded each block to
/// the pico-dollar the re-priced figure can differ from a block-by-block bill by under a
/// pico-dollar per block; the price and workload parts still add up to the change exactly.
public enum SnapshotMeter: String, Sendable, CaseIterable, Codable {
  /// Audio transcribed by a duration-billed model (whisper-1, gpt-realtime-whisper, …).
  case transcriptionMicros = "transcription_micros"
  /// A token-billed transcription model's prompt text, audio input and text output.
  case transcriptionTextInTokens = "transcription_text_in_tokens"
  case transcriptionAudioInTokens = "transcription_audio_in_tokens"
  case transcriptionTextOutTokens = "transcription_text_out_tokens"
  /// GPT-Live session time at the active and the standby rate.
  case liveActiveMicros = "live_active_micros"
  case liveStandbyMicros = "live_standby_micros"
  /// GPT-Live initialisation time of abandoned WebRTC creations (priced at the active rate).
  case liveInitializationMicros = "live_initialization_micros"
  /// GPT-Live delegated backend tokens at the backend model's text prices.
  case backendTextInTokens = "backend_text_in_tokens"
  case backendTextInCachedTokens = "backend_text_in_cached_tokens"
  case backendTextOutTokens = "backend_text_out_tokens"

  /// Whether the meter counts time (priced per minute) rather than tokens.
  public var isTime: Bool { rawValue.hasSuffix("_micros") }

  /// What `quantity` of this meter costs at `rate` (pico-dollars per minute for time, per token
  /// otherwise); nil when the cost leaves 128 bits' comfortable range (it cannot for valid input).
  public func cost(_ quantity: Int64, rate: Int64) -> Int128? {
    if isTime {
      guard let money = DurationPricing.cost(of: quantity, atPerMinute: Money(picoUSD: rate)) else {
        return nil
      }
      return Int128(money.picoUSD)
    }
    return Int128(quantity) * Int128(rate)
  }
}

extension BreakdownSnapshot {
  /// The rate of every meter the cards price (pico-dollars per minute or per token).
  public static func meterRates(
    transcription: TranscriptionPriceCard?, live: LivePriceCard?, backend: PriceCard?
  ) -> Rates {
    var rates: Rates = [:]
    func set(_ meter: SnapshotMeter, _ money: Money?) {
      if let money { rates[meter.rawValue] = money.picoUSD }
    }
    switch transcription?.rate {
    case .perMinute(let perMinute):
      set(.transcriptionMicros, perMinute)
    case .perToken(let textIn, let audioIn, let textOut):
      set(.transcriptionTextInTokens, textIn)
      set(.transcriptionAudioInTokens, audioIn)
      set(.transcriptionTextOutTokens, textOut)
    case nil:
      break
    }
    if let live {
      set(.liveActiveMicros, live.activePerMinute)
      set(.liveStandbyMicros, live.standbyPerMinute ?? live.activePerMinute)
      set(.liveInitializationMicros, live.activePerMinute)
    }
    if let backend {
      set(.backendTextInTokens, backend.textIn)
      set(.backendTextInCachedTokens, backend.textInCached ?? backend.textIn)
      set(.backendTextOutTokens, backend.textOut)
    }
    return rates
  }

  /// Meter quantities in ``SnapshotMeter`` order.
  public static func meters(
    transcription: TranscriptionTotals, live: LiveUsage, initializationMicros: Int64,
    backend: BackendUsage
  ) -> [Int64] {
    SnapshotMeter.allCases.map { meter in
      switch meter {
      case .transcriptionMicros: transcription.durationMicros
      case .transcriptionTextInTokens: transcription.textInTokens
      case .transcriptionAudioInTokens: transcription.audioInTokens
      case .transcriptionTextOutTokens: transcription.textOutTokens
      case .liveActiveMicros: live.activeMicros
      case .liveStandbyMicros: live.standbyMicros
      case .liveInitializationMicros: initializationMicros
      case .backendTextInTokens: backend.inputTokens - backend.cachedInputTokens
      case .backendTextInCachedTokens: backend.cachedInputTokens
      case .backendTextOutTokens: backend.outputTokens
      }
    }
  }
}
