/// An enum of the names the API (or a recording) writes, open to names rtcost does not know: each
/// known case has one wire name, and `other` keeps any other name as written.
public protocol WireNamed: Sendable, Hashable {
  /// The known cases and their wire names.
  static var knownNames: [(value: Self, name: String)] { get }
  /// A name that is not one of ``knownNames``.
  static func other(_ name: String) -> Self
  /// The name held by `other`, nil for a known case.
  var otherName: String? { get }
}

extension WireNamed {
  /// The value of a name as written: a known case, or `other(name)`.
  public init(wireName: String) {
    self = Self.knownNames.first { $0.name == wireName }?.value ?? .other(wireName)
  }

  /// The name as written.
  public var wireName: String {
    if let otherName { return otherName }
    return Self.knownNames.first { $0.value == self }?.name ?? ""
  }
}
