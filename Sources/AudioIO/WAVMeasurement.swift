/// A WAV file's format and true length, read without the VAD: for a file used as one user utterance.
public struct WAVMeasurement: Equatable, Sendable {
  /// The file's format.
  public var format: WAVFormat
  /// Frames actually present (read to the end, not taken from the header).
  public var frames: Int64
  /// Non-fatal problems, as ``WAVReader/warnings``.
  public var warnings: [String]

  /// The duration of the frames present, in microseconds (floor).
  public var durationMicros: Int64 { frames * 1_000_000 / Int64(format.sampleRate) }

  /// Input audio tokens for the whole file as one utterance: 10 per second, rounded up
  /// (``InputAudioTokens``); no prefix padding, which only a VAD-detected turn carries.
  public var utteranceAudioTokens: Int64 { InputAudioTokens.count(micros: durationMicros) }

  /// Reads `path` to the end in blocks (memory does not grow with its length).
  public static func measure(path: String) throws(AudioError) -> WAVMeasurement {
    let reader = try WAVReader(path: path)
    var block: [Int16] = []
    while try reader.read(into: &block) > 0 {}
    return WAVMeasurement(format: reader.format, frames: reader.framesRead, warnings: reader.warnings)
  }
}
