internal import AudioIO
internal import Billing
internal import RealtimeEvents

/// The numbers and renderings of `rtcost audio`.
struct AudioReport {
  /// What one file costs, three ways.
  struct Costs {
    /// Committed input audio tokens at the model's audio-in price.
    var inputAudio: Money
    /// The seed's meter: input audio not tracked (defect 4), so $0.
    var seedTracked: Money
    /// The seed's per-second input rate over the whole streamed file, had it been tracked.
    var seedRateIfTracked: Money

    static func + (lhs: Costs, rhs: Costs) -> Costs {
      Costs(
        inputAudio: lhs.inputAudio + rhs.inputAudio, seedTracked: lhs.seedTracked + rhs.seedTracked,
        seedRateIfTracked: lhs.seedRateIfTracked + rhs.seedRateIfTracked)
    }

    static let zero = Costs(inputAudio: .zero, seedTracked: .zero, seedRateIfTracked: .zero)
  }

  var analyses: [WAVAnalysis]
  var parameters: VADParameters
  var card: PriceCard

  /// The costs of one analysed file.
  func costs(_ analysis: WAVAnalysis) -> Costs {
    Costs(
      inputAudio: card.audioIn.times(analysis.committedAudioTokens), seedTracked: .zero,
      seedRateIfTracked: AudioReport.seedCost(frames: analysis.frames, sampleRate: analysis.format.sampleRate)
    )
  }

  /// `frames / rate` seconds at the seed's $0.00001111 per second, rounded half up to the pico-dollar.
  static func seedCost(frames: Int64, sampleRate: Int) -> Money {
    let rate = Int64(sampleRate)
    return Money(picoUSD: (frames * SeedPricing.audioInputPerSecond.picoUSD + rate / 2) / rate)
  }

  var totalCosts: Costs { analyses.reduce(.zero) { $0 + costs($1) } }

  // MARK: JSON

  func json() -> String {
    JSONValue.object([
      ("vad", vadJSON()),
      ("model", .string(card.model)),
      ("audio_in_usd_per_1m", .number(DecimalText.format(card.audioIn.picoUSD, scale: 6))),
      ("files", .array(analyses.map(fileJSON))),
      ("total", totalJSON()),
    ]).rendered()
  }

  private func vadJSON() -> JSONValue {
    .object([
      (
        "emulation",
        .string("energy detector over 20 ms frames (approximates OpenAI's model-based server_vad)")
      ),
      ("threshold", .double(parameters.threshold, decimals: 3)),
      ("prefix_padding_ms", .int(parameters.prefixPaddingMs)),
      ("silence_duration_ms", .int(parameters.silenceDurationMs)),
      ("required_snr_db", .double(parameters.requiredSNRdB, decimals: 2)),
      ("absolute_gate_dbfs", .double(parameters.absoluteGateDBFS, decimals: 2)),
    ])
  }

  private func fileJSON(_ analysis: WAVAnalysis) -> JSONValue {
    .object([
      ("path", .string(analysis.path)),
      (
        "format",
        .object([
          ("container", .string(analysis.format.isExtensible ? "WAV (WAVE_FORMAT_EXTENSIBLE)" : "WAV")),
          ("encoding", .string(analysis.format.encoding.description)),
          ("sample_rate", .int(analysis.format.sampleRate)),
          ("channels", .int(analysis.format.channels)),
        ])
      ),
      ("frames", .int(analysis.frames)),
      ("claimed_frames", analysis.claimedFrames.map { .int($0) } ?? .null),
      ("duration_s", seconds(analysis.durationMicros)),
      ("warnings", .array(analysis.warnings.map { .string($0) })),
      ("segments", .array(analysis.segments.map(segmentJSON))),
      ("committed_turns", .int(analysis.segments.filter(\.isCommitted).count)),
      ("speech_s", seconds(analysis.segments.filter(\.isCommitted).reduce(0) { $0 + $1.speechMicros })),
      ("input_audio_tokens", .int(analysis.committedAudioTokens)),
      ("pending_audio_tokens", .int(analysis.pendingAudioTokens)),
      ("cost_usd", costsJSON(costs(analysis))),
    ])
  }

  private func segmentJSON(_ segment: SpeechSegment) -> JSONValue {
    .object([
      ("start_s", seconds(segment.start)),
      ("end_s", seconds(segment.end)),
      ("prefix_padding_s", seconds(segment.prefixPadding)),
      ("committed_at_s", segment.committedAt.map(seconds) ?? .null),
      ("billed_s", seconds(segment.billedMicros)),
      ("audio_tokens", .int(segment.audioTokens)),
    ])
  }

