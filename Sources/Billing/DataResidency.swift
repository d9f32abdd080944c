/// Data-residency pricing: "Data residency endpoints are charged a 10% uplift for models released on
/// or after March 5, 2026, that are eligible for data residency" [developers.openai.com/api/docs/
/// guides/data-residency]. Which rows carry the uplift is data (`residency_uplift_percent` in the
/// price file), so gpt-realtime-2, 2.1 and 2.1-mini are uplifted and gpt-realtime, 1.5 and mini not.
///
/// The uplift is applied exactly to each per-token price: `price × (100 + percent) / 100` must be a
/// whole number of pico-dollars (it is for every bundled row); otherwise the card is refused
/// rather than rounded, so a data-residency bill is never off by a rounding the user did not ask for.
enum ResidencyUplift {
  /// `price` uplifted by `percent`, or nil when the result is not a whole pico-dollar (or overflows).
  static func apply(_ price: Money, percent: Int) -> Money? {
    let (scaled, overflow) = price.picoUSD.multipliedReportingOverflow(by: Int64(100 + percent))
    guard !overflow, scaled % 100 == 0 else { return nil }
    return Money(picoUSD: scaled / 100)
  }
}

extension PriceCard {
  /// This card as billed on a data-residency endpoint: every price raised by
  /// ``residencyUpliftPercent`` exactly; the card unchanged (but marked) when no uplift applies.
  /// Applying it twice changes nothing.
  /// - Throws: ``PriceBookError/residencyUpliftNotExact(model:category:picoPerToken:percent:)`` when
  ///   an uplifted price would not be a whole pico-dollar per token.
  public func withDataResidency() throws(PriceBookError) -> PriceCard {
    guard !isDataResidencyPriced else { return self }
    var card = self
    card.isDataResidencyPriced = true
    guard let percent = residencyUpliftPercent, percent != 0 else { return card }
    func up(_ price: Money, _ category: TokenCategory) throws(PriceBookError) -> Money {
      guard let raised = ResidencyUplift.apply(price, percent: percent) else {
        throw .residencyUpliftNotExact(
          model: model, category: category.rawValue, picoPerToken: price.picoUSD, percent: percent)
      }
      return raised
    }
    card.textIn = try up(textIn, .textIn)
    card.textInCached = try textInCached.map { (price) throws(PriceBookError) in try up(price, .textInCached)
    }
    card.textOut = try up(textOut, .textOut)
    card.audioIn = try up(audioIn, .audioIn)
    card.audioInCached = try audioInCached.map { (price) throws(PriceBookError) in
      try up(price, .audioInCached)
    }
    card.audioOut = try up(audioOut, .audioOut)
    card.imageIn = try imageIn.map { (price) throws(PriceBookError) in try up(price, .imageIn) }
    card.imageInCached = try imageInCached.map { (price) throws(PriceBookError) in
      try up(price, .imageInCached)
    }
    return card
  }
}

extension TranscriptionPriceCard {
  /// This card as billed on a data-residency endpoint (see ``PriceCard/withDataResidency()``).
  public func withDataResidency() throws(PriceBookError) -> TranscriptionPriceCard {
    guard !isDataResidencyPriced else { return self }
    var card = self
    card.isDataResidencyPriced = true
    guard let percent = residencyUpliftPercent, percent != 0 else { return card }
    func up(_ price: Money, _ what: String) throws(PriceBookError) -> Money {
      guard let raised = ResidencyUplift.apply(price, percent: percent) else {
        throw .residencyUpliftNotExact(
          model: model, category: what, picoPerToken: price.picoUSD, percent: percent)
      }
      return raised
    }
    switch rate {
    case .perMinute(let perMinute): card.rate = .perMinute(try up(perMinute, "per_minute"))
    case .perToken(let textIn, let audioIn, let textOut):
      card.rate = .perToken(
        textIn: try up(textIn, "text_in"), audioIn: try up(audioIn, "audio_in"),
        textOut: try up(textOut, "text_out"))
    }
    return card
  }
}

extension LivePriceCard {
  /// This card as billed on a data-residency endpoint (see ``PriceCard/withDataResidency()``).
  public func withDataResidency() throws(PriceBookError) -> LivePriceCard {
    guard !isDataResidencyPriced else { return self }
    var card = self
    card.isDataResidencyPriced = true
    guard let percent = residencyUpliftPercent, percent != 0 else { return card }
    func up(_ price: Money, _ what: String) throws(PriceBookError) -> Money {
      guard let raised = ResidencyUplift.apply(price, percent: percent) else {
        throw .residencyUpliftNotExact(
          model: model, category: what, picoPerToken: price.picoUSD, percent: percent)
      }
      return raised
    }
    card.activePerMinute = try up(activePerMinute, "active_per_minute")
    if let standby = standbyPerMinute { card.standbyPerMinute = try up(standby, "standby_per_minute") }
    return card
  }
}

extension PriceBook {
  /// ``liveCard(for:on:)``, priced for a data-residency endpoint when `residency` is true.
  public func liveCard(for model: String, on day: CalendarDay?, residency: Bool) throws(PriceBookError)
    -> LivePriceCard
  {
    let row = try liveCard(for: model, on: day)
    return residency ? try row.withDataResidency() : row
  }

  /// ``card(for:on:)``, priced for a data-residency endpoint when `residency` is true.
  public func card(for model: String, on day: CalendarDay?, residency: Bool) throws(PriceBookError)
    -> PriceCard
  {
    let row = try card(for: model, on: day)
    return residency ? try row.withDataResidency() : row
  }

  /// ``transcriptionCard(for:on:)``, priced for a data-residency endpoint when `residency` is true.
  public func transcriptionCard(for model: String, on day: CalendarDay?, residency: Bool)
    throws(PriceBookError) -> TranscriptionPriceCard
  {
    let row = try transcriptionCard(for: model, on: day)
    return residency ? try row.withDataResidency() : row
  }

  /// Every row priced for a data-residency endpoint (rows without an uplift are unchanged).
  public func withDataResidency() throws(PriceBookError) -> PriceBook {
    var book = self
    book.cards = try cards.map { (card) throws(PriceBookError) in try card.withDataResidency() }
    book.transcription = try transcription.map { (card) throws(PriceBookError) in
      try card.withDataResidency()
    }
    book.live = try live.map { (card) throws(PriceBookError) in try card.withDataResidency() }
    return book
  }
}
