public import Billing
public import SessionGuard

/// Everything `rtcost proxy` runs with: where it listens, where sessions go, and the one policy value
/// (``SessionGuard/GuardSettings``) with the price book that replay, simulate and forecast take, so
/// what was forecast is what runs.
public struct ProxyConfiguration: Sendable {
  /// The address to listen on (loopback by default: an injected key must not be open to a network).
  public var host: String
  /// The port (0: the system chooses; ``ProxyServer`` reports it).
  public var port: Int
  public var upstream: UpstreamEndpoint
  /// A key sent upstream instead of the client's credentials; nil passes the client's own.
  public var keyInjection: KeyInjection?
  public var limits: RelayLimits
  /// The guard of every Realtime session: its `session` thresholds run per session, the others on
  /// the proxy's total (``FleetBudget``).
  public var settings: GuardSettings
  public var priceBook: PriceBook
  /// The model when the client's URL names none (`?model=` or Azure's `?deployment=`).
  public var defaultModel: String
  /// The GPT-Live model a `/v1/live/sessions` connection is metered as until its `session.started`
  /// names one (a GPT-Live client names the model in `session.start`, not in the URL).
  public var defaultLiveModel: String = "gpt-live-1.1"
  /// Where recordings go; nil records nothing.
  public var recordings: (any RecordingStorage)?
  /// The recorder's queue, in bytes.
  public var recorderQueueBytes: Int
  /// The stats file `rtcost dashboard` reads; nil keeps none.
  public var statsPath: String?
  /// Where alerts with the `callback` action are POSTed; nil logs them only.
  public var webhook: WebSocketURL?
  public var webhookTimeout: Duration

  public init(
    host: String = "127.0.0.1", port: Int = 8787, upstream: UpstreamEndpoint = .openAI,
    keyInjection: KeyInjection? = nil, limits: RelayLimits = RelayLimits(),
    settings: GuardSettings = GuardSettings(),
    priceBook: PriceBook = .bundled, defaultModel: String = "gpt-realtime",
    recordings: (any RecordingStorage)? = nil, recorderQueueBytes: Int = 64 << 20, statsPath: String? = nil,
    webhook: WebSocketURL? = nil, webhookTimeout: Duration = .seconds(5)
  ) {
    self.host = host
    self.port = port
    self.upstream = upstream
    self.keyInjection = keyInjection
    self.limits = limits
    self.settings = settings
    self.priceBook = priceBook
    self.defaultModel = defaultModel
    self.recordings = recordings
    self.recorderQueueBytes = recorderQueueBytes
    self.statsPath = statsPath
    self.webhook = webhook
    self.webhookTimeout = webhookTimeout
  }

  /// The settings a session's own guard runs: the policy with its `session` thresholds only.
  public var sessionSettings: GuardSettings {
    var settings = self.settings
    settings.thresholds = settings.thresholds.filter { $0.window == .session }
    return settings
  }
}
