import Testing

@testable import RealtimeEvents

/// A seeded SplitMix64 (Steele, Lea & Flood 2014), for reproducible mutations.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random byte mutations of valid lines never crash the reader, and whenever the fast path accepts
/// a mutated line, the full decoder reads the same event from it.
@Suite("Fuzzing")
struct FuzzTests {
  static let seeds: [String] = [
    #"{"t":1.5,"dir":"client","event":{"type":"input_audio_buffer.append","audio":"AAAAAAAAAAAAAAAAAAA="}}"#,
    #"{"type":"response.output_audio.delta","response_id":"resp_1","output_index":0,"delta":"AAAAAAAA"}"#,
    #"{"t":2,"dir":"server","event":{"type":"response.done","response":{"id":"r","status":"cancelled","#
      + #""status_details":{"type":"cancelled","reason":"turn_detected"},"output":[{"type":"function_call","#
      + #""name":"f","call_id":"c"}],"usage":{"total_tokens":30,"input_tokens":20,"output_tokens":10,"#
      + #""input_token_details":{"text_tokens":15,"audio_tokens":5,"cached_tokens":0},"#
      + #""output_token_details":{"text_tokens":4,"audio_tokens":6}}}}}"#,
    #"{"t":0,"dir":"server","event":{"type":"session.created","session":{"model":"gpt-realtime","#
      + #""audio":{"input":{"format":{"type":"audio/pcmu"},"turn_detection":{"type":"server_vad","#
      + #""idle_timeout_ms":5000}}},"tools":[{"type":"function"}]}}}"#,
    #"{"rtcost_recording":1,"model":"gpt-realtime","note":"n"}"#,
    #"{"t":3.25,"dir":"server","event":{"type":"input_audio_buffer.speech_started","audio_start_ms":300}}"#,
    #"{"type":"response.audio_transcript.delta","response_id":"r","delta":"Hello there"}"#,
    #"{"t":9,"dir":"local","event":{"type":"local.user_command"}}"#,
    #"{"type":"conversation.item.input_audio_transcription.completed","usage":{"type":"duration","seconds":2.5}}"#,
  ]

  static func mutate(_ line: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    var bytes = line
    let interesting: [UInt8] =
      Array(#"{}[]",:\0123456789-.eE tfn"#.utf8) + [0x00, 0x0A, 0x0D, 0x1F, 0x80, 0xFF]
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      guard !bytes.isEmpty else { break }
      let at = Int.random(in: 0..<bytes.count, using: &rng)
      switch Int.random(in: 0..<5, using: &rng) {
      case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
      case 1: bytes[at] = interesting.randomElement(using: &rng)!
      case 2: bytes.remove(at: at)
      case 3: bytes.insert(interesting.randomElement(using: &rng)!, at: at)
      default: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &rng)))
      }
    }
    return bytes
  }

  @Test("10,000 mutated lines: errors or events, never a crash; fast path agrees with the full decoder")
  func mutations() throws {
    var rng = SplitMix64(state: 0x5EED_2026)
    var errors = 0
    var accepted = 0
    var fastAccepted = 0
    for iteration in 0..<10_000 {
      let seed = Array(Self.seeds[iteration % Self.seeds.count].utf8)
      let line = Self.mutate(seed, &rng)
      let reader = RecordingReader(bytes: line + [0x0A], name: "fuzz.jsonl")
      do {
        while try reader.next() != nil { accepted += 1 }
      } catch {
        errors += 1
        #expect(error.file == "fuzz.jsonl")
        // A mutation may insert newlines: the error is on one of the resulting lines.
        let lineCount = line.filter { $0 == 0x0A }.count + 1
        #expect((1...lineCount).contains(error.line))
      }
      let fast = line.withUnsafeBytes { AudioFastPath.scan($0) }
      Self.expectScanLineAgrees(line)
      if let fast {
        fastAccepted += 1
        let slow = try? line.withUnsafeBytes { try LineDecoding().decode($0) }
        switch slow {
        case .timed(let seconds, let direction, let event):
          #expect(fast.seconds == seconds && fast.direction == direction && fast.event == event.event)
        case .bare(let event):
          #expect(fast.seconds == nil && fast.event == event.event)
        default:
          Issue.record(
            "fast path accepted a line the full decoder refuses: \(String(decoding: line, as: UTF8.self))")
        }
      }
    }
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    #expect(errors > 1_000)
    #expect(accepted > 1_000)
    #expect(fastAccepted > 100)
  }

  /// Scanning a line from its start in a mapped file (its end unknown, the next line after it)
  /// takes what scanning the line alone takes, and finds where it ends.
  static func expectScanLineAgrees(_ bytes: [UInt8]) {
    let end = bytes.firstIndex(of: 0x0A) ?? bytes.count
    var first = Array(bytes[..<end])
    if first.last == 0x0D { first.removeLast() }
    let alone = first.withUnsafeBytes { AudioFastPath.scan($0) }
    let rest = bytes + Array("\n{\"type\":\"input_audio_buffer.commit\"}\n".utf8)
    let fused = rest.withUnsafeBytes { AudioFastPath.scanLine(atStartOf: $0) }
    #expect(fused?.line.event == alone?.event && fused?.line.seconds == alone?.seconds)
    #expect(fused?.line.direction == alone?.direction && fused?.line.kind == alone?.kind)
    if let fused { #expect(fused.length == end) }
  }
}
