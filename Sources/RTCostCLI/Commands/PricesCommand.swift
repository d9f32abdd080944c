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
      An unknown model is an error that names the closest known models; it is never priced at $0.

      Examples:
        rtcost prices
        rtcost prices --model gpt-realtime --format json
        rtcost prices --model gpt-4o-realtime-preview --at 2024-10-15
        rtcost prices --prices my-prices.yaml --model my-model
      """)

  @Option(name: .long, help: "A dated model name or an alias.")
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
    let report: String
    if let model {
      let card: PriceCard
      let history: [PriceCard]
      do {
        card = try book.card(for: model, on: at)
        history = try book.history(for: model, on: at)
      } catch {
        throw CLIError(error.description)
      }
      report =
        format == .json
        ? PricesReport.json(query: model, at: at, card: card, history: history)
        : PricesReport.table(query: model, card: card, history: history)
    } else {
      report =
        format == .json ? PricesReport.json(book: book, at: at) : PricesReport.table(book: book, at: at)
    }
    try OutputFile.write(report, to: nil)
  }
}
