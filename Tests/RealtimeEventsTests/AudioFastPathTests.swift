import Testing

@testable import RealtimeEvents

/// The fast path measures audio lines exactly as the full decoder does, and hands everything else over.
@Suite("Audio fast path")
struct AudioFastPathTests {
  /// The event the full decoder reads from `line` (direction and time as the reader gives them).
  static func slow(_ line: String) throws -> (Double?, EventDirection, RealtimeEvent) {
    let bytes = Array(line.utf8)
    return try bytes.withUnsafeBytes { buffer in
      switch try LineDecoding().decode(buffer) {
      case .timed(let seconds, let direction, let event): (seconds, direction, event.event)
      case .bare(let event): (nil, EventCatalog.direction(ofType: event.type), event.event)
      case .header: throw LineProblem(kind: .notARecordingLine)
      }
    }
  }

  static func fast(_ line: String) -> AudioFastPath.Line? {
    Array(line.utf8).withUnsafeBytes { AudioFastPath.scan($0) }
  }

  @Test(
    "audio lines: fast and full decoders agree",
    arguments: [
      (#"{"t":1.5,"dir":"client","event":{"type":"input_audio_buffer.append","audio":"AAAA"}}"#, Int64(3)),
      (#"{"type":"input_audio_buffer.append","event_id":"e1","audio":"AAA="}"#, 2),
      (#"{"type":"response.audio.delta","response_id":"r","output_index":0,"delta":"AA=="}"#, 1),
      (
        #"{ "delta" : "AAAAAA" , "type" : "response.output_audio.delta", "x": null, "y": true, "z": -1.5e3 }"#,
        4
      ),
      (#"{"event":{"delta":"","type":"response.output_audio.delta"},"dir":"server","t":0}"#, 0),
      (#"{"t":2,"dir":"server","event":{"type":"response.audio.delta","delta":"AAAAAAA"},"extra":"x"}"#, 5),
    ])
  func agree(_ line: String, _ bytes: Int64) throws {
    let fast = try #require(Self.fast(line))
    let (seconds, direction, event) = try Self.slow(line)
    #expect(fast.seconds == seconds)
    #expect(fast.direction == direction)
    #expect(fast.event == event)
    let measured: Int64? =
      switch event {
      case .inputAudioAppend(let b), .outputAudioDelta(let b): b
      default: nil
      }
    #expect(measured == bytes)
  }

  @Test func aLineScannedFromItsStartEndsAtItsNewline() throws {
    let line = #"{"t":1.5,"dir":"client","event":{"type":"input_audio_buffer.append","audio":"AAAA"}}"#
    let next = #"{"type":"response.create"}"#
    for (text, length) in [
      (line + "\n" + next + "\n", line.utf8.count), (line + "\r\n" + next, line.utf8.count + 1),
      (line + "  ", line.utf8.count + 2), (line, line.utf8.count),
    ] {
      let scanned = try #require(Array(text.utf8).withUnsafeBytes { AudioFastPath.scanLine(atStartOf: $0) })
      #expect(scanned.length == length)
      #expect(scanned.line.event == .inputAudioAppend(bytes: 3))
      #expect(scanned.line.seconds == 1.5)
    }
    // A new line between tokens ends the line: neither scan takes what is left of it.
    let broken = #"{"type":"input_audio_buffer.append","#
    let split = broken + "\n" + #""audio":"AAAA"}"#
    #expect(Array(split.utf8).withUnsafeBytes { AudioFastPath.scanLine(atStartOf: $0) } == nil)
    #expect(Self.fast(#"{"type":"input_audio_buffer.append","# + "\n" + #""audio":"AAAA"}"#) == nil)
    #expect(Array((next + "\n" + line).utf8).withUnsafeBytes { AudioFastPath.scanLine(atStartOf: $0) } == nil)
  }

  @Test(
    "other lines go to the full decoder",
    arguments: [
      #"{"type":"rate_limits.updated","rate_limits":[]}"#,  // a type it does not read
      #"{"type":"response.text.delta","delta":"caf\u00e9"}"#,  // an escape in a text delta
      #"{"type":"input_audio_buffer.append","audio":"AA\/A"}"#,  // an escape
      #"{"type":"input_audio_buffer.append","audio":"AAAA","item":{"id":"x"}}"#,  // a nested object
      #"{"type":"input_audio_buffer.append","audio":"AAAA","type":"input_audio_buffer.append"}"#,
      #"{"type":"input_audio_buffer.append"}"#,  // no payload
      #"{"type":"input_audio_buffer.append","audio":"AAAAA"}"#,  // an impossible length
      #"{"type":"input_audio_buffer.append","audio":"AAAA"} x"#,  // trailing garbage
      #"{"t":1,"dir":"up","event":{"type":"input_audio_buffer.append","audio":"AAAA"}}"#,
      #"{"t":01,"dir":"client","event":{"type":"input_audio_buffer.append","audio":"AAAA"}}"#,
      #"{"t":1,"event":{"type":"input_audio_buffer.append","audio":"AAAA"}}"#,  // no dir
      #"{"rtcost_recording":1}"#,
      #"{"type":"input_audio_buffer.append","audio":"AAÄA"}"#,  // non-ASCII
    ])
  func handsOver(_ line: String) {
    #expect(Self.fast(line) == nil)
  }

  @Test("an escaped payload is measured by the full decoder on its unescaped length")
  func escapedPayload() throws {
    // "AA\/A" is the four characters AA/A: 3 bytes.
    let (_, _, event) = try Self.slow(#"{"type":"input_audio_buffer.append","audio":"AA\/A"}"#)
    #expect(event == .inputAudioAppend(bytes: 3))
  }

  @Test("base64 sizes: 3L/4 minus padding; impossible lengths refused")
  func base64Sizes() {
    #expect(Base64Size.decodedBytes(length: 0, padding: 0) == 0)
    #expect(Base64Size.decodedBytes(length: 4, padding: 2) == 1)
    #expect(Base64Size.decodedBytes(length: 4, padding: 1) == 2)
    #expect(Base64Size.decodedBytes(length: 6_400, padding: 0) == 4_800)
    #expect(Base64Size.decodedBytes(length: 2, padding: 0) == 1)  // unpadded
    #expect(Base64Size.decodedBytes(length: 3, padding: 0) == 2)
    #expect(Base64Size.decodedBytes(length: 5, padding: 0) == nil)
    #expect(Base64Size.decodedBytes(length: 4, padding: 3) == nil)
    #expect(Base64Size.decodedBytes(length: 2, padding: 2) == nil)
    #expect(Base64Size.encodedLength(ofBytes: 4_800) == 6_400)
    #expect(Base64Size.encodedLength(ofBytes: 1) == 4)
  }
}

@Suite("Audio fast path, SIMD edges")
struct AudioFastPathEdgeTests {
  @Test("every payload length 0…130 is measured as the full decoder measures it")
  func lengths() throws {
    for length in 0...130 where length % 4 != 1 {
      let line =
        #"{"type":"input_audio_buffer.append","audio":""# + String(repeating: "A", count: length) + "\"}"
      let fast = try #require(AudioFastPathTests.fast(line), "length \(length)")
      let (_, _, slow) = try AudioFastPathTests.slow(line)
      #expect(fast.event == slow)
      #expect(fast.event == .inputAudioAppend(bytes: Int64(length) * 3 / 4))
    }
  }

  @Test("a quote, backslash, control or non-ASCII byte anywhere in a 70-byte payload stops the fast path")
  func stopBytes() {
    for bad: UInt8 in [0x5C, 0x01, 0x1F, 0x80, 0xC3, 0xFF] {
      for position in 0..<70 {
        var payload = [UInt8](repeating: UInt8(ascii: "A"), count: 70)
        payload[position] = bad
        let line = Array(#"{"type":"input_audio_buffer.append","audio":""#.utf8) + payload + Array("\"}".utf8)
        #expect(line.withUnsafeBytes { AudioFastPath.scan($0) } == nil, "byte \(bad) at \(position)")
      }
    }
  }
}

@Suite("Fast path, flat events")
struct FastPathFlatEventTests {
  @Test(
    "flat events: fast and full decoders agree on event and direction",
    arguments: AudioFastPath.Kind.allCases.filter { !$0.isAudio })
  func agree(_ kind: AudioFastPath.Kind) throws {
    let bare = #"{"type":""# + kind.type + #"","event_id":"e","delta":"plain text","n":3}"#
    let timed = #"{"t":1,"dir":"server","event":"# + bare + "}"
    for line in [bare, timed] {
      let fast = try #require(AudioFastPathTests.fast(line), "\(line)")
      let (seconds, direction, event) = try AudioFastPathTests.slow(line)
      #expect(fast.event == event)
      #expect(fast.seconds == seconds)
      #expect(fast.direction == direction)
    }
  }
}
