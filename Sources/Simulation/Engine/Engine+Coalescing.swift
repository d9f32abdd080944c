import RealtimeEvents

// Coalesced event detail: runs of audio deltas and mic appends reported as one event each.
extension Engine {
  /// Reports every audio chunk and mic append due at or before `time` and not yet reported, one
  /// event per stream, stamped with the time of its last chunk (or the last event delivered, if
  /// later). Called before a policy check, a barge-in and a close, where a decision or a meter
  /// could depend on them.
  mutating func flushStreams(upTo time: Micros) {
    guard case .open(var session) = state else { return }
    if micStreams {
      let interval = parameters.micAppendInterval
      let due = time >= session.micOpenedAt ? (time - session.micOpenedAt) / interval : 0
      if due > session.micTicksReported {
        let bytesPerTick = interval * inputBytesPerSecond / 1_000_000
        var count = due - session.micTicksReported
        session.micTicksReported = due
        state = .open(session)
        let lastTick = session.micOpenedAt + due * interval
        // A chunk exactly at `time` is reported apart, so that a check at `time` (which runs
        // before the events of its instant) sees the previous chunk as the last activity.
        if lastTick == time, count > 1 {
          emit(
            .client, .inputAudioAppend(bytes: (count - 1) * bytesPerTick),
            at: max(lastTick - interval, lastEmitted))
          count = 1
        }
        emit(.client, .inputAudioAppend(bytes: count * bytesPerTick), at: max(lastTick, lastEmitted))
      }
    }
    for slot in responses.indices {
      let response = responses[slot]
      guard response.id != 0, response.call == nil, response.generated < response.audio,
        time >= response.firstChunkAt
      else { continue }
      let chunk = parameters.audioDeltaDuration
      let chunksDue = (time - response.firstChunkAt) / parameters.audioDeltaInterval + 1
      let upTo = min(response.audio, chunksDue * chunk)
      guard upTo > response.generated else { continue }
      let lastChunkAt = response.firstChunkAt + (chunksDue - 1) * parameters.audioDeltaInterval
      responses[slot].generated = upTo
      var from = response.generated
      let lastChunkStart = (chunksDue - 1) * chunk
      if lastChunkAt == time, lastChunkStart > from {
        emit(
          .server, .outputAudioDelta(bytes: deltaBytes(from: from, to: lastChunkStart)),
          at: max(lastChunkAt - parameters.audioDeltaInterval, lastEmitted))
        from = lastChunkStart
      }
      emit(
        .server, .outputAudioDelta(bytes: deltaBytes(from: from, to: upTo)), at: max(lastChunkAt, lastEmitted)
      )
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
