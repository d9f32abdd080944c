import RealtimeEvents

// Coalesced event detail: runs of audio deltas and mic appends reported as one event each.
extension Engine {
  /// Reports every audio chunk and mic append due at or before `time` and not yet reported, one
  /// event per stream, stamped with the time of its last chunk (or the last event delivered, if
  /// later). Called before a barge-in and a close, where a meter could depend on them.
  mutating func flushStreams(upTo time: Micros) {
    visitUnreportedChunks(upTo: time, reporting: true, slot: 0)
  }

  /// Before a check of `slot` by a rule that counts streaming as activity: shows that slot's guard
  /// the chunks ``flushStreams(upTo:)`` would report now, as zero-byte appends and deltas at the
  /// same times (``SessionPolicy/observeUnreportedChunk(_:at:slot:)``), without reporting them. The
  /// streams stay as they are, so a run's events do not depend on when its policy checks, and
  /// guards that never act see one and the same run (``ShadowGuards``).
  ///
  /// GPT-Live's billing clock counts the output deltas it is shown (its standby time), so there the
  /// chunks are reported before the check, as they always were; so they are in the previous
  /// approach (``checksReportStreams``).
  mutating func showUnreportedChunks(upTo time: Micros, slot: Int) {
    let isLive = if case .live = api { true } else { false }
    visitUnreportedChunks(upTo: time, reporting: isLive || checksReportStreams, slot: slot)
  }

  /// The chunks due at or before `time` and not yet reported: reported (the stream state advances
  /// and the events are emitted), or only shown to the guard of `slot` with zero bytes.
  private mutating func visitUnreportedChunks(upTo time: Micros, reporting: Bool, slot: Int) {
    guard case .open(var session) = state else { return }
    if micStreams {
      let interval = parameters.micAppendInterval
      let due = time >= session.micOpenedAt ? (time - session.micOpenedAt) / interval : 0
      if due > session.micTicksReported {
        let bytesPerTick = interval * inputBytesPerSecond / 1_000_000
        var count = due - session.micTicksReported
        if reporting {
          session.micTicksReported = due
          state = .open(session)
        }
        let lastTick = session.micOpenedAt + due * interval
        // A chunk exactly at `time` is reported apart, so that a check at `time` (which runs
        // before the events of its instant) sees the previous chunk as the last activity.
        if lastTick == time, count > 1 {
          chunk(
            .client, .inputAudioAppend(bytes: reporting ? (count - 1) * bytesPerTick : 0),
            at: max(lastTick - interval, lastEmitted), reporting: reporting, slot: slot)
          count = 1
        }
        chunk(
          .client, .inputAudioAppend(bytes: reporting ? count * bytesPerTick : 0),
          at: max(lastTick, lastEmitted), reporting: reporting, slot: slot)
      }
    }
    for index in responses.indices {
      let response = responses[index]
      guard response.id != 0, response.call == nil, response.generated < response.audio,
        time >= response.firstChunkAt
      else { continue }
      let chunkDuration = parameters.audioDeltaDuration
      let chunksDue = (time - response.firstChunkAt) / parameters.audioDeltaInterval + 1
      let upTo = min(response.audio, chunksDue * chunkDuration)
      guard upTo > response.generated else { continue }
      let lastChunkAt = response.firstChunkAt + (chunksDue - 1) * parameters.audioDeltaInterval
      if reporting { responses[index].generated = upTo }
      var from = response.generated
      let lastChunkStart = (chunksDue - 1) * chunkDuration
      if lastChunkAt == time, lastChunkStart > from {
        chunk(
          .server, .outputAudioDelta(bytes: reporting ? deltaBytes(from: from, to: lastChunkStart) : 0),
          at: max(lastChunkAt - parameters.audioDeltaInterval, lastEmitted), reporting: reporting, slot: slot)
        from = lastChunkStart
      }
      chunk(
        .server, .outputAudioDelta(bytes: reporting ? deltaBytes(from: from, to: upTo) : 0),
        at: max(lastChunkAt, lastEmitted), reporting: reporting, slot: slot)
    }
  }

  /// One coalesced chunk: emitted, or shown to the guard of `slot` only (its actions still apply).
  private mutating func chunk(
    _ direction: EventDirection, _ event: RealtimeEvent, at time: Micros, reporting: Bool, slot: Int
  ) {
    if reporting {
      emit(direction, event, at: time)
    } else {
      let actions = policy.observeUnreportedChunk(
        TimedEvent(time: time, direction: direction, event: event), at: time, slot: slot)
      if !actions.isEmpty { pendingActions.append(contentsOf: actions) }
    }
  }

  /// The bytes the full stream's deltas carry for generated audio `from`..<`to` (µs, chunk
  /// boundaries): whole chunks at the chunk's byte size (rounded down per chunk, as each delta is)
  /// plus the final partial chunk.
  func deltaBytes(from: Micros, to: Micros) -> Int64 {
    let chunk = parameters.audioDeltaDuration
    let span = to - from
    return span / chunk * (chunk * outputBytesPerSecond / 1_000_000) + span % chunk * outputBytesPerSecond
      / 1_000_000
  }
}
