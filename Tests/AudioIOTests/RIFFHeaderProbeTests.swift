import Testing

@testable import AudioIO

/// The header probe on hand-made byte strings.
@Suite struct RIFFHeaderProbeTests {
  private func probe(_ bytes: [UInt8]) -> RIFFHeaderProbe {
    RIFFHeaderProbe.probe(size: Int64(bytes.count)) { offset, count in
      let start = min(Int(offset), bytes.count)
      return Array(bytes[start..<min(bytes.count, start + count)])
    }
  }

  private func le32(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }
  private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
  private func chunk(_ id: String, _ body: [UInt8], declared: UInt32? = nil) -> [UInt8] {
    Array(id.utf8) + le32(declared ?? UInt32(body.count)) + body + (body.count % 2 == 1 ? [0] : [])
  }
  private func fmt(tag: UInt16 = 1, channels: UInt16 = 1, rate: UInt32 = 8000, bits: UInt16 = 16) -> [UInt8] {
    let align = channels * bits / 8
    return chunk(
      "fmt ", le16(tag) + le16(channels) + le32(rate) + le32(rate * UInt32(align)) + le16(align) + le16(bits))
  }
  private func riff(_ chunks: [UInt8]) -> [UInt8] {
    Array("RIFF".utf8) + le32(UInt32(4 + chunks.count)) + Array("WAVE".utf8) + chunks
  }

  @Test func findsTheDataChunkAfterAnOddSizedChunk() {
    // A 3-byte "junk" chunk is padded to 4; data follows at 12 + 24 + 12 + 8 = 56.
    let bytes = riff(fmt() + chunk("junk", [1, 2, 3]) + chunk("data", [0, 0, 1, 0]))
    let result = probe(bytes)
    #expect(result.problem == nil)
    #expect(result.format?.encoding == .pcm(bits: 16))
    #expect(result.dataOffset == 56)
    #expect(result.dataClaimedBytes == 4)
    #expect(result.dataBytesPresent == 4)
  }

  @Test func reportsADataChunkThatClaimsMoreThanTheFile() {
    let bytes = riff(fmt()) + Array("data".utf8) + le32(1000) + [0, 0, 0, 0]
    let result = probe(bytes)
    #expect(result.problem == nil)
    #expect(result.dataClaimedBytes == 1000)
    #expect(result.dataBytesPresent == 4)
  }

  @Test func aChunkRunningPastTheEndIsMalformed() {
    let bytes = riff(Array("oooo".utf8) + le32(999_999))
    #expect(
      probe(bytes).problem
        == "malformed WAV: chunk \"oooo\" at byte 12 declares 999999 bytes but the file ends after 20 bytes, "
        + "before any fmt chunk")
  }

  @Test func dataBeforeFmtIsMalformed() {
    #expect(
      probe(riff(chunk("data", [0, 0]))).problem == "malformed WAV: the data chunk comes before any fmt chunk"
    )
  }

  @Test func aShortFmtChunkIsMalformed() {
    #expect(
      probe(riff(chunk("fmt ", [1, 0]))).problem
        == "malformed WAV: the fmt chunk is 2 bytes long (at least 16 needed)")
  }

  @Test func extensibleTakesItsSubFormat() {
    // cbSize 22, valid bits 24, channel mask 4, SubFormat GUID starting 0x0001 (PCM).
    let body =
      le16(0xFFFE) + le16(1) + le32(192_000) + le32(576_000) + le16(3) + le16(24) + le16(22) + le16(24)
      + le32(4) + le16(1) + [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]
    let result = probe(riff(chunk("fmt ", body) + chunk("data", [0, 0, 0])))
    #expect(result.format?.formatTag == 0xFFFE)
    #expect(result.format?.encoding == .pcm(bits: 24))
  }

  @Test func namesContainersThatAreNotWAV() {
    #expect(probe(Array("RIFF".utf8) + le32(4) + Array("AVI ".utf8)).container == .riffOther("AVI "))
    #expect(probe(Array("RF64".utf8) + le32(0xFFFF_FFFF) + Array("WAVE".utf8)).container == .rf64)
    #expect(probe(Array("fLaC\u{0}\u{0}".utf8)).container == .other(firstBytes: "fLaC"))
    #expect(probe([0xFF, 0xFB, 0x90, 0x00]).container == .other(firstBytes: "\\xff\\xfb\\x90\\x00"))
    #expect(probe([]).problem == "empty file (0 bytes)")
  }

  @Test func endlessZeroSizedChunksStopAtTheLimit() {
    // 10,001 empty chunks: the walk gives up instead of looping.
    var chunks: [UInt8] = fmt()
    for _ in 0...RIFFHeaderProbe.maximumChunks { chunks += chunk("zero", []) }
    #expect(probe(riff(chunks)).problem == "malformed WAV: more than 10000 chunks before the data chunk")
  }
}
