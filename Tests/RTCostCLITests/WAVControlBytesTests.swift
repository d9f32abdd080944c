import AudioIO
import Foundation
import TestSupport
import Testing

/// Issue 11 item 14: a WAV header's bytes are echoed escaped (`\x01`), so a refusal is one
/// printable line, whatever the header holds.
@Suite struct WAVControlBytesTests {
  static func le32(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }

  /// A 16 kHz mono 16-bit `fmt ` chunk.
  static let fmt: [UInt8] =
    Array("fmt ".utf8) + le32(16) + [1, 0, 1, 0] + le32(16_000) + le32(32_000) + [2, 0, 16, 0]

  static func write(_ bytes: [UInt8], named name: String) throws -> (folder: URL, path: String) {
    let folder = try TestPaths.scratchFolder("wav-control")
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return (folder, url.path)
  }

  @Test func aRIFFFormTypeOfControlBytesIsEscaped() async throws {
    let data = Array("data".utf8) + Self.le32(320) + [UInt8](repeating: 0, count: 320)
    let body: [UInt8] = [0x01, 0x1B, 0x5B, 0x07] + Self.fmt + data
    let (folder, path) = try Self.write(
      Array("RIFF".utf8) + Self.le32(UInt32(body.count)) + body, named: "form.wav")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = await CommandRunner.run(["audio", path])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(path): RIFF \"\\x01\\x1b[\\x07\" file, not a WAV (libsndfile: Format not recognised.)\n")
  }

  @Test func aChunkIdOfControlBytesIsEscaped() async throws {
    let chunk: [UInt8] = [0x01, 0x02, 0x1B, 0x0A] + Self.le32(999_999)
    let body = Array("WAVE".utf8) + Self.fmt + chunk
    let (folder, path) = try Self.write(Array("RIFF".utf8) + Self.le32(100) + body, named: "chunk.wav")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = await CommandRunner.run(["audio", path])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(path): malformed WAV: chunk \"\\x01\\x02\\x1b\\x0a\" at byte 36 declares 999999 bytes "
        + "but the file ends after 44 bytes, before the data chunk (libsndfile: Error in WAV file. No 'data' "
        + "chunk marker.)\n")
  }

  @Test func anErrorEscapesEveryControlCharacter() {
    let error = AudioError(path: "a\nb.wav", reason: "tab\there, bell\u{07}, DEL\u{7F}, C1\u{85}, μ-law kept")
    #expect(error.description == "a\\x0ab.wav: tab\\x09here, bell\\x07, DEL\\x7f, C1\\x85, μ-law kept")
  }
}
