import CSndFile

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a 16-bit PCM WAV file through libsndfile in fixed-size blocks, downmixed to mono.
///
/// Accepts 16-bit signed PCM at any sample rate, mono or stereo, with a plain (`WAVE_FORMAT_PCM`)
/// or `WAVE_FORMAT_EXTENSIBLE` header. Refuses everything else with an ``AudioError`` naming the
/// actual format. Stereo is downmixed to the average of the two channels, `(L + R) / 2` in integer
/// arithmetic (truncated toward zero), so a sound in one channel only arrives 6 dB quieter and
/// channels in antiphase cancel.
///
/// Memory is one block: ``blockFrames`` frames of interleaved samples, reused for every read, so an
/// hour of audio costs what a second does (``bufferHighWaterMark`` records it). The duration is the
/// number of frames actually read (``framesRead``), never the header's claim: a `data` chunk that
/// claims more bytes than the file holds gives a warning (libsndfile 1.2 itself clamps such a
/// chunk to the bytes present; the probe compares the claim with the file size).
public final class WAVReader {
  /// The file being read.
  public let path: String
  /// Its format (always 16-bit PCM, mono or stereo, once opened).
  public let format: WAVFormat
  /// Frames the `data` chunk header claims, when the header says.
  public let claimedFrames: Int64?
  /// Frames libsndfile reports as present (its `SF_INFO.frames`).
  public let availableFrames: Int64
  /// Frames per read.
  public let blockFrames: Int
  /// Non-fatal problems: a header that claims more data than the file holds, a trailing partial frame.
  public private(set) var warnings: [String]
  /// Frames delivered so far; after the last read, the file's true length.
  public private(set) var framesRead: Int64 = 0
  /// The most samples this reader has held in its buffer at once (interleaved, all channels).
  public private(set) var bufferHighWaterMark = 0

  /// The sample rates rtcost reads: from 1 kHz (a 20 ms frame has 20 samples) to 768 kHz.
  public static let sampleRates = 1000...768_000

  private var handle: OpaquePointer?
  private var interleaved: [Int16]
  private var finished = false

  /// Opens `path`, checks its format, and prepares to read `blockFrames` frames at a time.
  public init(path: String, blockFrames: Int = 4096) throws(AudioError) {
    precondition(blockFrames > 0)
    self.path = path
    self.blockFrames = blockFrames
    guard let probe = RIFFHeaderProbe.probe(path: path) else {
      throw AudioError(path: path, reason: "cannot open the file (\(String(cString: strerror(errno))))")
    }
    var info = SF_INFO()
    guard let opened = sf_open(path, Int32(SFM_READ), &info) else {
      let libraryMessage = String(cString: sf_strerror(nil))
      throw AudioError(path: path, reason: WAVReader.refusal(probe: probe, libsndfile: libraryMessage))
    }
    let encoding = SndFileNames.encoding(info.format)
    let format = WAVFormat(
      sampleRate: Int(info.samplerate), channels: Int(info.channels), encoding: encoding,
      isExtensible: SndFileNames.isExtensible(info.format))
    if let reason = WAVReader.unsupported(info: info, format: format) {
      sf_close(opened)
      throw AudioError(path: path, reason: reason)
    }
    // libsndfile opens some files whose header stops inside the data chunk's own header, with no
    // frames: the probe's "truncated" is the truth there. With frames present, the probe's
    // objection is only a warning (some writers leave odd-sized chunks unpadded, which the probe
    // cannot walk but libsndfile can).
    if let problem = probe.problem, info.frames == 0 {
      sf_close(opened)
      throw AudioError(path: path, reason: problem)
    }
    self.handle = opened
    self.format = format
    self.availableFrames = Int64(info.frames)
    let blockAlign = Int64(2 * info.channels)
    self.claimedFrames = probe.dataClaimedBytes.map { $0 / blockAlign }
    self.warnings = WAVReader.headerWarnings(
      probe: probe, availableFrames: Int64(info.frames), blockAlign: blockAlign,
      sampleRate: Int64(info.samplerate))
    self.interleaved = [Int16](repeating: 0, count: blockFrames * Int(info.channels))
  }

  deinit {
    if let handle { sf_close(handle) }
  }

  /// Replaces the contents of `mono` with the next block (at most ``blockFrames`` mono samples) and
  /// returns how many it holds; 0 at the end of the file.
  public func read(into mono: inout [Int16]) throws(AudioError) -> Int {
    mono.removeAll(keepingCapacity: true)
    guard let handle, !finished else { return 0 }
    let channels = format.channels
    let got = interleaved.withUnsafeMutableBufferPointer { buffer in
      Int(sf_readf_short(handle, buffer.baseAddress, sf_count_t(blockFrames)))
    }
    bufferHighWaterMark = max(bufferHighWaterMark, got * channels)
    if got == 0 {
      try finish(handle)
      return 0
    }
    if channels == 1 {
      mono.append(contentsOf: interleaved[0..<got])
    } else {
      for frame in 0..<got {
        mono.append(Int16((Int32(interleaved[2 * frame]) + Int32(interleaved[2 * frame + 1])) / 2))
      }
    }
    framesRead += Int64(got)
    return got
  }

