import Billing
import RealtimeEvents
import SessionGuard
import TestSupport

/// Seconds as ``Micros``.
func s(_ seconds: Int64) -> Micros { seconds * Micros.perSecond }

/// The bundled price card of `model` on `day`.
func card(_ model: String, on day: String? = nil) -> PriceCard {
  try! PriceBook.bundled.card(for: model, on: day.map { CalendarDay($0)! })
}

/// gpt-realtime-2025-08-28: text $4 / cached $0.40 / out $16, audio $32 / cached $0.40 / out $64 per 1M.
let gptRealtime = card("gpt-realtime-2025-08-28")

/// A completed response with the given usage.
func done(_ usage: ResponseUsage?, status: ResponseStatus = .completed, calls: [FunctionCall] = [])
  -> RealtimeEvent
{
  .responseDone(ResponseDone(status: status, usage: usage, functionCalls: calls))
}

/// A usage block from exact category counts.
func usage(
  textIn: Int64 = 0, textInCached: Int64 = 0, audioIn: Int64 = 0, audioInCached: Int64 = 0,
  textOut: Int64 = 0, audioOut: Int64 = 0
) -> ResponseUsage {
  ResponseUsage(
    counts: tokenCounts(
      textIn: textIn, textInCached: textInCached, audioIn: audioIn, audioInCached: audioInCached,
      textOut: textOut, audioOut: audioOut))
}
