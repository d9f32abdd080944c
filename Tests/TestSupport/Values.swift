public import Billing
public import RealtimeEvents

/// Dollars as exact ``Billing/Money`` (`usd("0.50")`).
public func usd(_ text: String) -> Money { Money(usd: text)! }

/// The bundled price card of `model` on `day` (`YYYY-MM-DD`).
public func bundledCard(_ model: String, on day: String? = nil) -> PriceCard {
  try! PriceBook.bundled.card(for: model, on: day.map { CalendarDay($0)! })
}

/// Token counts from the categories in report order.
public func tokenCounts(
  textIn: Int64 = 0, textInCached: Int64 = 0, audioIn: Int64 = 0, audioInCached: Int64 = 0,
  imageIn: Int64 = 0, imageInCached: Int64 = 0, textOut: Int64 = 0, audioOut: Int64 = 0
) -> TokenCounts {
  var c = TokenCounts.zero
  c.textIn = textIn
  c.textInCached = textInCached
  c.audioIn = audioIn
  c.audioInCached = audioInCached
  c.imageIn = imageIn
  c.imageInCached = imageInCached
  c.textOut = textOut
  c.audioOut = audioOut
  return c
}
