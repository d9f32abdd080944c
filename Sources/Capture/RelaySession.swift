import Billing
import Logging
import NIOCore
import NIOHTTP1
import NIOWebSocket
import RealtimeEvents
import SessionGuard

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One app connection through the proxy, from the handshake to the last recorded line.
struct RelaySession: Sendable {
  let proxy: ProxyServer
  let client: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>
  let request: HTTPRequestHead
  let route: CaptureRoute
  let id: String
  let model: String
  let forwarding: HandshakeForwarding
  let startedAt: Micros
  let recorder: SessionRecorder?
  let control = SessionControl()
  let logger: Logger

  init(
    proxy: ProxyServer, client: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, request: HTTPRequestHead,
    route: CaptureRoute
  ) {
    self.proxy = proxy
    self.client = client
    self.request = request
    self.route = route
    id = "px_" + String(UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF_FFFF, radix: 16)
    let query = CaptureRoute.split(request.uri).query
    model =
      WebSocketURL.queryValue("model", in: query) ?? WebSocketURL.queryValue("deployment", in: query)
      ?? proxy.configuration.defaultModel
    forwarding = HandshakeForwarding(request: request.headers, injection: proxy.configuration.keyInjection)
    let started = UTCTime.nowMicros()
    startedAt = started
    var sessionLogger = proxy.logger
    sessionLogger[metadataKey: "session"] = .string(id)
    logger = sessionLogger
    let logger = sessionLogger
    let metrics = proxy.metrics
    let (sessionID, sessionModel) = (id, model)
    recorder = proxy.configuration.recordings.map { storage in
      SessionRecorder(
        storage: storage, queue: proxy.recorderQueue, name: "\(UTCTime.compact(started))-\(sessionID).jsonl",
        header: RecordingHeader(
          model: sessionModel, startedAt: UTCTime.iso8601(started),
          note: "rtcost proxy session \(sessionID) on \(route.rawValue)")
      ) { why in
        metrics.recordingIncomplete()
        logger.error("recording incomplete, the relay goes on: \(why)")
      }
    }
  }

  func run() async {
    proxy.metrics.sessionOpened(route: route.rawValue)
    proxy.register(id, control)
    logger.info(
      "session opened",
      metadata: [
        "route": .string(route.rawValue), "model": .string(model),
        "auth": .string(forwarding.authentication.rawValue),
      ])
    let (actions, actionSink) = AsyncStream<SessionGuard.Action>.makeStream()
    var live: GuardSlot?
    var ending: SessionEnding?
    switch makeGuard(actionSink) {
    case .success(let guarded): live = guarded
    case .failure(let refusal): ending = .refused(refusal)
    }
    if ending == nil, let threshold = proxy.fleet.refusal(at: UTCTime.nowMicros()) {
      ending = .refused(
        ProxyErrorEvent(
          type: "invalid_request_error", code: "budget_exceeded",
          message:
            "rtcost proxy: the \(threshold.window.rawValue) cost of all sessions reached the alert threshold "
            + "\(threshold.amount); new sessions are refused until it falls below"))
    }
    let guardTask = Task { await consume(actions, live: live) }
    if let live { await live.live.connected() }
    if ending == nil { ending = await relay(live: live) } else { await refuse(ending!) }
    let final = ending!
    recorder?.local(closedJSON(final))
    if let live {
      await live.live.closed()
      await live.live.stop()
    }
    actionSink.finish()
    await guardTask.value
    proxy.unregister(id)
    let counters = await recorder?.finish()
    proxy.metrics.sessionClosed(route: route.rawValue, reason: final.closeReason.wireName)
    var metadata: Logger.Metadata = ["reason": .string(final.closeReason.wireName)]
    if let location = counters?.location { metadata["recording"] = .string(location) }
    if let counters, counters.droppedMessages > 0 {
      proxy.metrics.recordingDropped(messages: counters.droppedMessages)
    }
    logger.info("session closed", metadata: metadata)
  }

  // MARK: Guard

