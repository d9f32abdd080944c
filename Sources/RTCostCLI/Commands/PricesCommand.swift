public import ArgumentParser
internal import Billing

/// `rtcost prices`: the price book, one model or all of them.
public struct PricesCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "prices",
    abstract: "Show the price book: every model, or one model resolved on a date.",
    discussion: """
      Prices are USD per 1M tokens, stored exactly (a whole number of pico-dollars per token).
      An alias such as gpt-realtime resolves to the dated snapshot in force on --at (default: the newest).
      --model also takes input-transcription models (gpt-realtime-whisper, gpt-4o-mini-transcribe-2025-12-15).
      An unknown model is an error that names the closest known models; it is never priced at $0.
      Each model shows its release day, context window, max output, reasoning efforts, data-residency
      uplift and announced shutdown, with sources; --at after a shutdown warns.

      --format json without --model writes the whole book as a price file (the schema --prices reads),
      so it can be saved, edited and given back with --prices. --residency shows the prices of a
      data-residency project (+10 % for models released on or after 2026-03-05, exactly).

      Examples:
        rtcost prices
        rtcost prices --model gpt-realtime --format json
        rtcost prices --model gpt-4o-realtime-preview --at 2024-10-15
        rtcost prices --model gpt-realtime-2.1-mini --residency
        rtcost prices --model gpt-realtime-whisper
        rtcost prices --format json > my-prices.json
        rtcost prices --prices my-prices.yaml --model my-model
      """)

  @Option(name: .long, help: "A dated model name, an alias or a transcription model.")
  var model: String?

  @Option(
    name: .long, help: ArgumentHelp("Resolve aliases and price changes on this day.", valueName: "YYYY-MM-DD")
  )
  var at: CalendarDay?

  @Option(name: .long, help: "table or json.")
  var format: TableOrJSON = .table

  @OptionGroup var priceOptions: PriceOptions

  public init() {}

  public func run() throws {
    let book = try priceOptions.priceBook()
    let residency = priceOptions.residency
    let report: String
    do {
      if let model {
        report = try modelReport(model, in: book)
      } else {
        report =
          format == .json
          ? PriceFileWriter.json(book) : PricesReport.table(book: book, at: at, residency: residency)
      }
    } catch let error as PriceBookError {
      throw CLIError(error.description)
    }
    try OutputFile.write(report, to: nil)
  }

  /// One model: a Realtime model (or alias), else a transcription model of that name.
  private func modelReport(_ model: String, in book: PriceBook) throws -> String {
    if book.isLiveModel(model) {
      let card = try book.liveCard(for: model, on: at, residency: priceOptions.residency)
      let warning = try at.flatMap { (day) throws(PriceBookError) in
        try book.shutdownWarning(for: model, on: day)
      }
      return format == .json
        ? PricesReport.json(query: model, at: at, live: card, warning: warning)
        : PricesReport.table(query: model, live: card, warning: warning)
    }
    do {
      let card = try book.card(for: model, on: at)
      let history = try book.history(for: model, on: at)
      let warning = try at.flatMap { (day) throws(PriceBookError) in
        try book.shutdownWarning(for: model, on: day)
      }
      return format == .json
        ? PricesReport.json(query: model, at: at, card: card, history: history, warning: warning)
        : PricesReport.table(query: model, card: card, history: history, warning: warning)
    } catch PriceBookError.unknownModel(let name, let realtimeSuggestions) {
      guard book.transcriptionModelNames.contains(model) else {
        throw PriceBookError.unknownModel(name, suggestions: realtimeSuggestions)
      }
      let card = try book.transcriptionCard(for: model, on: at)
      let warning = try at.flatMap { (day) throws(PriceBookError) in
        try book.transcriptionShutdownWarning(for: model, on: day)
      }
      return format == .json
        ? PricesReport.json(query: model, at: at, transcription: card, warning: warning)
        : PricesReport.table(query: model, transcription: card, warning: warning)
    }
  }
}
