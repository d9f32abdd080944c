/// The `usage` block of a `response.done` event, GA or beta; every field optional (DESIGN §1).
///
/// Decoding is lenient where real logs are broken: a detail object that is not an object (a
/// console log printed `"[Object]"`) is recorded in ``malformedFields`` instead of failing, so the
/// block can still be priced from its totals with a warning. Wrong types on counts are errors.
public struct ResponseUsage: Sendable, Equatable, Decodable {
  public var totalTokens: Int64?
  public var inputTokens: Int64?
  public var outputTokens: Int64?
  public var input: InputDetails?
  public var output: OutputDetails?
  /// Detail fields that were present but not objects, by JSON path (`input_token_details`).
  public var malformedFields: [String] = []

  /// Input token details; `cachedTokens` is a subset of the input, not an addition.
  public struct InputDetails: Sendable, Equatable {
    public var textTokens: Int64?
    public var audioTokens: Int64?
    public var imageTokens: Int64?
    public var cachedTokens: Int64?
    public var cached: CachedDetails?

    public init(
      textTokens: Int64? = nil, audioTokens: Int64? = nil, imageTokens: Int64? = nil,
      cachedTokens: Int64? = nil,
      cached: CachedDetails? = nil
    ) {
      self.textTokens = textTokens
      self.audioTokens = audioTokens
      self.imageTokens = imageTokens
      self.cachedTokens = cachedTokens
      self.cached = cached
    }
  }

  /// The split of the cached input tokens; absent in the oldest beta payloads.
  public struct CachedDetails: Sendable, Equatable {
    public var textTokens: Int64?
    public var audioTokens: Int64?
    public var imageTokens: Int64?

    public init(textTokens: Int64? = nil, audioTokens: Int64? = nil, imageTokens: Int64? = nil) {
      self.textTokens = textTokens
      self.audioTokens = audioTokens
      self.imageTokens = imageTokens
    }
  }

  /// Output token details.
  public struct OutputDetails: Sendable, Equatable {
    public var textTokens: Int64?
    public var audioTokens: Int64?

    public init(textTokens: Int64? = nil, audioTokens: Int64? = nil) {
      self.textTokens = textTokens
      self.audioTokens = audioTokens
    }
  }

  public init(
    totalTokens: Int64? = nil, inputTokens: Int64? = nil, outputTokens: Int64? = nil,
    input: InputDetails? = nil,
    output: OutputDetails? = nil
  ) {
    self.totalTokens = totalTokens
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.input = input
    self.output = output
  }

  /// A usage block from exact per-category counts (the simulator's world model builds these).
  public init(counts: TokenCounts) {
    let cachedTotal = counts.textInCached + counts.audioInCached + counts.imageInCached
    let text = counts.textIn + counts.textInCached
    let audio = counts.audioIn + counts.audioInCached
    let image = counts.imageIn + counts.imageInCached
    self.init(
      totalTokens: text + audio + image + counts.textOut + counts.audioOut, inputTokens: text + audio + image,
      outputTokens: counts.textOut + counts.audioOut,
      input: InputDetails(
        textTokens: text, audioTokens: audio, imageTokens: image == 0 ? nil : image,
        cachedTokens: cachedTotal,
        cached: CachedDetails(
          textTokens: counts.textInCached, audioTokens: counts.audioInCached,
          imageTokens: image == 0 ? nil : counts.imageInCached)),
      output: OutputDetails(textTokens: counts.textOut, audioTokens: counts.audioOut))
  }

  enum Keys: String, CodingKey {
    case totalTokens = "total_tokens", inputTokens = "input_tokens", outputTokens = "output_tokens"
    case inputDetails = "input_token_details", outputDetails = "output_token_details"
    case textTokens = "text_tokens", audioTokens = "audio_tokens", imageTokens = "image_tokens"
    case cachedTokens = "cached_tokens", cachedDetails = "cached_tokens_details"
  }

  /// The largest count a usage field may hold. A Realtime context is at most 32,768 tokens (128k for
  /// later models), so anything near this is a corrupt log, and refusing it keeps every price,
  /// estimate and sum far inside the exact money range.
  public static let maximumTokens: Int64 = 1_000_000_000

  public init(from decoder: any Decoder) throws {
    try self.init(decoding: decoder)
    let fields = [
      totalTokens, inputTokens, outputTokens, input?.textTokens, input?.audioTokens, input?.imageTokens,
      input?.cachedTokens, input?.cached?.textTokens, input?.cached?.audioTokens, input?.cached?.imageTokens,
      output?.textTokens, output?.audioTokens,
    ]
    if let implausible = fields.compactMap({ $0 }).first(where: { $0 > Self.maximumTokens }) {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: decoder.codingPath,
          debugDescription:
            "a usage count of \(implausible) tokens is not plausible (at most \(Self.maximumTokens))"))
    }
  }

  private init(decoding decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    totalTokens = try c.decodeIfPresent(Int64.self, forKey: .totalTokens)
    inputTokens = try c.decodeIfPresent(Int64.self, forKey: .inputTokens)
    outputTokens = try c.decodeIfPresent(Int64.self, forKey: .outputTokens)
    if let details = try Self.nestedObject(
      c, .inputDetails, path: "input_token_details", malformed: &malformedFields)
    {
      var parsed = InputDetails()
      parsed.textTokens = try details.decodeIfPresent(Int64.self, forKey: .textTokens)
      parsed.audioTokens = try details.decodeIfPresent(Int64.self, forKey: .audioTokens)
      parsed.imageTokens = try details.decodeIfPresent(Int64.self, forKey: .imageTokens)
      parsed.cachedTokens = try details.decodeIfPresent(Int64.self, forKey: .cachedTokens)
      if let cached = try Self.nestedObject(
        details, .cachedDetails, path: "input_token_details.cached_tokens_details",
        malformed: &malformedFields)
      {
        parsed.cached = CachedDetails(
          textTokens: try cached.decodeIfPresent(Int64.self, forKey: .textTokens),
          audioTokens: try cached.decodeIfPresent(Int64.self, forKey: .audioTokens),
          imageTokens: try cached.decodeIfPresent(Int64.self, forKey: .imageTokens))
      }
      input = parsed
    }
    if let details = try Self.nestedObject(
      c, .outputDetails, path: "output_token_details", malformed: &malformedFields)
    {
      output = OutputDetails(
        textTokens: try details.decodeIfPresent(Int64.self, forKey: .textTokens),
        audioTokens: try details.decodeIfPresent(Int64.self, forKey: .audioTokens))
    }
  }

  private static func nestedObject(
    _ container: KeyedDecodingContainer<Keys>, _ key: Keys, path: String, malformed: inout [String]
  ) throws -> KeyedDecodingContainer<Keys>? {
    guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
    do {
      return try container.nestedContainer(keyedBy: Keys.self, forKey: key)
    } catch DecodingError.typeMismatch {
      malformed.append(path)
      return nil
    }
  }
}
