/// The optional first line of a recording: `{"rtcost_recording": 1, "model": ..., "started_at": ..., "note": ...}`.
public struct RecordingHeader: Sendable, Equatable {
  /// The format version this reader and writer speak.
  public static let currentVersion = 1

  public var version: Int
  /// The model the recording was made with; `session.created` names the dated model and wins.
  public var model: String?
  /// When the recording started, as written (ISO 8601 by convention; not interpreted).
  public var startedAt: String?
  public var note: String?

  public init(
    version: Int = RecordingHeader.currentVersion, model: String? = nil, startedAt: String? = nil,
    note: String? = nil
  ) {
    self.version = version
    self.model = model
    self.startedAt = startedAt
    self.note = note
  }
}
