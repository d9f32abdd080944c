/// The price book bundled with rtcost: every row of DESIGN §1's table, with its effective date and source.
public enum BundledPrices {
  static let costsGuide = "OpenAI guide \"Managing costs\" (realtime-costs) and model pages"
  static let launchPost = "OpenAI launch post 2024-10-01 ($100/$200 per 1M audio tokens)"

  /// The Realtime model price cards.
  public static let cards: [PriceCard] = [
    card(
      "gpt-4o-realtime-preview-2024-10-01", "2024-10-01", text: ("5.00", nil, "20.00"),
      audio: ("100.00", nil, "200.00"), source: launchPost + "; no prompt caching until 2024-10-30"),
    card(
      "gpt-4o-realtime-preview-2024-10-01", "2024-10-30", text: ("5.00", "2.50", "20.00"),
      audio: ("100.00", "20.00", "200.00"),
      source: "OpenAI pricing page, prompt caching for Realtime from 2024-10-30"),
    card(
      "gpt-4o-realtime-preview-2024-12-17", "2024-12-17", text: ("5.00", "2.50", "20.00"),
      audio: ("40.00", "2.50", "80.00"), source: "OpenAI pricing page, 2024-12-17 snapshot"),
    card(
      "gpt-4o-realtime-preview-2025-06-03", "2025-06-03", text: ("5.00", "2.50", "20.00"),
      audio: ("40.00", "2.50", "80.00"), source: "OpenAI model page gpt-4o-realtime-preview"),
    card(
      "gpt-4o-mini-realtime-preview-2024-12-17", "2024-12-17", text: ("0.60", "0.30", "2.40"),
      audio: ("10.00", "0.30", "20.00"), source: "OpenAI model page gpt-4o-mini-realtime-preview"),
    card(
      "gpt-realtime-2025-08-28", "2025-08-28", text: ("4.00", "0.40", "16.00"),
      audio: ("32.00", "0.40", "64.00"), image: ("5.00", "0.50"),
      source: "OpenAI model page gpt-realtime (GA, 2025-08-28)"),
    card(
      "gpt-realtime-mini-2025-10-06", "2025-10-06", text: ("0.60", "0.06", "2.40"),
      audio: ("10.00", "0.30", "20.00"), image: ("0.80", "0.08"),
      source: "OpenAI model page gpt-realtime-mini"),
    card(
      "gpt-realtime-mini-2025-12-15", "2025-12-15", text: ("0.60", "0.06", "2.40"),
      audio: ("10.00", "0.30", "20.00"), image: ("0.80", "0.08"),
      source: "OpenAI model page gpt-realtime-mini (same prices as 2025-10-06)"),
    card(
      "gpt-realtime-1.5", "2026-02-01", text: ("4.00", "0.40", "16.00"),
      audio: ("32.00", "0.40", "64.00"), image: ("5.00", "0.50"),
      source: "OpenAI model page gpt-realtime-1.5 (released 2026-02; day assumed to be the 1st)"),
  ]

  /// Which dated snapshot each alias points at, from which day. Assumption (not documented by
  /// OpenAI day by day): an alias moves to a new snapshot on that snapshot's release date.
  public static let aliases: [ModelAlias] = [
    ModelAlias("gpt-realtime", "gpt-realtime-2025-08-28", from: "2025-08-28"),
    ModelAlias("gpt-realtime-mini", "gpt-realtime-mini-2025-10-06", from: "2025-10-06"),
    ModelAlias("gpt-realtime-mini", "gpt-realtime-mini-2025-12-15", from: "2025-12-15"),
    ModelAlias("gpt-4o-realtime-preview", "gpt-4o-realtime-preview-2024-10-01", from: "2024-10-01"),
    ModelAlias("gpt-4o-realtime-preview", "gpt-4o-realtime-preview-2024-12-17", from: "2024-12-17"),
    ModelAlias("gpt-4o-realtime-preview", "gpt-4o-realtime-preview-2025-06-03", from: "2025-06-03"),
    ModelAlias("gpt-4o-mini-realtime-preview", "gpt-4o-mini-realtime-preview-2024-12-17", from: "2024-12-17"),
  ]

  /// Input-transcription prices (DESIGN §1).
  public static let transcription: [TranscriptionPriceCard] = [
    TranscriptionPriceCard(
      model: "whisper-1", effectiveFrom: CalendarDay("2023-03-01")!,
      rate: .perMinute(Money(usd: "0.006")!), source: "OpenAI pricing page: whisper-1 $0.006/min"),
    TranscriptionPriceCard(
      model: "gpt-4o-transcribe", effectiveFrom: CalendarDay("2025-03-20")!,
      rate: .perToken(
        textIn: .perMillion("2.50"), audioIn: .perMillion("6.00"), textOut: .perMillion("10.00")),
      source: "OpenAI model page gpt-4o-transcribe"),
    TranscriptionPriceCard(
      model: "gpt-4o-mini-transcribe", effectiveFrom: CalendarDay("2025-03-20")!,
      rate: .perToken(
        textIn: .perMillion("1.25"), audioIn: .perMillion("3.00"), textOut: .perMillion("5.00")),
      source: "OpenAI model page gpt-4o-mini-transcribe"),
  ]

  private static func card(
    _ model: String, _ from: String, text: (String, String?, String), audio: (String, String?, String),
    image: (String, String)? = nil, source: String
  ) -> PriceCard {
    PriceCard(
      model: model, effectiveFrom: CalendarDay(from)!,
      textIn: .perMillion(text.0), textInCached: text.1.map(Money.perMillion), textOut: .perMillion(text.2),
      audioIn: .perMillion(audio.0), audioInCached: audio.1.map(Money.perMillion),
      audioOut: .perMillion(audio.2),
      imageIn: image.map { .perMillion($0.0) }, imageInCached: image.map { .perMillion($0.1) },
      source: source)
  }
}

/// An alias (`gpt-realtime`) that resolves to a dated snapshot from a given day.
public struct ModelAlias: Sendable, Equatable {
  public var alias: String
  public var target: String
  public var from: CalendarDay

  public init(_ alias: String, _ target: String, from: String) {
    self.init(alias: alias, target: target, from: CalendarDay(from)!)
  }

  public init(alias: String, target: String, from: CalendarDay) {
    self.alias = alias
    self.target = target
    self.from = from
  }
}
