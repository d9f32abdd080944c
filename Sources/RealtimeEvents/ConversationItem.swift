/// The `type` of a conversation item (`message`, `function_call`, `function_call_output`, …).
public enum ConversationItemType: Sendable, Equatable, Hashable {
  case message
  case functionCall
  /// A tool's result, sent by the app: it ends a tool call.
  case functionCallOutput
  /// Any other type, as written (`mcp_call`, `image`, …).
  case other(String)

  /// The type as the API writes it.
  public init(wireName: String) {
    switch wireName {
    case "message": self = .message
    case "function_call": self = .functionCall
    case "function_call_output": self = .functionCallOutput
    default: self = .other(wireName)
    }
  }

  /// The name the API writes.
  public var wireName: String {
    switch self {
    case .message: "message"
    case .functionCall: "function_call"
    case .functionCallOutput: "function_call_output"
    case .other(let name): name
    }
  }
}

/// The `role` of a message item.
public enum ConversationItemRole: Sendable, Equatable, Hashable {
  case user, assistant, system
  /// Any other role, as written.
  case other(String)

  /// The role as the API writes it.
  public init(wireName: String) {
    switch wireName {
    case "user": self = .user
    case "assistant": self = .assistant
    case "system": self = .system
    default: self = .other(wireName)
    }
  }

  /// The name the API writes.
  public var wireName: String {
    switch self {
    case .user: "user"
    case .assistant: "assistant"
    case .system: "system"
    case .other(let name): name
    }
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
