import Billing
import RealtimeEvents
import Testing

@testable import SessionGuard

/// Recording summaries measure idle gaps with RealtimeEvents' `ActivityRule`; the idle monitor
/// uses SessionGuard's `ActivityClassifier`. They must agree on every event, or a replay report's
/// idle gaps and its disconnects would disagree about what "idle" means.
@Suite struct ActivityDefinitionAgreementTests {
  static let events: [RealtimeEvent] = [
    .sessionCreated(SessionConfig()), .sessionUpdated(SessionConfig()), .speechStarted, .speechStopped,
    .inputAudioCommitted, .inputAudioCleared, .inputAudioTimeoutTriggered, .responseCreated(responseID: "r"),
    .responseDone(ResponseDone(status: .completed, usage: nil)), .outputAudioDelta(bytes: 4800),
    .outputTextDelta,
    .functionCallArgumentsDone(callID: "c", name: "f"),
    .conversationItemAdded(ConversationItemInfo(type: "message", role: "user")), .conversationItemTruncated,
    .transcriptionCompleted(nil), .transcriptionFailed, .rateLimitsUpdated, .error(code: "x", message: nil),
    .sessionUpdate(SessionConfig()), .inputAudioAppend(bytes: 4800), .inputAudioCommit, .inputAudioClear,
    .conversationItemCreate(ConversationItemInfo(type: "function_call_output", role: nil)), .responseCreate,
    .responseCancel, .userCommand,
    .localAudio(LocalAudioMarker(path: "a.wav", use: .ambient, genuine: false)), .passthrough(type: "x"),
    .unknown(type: "y"),
  ]

  @Test(arguments: events)
  func realClassifierAgreesWithTheStandardRule(event: RealtimeEvent) {
    #expect(ActivityClassifier.real.isActivity(event) == ActivityRule.standard.isActivity(event))
  }

  @Test(arguments: events)
  func seedClassifierAgreesWithTheAnyEventRule(event: RealtimeEvent) {
    #expect(ActivityClassifier.seed.isActivity(event) == ActivityRule.anyEvent.isActivity(event))
  }
}
