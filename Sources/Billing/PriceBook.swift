/// The model prices rtcost knows: the bundled table, optionally overridden or extended by a user file.
///
/// Lookups accept a dated model name or an alias; an alias resolves to the snapshot in force on the
/// given day (the newest when no day is given). A model with several rows (a price change) resolves
/// to the row in force on that day. An unknown model is always an error, never $0.
public struct PriceBook: Sendable {
  public private(set) var cards: [PriceCard]
  public private(set) var aliases: [ModelAlias]
  public private(set) var transcription: [TranscriptionPriceCard]

  /// The bundled price book.
  public static let bundled = PriceBook(
    cards: BundledPrices.cards, aliases: BundledPrices.aliases, transcription: BundledPrices.transcription)

  public init(cards: [PriceCard], aliases: [ModelAlias], transcription: [TranscriptionPriceCard]) {
    self.cards = cards
    self.aliases = aliases
    self.transcription = transcription
  }

  /// Every dated model name, sorted.
  public var modelNames: [String] { Array(Set(cards.map(\.model))).sorted() }

  /// The dated snapshot that `name` means on `day`: `name` itself when it is not an alias.
  public func resolve(_ name: String, on day: CalendarDay? = nil) throws(PriceBookError) -> String {
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

  /// The transcription price card for `model` in force on `day`.
  public func transcriptionCard(for model: String, on day: CalendarDay? = nil) throws(PriceBookError)
    -> TranscriptionPriceCard
  {
    let rows = transcription.filter { $0.model == model }
    guard !rows.isEmpty else {
      throw .unknownModel(
        model, suggestions: ModelNameSuggestions.closest(to: model, in: transcription.map(\.model)))
    }
    let inForce = rows.filter { day == nil || $0.effectiveFrom <= day! }
    guard let row = inForce.max(by: { $0.effectiveFrom < $1.effectiveFrom }) else {
      throw .noPriceOnDate(model: model, day: day!, firstDay: rows.map(\.effectiveFrom).min()!)
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
    merged.cards.sort { ($0.model, $0.effectiveFrom) < ($1.model, $1.effectiveFrom) }
    return merged
  }

  private var allNames: [String] { modelNames + Array(Set(aliases.map(\.alias))).sorted() }
}

/// Why a price could not be found.
public enum PriceBookError: Error, Equatable, CustomStringConvertible {
  case unknownModel(String, suggestions: [String])
  case noPriceOnDate(model: String, day: CalendarDay, firstDay: CalendarDay)

  public var description: String {
    switch self {
    case .unknownModel(let name, let suggestions):
      let hint = suggestions.isEmpty ? "." : "; closest known models: \(suggestions.joined(separator: ", "))."
      return "unknown model '\(name)': no price is known for it (rtcost never prices an unknown model at $0)"
        + hint + " Add it with --prices FILE."
    case .noPriceOnDate(let model, let day, let firstDay):
      return "no price for '\(model)' on \(day): its first price applies from \(firstDay)"
    }
  }
}
