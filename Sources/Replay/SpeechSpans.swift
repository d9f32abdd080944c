import RealtimeEvents

/// The server's speech spans, matched to the input transcriptions they produce: the duration a
/// transcription without usage is estimated from (DESIGN §7.3).
///
/// With server VAD the server sends `input_audio_buffer.speech_started` (`audio_start_ms`, which
/// includes the prefix padding), `speech_stopped` (`audio_end_ms`, which includes the silence
/// duration), then `committed`; the committed item is transcribed, and a
/// `conversation.item.input_audio_transcription.completed` (or `failed`) follows, possibly after the
/// next turn began. So a commit takes the span just stopped and transcriptions take commits in order.
/// The span is `audio_end_ms − audio_start_ms`: the audio the item holds. A commit without a
/// stopped span (a manual commit, a commit mid-speech, a missing position) has an unknown span.
///
/// A pure value: events go in, spans come out.
struct SpeechSpans: Equatable {
  /// Where the input buffer stands; each case holds what is known about the speech in it.
  enum Phase: Equatable {
    /// No speech since the last commit or clear.
    case quiet
    /// Speech started at `audioStart` in the session's input audio (nil: not given).
    case speaking(audioStart: Micros?)
    /// Speech stopped; `span` is its length (nil: a position was missing or out of order).
    case stopped(span: Micros?)
  }

  /// Commits waiting for their transcription are kept up to this many (the oldest go first), so
  /// memory stays bounded when transcriptions never come.
  static let maxWaiting = 1_024

  private(set) var phase = Phase.quiet
  private var waiting: [Micros?] = []
  private var head = 0

  /// Commits whose transcription has not arrived.
  var waitingCount: Int { waiting.count - head }

  /// `input_audio_buffer.speech_started`.
  mutating func speechStarted(audioStart: Micros?) {
    phase = .speaking(audioStart: audioStart)
  }

  /// `input_audio_buffer.speech_stopped`.
  mutating func speechStopped(audioEnd: Micros?) {
    guard case .speaking(let start?) = phase, let end = audioEnd, end >= start else {
      phase = .stopped(span: nil)
      return
    }
    phase = .stopped(span: end - start)
  }

  /// `input_audio_buffer.committed`: the buffer becomes an item that will be transcribed when
  /// `transcribed` (a transcription model is on); the buffer is empty again either way.
  mutating func committed(transcribed: Bool) {
    defer { phase = .quiet }
    guard transcribed else { return }
    if case .stopped(let span) = phase { waiting.append(span) } else { waiting.append(nil) }
    if waitingCount > Self.maxWaiting { head += 1 }
    if head > Self.maxWaiting { compact() }
  }

  /// `input_audio_buffer.cleared`: the buffered speech is discarded.
  mutating func cleared() {
    phase = .quiet
  }

  /// A transcription completed or failed: the span of the oldest commit waiting for one (or, when
  /// no commit was seen, of the speech just stopped); nil when unknown.
  mutating func transcriptionFinished() -> Micros? {
    if head < waiting.count {
      defer {
        head += 1
        if head > Self.maxWaiting { compact() }
      }
      return waiting[head]
    }
    if case .stopped(let span) = phase {
      phase = .quiet
      return span
    }
    return nil
  }

  private mutating func compact() {
    waiting.removeFirst(head)
    head = 0
  }
}
