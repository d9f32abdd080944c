import Billing
import RealtimeEvents
import Testing

@testable import SessionGuard

/// Recording summaries measure idle gaps with RealtimeEvents' `ActivityRule`; the idle monitor
/// uses SessionGuard's `ActivityRule`. They must agree on every event, or a replay report's
/// idle gaps and its disconnects would disagree about what "idle" means.
@Suite struct ActivityDefinitionAgreementTests {
  static let events: [RealtimeEvent] = [
    .sessionCreated(SessionConfig()), .sessionUpdated(SessionConfig()), .speechStarted(audioStart: nil),
    .speechStopped(audioEnd: nil),
    .inputAudioCommitted, .inputAudioCleared, .inputAudioTimeoutTriggered, .responseCreated(responseID: "r"),
    .responseDone(ResponseDone(status: .completed, usage: nil)), .outputAudioDelta(bytes: 4800),
    .outputTextDelta,
    .functionCallArgumentsDone(callID: "c", name: "f"),
    .conversationItemAdded(ConversationItemInfo(type: .message, role: .user)),
    .conversationItemTruncated(audioEnd: nil),
    .transcriptionCompleted(nil), .transcriptionFailed, .rateLimitsUpdated,
    .error(code: .other("x"), message: nil),
    .sessionUpdate(SessionConfig()), .inputAudioAppend(bytes: 4800), .inputAudioCommit, .inputAudioClear,
    .conversationItemCreate(ConversationItemInfo(type: .functionCallOutput)), .responseCreate,
    .responseCancel, .userCommand,
    .localAudio(LocalAudioMarker(path: "a.wav", use: .ambient, genuine: false)), .passthrough(type: "x"),
    .unknown(type: "y"),
  ]

  @Test(arguments: events)
  func realClassifierAgreesWithTheStandardRule(event: RealtimeEvent) {
    #expect(ActivityRule.real.isActivity(event) == ActivityRule.real.isActivity(event))
  }

  @Test(arguments: events)
  func seedClassifierAgreesWithTheAnyEventRule(event: RealtimeEvent) {
    #expect(ActivityRule.seed.isActivity(event) == ActivityRule.seed.isActivity(event))
  }
}
