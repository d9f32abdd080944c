public import NIOHTTP1

/// A key the proxy adds to every upstream handshake instead of the client's credentials.
public struct KeyInjection: Sendable, Equatable {
  /// The key itself: never logged, never recorded, never part of a description.
  public var key: String
  /// `Authorization` (sent as `Bearer KEY`, OpenAI) or `api-key` (sent as is, Azure).
  public var headerName: String

  public init(key: String, headerName: String = "Authorization") {
    self.key = key
    self.headerName = headerName
  }

  /// The header value for ``headerName``.
  var headerValue: String { headerName.lowercased() == "authorization" ? "Bearer \(key)" : key }
}

/// What goes upstream from a client's handshake, and what the client gets back.
///
/// Authentication passes as the client sent it: an `Authorization` (or Azure `api-key`) header, or the
/// browser subprotocols `realtime, openai-insecure-api-key.KEY, openai-beta.realtime-v1` (DESIGN §7.7),
/// forwarded unchanged; the client's handshake answer echoes `realtime` (a browser fails a handshake
/// that selects none of its subprotocols). `OpenAI-Beta` and the other `OpenAI-*` headers go upstream
/// only when the client sent them. With a ``KeyInjection`` the client's credentials are dropped and the
/// injected key is sent instead. Nothing here ever prints a key.
public struct HandshakeForwarding: Sendable, Equatable {
  /// How the upstream handshake authenticates.
  public enum Authentication: String, Sendable, Equatable {
    case header, subprotocol, injected, none
  }

  /// Headers for the upstream handshake (name, value), in the client's order.
  public var headers: [HeaderField]
  /// The subprotocols offered upstream, in the client's order.
  public var subprotocols: [String]
  /// The subprotocol the client's handshake answer selects; nil when the client offered none.
  public var echoedSubprotocol: String?
  public var authentication: Authentication

  /// One header.
  public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String
  }

  /// The subprotocol prefix that carries a browser's key.
  static let keyProtocolPrefix = "openai-insecure-api-key."
  /// Client headers passed upstream besides `OpenAI-*`.
  static let passedHeaders: Set<String> = ["authorization", "api-key", "user-agent"]

  /// What to forward for a client that sent `request`.
  public init(request: HTTPHeaders, injection: KeyInjection?) {
    var headers: [HeaderField] = []
    var authentication = Authentication.none
    for (name, value) in request {
      let lower = name.lowercased()
      guard Self.passedHeaders.contains(lower) || lower.hasPrefix("openai-") else { continue }
      if lower == "authorization" || lower == "api-key" {
        if injection != nil { continue }
        authentication = .header
      }
      headers.append(HeaderField(name: name, value: value))
    }
    var offered: [String] = []
    for value in request[canonicalForm: "sec-websocket-protocol"] {
      offered += value.split(separator: ",").map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
    }
    var subprotocols: [String] = []
    for name in offered {
      if name.hasPrefix(Self.keyProtocolPrefix) {
        if injection != nil { continue }
        if authentication == .none { authentication = .subprotocol }
      }
      subprotocols.append(name)
    }
    if let injection {
      headers.append(HeaderField(name: injection.headerName, value: injection.headerValue))
      authentication = .injected
    }
    self.headers = headers
    self.subprotocols = subprotocols
    echoedSubprotocol =
      offered.contains("realtime") ? "realtime" : offered.first { !$0.hasPrefix(Self.keyProtocolPrefix) }
    self.authentication = authentication
  }

  /// The headers of the upstream handshake request (without the WebSocket ones NIO adds).
  func upstreamHeaders(host: String) -> HTTPHeaders {
    var result = HTTPHeaders()
    result.add(name: "Host", value: host)
    for field in headers { result.add(name: field.name, value: field.value) }
    if !subprotocols.isEmpty {
      result.add(name: "Sec-WebSocket-Protocol", value: subprotocols.joined(separator: ", "))
    }
    return result
  }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var slice = Substring(self)
    while let first = slice.first, set.contains(first) { slice.removeFirst() }
    while let last = slice.last, set.contains(last) { slice.removeLast() }
    return String(slice)
  }
}
