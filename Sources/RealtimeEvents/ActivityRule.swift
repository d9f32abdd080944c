/// Which events count as activity when measuring idle gaps in a recording.
public enum ActivityRule: String, Sendable, Equatable, CaseIterable {
  /// Speech started/stopped, committed input (server `committed`, client `commit`), responses
  /// created/done, function-call events, local user commands, and client `conversation.item.create`
  /// and `response.create`. Not audio appends or deltas, rate-limit updates, session events or text.
  case standard
  /// Every event sent or received, as in the seed design (DESIGN §4 defect 1: an always-streaming
  /// mic never idles). A `local.audio` marker is not an event on the socket, so it is not activity.
  case anyEvent = "any-event"

  /// Whether `event` resets the idle timer under this rule.
  public func isActivity(_ event: RealtimeEvent) -> Bool {
    switch self {
    case .anyEvent:
      if case .localAudio = event { return false }
      return true
    case .standard:
      switch event {
      case .speechStarted, .speechStopped, .inputAudioCommitted, .inputAudioCommit, .responseCreated,
        .responseDone, .functionCallArgumentsDone, .userCommand, .conversationItemCreate, .responseCreate:
        return true
      default:
        return false
      }
    }
  }
}
