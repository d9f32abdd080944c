import Billing
import RealtimeEvents
import SessionGuard

// A voice app's WebSocket frames, as the Realtime API sends and receives them (GA names), fed to the
// real session guard on the app's clock. The guard meters every `response.done` at the model's
// prices, warns once when the session passes $0.001, and asks to disconnect after 2 idle seconds.
let frames: [(afterMilliseconds: Int, text: String)] = [
  (
    0,
    #"{"type":"session.created","session":{"model":"gpt-realtime-2025-08-28","audio":{"input":{"format":{"type":"audio/pcm","rate":24000}}}}}"#
  ),
  (20, #"{"type":"input_audio_buffer.append","audio":"AAAAAAAAAAAAAAAA"}"#),
  (100, #"{"type":"input_audio_buffer.speech_started","audio_start_ms":80,"item_id":"item_1"}"#),
  (900, #"{"type":"input_audio_buffer.speech_stopped","audio_end_ms":880,"item_id":"item_1"}"#),
  (950, #"{"type":"response.created","response":{"id":"resp_1","status":"in_progress"}}"#),
  (
    1_400,
    #"{"type":"response.done","response":{"id":"resp_1","status":"completed","usage":{"total_tokens":1210,"input_tokens":1100,"output_tokens":110,"input_token_details":{"text_tokens":1000,"audio_tokens":100,"cached_tokens":0},"output_token_details":{"text_tokens":30,"audio_tokens":80}}}}"#
  ),
]

@main
enum EmbedGuard {
  static func main() async throws {
    let card = try PriceBook.bundled.card(for: "gpt-realtime-2025-08-28")
    var settings = GuardSettings(idleTimeout: .seconds(2), checkInterval: .seconds(1))
    settings.setThreshold(.warning, in: .session, to: Money(usd: "0.001")!)
    let live = LiveSessionGuard(
      configuration: settings.configuration(priceCard: card), clock: ContinuousClock()
    ) {
      action in
      switch action {
      case .idle(.disconnect(_, let idleFor)):
        print("guard: close the socket, idle for \(SecondsText.format(micros: idleFor)) s")
      case .alert(.log(let alert)): print("guard: \(alert.message)")
      default: break
      }
    }
    await live.connected()
    var elapsed = 0
    for frame in frames {
      try await Task.sleep(for: .milliseconds(frame.afterMilliseconds - elapsed))
      elapsed = frame.afterMilliseconds
      await live.handle(try RealtimeMessage.decode(frame.text))
    }
    // Nothing more is said: the idle monitor's check after 2 s of silence closes the session.
    try await Task.sleep(for: .seconds(4))
    let usage = await live.state.usage.run
    // 1000 text in × $4 + 100 audio in × $32 + 30 text out × $16 + 80 audio out × $64 per 1M tokens
    // = 4,000 + 3,200 + 480 + 5,120 µ$ = $0.0128
    print(
      "billed \(usage.billed) for \(usage.responses.total) response; session open: \(await live.state.idle.isConnected)"
    )
    await live.stop()
  }
}
