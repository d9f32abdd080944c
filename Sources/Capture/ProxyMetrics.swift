public import Billing
public import Prometheus
import RealtimeEvents
public import SessionGuard
import Synchronization

/// The proxy's metrics in the Prometheus text format (`/metrics`), with low-cardinality labels only
/// (route, direction, model, modality, kind, status, close_reason, level, window; never a session).
///
/// Counts are swift-prometheus counters and gauges. Money is not summed in doubles: the billed USD per
/// model is an exact integer ledger of pico-dollars, printed as an exact decimal at every scrape
/// (`rtcost_cost_usd_total`), so the text shows the same total as the recordings' replay.
public final class ProxyMetrics: Sendable {
  /// The registry behind the counters and gauges.
  public let registry = PrometheusCollectorRegistry()
  private let ledger = Mutex<[String: Int64]>([:])
  private let sessionsActive: Gauge
  private let framesIn: [FrameDirection: Counter]
  private let bytesIn: [FrameDirection: Counter]

  /// Which way a frame went.
  public enum FrameDirection: String, Sendable, CaseIterable {
    case clientToUpstream = "client_to_upstream"
    case upstreamToClient = "upstream_to_client"
  }

  public init() {
    sessionsActive = Self.gauge(registry, "rtcost_sessions_active", help: "Sessions open now.")
    var frames: [FrameDirection: Counter] = [:]
    var bytes: [FrameDirection: Counter] = [:]
    for direction in FrameDirection.allCases {
      frames[direction] = Self.counter(
        registry, "rtcost_frames_total", labels: [("direction", direction.rawValue)],
        help: "WebSocket data frames relayed.")
      bytes[direction] = Self.counter(
        registry, "rtcost_bytes_total", labels: [("direction", direction.rawValue)],
        help: "Payload bytes of the data frames relayed.")
    }
    framesIn = frames
    bytesIn = bytes
  }

  /// A session opened on `route`.
  public func sessionOpened(route: String) {
    sessionsActive.increment()
    Self.counter(
      registry, "rtcost_sessions_opened_total", labels: [("route", route)], help: "Sessions opened."
    ).increment()
  }

  /// A session on `route` closed for `reason` (the `local.session_closed` reason).
  public func sessionClosed(route: String, reason: String) {
    sessionsActive.decrement()
    Self.counter(
      registry, "rtcost_sessions_total", labels: [("route", route), ("close_reason", reason)],
      help: "Sessions closed, by why they closed."
    ).increment()
    if reason == "idle_timeout" {
      Self.counter(registry, "rtcost_idle_closes_total", help: "Sessions the idle timeout closed.")
        .increment()
    }
  }

  /// A data frame of `bytes` payload bytes went `direction`.
  public func frame(_ direction: FrameDirection, bytes: Int) {
    framesIn[direction]?.increment()
    bytesIn[direction]?.increment(by: Int64(bytes))
  }

  /// Usage metered for `model` (a tracker's unsaved delta): responses, tokens and USD.
  public func usage(_ totals: UsageTotals, model: String) {
    for status in ResponseStatus.allCases where totals.responses[status] > 0 {
      Self.counter(
        registry, "rtcost_responses_total", labels: [("model", model), ("status", status.rawValue)],
        help: "Responses metered (response.done), by final status."
      ).increment(by: Int64(totals.responses[status]))
    }
    for (category, count) in totals.tokens.entries where count > 0 {
      let (modality, kind) = Self.labels(category)
      Self.counter(
        registry, "rtcost_tokens_total", labels: [("model", model), ("modality", modality), ("kind", kind)],
        help: "Billed tokens from response.done usage, by modality and kind."
      ).increment(by: count)
    }
    if totals.billed != .zero {
      ledger.withLock { $0[model, default: 0] += totals.billed.picoUSD }
    }
  }

  /// The modality and kind labels of a billing category.
  static func labels(_ category: TokenCategory) -> (modality: String, kind: String) {
    switch category {
    case .textIn: ("text", "input")
    case .textInCached: ("text", "cached_input")
    case .audioIn: ("audio", "input")
    case .audioInCached: ("audio", "cached_input")
    case .imageIn: ("image", "input")
    case .imageInCached: ("image", "cached_input")
    case .textOut: ("text", "output")
    case .audioOut: ("audio", "output")
    }
  }

