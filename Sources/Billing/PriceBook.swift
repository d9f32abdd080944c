/// The model prices rtcost knows: the bundled table, optionally overridden or extended by a user file.
///
/// Lookups accept a dated model name or an alias; an alias resolves to the snapshot in force on the
/// given day (the newest when no day is given). A model with several rows (a price change) resolves
/// to the row in force on that day. An unknown model is always an error, never $0. Transcription
/// models have aliases of their own (a dated snapshot such as `gpt-4o-mini-transcribe-2025-12-15`
/// resolves to the row of the model whose prices it has).
public struct PriceBook: Sendable {
  public internal(set) var cards: [PriceCard]
  public internal(set) var aliases: [ModelAlias]
  public internal(set) var transcription: [TranscriptionPriceCard]
  /// Names that resolve to a transcription row (dated snapshots of a transcription model).
  public internal(set) var transcriptionAliases: [ModelAlias]
  /// GPT-Live models, billed by session time.
  public internal(set) var live: [LivePriceCard]

  /// The bundled price book: `Embedded/prices.json`, compiled into the binary.
  public static let bundled = PriceBook(BundledPrices.file)

  public init(
    cards: [PriceCard], aliases: [ModelAlias], transcription: [TranscriptionPriceCard],
    transcriptionAliases: [ModelAlias] = [], live: [LivePriceCard] = []
  ) {
    self.cards = cards
    self.aliases = aliases
    self.transcription = transcription
    self.transcriptionAliases = transcriptionAliases
    self.live = live
  }

  /// The book a price file describes on its own (no bundled rows).
  public init(_ file: PriceFile) {
    self.init(
      cards: file.cards, aliases: file.aliases, transcription: file.transcription,
      transcriptionAliases: file.transcriptionAliases, live: file.live)
  }

  /// Every dated model name, sorted.
  public var modelNames: [String] { Array(Set(cards.map(\.model))).sorted() }

  /// Every GPT-Live model name, sorted.
  public var liveModelNames: [String] { Array(Set(live.map(\.model))).sorted() }

  /// Whether `name` is a GPT-Live model (billed by session time).
  public func isLiveModel(_ name: String) -> Bool { live.contains { $0.model == name } }

  /// The GPT-Live price card for `model` in force on `day` (the newest when nil).
  public func liveCard(for model: String, on day: CalendarDay? = nil) throws(PriceBookError) -> LivePriceCard
  {
    let rows = live.filter { $0.model == model }
    guard !rows.isEmpty else {
      throw .unknownModel(model, suggestions: ModelNameSuggestions.closest(to: model, in: allNames))
    }
    let inForce = rows.filter { day == nil || $0.effectiveFrom <= day! }
    guard let row = inForce.max(by: { $0.effectiveFrom < $1.effectiveFrom }) else {
      throw .noPriceOnDate(model: model, day: day!, firstDay: rows.map(\.effectiveFrom).min()!)
    }
    return row
  }

  /// Whether `name` is a Realtime alias (it resolves to a dated snapshot on a day) rather than a
  /// snapshot name such as `gpt-realtime-2025-08-28` or `gpt-realtime-2`.
  public func isAlias(_ name: String) -> Bool { aliases.contains { $0.alias == name } }

  /// Every input-transcription name that can be priced (models and their aliases), sorted.
  public var transcriptionModelNames: [String] {
    Array(Set(transcription.map(\.model) + transcriptionAliases.map(\.alias))).sorted()
  }

  /// The dated snapshot that `name` means on `day`: `name` itself when it is not an alias.
  public func resolve(_ name: String, on day: CalendarDay? = nil) throws(PriceBookError) -> String {
    try Self.resolve(name, on: day, in: aliases)
  }

  /// The transcription model whose prices `name` has on `day`: `name` itself when it is not an alias.
  public func resolveTranscription(_ name: String, on day: CalendarDay? = nil) throws(PriceBookError)
    -> String
  {
    try Self.resolve(name, on: day, in: transcriptionAliases)
  }

  private static func resolve(_ name: String, on day: CalendarDay?, in aliases: [ModelAlias])
    throws(PriceBookError) -> String
  {
    let candidates = aliases.filter { $0.alias == name }
    guard !candidates.isEmpty else { return name }
    let inForce = candidates.filter { day == nil || $0.from <= day! }
    guard let chosen = inForce.max(by: { $0.from < $1.from }) else {
      throw .noPriceOnDate(model: name, day: day!, firstDay: candidates.map(\.from).min()!)
    }
    return chosen.target
  }

