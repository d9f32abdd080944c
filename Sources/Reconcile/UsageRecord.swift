public import Billing

/// One result of an OpenAI usage export (`organization.usage.completions.result`, a Usage API page's
/// bucket result or a row of the dashboard's CSV), with where it came from.
///
/// Counts are the export's fields as written; nil when absent (older exports have no modality
/// split). Their meaning depends on the export's date: see ``AudioTokenMeaning``.
public struct UsageRecord: Sendable, Equatable {
  /// `file:line` (CSV) or `file: data[0].results[2]` (JSON).
  public var location: String
  /// The UTC day of the bucket's start.
  public var day: CalendarDay
  /// The model (`group_by=model`), nil when the export is not grouped by model.
  public var model: String?
  public var projectID: String?
  public var fields: [Field: Int64]

  /// The count fields of a completions usage result (DESIGN §7.5).
  public enum Field: String, Sendable, CaseIterable, Hashable {
    case inputTokens = "input_tokens"
    case outputTokens = "output_tokens"
    case requests = "num_model_requests"
    case inputCachedTokens = "input_cached_tokens"
    case inputUncachedTokens = "input_uncached_tokens"
    case inputTextTokens = "input_text_tokens"
    case inputAudioTokens = "input_audio_tokens"
    case inputImageTokens = "input_image_tokens"
    case inputCachedTextTokens = "input_cached_text_tokens"
    case inputCachedAudioTokens = "input_cached_audio_tokens"
    case inputCachedImageTokens = "input_cached_image_tokens"
    case inputCacheWriteTokens = "input_cache_write_tokens"
    case outputTextTokens = "output_text_tokens"
    case outputAudioTokens = "output_audio_tokens"
    case outputImageTokens = "output_image_tokens"
  }

  public init(location: String, day: CalendarDay, model: String?, projectID: String?, fields: [Field: Int64])
  {
    self.location = location
    self.day = day
    self.model = model
    self.projectID = projectID
    self.fields = fields
  }

  public subscript(field: Field) -> Int64? { fields[field] }

  /// Whether every count is absent or zero (a dashboard row for an empty day).
  public var isEmpty: Bool { fields.values.allSatisfy { $0 == 0 } }
}
