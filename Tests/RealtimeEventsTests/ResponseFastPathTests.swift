import Billing
import Foundation
import TestSupport
import Testing

@testable import RealtimeEvents

/// The fast path reads `response.created` and `response.done` lines exactly as the full decoder
/// does, and hands everything else (and every line the full decoder would warn about) over.
@Suite("Response fast path")
struct ResponseFastPathTests {
  static func fast(_ line: String) -> ResponseFastPath.Line? {
    Array(line.utf8).withUnsafeBytes { ResponseFastPath.scan($0) }
  }

  /// The full decoder's reading: time, direction, event and warnings.
  static func slow(_ line: [UInt8]) throws -> (Double?, EventDirection, DecodedEvent) {
    try line.withUnsafeBytes { buffer in
      switch try LineDecoding().decode(buffer) {
      case .timed(let seconds, let direction, let event): (seconds, direction, event)
      case .bare(let event): (nil, EventCatalog.direction(ofType: event.type), event)
      case .header: throw LineProblem(kind: .notARecordingLine)
      }
    }
  }

  /// A GA `response.done` as the API sends it: a message with an audio transcript and a function
  /// call among the output items, cached tokens split by modality.
  static let gaDone =
    #"{"t":12.5,"dir":"server","event":{"type":"response.done","event_id":"event_1","response":{"object":"realtime.response","#
    + #""id":"resp_1","status":"completed","status_details":null,"output":[{"id":"item_1","type":"message","#
    + #""status":"completed","role":"assistant","content":[{"type":"output_audio","transcript":"Sure \"one\"\nmoment"}]},"#
    + #"{"id":"item_2","type":"function_call","name":"lookup","call_id":"call_9","arguments":"{\"q\":1}"}],"#
    + #""conversation_id":"conv_1","output_modalities":["audio"],"max_output_tokens":"inf","metadata":null,"#
    + #""usage":{"total_tokens":1290,"input_tokens":1200,"output_tokens":90,"input_token_details":{"#
    + #""text_tokens":1100,"audio_tokens":100,"image_tokens":0,"cached_tokens":1024,"cached_tokens_details":{"#
    + #""text_tokens":1024,"audio_tokens":0,"image_tokens":0}},"output_token_details":{"text_tokens":30,"#
    + #""audio_tokens":60}}}}}"#

  @Test func aGAResponseDoneReadsAsTheFullDecoderReadsIt() throws {
    let fast = try #require(Self.fast(Self.gaDone))
    let (seconds, direction, slow) = try Self.slow(Array(Self.gaDone.utf8))
    #expect(fast.seconds == seconds && fast.direction == direction && fast.event == slow.event)
    #expect(slow.warnings.isEmpty)
    #expect(fast.type == "response.done")
    guard case .responseDone(let done) = fast.event else {
      Issue.record("not a response.done: \(fast.event)")
      return
    }
    #expect(done.responseID == "resp_1" && done.status == .completed && done.reason == nil)
    #expect(done.functionCalls == [FunctionCall(name: "lookup", callID: "call_9")])
    #expect(done.usage?.totalTokens == 1290 && done.usage?.input?.cached?.textTokens == 1024)
    #expect(done.usage?.output?.audioTokens == 60)
  }

  @Test(
    "lines the fast path takes: the full decoder reads the same event",
    arguments: [
      #"{"t":0.5,"dir":"server","event":{"type":"response.created","response":{"id":"resp_0"}}}"#,
      #"{"type":"response.created","event_id":"e","response":{"id":"resp_0","output":[],"usage":null}}"#,
      #"{"t":1,"dir":"server","event":{"type":"response.created"}}"#,
      #"{"t":1,"dir":"server","event":{"type":"response.created","response":null}}"#,
      #"{"type":"response.done","response":{"status":"cancelled","status_details":{"type":"cancelled","#
        + #""reason":"turn_detected"},"usage":{"total_tokens":0}}}"#,
      #"{"type":"response.done","response":{"status":"incomplete","output":null,"usage":{}}}"#,
      #" { "t" : 2 , "dir" : "server" , "event" : { "response" : { "status" : "failed" } , "type" : "response.done" } } "#,
      #"{"t":3,"dir":"server","extra":[1,{"a":[true,false,null]},-2.5e-3,"x\u00e9\/"],"#
        + #""event":{"type":"response.done","response":{"id":"r","status":"completed","usage":{"input_tokens":-0}}}}"#,
      // Members it does not read may repeat, hold any escape but a surrogate, or numbers no type holds.
      #"{"type":"response.done","x":1,"x":2,"response":{"status":"completed","output":[{"id":"a","id":"b"}]}}"#,
      #"{"type":"response.created","note":"\u0000\t\"\\","big":1e400,"long":123456789012345678901234567890}"#,
    ])
  func agrees(_ line: String) throws {
    let fast = try #require(Self.fast(line))
    let (seconds, direction, slow) = try Self.slow(Array(line.utf8))
    #expect(fast.seconds == seconds)
    #expect(fast.direction == direction)
    #expect(fast.event == slow.event)
    #expect(fast.type == slow.type)
    #expect(slow.warnings.isEmpty)
  }