  /// The duration of the frames read so far, in microseconds (floor).
  public var durationMicros: Int64 { framesRead * 1_000_000 / Int64(format.sampleRate) }

  private func finish(_ handle: OpaquePointer) throws(AudioError) {
    finished = true
    let code = sf_error(handle)
    if code != 0 {
      let message = String(cString: sf_strerror(handle))
      throw AudioError(path: path, reason: "read error after \(framesRead) frames (libsndfile: \(message))")
    }
    if framesRead < availableFrames {
      warnings.append(
        "libsndfile reported \(availableFrames) frames but delivered \(framesRead); "
          + "the duration is taken from the frames delivered")
    }
  }

  /// Why libsndfile's view of an opened file is not something rtcost reads, or nil.
  private static func unsupported(info: SF_INFO, format: WAVFormat) -> String? {
    guard SndFileNames.isWAV(info.format) else {
      return
        "\(SndFileNames.container(info.format)) file with \(format.encoding) samples; \(AudioError.pcm16Only)"
    }
    guard format.encoding.isPCM16 else {
      return "\(format.containerName) with \(format.encoding) samples; \(AudioError.pcm16Only)"
    }
    guard format.channels == 1 || format.channels == 2 else {
      return "\(format.containerName) with 16-bit PCM samples in \(format.channels) channels; "
        + "rtcost reads mono or stereo only"
    }
    guard WAVReader.sampleRates.contains(format.sampleRate) else {
      return "\(format.containerName) with 16-bit PCM samples at \(format.sampleRate) Hz; rtcost reads "
        + "\(WAVReader.sampleRates.lowerBound)–\(WAVReader.sampleRates.upperBound) Hz"
    }
    return nil
  }

  /// The refusal for a file libsndfile could not open, naming what the header says it is.
  static func refusal(probe: RIFFHeaderProbe, libsndfile: String) -> String {
    let suffix = " (libsndfile: \(libsndfile))"
    if let problem = probe.problem { return probe.container == .empty ? problem : problem + suffix }
    switch probe.container {
    case .empty: return "empty file (0 bytes)"
    case .other(let firstBytes): return "not a WAV file (it starts with \"\(firstBytes)\")" + suffix
    case .riffOther(let form): return "RIFF \"\(form)\" file, not a WAV" + suffix
    case .rf64: return "RF64 file that libsndfile cannot read; \(AudioError.pcm16Only)" + suffix
    case .riffWave:
      guard let fmt = probe.format else { return "malformed WAV" + suffix }
      let container = fmt.formatTag == 0xFFFE ? "WAV (WAVE_FORMAT_EXTENSIBLE)" : "WAV"
      if fmt.encoding.isPCM16 {
        return "malformed \(container) with 16-bit PCM samples, \(fmt.channels) channels at "
          + "\(fmt.sampleRate) Hz" + suffix
      }
      return "\(container) with \(fmt.encoding) samples; \(AudioError.pcm16Only)" + suffix
    }
  }

  /// Warnings about a header whose claims differ from the bytes present.
  static func headerWarnings(
    probe: RIFFHeaderProbe, availableFrames: Int64, blockAlign: Int64, sampleRate: Int64
  )
    -> [String]
  {
    var warnings: [String] = []
    if let problem = probe.problem {
      warnings.append("header: \(problem); libsndfile read the file anyway")
    }
    guard let claimed = probe.dataClaimedBytes, let offset = probe.dataOffset else { return warnings }
    let present = max(0, probe.fileSize - offset)
    func seconds(_ frames: Int64) -> String { SecondsText.format(micros: frames * 1_000_000 / sampleRate) }
    if claimed > present {
      let claimedFrames = claimed / blockAlign
      let presentFrames = present / blockAlign
      warnings.append(
        "the data chunk claims \(claimed) bytes (\(claimedFrames) frames, \(seconds(claimedFrames)) s) but the "
          + "file holds \(present) (\(presentFrames) frames, \(seconds(presentFrames)) s); the duration is taken "
          + "from the frames present")
    }
    let usable = min(claimed, present)
    if usable % blockAlign != 0 {
      warnings.append(
        "\(usable % blockAlign) trailing data byte(s) do not make a whole frame and are ignored")
    }
    return warnings
  }
}