  private func makeGuard(_ sink: AsyncStream<SessionGuard.Action>.Continuation) -> Result<
    GuardSlot, ProxyErrorEvent
  > {
    let day = UTCTime.day(startedAt)
    let book = proxy.configuration.priceBook
    let billing: SessionBilling
    do {
      if route == .live || book.isLiveModel(model) {
        let named = book.isLiveModel(model) ? model : proxy.configuration.defaultLiveModel
        billing = .live(try book.liveCard(for: named, on: day))
      } else {
        billing = .tokens(try book.card(for: model, on: day))
      }
    } catch {
      return .failure(
        ProxyErrorEvent(
          type: "invalid_request_error", code: "model_not_priced",
          message:
            "rtcost proxy has no price for model '\(model)' on \(day) (\(error)); add it with --prices FILE"))
    }
    let (settings, epoch) = (proxy.configuration.sessionSettings, startedAt)
    // GPT-Live backend tokens: priced at the text prices of the model each backend response names.
    var backendCards: [String: PriceCard] = [:]
    for name in book.modelNames + book.aliases.map(\.alias) {
      if let card = try? book.card(for: name, on: day) { backendCards[name] = card }
    }
    let backend = BackendPricing(cards: backendCards)
    return .success(
      GuardSlot(billing: billing) { cards in
        LiveSessionGuard(
          configuration: settings.configuration(
            billing: cards.billing, backend: backend, transcriptionCard: cards.transcription,
            epochAtZero: epoch),
          clock: ContinuousClock()
        ) { sink.yield($0) }
      })
  }

  /// Carries out the live guard's actions: closes, alerts (log, webhook, close), usage into the stats
  /// file, the metrics and the fleet budget.
  private func consume(_ actions: AsyncStream<SessionGuard.Action>, live: GuardSlot?) async {
    for await action in actions {
      switch action {
      case .idle(.disconnect(_, let idleFor)):
        let timeout = proxy.configuration.settings.idleTimeout.map(DurationText.format) ?? "off"
        control.signal(
          .guardClose(
            .idleTimeout,
            detail:
              "rtcost proxy closed the session: nothing counted as activity for "
              + "\(SecondsText.format(micros: idleFor / 1_000 * 1_000))s (idle timeout \(timeout))"))
      case .idle:
        break
      case .alert(let alertAction):
        handleAlert(alertAction)
      case .saveStats:
        guard let live else { continue }
        let totals = await live.live.takeUnsavedUsage()
        proxy.metrics.usage(totals, model: live.pricedModel)
        proxy.stats?.record(totals)
        if totals.billed != .zero {
          proxy.handleFleet(proxy.fleet.add(totals.billed, at: UTCTime.nowMicros()), model: model)
        }
      }
    }
  }

  private func handleAlert(_ action: AlertPolicy.Action) {
    let alert = action.alert
    switch action {
    case .log:
      proxy.metrics.alert(alert)
      recorder?.local(AlertJSON.local(alert, action: "log"))
      logger.warning("\(alert.message)")
    case .callback:
      recorder?.local(AlertJSON.local(alert, action: "callback"))
      proxy.webhook?.post(
        AlertJSON.webhook(alert, action: "callback", session: id, model: model, route: route.rawValue))
    case .disconnect:
      recorder?.local(AlertJSON.local(alert, action: "disconnect"))
      proxy.webhook?.post(
        AlertJSON.webhook(alert, action: "disconnect", session: id, model: model, route: route.rawValue))
      control.signal(
        .guardClose(
          .budgetExceeded,
          detail:
            "rtcost proxy closed the session: its \(alert.window.rawValue) cost \(alert.amount) reached the "
            + "alert threshold \(alert.threshold)"))
    }
  }

  // MARK: Relay

  /// Opens the upstream and relays until the session is over.
  private func relay(live: GuardSlot?) async -> SessionEnding {
    let (path, query) = CaptureRoute.split(request.uri)
    let url = proxy.configuration.upstream.url(forClientPath: path, query: query)
    let upstream: WebSocketConnector.Connection
    do {
      upstream = try await WebSocketConnector.connect(
        to: url, headers: forwarding.upstreamHeaders(host: url.hostHeader),
        limits: proxy.configuration.limits,
        tls: proxy.tls)
    } catch let refusal as HandshakeRefusal {
      proxy.metrics.upstreamRefused(status: refusal.status)
      recorder?.local(
        "{\"type\":\"local.upstream_refused\",\"status\":\(refusal.status),\"body\":\(JSONString.quoted(refusal.body))}"
      )
      logger.warning("upstream refused the handshake: \(refusal)")
      let ending = SessionEnding.upstreamRefused(refusal)
      await refuse(ending)
      return ending
    } catch {
      proxy.metrics.upstreamRefused(status: 0)
      logger.warning("upstream unreachable: \(error)")
      let ending = SessionEnding.upstreamUnreachable("\(error)")
      await refuse(ending)
      return ending
    }
    do {
      return try await client.executeThenClose { clientIn, clientOut in
        try await upstream.channel.executeThenClose { upstreamIn, upstreamOut in
          await relayFrames(
            clientIn: clientIn, toClient: PeerOutbound(clientOut, masked: false), upstreamIn: upstreamIn,
            toUpstream: PeerOutbound(upstreamOut, masked: true), upstreamChannel: upstream.channel.channel,
            live: live)
        }
      }
    } catch {
      return .clientLost("\(error)")
    }
  }

