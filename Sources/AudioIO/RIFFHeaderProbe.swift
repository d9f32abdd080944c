#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A RIFF/WAVE chunk walker that reads chunk headers only, independently of libsndfile.
///
/// libsndfile decodes the samples; this probe answers what libsndfile does not report: how many
/// bytes the `data` chunk *claims* (to warn when the file holds fewer), and why a file libsndfile
/// refuses is malformed (a chunk that runs past the end of the file, no `fmt ` chunk, …).
/// It reads at most a few hundred bytes per chunk header and stops at the `data` chunk, so it
/// costs nothing on an hour-long file. A file with more than ``maximumChunks`` chunks before
/// `data` is called malformed rather than walked forever.
struct RIFFHeaderProbe: Equatable {
  /// What the first twelve bytes say.
  enum Container: Equatable {
    case riffWave
    /// RIFF with another form type ("AVI ", "RMID", …), as ``printable(_:)`` shows it.
    case riffOther(String)
    case rf64
    case empty
    /// Not RIFF at all; the first bytes as printable text.
    case other(firstBytes: String)
  }

  /// The fields of the `fmt ` chunk that name a format.
  struct FormatChunk: Equatable {
    var formatTag: UInt16
    var channels: UInt16
    var sampleRate: UInt32
    var blockAlign: UInt16
    var bitsPerSample: UInt16
    /// For WAVE_FORMAT_EXTENSIBLE: the first two bytes of the SubFormat GUID (the format tag it stands for).
    var subFormatTag: UInt16?

    /// The tag that says what the samples are: the SubFormat's for WAVE_FORMAT_EXTENSIBLE.
    var effectiveTag: UInt16 { formatTag == 0xFFFE ? (subFormatTag ?? 0) : formatTag }

    /// The encoding these fields describe.
    var encoding: SampleEncoding {
      switch effectiveTag {
      case 0x0001: bitsPerSample == 8 ? .pcmUnsigned8 : .pcm(bits: Int(bitsPerSample))
      case 0x0003: .float(bits: Int(bitsPerSample))
      case 0x0006: .alaw
      case 0x0007: .ulaw
      case 0x0002: .other("Microsoft ADPCM")
      case 0x0011: .other("IMA ADPCM")
      case 0x0031: .other("GSM 6.10")
      case 0x0055: .other("MPEG layer 3")
      default: .other("format tag 0x" + RIFFHeaderProbe.hex(effectiveTag))
      }
    }
  }

  static let maximumChunks = 10_000

  var fileSize: Int64
  var container: Container
  var format: FormatChunk?
  /// Byte offset of the first sample of the `data` chunk.
  var dataOffset: Int64?
  /// The size the `data` chunk header claims, in bytes.
  var dataClaimedBytes: Int64?
  /// Why the header is unusable, when it is ("the fmt chunk declares 655360 bytes but …").
  var problem: String?

  /// Bytes of sample data the file actually holds after the `data` chunk header.
  var dataBytesPresent: Int64? {
    guard let dataOffset, let dataClaimedBytes else { return nil }
    return min(dataClaimedBytes, max(0, fileSize - dataOffset))
  }

