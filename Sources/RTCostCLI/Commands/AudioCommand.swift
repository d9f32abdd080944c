public import ArgumentParser
internal import AudioIO
internal import Billing

/// `rtcost audio`: what a server would bill for the speech in WAV files, beside the seed's meter.
public struct AudioCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "audio",
    abstract: "Find the speech in WAV files and price the user turns a server VAD would commit.",
    discussion: """
      Reads 16-bit PCM WAV (any rate, mono or stereo; stereo is averaged to mono) through libsndfile \
      and runs rtcost's server-VAD emulation over 20 ms frames: an energy detector against an \
      adaptive noise floor, an approximation of OpenAI's model-based server_vad (see docs/audio.md). \
      Every segment followed by --silence-duration-ms of silence is a committed user turn, billed as \
      input audio at 10 tokens/s over the segment plus its prefix padding, rounded up to whole \
      100 ms per turn. A segment still open when the file ends is reported as pending (not billed).

      Beside it: the seed design's meter, which never tracked input audio ($0), and what its \
      per-second rate ($0.00001111/s over the whole streamed file) would have counted.

      Any other format (float, 8/24/32-bit, μ-law, A-law, not a WAV, truncated) is refused with a \
      message naming the file and its actual format, and a non-zero exit.

      Examples:
        rtcost audio room.wav
        rtcost audio a.wav b.wav --format json --output audio.json
        rtcost audio call.wav --silence-duration-ms 500 --threshold 0.6
        rtcost audio call.wav --model gpt-realtime-mini
      """)

  @Argument(help: ArgumentHelp("WAV files to analyse.", valueName: "file"))
  var files: [String] = []

  @Option(name: .long, help: "table or json.")
  var format: TableOrJSON = .table

  @Option(
    name: .long, parsing: .unconditional, help: "server_vad threshold, 0…1 (higher needs louder speech).")
  var threshold: Double = VADParameters.serverDefault.threshold

  @Option(
    name: .customLong("prefix-padding-ms"), parsing: .unconditional,
    help: "Audio kept before detected speech, in ms.")
  var prefixPaddingMs: Int = VADParameters.serverDefault.prefixPaddingMs

  @Option(
    name: .customLong("silence-duration-ms"), parsing: .unconditional,
    help: "Silence that ends a turn, in ms (real sessions send 200; the reference documents 500).")
  var silenceDurationMs: Int = VADParameters.serverDefault.silenceDurationMs

  @Option(name: .long, help: "The model whose audio-in price applies (dated name or alias).")
  var model: String = "gpt-realtime"

  @Option(
    name: .long, help: ArgumentHelp("Resolve the model and its price on this day.", valueName: "YYYY-MM-DD"))
  var at: CalendarDay?

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "Write the report to this file (atomically) instead of standard output.", valueName: "file"))
  var output: String?

  @OptionGroup var priceOptions: PriceOptions

  public init() {}

  public func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one WAV file") }
    guard (0...1).contains(threshold) else {
      throw ValidationError("--threshold must be between 0 and 1, got \(OptionNumber.text(threshold))")
    }
    guard (0...3_600_000).contains(prefixPaddingMs) else {
      throw ValidationError("--prefix-padding-ms must be between 0 and 3600000, got \(prefixPaddingMs)")
    }
    guard (1...3_600_000).contains(silenceDurationMs) else {
      throw ValidationError("--silence-duration-ms must be between 1 and 3600000, got \(silenceDurationMs)")
    }
    _ = try vadParameters()
  }

  public func run() throws {
    let parameters = try vadParameters()
    let card: PriceCard
    do {
      card = try priceOptions.priceBook().card(for: model, on: at)
    } catch let error as PriceBookError {
      throw CLIError(error.description)
    }
    var analyses: [WAVAnalysis] = []
    for file in files {
      do {
        analyses.append(try WAVAnalysis.analyze(path: file, parameters: parameters))
      } catch {
        throw CLIError(error.description)
      }
    }
    let report = AudioReport(analyses: analyses, parameters: parameters, card: card)
    try OutputFile.write(format == .json ? report.json() : report.table(), to: output)
  }

  private func vadParameters() throws -> VADParameters {
    do {
      return try VADParameters(
        threshold: threshold, prefixPaddingMs: prefixPaddingMs, silenceDurationMs: silenceDurationMs)
    } catch {
      throw ValidationError(error.description)
    }
  }
}
