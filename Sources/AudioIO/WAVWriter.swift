import CSndFile

/// The encodings ``WAVWriter`` can write: 16-bit PCM WAV for real use, the rest to make test files
/// that rtcost must refuse.
public enum WAVWriterFormat: String, CaseIterable, Sendable {
  case pcm16
  case pcm16Extensible
  case pcmU8
  case pcm24
  case pcm32
  case float32
  case ulaw
  case alaw
  /// 16-bit PCM in an AIFF container (not a WAV).
  case aiffPCM16
  /// Opus in an Ogg container (48 kHz), as LiveKit Agents records sessions (`audio.ogg`).
  case oggOpus

  /// libsndfile's `SF_INFO.format` code.
  var sndFileFormat: Int32 {
    let code: Int =
      switch self {
      case .pcm16: Int(SF_FORMAT_WAV) | Int(SF_FORMAT_PCM_16)
      case .pcm16Extensible: Int(SF_FORMAT_WAVEX) | Int(SF_FORMAT_PCM_16)
      case .pcmU8: Int(SF_FORMAT_WAV) | Int(SF_FORMAT_PCM_U8)
      case .pcm24: Int(SF_FORMAT_WAV) | Int(SF_FORMAT_PCM_24)
      case .pcm32: Int(SF_FORMAT_WAV) | Int(SF_FORMAT_PCM_32)
      case .float32: Int(SF_FORMAT_WAV) | Int(SF_FORMAT_FLOAT)
      case .ulaw: Int(SF_FORMAT_WAV) | Int(SF_FORMAT_ULAW)
      case .alaw: Int(SF_FORMAT_WAV) | Int(SF_FORMAT_ALAW)
      case .aiffPCM16: Int(SF_FORMAT_AIFF) | Int(SF_FORMAT_PCM_16)
      case .oggOpus: Int(SF_FORMAT_OGG) | Int(SF_FORMAT_OPUS)
      }
    return Int32(code)
  }
}

/// Writes audio files through libsndfile, streaming: 16-bit PCM WAV by default.
///
/// Samples are given as interleaved PCM16 and converted by libsndfile to the file's encoding. No
/// `PEAK` chunk is written (it holds a timestamp), so the same samples always give the same bytes.
public final class WAVWriter {
  /// The file being written.
  public let path: String
  /// Channels per frame.
  public let channels: Int
  /// Frames written so far.
  public private(set) var framesWritten: Int64 = 0
  private var handle: OpaquePointer?

  /// Creates (or replaces) `path`.
  public init(path: String, sampleRate: Int, channels: Int, format: WAVWriterFormat = .pcm16)
    throws(AudioError)
  {
    self.path = path
    self.channels = channels
    var info = SF_INFO()
    info.samplerate = Int32(sampleRate)
    info.channels = Int32(channels)
    info.format = format.sndFileFormat
    guard sf_format_check(&info) != 0 else {
      throw AudioError(
        path: path, reason: "libsndfile cannot write \(format.rawValue) at \(sampleRate) Hz × \(channels)")
    }
    guard let opened = sf_open(path, Int32(SFM_WRITE), &info) else {
      throw AudioError(
        path: path, reason: "cannot create the file (libsndfile: \(String(cString: sf_strerror(nil))))")
    }
    if format != .oggOpus { sf_command(opened, Int32(SFC_SET_ADD_PEAK_CHUNK), nil, Int32(SF_FALSE)) }
    handle = opened
  }

  deinit {
    if let handle { sf_close(handle) }
  }

  /// Appends interleaved frames (`samples.count` must be a multiple of ``channels``).
  public func write(interleaved samples: ArraySlice<Int16>) throws(AudioError) {
    precondition(samples.count % channels == 0)
    guard let handle else { throw AudioError(path: path, reason: "write after close") }
    let frames = samples.count / channels
    let written = samples.withUnsafeBufferPointer {
      sf_writef_short(handle, $0.baseAddress, sf_count_t(frames))
    }
    guard written == frames else {
      throw AudioError(
        path: path, reason: "write failed (libsndfile: \(String(cString: sf_strerror(handle))))")
    }
    framesWritten += Int64(frames)
  }

  /// Finishes the header and closes the file.
  public func close() throws(AudioError) {
    guard let handle else { return }
    self.handle = nil
    guard sf_close(handle) == 0 else { throw AudioError(path: path, reason: "close failed") }
  }
}