  private func relayFrames(
    clientIn: NIOAsyncChannelInboundStream<WebSocketFrame>, toClient: PeerOutbound,
    upstreamIn: NIOAsyncChannelInboundStream<WebSocketFrame>, toUpstream: PeerOutbound,
    upstreamChannel: any Channel,
    live: GuardSlot?
  ) async -> SessionEnding {
    let (signals, signal) = AsyncStream<SessionLifecycle.Signal>.makeStream()
    control.attach(signal)
    defer { control.detach() }
    let limits = proxy.configuration.limits
    let clientChannel = client.channel
    return await withTaskGroup(of: Void.self, returning: SessionEnding.self) { group in
      group.addTask {
        await read(clientIn, from: .client, answer: toClient, forward: toUpstream, signal: signal, live: live)
      }
      group.addTask {
        await read(
          upstreamIn, from: .upstream, answer: toUpstream, forward: toClient, signal: signal, live: live)
      }
      group.addTask {
        let clock = ContinuousClock()
        while !Task.isCancelled {
          do { try await clock.sleep(for: limits.upstreamPingInterval) } catch { return }
          try? await toUpstream.control(.ping, data: ByteBuffer(string: "rtcost"))
        }
      }
      var lifecycle = SessionLifecycle()
      var result = SessionEnding.clientLost("the session ended")
      loop: for await next in signals {
        for effect in lifecycle.receive(next) {
          switch effect {
          case .farewell(let side, let event, let close, let thenClose):
            let out = side == .client ? toClient : toUpstream
            let channel = side == .client ? clientChannel : upstreamChannel
            let text = event.map { Array($0.json(sequence: 1).utf8) }
            let recorder = self.recorder
            group.addTask {
              let sent = await out.farewell(message: text, close: close)
              if sent, let event { recorder?.local(Self.proxyErrorJSON(event)) }
              if thenClose { channel.close(promise: nil) }
            }
          case .closeChannel(let side):
            (side == .client ? clientChannel : upstreamChannel).close(promise: nil)
          case .startCloseTimer:
            group.addTask {
              try? await ContinuousClock().sleep(for: limits.closeTimeout)
              signal.yield(.closeTimeout)
            }
          case .finished(let ending):
            result = ending
            break loop
          }
        }
      }
      signal.finish()
      clientChannel.close(promise: nil)
      upstreamChannel.close(promise: nil)
      group.cancelAll()
      return result
    }
  }

  /// Reads one side: data frames go on to the other side (then to the recorder and the guard), pings
  /// are answered here, a close frame or the end of the stream is signalled.
  private func read(
    _ inbound: NIOAsyncChannelInboundStream<WebSocketFrame>, from side: SessionLifecycle.Side,
    answer: PeerOutbound,
    forward: PeerOutbound, signal: AsyncStream<SessionLifecycle.Signal>.Continuation, live: GuardSlot?
  ) async {
    var assembler = MessageAssembler(limit: proxy.configuration.limits.maxMessageSize)
    let direction: EventDirection = side == .client ? .client : .server
    let metricDirection: ProxyMetrics.FrameDirection = side == .client ? .clientToUpstream : .upstreamToClient
    do {
      for try await frame in inbound {
        switch frame.opcode {
        case .text, .binary, .continuation:
          proxy.metrics.frame(metricDirection, bytes: frame.length)
          let forwarded: Bool
          do {
            forwarded = try await forward.relay(frame)
          } catch {
            forwarded = false
          }
          guard forwarded, let output = assembler.add(frame) else { continue }
          await observe(output, from: direction, signal: signal, live: live)
        case .ping:
          try? await answer.control(.pong, data: frame.unmaskedData)
        case .connectionClose:
          signal.yield(.closeFrame(side, CloseDetail(frame: frame)))
          return
        default:
          break
        }
      }
      signal.yield(.ended(side, "the connection closed without a close frame"))
    } catch {
      signal.yield(.ended(side, "\(error)"))
    }
  }

