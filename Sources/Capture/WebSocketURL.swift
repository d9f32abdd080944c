/// A `ws://` or `wss://` URL split into what a handshake needs.
///
/// `http://` and `https://` are accepted as the same endpoints (`ws`, `wss`), as the OpenAI and Azure
/// documentation write them both ways.
public struct WebSocketURL: Sendable, Equatable, CustomStringConvertible {
  /// TLS (`wss`) or not (`ws`).
  public var secure: Bool
  /// The host name or address, without brackets for IPv6.
  public var host: String
  public var port: Int
  /// The path, starting with `/` (`/` when the URL has none).
  public var path: String
  /// The query without `?`; nil when there is none.
  public var query: String?

  public init(secure: Bool, host: String, port: Int? = nil, path: String = "/", query: String? = nil) {
    self.secure = secure
    self.host = host
    self.port = port ?? (secure ? 443 : 80)
    self.path = path.isEmpty ? "/" : path
    self.query = query
  }

  /// Parses `text`; `option` names where it came from in the error.
  public init(_ text: String, option: String = "URL") throws(CaptureError) {
    let schemes: [(String, Bool)] = [
      ("wss://", true), ("ws://", false), ("https://", true), ("http://", false),
    ]
    guard let (prefix, secure) = schemes.first(where: { text.lowercased().hasPrefix($0.0) }) else {
      throw CaptureError("\(option): '\(text)' is not a ws://, wss://, http:// or https:// URL")
    }
    var rest = Substring(text.dropFirst(prefix.count))
    var query: String?
    if let mark = rest.firstIndex(of: "?") {
      query = String(rest[rest.index(after: mark)...])
      rest = rest[..<mark]
    }
    if let hash = query?.firstIndex(of: "#") { query = String(query![..<hash]) }
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    let authority = rest[..<slash]
    let path = String(rest[slash...])
    guard !authority.contains("@") else {
      throw CaptureError(
        "\(option): '\(text)' holds credentials; give keys with --api-key-env, never in a URL")
    }
    var host = Substring(authority)
    var port: Int?
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else {
        throw CaptureError("\(option): '\(text)' has an unclosed [")
      }
      let after = host[host.index(after: close)...]
      host = host[host.index(after: host.startIndex)..<close]
      if after.hasPrefix(":") { port = try Self.port(after.dropFirst(), text: text, option: option) }
    } else if let colon = host.lastIndex(of: ":") {
      port = try Self.port(host[host.index(after: colon)...], text: text, option: option)
      host = host[..<colon]
    }
    guard !host.isEmpty else { throw CaptureError("\(option): '\(text)' has no host") }
    self.init(
      secure: secure, host: String(host), port: port, path: path,
      query: query.flatMap { $0.isEmpty ? nil : $0 })
  }

  private static func port(_ text: Substring, text whole: String, option: String) throws(CaptureError) -> Int
  {
    guard let port = Int(text), (1...65_535).contains(port) else {
      throw CaptureError("\(option): '\(whole)' has an invalid port '\(text)'")
    }
    return port
  }

  /// The `Host` header: the host, with the port when it is not the scheme's default.
  public var hostHeader: String {
    let name = host.contains(":") ? "[\(host)]" : host
    return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
  }

  /// The request target of the handshake: path and query.
  public var requestURI: String { query.map { "\(path)?\($0)" } ?? path }

  public var description: String { "\(secure ? "wss" : "ws")://\(hostHeader)\(requestURI)" }

  /// The value of query parameter `name` (percent-decoded), if present.
  public func queryValue(_ name: String) -> String? { Self.queryValue(name, in: query) }

  /// The value of query parameter `name` in `query` (percent-decoded), if present.
  public static func queryValue(_ name: String, in query: String?) -> String? {
    guard let query else { return nil }
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      if parts.first.map(String.init) == name {
        return parts.count > 1 ? percentDecoded(String(parts[1])) : ""
      }
    }
    return nil
  }

  private static func percentDecoded(_ text: String) -> String {
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8).makeIterator()
    while let byte = iterator.next() {
      if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
        let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
      } else if byte == UInt8(ascii: "+") {
        bytes.append(UInt8(ascii: " "))
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