  @Test(
    "lines the fast path declines: the full decoder errors, warns, or reads what the subset leaves out",
    arguments: [
      // The full decoder's errors: an unknown status, a count of the wrong type or too large, a
      // missing response, usage that is not an object, output that is not an array.
      #"{"type":"response.done","response":{"status":"done"}}"#,
      #"{"type":"response.done","response":{"status":"completed","usage":{"total_tokens":"5"}}}"#,
      #"{"type":"response.done","response":{"status":"completed","usage":{"total_tokens":1000000001}}}"#,
      #"{"type":"response.done"}"#,
      #"{"type":"response.done","response":{"status":"completed","usage":"[Object]"}}"#,
      #"{"type":"response.done","response":{"status":"completed","output":{}}}"#,
      #"{"t":"1","dir":"server","event":{"type":"response.created"}}"#,
      #"{"t":1,"dir":"up","event":{"type":"response.created"}}"#,
      // The full decoder's warnings: a detail block logged as "[Object]", an output item that is not
      // an object.
      #"{"type":"response.done","response":{"status":"completed","usage":{"input_token_details":"[Object]"}}}"#,
      #"{"type":"response.done","response":{"status":"completed","output":["[Object]"]}}"#,
      // Outside the subset: a whole number written as 1e3 or 5.0, a repeated key it reads, an
      // escaped key or read string, a non-ASCII byte, another type, a header, not JSON.
      #"{"type":"response.done","response":{"status":"completed","usage":{"total_tokens":1e3}}}"#,
      #"{"type":"response.done","response":{"status":"completed","usage":{"total_tokens":5.0}}}"#,
      #"{"type":"response.done","response":{"status":"completed","status":"failed"}}"#,
      #"{"type":"response.done","response":{"st\u0061tus":"completed"}}"#,
      #"{"type":"response.done","response":{"status":"completed","output":[{"type":"function\u005fcall"}]}}"#,
      #"{"type":"response.done","response":{"id":"résumé","status":"completed"}}"#,
      #"{"type":"response.output_text.done","text":"hi"}"#,
      #"{"rtcost_recording":1,"type":"response.created"}"#,
      #"{"type":"response.created","response":{"id":"r"}"#,
      #"{"type":"response.created","response":{"id":"r"}} x"#,
      #"{"type":"response.created","x":"\uD83D\uDE00"}"#,
    ])
  func declines(_ line: String) {
    #expect(Self.fast(line) == nil)
  }