  /// An alert fired.
  public func alert(_ alert: Alert) {
    Self.counter(
      registry, "rtcost_alerts_total",
      labels: [("level", alert.level.rawValue), ("window", alert.window.rawValue)],
      help: "Cost warnings and alerts fired."
    ).increment()
  }

  /// A `rate_limits.updated` said `remaining` for `name` (`requests`, `tokens`).
  public func rateLimit(name: String, remaining: Double) {
    Self.gauge(
      registry, "rtcost_rate_limit_remaining", labels: [("name", name)],
      help: "The last remaining count a rate_limits.updated event reported."
    ).set(remaining)
  }

  /// The upstream refused a handshake with `status`, or could not be reached (`status` 0).
  public func upstreamRefused(status: Int) {
    Self.counter(
      registry, "rtcost_upstream_refusals_total",
      labels: [("status", status == 0 ? "unreachable" : String(status))],
      help: "Upstream handshakes refused (HTTP status) or unreachable."
    ).increment()
  }

  /// A recording could not be written to the end.
  public func recordingIncomplete() {
    Self.counter(
      registry, "rtcost_recordings_incomplete_total", help: "Recordings marked incomplete (a write failed)."
    ).increment()
  }

  /// Messages left out of a recording because the recorder's queue was full.
  public func recordingDropped(messages: Int) {
    Self.counter(
      registry, "rtcost_recording_dropped_messages_total",
      help: "Messages left out of recordings (queue full)."
    ).increment(by: Int64(messages))
  }

  /// A webhook delivery ended with `result` (`sent`, `failed`, `dropped`).
  public func webhook(_ result: String) {
    Self.counter(
      registry, "rtcost_webhooks_total", labels: [("result", result)], help: "Alert webhooks, by result."
    ).increment()
  }

  /// Writing the stats file failed.
  public func statsWriteFailed() {
    Self.counter(registry, "rtcost_stats_write_failures_total", help: "Failed writes of the stats file.")
      .increment()
  }

  private static func counter(
    _ registry: PrometheusCollectorRegistry, _ name: String, labels: [(String, String)] = [], help: String
  ) -> Counter {
    registry.makeCounter(descriptor: Self.descriptor(name, help: help), labels: labels)
  }

  private static func gauge(
    _ registry: PrometheusCollectorRegistry, _ name: String, labels: [(String, String)] = [], help: String
  ) -> Gauge {
    registry.makeGauge(descriptor: Self.descriptor(name, help: help), labels: labels)
  }

  /// `rtcost_frames_total` as swift-prometheus wants it: the base name, the unit, the help.
  private static func descriptor(_ name: String, help: String) -> MetricNameDescriptor {
    let split = name.lastIndex(of: "_")!
    return MetricNameDescriptor(
      metricName: String(name[..<split]), unitName: String(name[name.index(after: split)...]), helpText: help)
  }

  /// The exact billed USD per model so far.
  public var billedByModel: [String: Money] {
    ledger.withLock { $0.mapValues { Money(picoUSD: $0) } }
  }

  /// The whole exposition text.
  public func exposition() -> String {
    var text = registry.emitToString()
    let entries = ledger.withLock { $0 }.sorted { $0.key < $1.key }
    text += "# HELP rtcost_cost_usd_total Billed USD (response.done usage and transcription), exact.\n"
    text += "# TYPE rtcost_cost_usd_total counter\n"
    for (model, pico) in entries {
      text +=
        "rtcost_cost_usd_total{model=\(JSONStringLabel.quoted(model))} "
        + DecimalText.format(pico, scale: 12) + "\n"
    }
    return text
  }
}

/// Prometheus label values: quoted, with `\`, `"` and newlines escaped.
enum JSONStringLabel {
  static func quoted(_ value: String) -> String {
    var out = "\""
    for character in value {
      switch character {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      default: out.append(character)
      }
    }
    return out + "\""
  }
}
