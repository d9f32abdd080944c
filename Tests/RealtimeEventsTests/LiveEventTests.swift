import Foundation
import TestSupport
import Testing

@testable import Billing
@testable import RealtimeEvents

/// GPT-Live events (DESIGN §7.4): every documented example decodes to its case, usage reports are
/// cumulative snapshots, and what the writer writes reads back the same.
@Suite struct LiveEventTests {
  /// The JSON objects of a `.concat.json` file (pretty-printed objects one after another).
  static func objects(in text: String) -> [String] {
    var objects: [String] = []
    var depth = 0
    var inString = false
    var escaped = false
    var current = ""
    for character in text {
      if depth > 0 || character == "{" { current.append(character) }
      if inString {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          inString = false
        }
        continue
      }
      switch character {
      case "\"": inString = true
      case "{": depth += 1
      case "}":
        depth -= 1
        if depth == 0 {
          objects.append(current)
          current = ""
        }
      default: break
      }
    }
    return objects
  }

  static let liveFiles = [
    "docs__openai-api-reference__live-primary-websocket__session-start-and-started-excerpt.concat.json",
    "docs__openai-api-reference__live-sideband-websocket__server-event-examples.concat.json",
    "docs__openai-guides__live-conversations__event-examples.concat.json",
  ]

  @Test(.enabled(if: TestPaths.hasRealData, "needs ../shared/realdata"))
  func everyDocumentedLiveEventDecodes() throws {
    var kinds: [String] = []
    for name in Self.liveFiles {
      let text = String(decoding: try TestPaths.realDataBytes("docs-examples/" + name), as: UTF8.self)
      for object in Self.objects(in: text) {
        let event = try RealtimeMessage.decode(object)
        if case .unknown(let type) = event { Issue.record("\(name): \(type) is unknown") }
        kinds.append(event.typeName)
      }
    }
    for type in [
      "session.start", "session.started", "session.updated", "session.usage.updated", "session.closed",
      "session.input_audio.muted", "session.input_transcript.delta", "session.delegation.created",
      "response.event", "session.input_audio.append", "transport.ringing",
    ] {
      #expect(kinds.contains(type), "\(type)")
    }
  }

  @Test(.enabled(if: TestPaths.hasRealData, "needs ../shared/realdata"))
  func theReferenceSessionClosedCarriesItsReasonAndFinalUsage() throws {
    let text = String(
      decoding: try TestPaths.realDataBytes("docs-examples/" + Self.liveFiles[1]), as: UTF8.self)
    let events = try Self.objects(in: text).map { try RealtimeMessage.decode($0) }
    #expect(
      events.contains(
        .liveSessionClosed(reason: .closeRequested, usage: LiveUsageReport(sessionMicros: 45_800_000))))
    #expect(
      events.contains(.liveUsageUpdated(LiveUsageReport(sessionMicros: 32_500_000, contextUsageRatio: 0.12))))
    // The delegated backend named in session.updated is kept.
    let backend = events.compactMap { event -> String? in
      if case .sessionUpdated(let config) = event { return config.backendModel } else { return nil }
    }
    #expect(backend == ["gpt-6-astra"])
  }

  @Test func aBackendCompletionCarriesItsUsage() throws {
    let json = #"""
      {"type":"response.event","delegation_id":"del_1","event":{"type":"response.completed","response":{"model":"gpt-5.5","usage":{"input_tokens":900,"input_tokens_details":{"cached_tokens":400},"output_tokens":120,"output_tokens_details":{"reasoning_tokens":80}}}}}
      """#
    let event = try RealtimeMessage.decode(json)
    #expect(
      event
        == .liveBackendEvent(
          LiveBackendResponse(
            type: "response.completed", delegationID: "del_1", model: "gpt-5.5",
            usage: BackendUsage(
              inputTokens: 900, cachedInputTokens: 400, outputTokens: 120, reasoningTokens: 80))))
  }

  @Test func impossibleLiveUsageIsAnErrorNamingTheField() {
    for (json, field) in [
      (#"{"type":"session.usage.updated","usage":{"seconds":-3}}"#, "usage.seconds"),
      (#"{"type":"session.usage.updated","usage":{"seconds":1e12}}"#, "usage.seconds"),
      (
        #"{"type":"session.usage.updated","usage":{"seconds":10,"standby_seconds":11}}"#,
        "usage.standby_seconds"
      ),
      (
        #"{"type":"session.usage.updated","usage":{"seconds":1},"context_window":{"usage_ratio":2}}"#,
        "usage_ratio"
      ),
      (#"{"type":"session.usage.updated"}"#, "usage"),
      (
        #"{"type":"response.event","event":{"type":"response.completed","response":{"usage":{"input_tokens":1,"input_tokens_details":{"cached_tokens":2}}}}}"#,
        "cached_tokens"
      ),
      (
        #"{"type":"response.event","event":{"type":"response.completed","response":{"usage":{"output_tokens":-1}}}}"#,
        "output_tokens"
      ),
    ] {
      #expect(Comment(rawValue: json)) {
        _ = try RealtimeMessage.decode(json)
      } throws: { error in
        String(describing: error).contains(field)
      }
    }
  }

  @Test func liveEventsWriteAndReadBackTheSame() throws {
    let events: [RealtimeEvent] = [
      .liveSessionStart(
        SessionConfig(model: "gpt-live-1.1", delegationType: "responses", backendModel: "gpt-5.5")),
      .liveSessionStarted(SessionConfig(model: "gpt-live-1.1", expiresAt: 1_796_151_600)),
      .liveInputAudioAppend(bytes: 4_800), .liveOutputAudioDelta(bytes: 9_600), .liveInputTranscriptDelta,
      .liveOutputTranscriptDelta, .liveInputAudioMuted, .liveInputAudioUnmuted, .liveDelegationCreated,
      .liveBackendEvent(
        LiveBackendResponse(
          type: "response.completed", delegationID: "d", model: "gpt-5.5",
          usage: BackendUsage(inputTokens: 10, cachedInputTokens: 2, outputTokens: 3, reasoningTokens: 1))),
      .liveUsageUpdated(
        LiveUsageReport(sessionMicros: 12_500_000, standbyMicros: 2_000_000, contextUsageRatio: 0.25)),
      .liveSessionClose,
      .liveSessionClosed(reason: .expired, usage: LiveUsageReport(sessionMicros: 3_600_000_000)),
      .liveSessionClosed(reason: .other("brand_new_reason"), usage: nil),
    ]
    for event in events {
      var out = JSONBytes()
      EventEncoding(naming: .ga).append(event, to: &out)
      let text = String(decoding: out.bytes, as: UTF8.self)
      #expect(try RealtimeMessage.decode(text) == event, "\(text)")
    }
  }

  @Test func theRealRuleCountsLiveConversationAsActivityButNotAudioOrUsage() {
    let rule = ActivityRule.real
    #expect(rule.isActivity(.liveInputTranscriptDelta) && rule.isUserInput(.liveInputTranscriptDelta))
    #expect(rule.isActivity(.liveOutputTranscriptDelta) && rule.isActivity(.liveDelegationCreated))
    #expect(!rule.isActivity(.liveInputAudioAppend(bytes: 10)) && !rule.isActivity(.liveInputAudioMuted))
    #expect(!rule.isActivity(.liveUsageUpdated(LiveUsageReport(sessionMicros: 1))))
    #expect(ActivityRule.pushToTalk.isActivity(.liveInputAudioAppend(bytes: 10)))
    #expect(ActivityRule.seed.isActivity(.liveUsageUpdated(LiveUsageReport(sessionMicros: 1))))
  }
}
