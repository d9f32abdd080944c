import Billing
import RealtimeEvents
import SessionGuard
import Synchronization

/// The live guard of one session, and the price cards it meters with.
///
/// The guard starts at the handshake with the card of the URL's model (an alias resolved on the
/// session's day; a GPT-Live model's session-time card) and no transcription card. When `session.created` or `session.updated` names a
/// dated model with another card (DESIGN §7.2: the server's dated snapshot is the truth) or an input
/// transcription model, the guard is rebuilt with those cards, as long as nothing was metered yet
/// (sessions configure themselves before their first response); later changes are logged, not applied.
final class GuardSlot: Sendable {
  /// The cards a guard meters with.
  struct Cards: Sendable, Equatable {
    var billing: SessionBilling
    var transcription: TranscriptionPriceCard?
  }

  private let state: Mutex<(live: LiveSessionGuard<ContinuousClock>, cards: Cards)>
  private let make: @Sendable (Cards) -> LiveSessionGuard<ContinuousClock>

  init(billing: SessionBilling, make: @escaping @Sendable (Cards) -> LiveSessionGuard<ContinuousClock>) {
    self.make = make
    let cards = Cards(billing: billing, transcription: nil)
    state = Mutex((make(cards), cards))
  }

  var live: LiveSessionGuard<ContinuousClock> { state.withLock { $0.live } }

  var cards: Cards { state.withLock { $0.cards } }

  /// The model the meter prices (the card's dated name).
  var pricedModel: String { state.withLock { $0.cards.billing.model } }

  /// Rebuilds the guard with `cards` when they differ from those in use and nothing was metered yet;
  /// the new guard is already connected. Returns whether it was rebuilt.
  func adopt(_ cards: Cards) async -> Bool {
    let current = state.withLock { $0 }
    guard current.cards != cards else { return false }
    let usage = await current.live.state.usage.run
    guard usage.responses.total == 0, usage.transcriptions == 0, usage.unpricedResponses == 0,
      usage.live.usageReports == 0, usage.live.backendResponses == 0
    else {
      return false
    }
    let replacement = make(cards)
    await replacement.connected()
    await current.live.stop()
    state.withLock { $0 = (replacement, cards) }
    return true
  }
}
