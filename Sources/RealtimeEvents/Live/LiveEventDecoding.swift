import Billing

/// Reads the payloads of GPT-Live events: usage snapshots and backend Responses events.
enum LiveEventDecoding {
  /// The largest session duration accepted, in seconds (about 31 years): beyond it a report is
  /// corrupt, not a session.
  static let maximumSeconds: Double = 1_000_000_000

  /// The `usage` object of the event (with the event's `context_window`), nil when absent.
  static func usage(_ c: KeyedDecodingContainer<JSONKey>) throws -> LiveUsageReport? {
    guard let usage = try c.object("usage") else { return nil }
    let ratio = try c.object("context_window")?.optional(Double.self, "usage_ratio")
    if let ratio, !(0...1).contains(ratio) {
      throw LineProblem(
        kind: .invalidValue(
          path: c.path("context_window") + ".usage_ratio", message: "\(ratio) is not a ratio from 0 to 1"))
    }
    let session = try seconds(usage, "seconds", required: true)!
    let standby = try seconds(usage, "standby_seconds", required: false)
    if let standby, standby > session {
      throw LineProblem(
        kind: .invalidValue(
          path: usage.path("standby_seconds"),
          message: "standby time is part of the session time, so it cannot exceed usage.seconds"))
    }
    return LiveUsageReport(sessionMicros: session, standbyMicros: standby, contextUsageRatio: ratio)
  }

  /// A non-negative number of seconds as microseconds (rounded to the nearest microsecond).
  private static func seconds(_ c: KeyedDecodingContainer<JSONKey>, _ key: String, required: Bool) throws
    -> Micros?
  {
    guard let value = required ? try c.required(Double.self, key) : try c.optional(Double.self, key) else {
      return nil
    }
    guard value >= 0, value <= maximumSeconds else {
      throw LineProblem(
        kind: .invalidValue(
          path: c.path(key), message: "\(value) is not a session duration in seconds (0 to 10^9)"))
    }
    return Micros((value * 1_000_000).rounded())
  }

  /// A `response.event`: the nested backend event's type and, for a finished response, its usage.
  static func backendEvent(_ c: KeyedDecodingContainer<JSONKey>) throws -> LiveBackendResponse {
    let delegation = try c.optional(String.self, "delegation_id")
    guard let event = try c.object("event") else {
      throw LineProblem(kind: .missingField(path: c.path("event")))
    }
    var backend = LiveBackendResponse(type: try event.required(String.self, "type"), delegationID: delegation)
    guard let response = try event.object("response") else { return backend }
    backend.model = try response.optional(String.self, "model")
    guard let usage = try response.object("usage") else { return backend }
    let input = try count(usage, "input_tokens") ?? 0
    let output = try count(usage, "output_tokens") ?? 0
    let cached = try usage.object("input_tokens_details").flatMap { try count($0, "cached_tokens") } ?? 0
    let reasoning =
      try usage.object("output_tokens_details").flatMap { try count($0, "reasoning_tokens") } ?? 0
    guard cached <= input else {
      throw LineProblem(
        kind: .invalidValue(
          path: usage.path("input_tokens_details") + ".cached_tokens",
          message:
            "\(cached) cached tokens but only \(input) input tokens (cached tokens are part of the input)"))
    }
    backend.usage = BackendUsage(
      inputTokens: input, cachedInputTokens: cached, outputTokens: output, reasoningTokens: reasoning)
    return backend
  }

  private static func count(_ c: KeyedDecodingContainer<JSONKey>, _ key: String) throws -> Int64? {
    guard let value = try c.optional(Int64.self, key) else { return nil }
    guard value >= 0, value <= ResponseUsage.maximumTokens else {
      throw LineProblem(
        kind: .invalidValue(
          path: c.path(key),
          message: "\(value) is not a plausible token count (0 to \(ResponseUsage.maximumTokens))"))
    }
    return value
  }
}