  /// The price card for `model` (dated name or alias) in force on `day` (the newest when nil).
  public func card(for model: String, on day: CalendarDay? = nil) throws(PriceBookError) -> PriceCard {
    let dated = try resolve(model, on: day)
    let rows = cards.filter { $0.model == dated }
    guard !rows.isEmpty else {
      throw .unknownModel(model, suggestions: ModelNameSuggestions.closest(to: model, in: allNames))
    }
    let inForce = rows.filter { day == nil || $0.effectiveFrom <= day! }
    guard let row = inForce.max(by: { $0.effectiveFrom < $1.effectiveFrom }) else {
      throw .noPriceOnDate(model: dated, day: day!, firstDay: rows.map(\.effectiveFrom).min()!)
    }
    return row
  }

  /// Every row of `model` (dated name or alias resolved on `day`), oldest first.
  public func history(for model: String, on day: CalendarDay? = nil) throws(PriceBookError) -> [PriceCard] {
    let dated = try resolve(model, on: day)
    let rows = cards.filter { $0.model == dated }.sorted { $0.effectiveFrom < $1.effectiveFrom }
    guard !rows.isEmpty else {
      throw .unknownModel(model, suggestions: ModelNameSuggestions.closest(to: model, in: allNames))
    }
    return rows
  }

  /// The transcription price card for `model` (a model or a dated snapshot alias) in force on `day`.
  public func transcriptionCard(for model: String, on day: CalendarDay? = nil) throws(PriceBookError)
    -> TranscriptionPriceCard
  {
    let resolved = try resolveTranscription(model, on: day)
    let rows = transcription.filter { $0.model == resolved }
    guard !rows.isEmpty else {
      throw .unknownModel(
        model, suggestions: ModelNameSuggestions.closest(to: model, in: transcriptionModelNames))
    }
    let inForce = rows.filter { day == nil || $0.effectiveFrom <= day! }
    guard let row = inForce.max(by: { $0.effectiveFrom < $1.effectiveFrom }) else {
      throw .noPriceOnDate(model: resolved, day: day!, firstDay: rows.map(\.effectiveFrom).min()!)
    }
    return row
  }

  /// A copy in which the user's rows replace bundled rows with the same model and effective date
  /// and are added otherwise; user aliases and transcription rows likewise.
  public func overlaid(with file: PriceFile) -> PriceBook {
    var merged = self
    for card in file.cards {
      merged.cards.removeAll { $0.model == card.model && $0.effectiveFrom == card.effectiveFrom }
      merged.cards.append(card)
    }
    for alias in file.aliases {
      merged.aliases.removeAll { $0.alias == alias.alias && $0.from == alias.from }
      merged.aliases.append(alias)
    }
    for row in file.transcription {
      merged.transcription.removeAll { $0.model == row.model && $0.effectiveFrom == row.effectiveFrom }
      merged.transcription.append(row)
    }
    for alias in file.transcriptionAliases {
      merged.transcriptionAliases.removeAll { $0.alias == alias.alias && $0.from == alias.from }
      merged.transcriptionAliases.append(alias)
    }
    for row in file.live {
      merged.live.removeAll { $0.model == row.model && $0.effectiveFrom == row.effectiveFrom }
      merged.live.append(row)
    }
    merged.cards.sort { ($0.model, $0.effectiveFrom) < ($1.model, $1.effectiveFrom) }
    merged.live.sort { ($0.model, $0.effectiveFrom) < ($1.model, $1.effectiveFrom) }
    return merged
  }

  private var allNames: [String] {
    modelNames + Array(Set(aliases.map(\.alias))).sorted() + liveModelNames
  }
}

/// Why a price could not be found.
public enum PriceBookError: Error, Equatable, CustomStringConvertible {
  case unknownModel(String, suggestions: [String])
  case noPriceOnDate(model: String, day: CalendarDay, firstDay: CalendarDay)
  /// A data-residency uplift would make a price a fraction of a pico-dollar per token (or minute).
  case residencyUpliftNotExact(model: String, category: String, picoPerToken: Int64, percent: Int)

  public var description: String {
    switch self {
    case .unknownModel(let name, let suggestions):
      let hint = suggestions.isEmpty ? "." : "; closest known models: \(suggestions.joined(separator: ", "))."
      return "unknown model '\(name)': no price is known for it (rtcost never prices an unknown model at $0)"
        + hint + " Add it with --prices FILE."
    case .noPriceOnDate(let model, let day, let firstDay):
      return "no price for '\(model)' on \(day): its first price applies from \(firstDay)"
    case .residencyUpliftNotExact(let model, let category, let pico, let percent):
      return "\(model): a \(percent) % data-residency uplift of the \(category) price (\(pico) pico-dollars) "
        + "is not a whole number of pico-dollars; rtcost refuses to round it (give the uplifted price "
        + "in a price file instead)"
    }
  }
}