  private func totalJSON() -> JSONValue {
    .object([
      ("files", .int(analyses.count)),
      ("duration_s", seconds(analyses.reduce(0) { $0 + $1.durationMicros })),
      ("committed_turns", .int(analyses.reduce(0) { $0 + $1.segments.filter(\.isCommitted).count })),
      ("input_audio_tokens", .int(analyses.reduce(0) { $0 + $1.committedAudioTokens })),
      ("pending_audio_tokens", .int(analyses.reduce(0) { $0 + $1.pendingAudioTokens })),
      ("cost_usd", costsJSON(totalCosts)),
    ])
  }

  private func costsJSON(_ costs: Costs) -> JSONValue {
    .object([
      ("input_audio", .number(costs.inputAudio.decimalText)),
      ("seed_tracked", .number(costs.seedTracked.decimalText)),
      ("seed_rate_if_tracked", .number(costs.seedRateIfTracked.decimalText)),
    ])
  }

  private func seconds(_ micros: Int64) -> JSONValue { .number(SecondsText.format(micros: micros)) }

  // MARK: Table

  func table() -> String {
    var out =
      "Server-VAD emulation: threshold \(FixedDecimal.format(parameters.threshold, decimals: 2)) "
      + "(≥ \(FixedDecimal.format(parameters.requiredSNRdB, decimals: 1)) dB over the noise floor and "
      + "≥ \(FixedDecimal.format(parameters.absoluteGateDBFS, decimals: 1)) dBFS), prefix padding "
      + "\(parameters.prefixPaddingMs) ms, silence \(parameters.silenceDurationMs) ms\n"
    out += "Model \(card.model): audio in $\(card.perMillionText(.audioIn)) per 1M tokens\n\n"
    var summary = TextTable(headers: [
      "file", "format", "duration s", "turns", "speech s", "tokens", "pending", "input USD", "seed USD",
      "seed rate USD",
    ])
    summary.alignments[1] = .left
    for analysis in analyses {
      let committed = analysis.segments.filter(\.isCommitted)
      let cost = costs(analysis)
      summary.append([
        analysis.path, AudioReport.shortFormat(analysis.format),
        SecondsText.format(micros: analysis.durationMicros),
        String(committed.count), SecondsText.format(micros: committed.reduce(0) { $0 + $1.speechMicros }),
        String(analysis.committedAudioTokens), String(analysis.pendingAudioTokens),
        cost.inputAudio.rounded(toDecimals: 6), cost.seedTracked.rounded(toDecimals: 6),
        cost.seedRateIfTracked.rounded(toDecimals: 6),
      ])
    }
    if analyses.count > 1 {
      let total = totalCosts
      summary.append([
        "total", "", SecondsText.format(micros: analyses.reduce(0) { $0 + $1.durationMicros }),
        String(analyses.reduce(0) { $0 + $1.segments.filter(\.isCommitted).count }),
        SecondsText.format(
          micros: analyses.reduce(0) {
            $0 + $1.segments.filter(\.isCommitted).reduce(0) { $0 + $1.speechMicros }
          }),
        String(analyses.reduce(0) { $0 + $1.committedAudioTokens }),
        String(analyses.reduce(0) { $0 + $1.pendingAudioTokens }),
        total.inputAudio.rounded(toDecimals: 6), total.seedTracked.rounded(toDecimals: 6),
        total.seedRateIfTracked.rounded(toDecimals: 6),
      ])
    }
    out += summary.rendered()
    for analysis in analyses {
      out += "\n\(analysis.path): \(analysis.format)\n"
      for warning in analysis.warnings { out += "  warning: \(warning)\n" }
      guard !analysis.segments.isEmpty else {
        out += "  no speech found\n"
        continue
      }
      var segments = TextTable(headers: [
        "#", "start s", "end s", "prefix s", "committed at s", "billed s", "tokens",
      ])
      for (index, segment) in analysis.segments.enumerated() {
        segments.append([
          String(index + 1), SecondsText.format(micros: segment.start),
          SecondsText.format(micros: segment.end),
          SecondsText.format(micros: segment.prefixPadding),
          segment.committedAt.map { SecondsText.format(micros: $0) } ?? "pending",
          SecondsText.format(micros: segment.billedMicros), String(segment.audioTokens),
        ])
      }
      out += segments.rendered()
    }
    out += """

      tokens: input audio of committed turns, 10 per second of speech plus prefix padding, rounded up
        to whole 100 ms per turn; every later response re-bills them as context (not counted here).
      pending: a segment still open when the audio ended; billed only after more silence or a commit.
      seed USD: the seed design never tracked input audio (defect 4), so its meter shows $0.
      seed rate USD: the seed's $0.00001111/s over the whole streamed file, had it been tracked.

      """
    return out
  }

  static func shortFormat(_ format: WAVFormat) -> String {
    "\(format.isExtensible ? "WAVEX" : "WAV") \(format.sampleRate) Hz \(format.channelText)"
  }
}