  @Test func theBenchRecordingsLinesTakeIt() throws {
    // The shape scripts/make-bench-recording.py writes, once a turn.
    let created = #"{"t":3.5,"dir":"server","event":{"type":"response.created","response":{"id":"resp_0"}}}"#
    let done =
      #"{"t":5.0,"dir":"server","event":{"type":"response.done","response":{"id":"resp_0","status":"completed","#
      + #""usage":{"total_tokens":1290,"input_tokens":1200,"output_tokens":90,"input_token_details":{"#
      + #""text_tokens":1100,"audio_tokens":100,"cached_tokens":1024,"cached_tokens_details":{"text_tokens":1024,"#
      + #""audio_tokens":0}},"output_token_details":{"text_tokens":30,"audio_tokens":60}}}}}"#
    let reader = RecordingReader(bytes: Array((created + "\n" + done + "\n").utf8), name: "bench.jsonl")
    let first = try #require(try reader.next())
    let second = try #require(try reader.next())
    #expect(try reader.next() == nil)
    #expect(first.event == .responseCreated(responseID: "resp_0"))
    #expect(first.time == 3_500_000)
    // 1200 input tokens = 1100 text + 100 audio, 1024 of the text cached; 90 output = 30 + 60.
    let usage = ResponseUsage(
      totalTokens: 1290, inputTokens: 1200, outputTokens: 90,
      input: .init(
        textTokens: 1100, audioTokens: 100, cachedTokens: 1024,
        cached: .init(textTokens: 1024, audioTokens: 0)),
      output: .init(textTokens: 30, audioTokens: 60))
    #expect(
      second.event == .responseDone(ResponseDone(responseID: "resp_0", status: .completed, usage: usage)))
    #expect(reader.stats.responseFastPathEvents == 2)
    #expect(reader.stats.fastPathEvents == 0)
    #expect(reader.stats.eventsByWireType == ["response.created": 1, "response.done": 1])
  }

  @Test func aLineTheFastPathDeclinesStillGetsTheFullDecodersError() throws {
    let line = #"{"t":1,"dir":"server","event":{"type":"response.done","response":{"status":"done"}}}"#
    let reader = RecordingReader(bytes: Array((line + "\n").utf8), name: "bad.jsonl")
    do {
      let event = try reader.next()
      Issue.record("read \(String(describing: event)) from a line with an unknown status")
    } catch {
      #expect(error.description.hasPrefix("bad.jsonl:1: "))
      #expect(error.description.contains("unknown response status 'done'"))
    }
  }

  @Test(
    "real captures: every response line the fast path takes reads as the full decoder reads it",
    .enabled(if: TestPaths.realData != nil),
    arguments: [
      "banyan-log1.server-events.jsonl", "banyan-log2.server-events.jsonl",
      "liusida-text-response.events.jsonl",
    ])
  func realCaptures(_ name: String) throws {
    let text = try String(contentsOfFile: try #require(TestPaths.stream(name)), encoding: .utf8)
    var taken = 0
    var responseLines = 0
    for line in text.split(separator: "\n") {
      let bytes = Array(line.utf8)
      if line.contains("\"response.done\"") || line.contains("\"response.created\"") { responseLines += 1 }
      guard let fast = bytes.withUnsafeBytes({ ResponseFastPath.scan($0) }) else { continue }
      taken += 1
      let (seconds, direction, slow) = try Self.slow(bytes)
      #expect(fast.seconds == seconds && fast.direction == direction && fast.event == slow.event)
      #expect(slow.warnings.isEmpty)
    }
    // Real lines carry transcripts, nested output items and nulls: most still take the fast path.
    #expect(responseLines > 0)
    #expect(taken > 0)
    #expect(taken <= responseLines)
  }

  /// Seeds for the mutations: every branch the fast path reads.
  static let seeds: [String] = [
    gaDone,
    #"{"t":0.5,"dir":"server","event":{"type":"response.created","response":{"id":"resp_0","status":"in_progress"}}}"#,
    #"{"type":"response.done","response":{"id":"r","status":"cancelled","status_details":{"reason":"turn_detected"},"#
      + #""output":[{"type":"function_call","name":"f","call_id":"c"},{"type":"message"}],"#
      + #""usage":{"total_tokens":30,"input_tokens":20,"output_tokens":10,"input_token_details":{"#
      + #""text_tokens":15,"audio_tokens":5,"cached_tokens":0},"output_token_details":{"text_tokens":4,"audio_tokens":6}}}}"#,
  ]

  @Test("20,000 mutated lines: whenever the fast path takes one, the full decoder reads the same")
  func mutations() throws {
    var rng = SplitMix64(state: 0xFA57_2026)
    var fastAccepted = 0
    var fastDeclined = 0
    for iteration in 0..<20_000 {
      let line = FuzzTests.mutate(Array(Self.seeds[iteration % Self.seeds.count].utf8), &rng)
      guard let fast = line.withUnsafeBytes({ ResponseFastPath.scan($0) }) else {
        fastDeclined += 1
        continue
      }
      fastAccepted += 1
      guard let (seconds, direction, slow) = try? Self.slow(line) else {
        Issue.record(
          "fast path took a line the full decoder refuses: \(String(decoding: line, as: UTF8.self))")
        continue
      }
      #expect(fast.seconds == seconds && fast.direction == direction && fast.event == slow.event)
      #expect(slow.warnings.isEmpty, "fast path took a line the full decoder warns about")
    }
    // Both outcomes occur: mutations keep some lines readable and break others.
    #expect(fastAccepted > 2_000)
    #expect(fastDeclined > 2_000)
  }
}
