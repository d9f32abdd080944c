/// One pass over a WAV file: its format, true duration and the speech segments the VAD emulation finds.
///
/// The file is streamed block by block through ``WAVReader`` into ``SpeechSegmenter``; memory does not
/// grow with the length of the audio (only with the number of segments kept, and not even that when
/// `keepSegments` is false and segments are taken from `onSegment`).
public struct WAVAnalysis: Sendable {
  /// The file analysed.
  public var path: String
  /// Its format.
  public var format: WAVFormat
  /// Frames actually read.
  public var frames: Int64
  /// Frames the header claimed, when it says.
  public var claimedFrames: Int64?
  /// Non-fatal problems found on the way (a header that claims more data than the file holds, …).
  public var warnings: [String]
  /// The VAD settings used.
  public var parameters: VADParameters
  /// The segments, in order: committed ones, then at most one pending (empty when not kept).
  public var segments: [SpeechSegment]
  /// How many segments were found (also when they were not kept).
  public var segmentCount: Int
  /// Input audio tokens of the committed segments.
  public var committedAudioTokens: Int64
  /// Input audio tokens of a segment still open at the end of the audio (0 when none).
  public var pendingAudioTokens: Int64
  /// The reader's buffer high-water mark, in samples: a constant, whatever the file's length.
  public var peakBufferedSamples: Int
  /// The segmenter's noise-window capacity, in frame levels: also a constant.
  public var segmenterWindowCapacity: Int

  /// The duration of the frames present, in microseconds (floor).
  public var durationMicros: Int64 { frames * 1_000_000 / Int64(format.sampleRate) }

  /// Reads and analyses `path`.
  ///
  /// - Parameters:
  ///   - onSegment: called with each segment as soon as it is known (committed ones in order, then
  ///     the pending one).
  ///   - onSamples: called with every block of mono samples at the file's rate, for a consumer that
  ///     needs the audio in the same pass (for example ``PCM16AppendStream``).
  public static func analyze(
    path: String, parameters: VADParameters = .serverDefault, blockFrames: Int = 4096,
    keepSegments: Bool = true,
    onSegment: (SpeechSegment) -> Void = { _ in },
    onSamples: (ArraySlice<Int16>) throws(AudioError) -> Void = { _ in }
  ) throws(AudioError) -> WAVAnalysis {
    let reader = try WAVReader(path: path, blockFrames: blockFrames)
    var segmenter = SpeechSegmenter(sampleRate: reader.format.sampleRate, parameters: parameters)
    var kept: [SpeechSegment] = []
    var count = 0
    var committedTokens: Int64 = 0
    var pendingTokens: Int64 = 0
    func take(_ segments: [SpeechSegment]) {
      for segment in segments {
        count += 1
        if segment.isCommitted {
          committedTokens += segment.audioTokens
        } else {
          pendingTokens += segment.audioTokens
        }
        if keepSegments { kept.append(segment) }
        onSegment(segment)
      }
    }
    var block: [Int16] = []
    block.reserveCapacity(blockFrames)
    while try reader.read(into: &block) > 0 {
      try onSamples(block[...])
      take(segmenter.push(block[...]))
    }
    take(segmenter.finish())
    return WAVAnalysis(
      path: path, format: reader.format, frames: reader.framesRead, claimedFrames: reader.claimedFrames,
      warnings: reader.warnings, parameters: parameters, segments: kept, segmentCount: count,
      committedAudioTokens: committedTokens, pendingAudioTokens: pendingTokens,
      peakBufferedSamples: reader.bufferHighWaterMark, segmenterWindowCapacity: segmenter.windowCapacity)
  }
}