  /// A whole message: decoded once, recorded as it passed, and fed to the live guard.
  private func observe(
    _ output: MessageAssembler.Output, from direction: EventDirection,
    signal: AsyncStream<SessionLifecycle.Signal>.Continuation, live: GuardSlot?
  ) async {
    switch output {
    case .tooLarge(let bytes, _):
      recorder?.local(
        "{\"type\":\"local.message_not_recorded\",\"dir\":\"\(direction.rawValue)\",\"bytes\":\(bytes),"
          + "\"why\":\"larger than the recorder's message limit\"}")
    case .message(let bytes, let text):
      let event: RealtimeEvent? =
        text ? bytes.withUnsafeReadableBytes { try? RealtimeMessage.decode($0) } : nil
      recorder?.message(direction, bytes, isEvent: event != nil)
      guard let event else { return }
      if let live {
        if direction == .server, let cards = cards(after: event, current: live.cards), await live.adopt(cards)
        {
          logger.info(
            "pricing with the session's configuration",
            metadata: [
              "model": .string(cards.billing.model),
              "transcription": .string(cards.transcription?.model ?? "none"),
            ])
        }
        await live.live.handle(event)
      }
      if direction == .server {
        switch event {
        case .error(code: .sessionExpired?, _):
          signal.yield(.expiryNotice)
        case .rateLimitsUpdated:
          for limit in RateLimits.remaining(in: bytes) {
            proxy.metrics.rateLimit(name: limit.name, remaining: limit.remaining)
          }
        default:
          break
        }
      }
    }
  }

  /// The cards a session configuration in `event` calls for, if it names a model or a transcription model.
  private func cards(after event: RealtimeEvent, current: GuardSlot.Cards) -> GuardSlot.Cards? {
    let config: SessionConfig
    switch event {
    case .sessionCreated(let created): config = created
    case .sessionUpdated(let updated): config = updated
    case .liveSessionStarted(let started): config = started
    default: return nil
    }
    let book = proxy.configuration.priceBook
    let day = UTCTime.day(startedAt)
    var cards = current
    if let named = config.model {
      if current.billing.isLive, let card = try? book.liveCard(for: named, on: day) {
        cards.billing = .live(card)
      } else if !current.billing.isLive, let card = try? book.card(for: named, on: day) {
        cards.billing = .tokens(card)
      }
    }
    if let named = config.transcriptionModel, let card = try? book.transcriptionCard(for: named, on: day) {
      cards.transcription = card
    }
    return cards == current ? nil : cards
  }

  /// Tells the app why no relay runs (the upstream refused or is unreachable, a model without a
  /// price, a spent budget): an `error` event, then the close frame; waits briefly for its reply.
  private func refuse(_ ending: SessionEnding) async {
    let told = ending.toClient
    let limits = proxy.configuration.limits
    let recorder = self.recorder
    let channel = client.channel
    do {
      try await client.executeThenClose { inbound, outbound in
        let out = PeerOutbound(outbound, masked: false)
        let text = told.event.map { Array($0.json(sequence: 1).utf8) }
        if await out.farewell(message: text, close: told.close), let event = told.event {
          recorder?.local(Self.proxyErrorJSON(event))
        }
        let deadline = channel.eventLoop.scheduleTask(
          in: .seconds(Int64(limits.closeTimeout.components.seconds))
        ) {
          channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        for try await frame in inbound where frame.opcode == .connectionClose { break }
      }
    } catch {
      // The app went away first.
    }
  }

  private func closedJSON(_ ending: SessionEnding) -> String {
    let close = ending.toClient.close
    var json = "{\"type\":\"local.session_closed\",\"reason\":\"\(ending.closeReason.wireName)\""
    if let code = close.code { json += ",\"code\":\(code)" }
    switch ending {
    case .clientClosed(let detail), .upstreamClosed(let detail, _):
      json += ",\"detail\":" + JSONString.quoted("close \(detail)")
    case .clientLost(let why), .upstreamLost(let why), .upstreamUnreachable(let why):
      json += ",\"detail\":" + JSONString.quoted(why)
    case .guardClosed(_, let detail):
      json += ",\"detail\":" + JSONString.quoted(detail)
    case .upstreamRefused(let refusal):
      json += ",\"detail\":" + JSONString.quoted(refusal.description)
    case .refused(let event):
      json += ",\"detail\":" + JSONString.quoted(event.message)
    case .shutdown:
      break
    }
    return json + "}"
  }

  static func proxyErrorJSON(_ event: ProxyErrorEvent) -> String {
    "{\"type\":\"local.proxy_error\",\"sent_to\":\"client\",\"code\":" + JSONString.quoted(event.code)
      + ",\"message\":"
      + JSONString.quoted(event.message) + "}"
  }
}

/// The `remaining` counts of a `rate_limits.updated` event.
enum RateLimits {
  struct Limit: Decodable {
    var name: String
    var remaining: Double?
  }

  private struct Message: Decodable {
    var rateLimits: [Limit]?

    enum CodingKeys: String, CodingKey {
      case rateLimits = "rate_limits"
    }
  }

  static func remaining(in message: ByteBuffer) -> [(name: String, remaining: Double)] {
    let data = Data(message.readableBytesView)
    guard let decoded = try? JSONDecoder().decode(Message.self, from: data) else { return [] }
    return (decoded.rateLimits ?? []).compactMap { limit in limit.remaining.map { (limit.name, $0) } }
  }
}
