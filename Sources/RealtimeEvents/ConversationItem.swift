/// The `type` of a conversation item (`message`, `function_call`, `function_call_output`, …).
public enum ConversationItemType: WireNamed {
  case message
  case functionCall
  /// A tool's result, sent by the app: it ends a tool call.
  case functionCallOutput
  /// Any other type, as written (`mcp_call`, `image`, …).
  case other(String)

  public static let knownNames: [(value: Self, name: String)] = [
    (.message, "message"),
    (.functionCall, "function_call"),
    (.functionCallOutput, "function_call_output"),
  ]

  public var otherName: String? {
    if case .other(let name) = self { name } else { nil }
  }
}

/// The `role` of a message item.
public enum ConversationItemRole: WireNamed {
  case user, assistant, system
  /// Any other role, as written.
  case other(String)

  public static let knownNames: [(value: Self, name: String)] = [
    (.user, "user"),
    (.assistant, "assistant"),
    (.system, "system"),
  ]

  public var otherName: String? {
    if case .other(let name) = self { name } else { nil }
  }
}

/// What kind of conversation item was created or added.
public struct ConversationItemInfo: Sendable, Equatable {
  public var type: ConversationItemType?
  /// For messages.
  public var role: ConversationItemRole?

  public init(type: ConversationItemType?, role: ConversationItemRole? = nil) {
    self.type = type
    self.role = role
  }
}