  /// Probes the file at `path`; nil when it cannot be opened (the caller reports the OS error).
  static func probe(path: String) -> RIFFHeaderProbe? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0 else { return nil }
    if (status.st_mode & S_IFMT) == S_IFDIR {
      var result = RIFFHeaderProbe(fileSize: 0, container: .empty)
      result.problem = "a folder, not a WAV file"
      return result
    }
    return probe(size: Int64(status.st_size)) { offset, count in
      var bytes = [UInt8](repeating: 0, count: count)
      let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
      return got <= 0 ? [] : Array(bytes.prefix(got))
    }
  }

  /// Probes a file of `size` bytes whose bytes `read(offset, count)` returns (fewer at the end).
  static func probe(size: Int64, read: (Int64, Int) -> [UInt8]) -> RIFFHeaderProbe {
    var result = RIFFHeaderProbe(fileSize: size, container: .empty)
    guard size > 0 else {
      result.problem = "empty file (0 bytes)"
      return result
    }
    let head = read(0, 12)
    let tag = head.count >= 4 ? fourCC(head, at: 0) : ""
    if tag == "RF64" {
      result.container = .rf64
      return result
    }
    guard tag == "RIFF", head.count == 12 else {
      result.container = .other(firstBytes: printable(Array(head.prefix(4))))
      return result
    }
    guard fourCC(head, at: 8) == "WAVE" else {
      result.container = .riffOther(printable(Array(head[8..<12])))
      return result
    }
    result.container = .riffWave
    result.walkChunks(read: read)
    return result
  }

  private mutating func walkChunks(read: (Int64, Int) -> [UInt8]) {
    var offset: Int64 = 12
    for _ in 0..<RIFFHeaderProbe.maximumChunks {
      let header = read(offset, 8)
      guard header.count == 8 else {
        problem =
          format == nil
          ? "truncated WAV: the file ends after \(fileSize) bytes without a fmt chunk"
          : "truncated WAV: the file ends after \(fileSize) bytes without a data chunk"
        return
      }
      let id = RIFFHeaderProbe.fourCC(header, at: 0)
      let size = Int64(RIFFHeaderProbe.uint32(header, at: 4))
      let body = offset + 8
      switch id {
      case "fmt ":
        guard size >= 16 else {
          problem = "malformed WAV: the fmt chunk is \(size) bytes long (at least 16 needed)"
          return
        }
        guard body + size <= fileSize else {
          problem =
            "truncated WAV: the fmt chunk declares \(size) bytes but the file ends after \(fileSize) bytes"
          return
        }
        let bytes = read(body, Int(min(size, 40)))
        format = FormatChunk(
          formatTag: RIFFHeaderProbe.uint16(bytes, at: 0), channels: RIFFHeaderProbe.uint16(bytes, at: 2),
          sampleRate: RIFFHeaderProbe.uint32(bytes, at: 4), blockAlign: RIFFHeaderProbe.uint16(bytes, at: 12),
          bitsPerSample: RIFFHeaderProbe.uint16(bytes, at: 14),
          subFormatTag: bytes.count >= 26 ? RIFFHeaderProbe.uint16(bytes, at: 24) : nil)
      case "data":
        guard format != nil else {
          problem = "malformed WAV: the data chunk comes before any fmt chunk"
          return
        }
        dataOffset = body
        dataClaimedBytes = size
        return
      default:
        guard body + size <= fileSize else {
          let name = RIFFHeaderProbe.printable(Array(header.prefix(4)))
          problem =
            "malformed WAV: chunk \"\(name)\" at byte \(offset) declares \(size) bytes but the file ends "
            + "after \(fileSize) bytes"
            + (format == nil ? ", before any fmt chunk" : ", before the data chunk")
          return
        }
      }
      offset = body + size + (size & 1)
    }
    problem = "malformed WAV: more than \(RIFFHeaderProbe.maximumChunks) chunks before the data chunk"
  }

  static func fourCC(_ bytes: [UInt8], at index: Int) -> String {
    String(decoding: bytes[index..<index + 4], as: UTF8.self)
  }

  static func uint16(_ bytes: [UInt8], at index: Int) -> UInt16 {
    guard bytes.count >= index + 2 else { return 0 }
    return UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
  }

  static func uint32(_ bytes: [UInt8], at index: Int) -> UInt32 {
    guard bytes.count >= index + 4 else { return 0 }
    return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[index + $1]) << (8 * $1) }
  }

  /// ASCII letters, digits and punctuation as themselves, anything else as `\xNN`.
  static func printable(_ bytes: [UInt8]) -> String {
    bytes.map { (32...126).contains($0) ? String(UnicodeScalar($0)) : "\\x" + hex(UInt16($0), width: 2) }
      .joined()
  }

  static func hex(_ value: UInt16, width: Int = 4) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
