public import RealtimeEvents

/// How one relayed session closes, as a pure state machine (swift-nio's shape): signals from the two
/// readers, the live guard and the server go in, effects come out, and each state holds its own data.
///
/// The first terminating signal decides the ``SessionEnding``: the other side is told (the app's close
/// code mirrored to the API and the API's to the app; the proxy's own closes preceded by a
/// Realtime-shaped `error` event), and the session waits for each side's close reply or end of
/// stream, or for the close timer, before it is over.
public struct SessionLifecycle: Sendable, Equatable {
  /// One side of the relay.
  public enum Side: String, Sendable, Equatable {
    case client, upstream
  }

  /// Something that happened to the session.
  public enum Signal: Sendable, Equatable {
    /// A side sent a close frame.
    case closeFrame(Side, CloseDetail)
    /// A side's inbound stream ended without a close frame (end of stream or an error).
    case ended(Side, String)
    /// The live guard decided to close (idle timeout, budget).
    case guardClose(SessionCloseReason, detail: String)
    /// The proxy is shutting down.
    case shutdown
    /// The close timer ran out.
    case closeTimeout
    /// The API said `session_expired` (its length cap): a close that follows is an expiry.
    case expiryNotice
  }

  /// What the driver must do, in order.
  public enum Effect: Sendable, Equatable {
    /// Send `event` (if any) and then the close frame to `side`; close that side's channel afterwards
    /// when `thenClose` (the proxy closes TCP once it has answered the app's close).
    case farewell(Side, event: ProxyErrorEvent?, close: CloseDetail, thenClose: Bool)
    /// Close a side's channel now.
    case closeChannel(Side)
    /// Start the close timer (``RelayLimits/closeTimeout``).
    case startCloseTimer
    /// The session is over.
    case finished(SessionEnding)
  }

  /// Where the session is; each state carries its own data.
  public enum State: Sendable, Equatable {
    /// Frames flow both ways; `expired` once the API said `session_expired`.
    case relaying(expired: Bool)
    /// The ending is decided; waiting for the sides that are still open.
    case closing(Closing)
    case closed(SessionEnding)
  }

  /// The data of the closing state.
  public struct Closing: Sendable, Equatable {
    public var ending: SessionEnding
    public var clientOpen: Bool
    public var upstreamOpen: Bool
  }

  public private(set) var state = State.relaying(expired: false)

  public init() {}

  /// The ending, once decided.
  public var ending: SessionEnding? {
    switch state {
    case .relaying: nil
    case .closing(let closing): closing.ending
    case .closed(let ending): ending
    }
  }

  /// Handles one signal.
  public mutating func receive(_ signal: Signal) -> [Effect] {
    switch state {
    case .relaying(let expired):
      return decide(signal, expired: expired)
    case .closing(var closing):
      var effects: [Effect] = []
      switch signal {
      case .closeFrame(.client, _):
        if closing.clientOpen { effects.append(.closeChannel(.client)) }
        closing.clientOpen = false
      case .closeFrame(.upstream, _):
        if closing.upstreamOpen { effects.append(.closeChannel(.upstream)) }
        closing.upstreamOpen = false
      case .ended(.client, _):
        closing.clientOpen = false
      case .ended(.upstream, _):
        closing.upstreamOpen = false
      case .closeTimeout:
        if closing.clientOpen { effects.append(.closeChannel(.client)) }
        if closing.upstreamOpen { effects.append(.closeChannel(.upstream)) }
        closing.clientOpen = false
        closing.upstreamOpen = false
      case .guardClose, .shutdown, .expiryNotice:
        return []
      }
      return effects + settle(closing)
    case .closed:
      return []
    }
  }

  private mutating func decide(_ signal: Signal, expired: Bool) -> [Effect] {
    let ending: SessionEnding
    var closing: Closing
    var effects: [Effect]
    switch signal {
    case .closeFrame(.client, let detail):
      ending = .clientClosed(detail)
      closing = Closing(ending: ending, clientOpen: false, upstreamOpen: true)
      effects = [
        .farewell(.client, event: nil, close: detail.reply, thenClose: true),
        .farewell(.upstream, event: nil, close: ending.toUpstream, thenClose: false),
      ]
    case .closeFrame(.upstream, let detail):
      // The upstream's reader stops at its close frame: once answered, that side is done.
      ending = .upstreamClosed(detail, expired: expired)
      closing = Closing(ending: ending, clientOpen: true, upstreamOpen: false)
      effects = [
        .farewell(.upstream, event: nil, close: detail.reply, thenClose: true),
        .farewell(.client, event: nil, close: detail, thenClose: false),
      ]
    case .ended(.client, let why):
      ending = .clientLost(why)
      closing = Closing(ending: ending, clientOpen: false, upstreamOpen: true)
      effects = [.farewell(.upstream, event: nil, close: ending.toUpstream, thenClose: false)]
    case .ended(.upstream, let why):
      ending = .upstreamLost(why)
      closing = Closing(ending: ending, clientOpen: true, upstreamOpen: false)
      let told = ending.toClient
      effects = [.farewell(.client, event: told.event, close: told.close, thenClose: false)]
    case .guardClose(let reason, let detail):
      ending = .guardClosed(reason, detail: detail)
      closing = Closing(ending: ending, clientOpen: true, upstreamOpen: true)
      effects = farewells(ending)
    case .shutdown:
      ending = .shutdown
      closing = Closing(ending: ending, clientOpen: true, upstreamOpen: true)
      effects = farewells(ending)
    case .closeTimeout:
      return []
    case .expiryNotice:
      state = .relaying(expired: true)
      return []
    }
    effects.append(.startCloseTimer)
    return effects + settle(closing)
  }

  private func farewells(_ ending: SessionEnding) -> [Effect] {
    let told = ending.toClient
    return [
      .farewell(.client, event: told.event, close: told.close, thenClose: false),
      .farewell(.upstream, event: nil, close: ending.toUpstream, thenClose: false),
    ]
  }

  private mutating func settle(_ closing: Closing) -> [Effect] {
    if closing.clientOpen || closing.upstreamOpen {
      state = .closing(closing)
      return []
    }
    state = .closed(closing.ending)
    return [.finished(closing.ending)]
  }
}
