/// Where the proxy opens each session's upstream: a base URL that the client's path is appended to.
///
/// A client connects to `ws://127.0.0.1:PORT/v1/realtime?model=gpt-realtime`; the proxy drops the
/// `/v1` and appends the rest to the base, with the client's query (plus ``extraQuery``):
///
/// | base | upstream |
/// |---|---|
/// | `wss://api.openai.com/v1` (default) | `wss://api.openai.com/v1/realtime?model=gpt-realtime` |
/// | `wss://RES.openai.azure.com/openai/v1` (Azure, GA) | `wss://RES.openai.azure.com/openai/v1/realtime?model=DEPLOYMENT` |
/// | `wss://RES.openai.azure.com/openai` + `api-version=2025-04-01-preview` (Azure, preview; the client sends `?deployment=…`) | `wss://RES.openai.azure.com/openai/realtime?deployment=…&api-version=…` |
/// | `ws://127.0.0.1:9000/v1` (`rtcost serve`, tests) | `ws://127.0.0.1:9000/v1/realtime?model=…` |
public struct UpstreamEndpoint: Sendable, Equatable {
  /// OpenAI's endpoint, the default.
  public static let openAI = UpstreamEndpoint(
    base: WebSocketURL(secure: true, host: "api.openai.com", path: "/v1"))

  /// The base URL (its own query, if any, is kept and joined before the client's).
  public var base: WebSocketURL
  /// Query parameters added to every upstream URL (Azure's `api-version=…`).
  public var extraQuery: String?

  public init(base: WebSocketURL, extraQuery: String? = nil) {
    self.base = base
    self.extraQuery = extraQuery
  }

  /// The upstream URL for a client's request path (`/v1/realtime`) and query.
  public func url(forClientPath clientPath: String, query: String?) -> WebSocketURL {
    var suffix = clientPath
    if suffix.hasPrefix("/v1/") { suffix.removeFirst(3) }
    var path = base.path
    while path.hasSuffix("/") { path.removeLast() }
    let queries = [base.query, query, extraQuery].compactMap { $0 }.filter { !$0.isEmpty }
    var url = base
    url.path = path + suffix
    url.query = queries.isEmpty ? nil : queries.joined(separator: "&")
    return url
  }
}
