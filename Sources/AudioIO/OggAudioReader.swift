import CSndFile

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads an Ogg/Opus (or Ogg/Vorbis) recording through libsndfile in fixed-size blocks, each channel
/// apart: LiveKit Agents' `audio.ogg` is stereo Opus at 48 kHz with the user on the left and the
/// agent on the right (DESIGN §7.5).
///
/// libsndfile decodes the Opus stream to PCM16 (Debian's libsndfile 1.2 is built with libopus and
/// libvorbis); nothing else is accepted, and the refusal names what the file is. Memory is one block
/// of interleaved samples, whatever the length.
public final class OggAudioReader {
  public let path: String
  public let sampleRate: Int
  public let channels: Int
  /// `Opus` or `Vorbis`.
  public let codec: String
  public let blockFrames: Int
  /// Frames delivered so far; after the last read, the stream's true length.
  public private(set) var framesRead: Int64 = 0

  private var handle: OpaquePointer?
  private var interleaved: [Int16]

  /// Opens `path`, checks it is Ogg/Opus or Ogg/Vorbis with one or two channels.
  public init(path: String, blockFrames: Int = 4800) throws(AudioError) {
    precondition(blockFrames > 0)
    self.path = path
    self.blockFrames = blockFrames
    var info = SF_INFO()
    guard let opened = sf_open(path, Int32(SFM_READ), &info) else {
      let message = String(cString: sf_strerror(nil))
      throw AudioError(path: path, reason: "cannot read it as Ogg/Opus audio (libsndfile: \(message))")
    }
    let major = Int(info.format) & Int(SF_FORMAT_TYPEMASK)
    let minor = Int(info.format) & Int(SF_FORMAT_SUBMASK)
    guard major == Int(SF_FORMAT_OGG), minor == Int(SF_FORMAT_OPUS) || minor == Int(SF_FORMAT_VORBIS) else {
      sf_close(opened)
      throw AudioError(
        path: path,
        reason: "\(SndFileNames.container(info.format)) file, not Ogg/Opus; rtcost reads a LiveKit audio.ogg "
          + "(Ogg/Opus) here")
    }
    guard info.channels == 1 || info.channels == 2 else {
      sf_close(opened)
      throw AudioError(
        path: path, reason: "Ogg audio in \(info.channels) channels; rtcost reads mono or stereo")
    }
    handle = opened
    sampleRate = Int(info.samplerate)
    channels = Int(info.channels)
    codec = minor == Int(SF_FORMAT_OPUS) ? "Opus" : "Vorbis"
    interleaved = [Int16](repeating: 0, count: blockFrames * Int(info.channels))
  }

  deinit {
    if let handle { sf_close(handle) }
  }

  /// Replaces `buffers` with the next block, one array per channel; returns the frames read (0 at
  /// the end).
  public func read(into buffers: inout [[Int16]]) throws(AudioError) -> Int {
    if buffers.count != channels { buffers = Array(repeating: [], count: channels) }
    for index in buffers.indices { buffers[index].removeAll(keepingCapacity: true) }
    guard let handle else { return 0 }
    let got = interleaved.withUnsafeMutableBufferPointer { buffer in
      Int(sf_readf_short(handle, buffer.baseAddress, sf_count_t(blockFrames)))
    }
    if got == 0 {
      let code = sf_error(handle)
      sf_close(handle)
      self.handle = nil
      if code != 0 {
        throw AudioError(
          path: path,
          reason:
            "read error after \(framesRead) frames (libsndfile: \(String(cString: sf_error_number(code))))")
      }
      return 0
    }
    for frame in 0..<got {
      for channel in 0..<channels { buffers[channel].append(interleaved[frame * channels + channel]) }
    }
    framesRead += Int64(got)
    return got
  }

  /// The duration of the frames read so far, in microseconds (floor).
  public var durationMicros: Int64 { framesRead * 1_000_000 / Int64(sampleRate) }
}

/// The speech the server-VAD emulation finds in each channel of an Ogg recording.
public struct ChannelSpeechAnalysis: Sendable, Equatable {
  public var path: String
  public var sampleRate: Int
  public var codec: String
  public var durationMicros: Int64
  /// Per channel (left, then right), the segments in order (committed, then at most one pending).
  public var channels: [[SpeechSegment]]

  /// Reads `path` once, each channel through its own ``SpeechSegmenter``.
  public static func analyze(path: String, parameters: VADParameters = .serverDefault) throws(AudioError)
    -> ChannelSpeechAnalysis
  {
    let reader = try OggAudioReader(path: path)
    var segmenters = (0..<reader.channels).map { _ in
      SpeechSegmenter(sampleRate: reader.sampleRate, parameters: parameters)
    }
    var found = Array(repeating: [SpeechSegment](), count: reader.channels)
    var buffers: [[Int16]] = []
    while try reader.read(into: &buffers) > 0 {
      for channel in 0..<reader.channels { found[channel] += segmenters[channel].push(buffers[channel][...]) }
    }
    for channel in 0..<reader.channels { found[channel] += segmenters[channel].finish() }
    return ChannelSpeechAnalysis(
      path: path, sampleRate: reader.sampleRate, codec: reader.codec, durationMicros: reader.durationMicros,
      channels: found)
  }
}
