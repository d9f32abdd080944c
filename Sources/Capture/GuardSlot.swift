import Billing
import RealtimeEvents
import SessionGuard
import Synchronization

/// The live guard of one session, and the price card it meters with.
///
/// The guard starts at the handshake with the card of the URL's model (an alias resolved on the
/// session's day); when `session.created` names a dated model with another card (DESIGN §7.2: the
/// server's dated snapshot is the truth), the guard is replaced before anything is metered.
final class GuardSlot: Sendable {
  private let state: Mutex<(live: LiveSessionGuard<ContinuousClock>, card: PriceCard)>
  private let make: @Sendable (PriceCard) -> LiveSessionGuard<ContinuousClock>

  init(card: PriceCard, make: @escaping @Sendable (PriceCard) -> LiveSessionGuard<ContinuousClock>) {
    self.make = make
    state = Mutex((make(card), card))
  }

  var live: LiveSessionGuard<ContinuousClock> { state.withLock { $0.live } }

  /// The model the meter prices (the card's dated name).
  var pricedModel: String { state.withLock { $0.card.model } }

  /// Replaces the guard when `card` differs from the one in use and nothing was metered yet; returns
  /// the new guard, already connected.
  func adopt(_ card: PriceCard) async -> Bool {
    let current = state.withLock { $0 }
    guard current.card != card else { return false }
    let metered = await current.live.state.usage.run.responses.total
    guard metered == 0 else { return false }
    let replacement = make(card)
    await replacement.connected()
    await current.live.stop()
    state.withLock { $0 = (replacement, card) }
    return true
  }
}
