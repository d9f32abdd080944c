import CSampleRate

/// Converts mono 16-bit PCM at any rate to the Realtime API's `pcm16` (24 kHz), streaming, with libsamplerate.
///
/// libsamplerate ("Secret Rabbit Code") is used rather than hand-written filters. Its
/// `SRC_SINC_FASTEST` converter is a band-limited sinc interpolator with the same 97 dB
/// signal-to-noise ratio as its slower siblings and 80 % of the passband kept: 9.6 kHz of the
/// 12 kHz Nyquist band at 24 kHz out, above everything speech carries (and above the whole band
/// of 8 and 16 kHz sources). On this project's 2-core machine it produced about 10 million
/// samples a second (an hour of 24 kHz audio in about 8 s), twice `SRC_SINC_MEDIUM_QUALITY`
/// (90 % bandwidth) and six times `SRC_SINC_BEST_QUALITY`. Audio already at 24 kHz passes
/// through untouched, sample for sample. Samples are converted to float for the filter and back
/// with libsamplerate's `src_float_to_short_array`, which rounds and clips.
///
/// Memory is two block-sized buffers and the converter's fixed state, whatever the input length.
/// libsamplerate flushes its filter only on a call that carries input together with
/// `end_of_input` (a final call with no input produces nothing), so each block is held back until
/// the next one arrives; ``finish(emit:)`` hands over the last with `end_of_input`, and the output
/// is the full ⌊input × ratio⌉ samples.
public final class PCM16Resampler {
  /// The Realtime API's `pcm16` rate.
  public static let targetRate = 24_000
  /// The converter: `SRC_SINC_FASTEST`.
  public static let converterName = "SRC_SINC_FASTEST"

  /// The rate of the samples pushed in.
  public let inputRate: Int
  /// Output frames per input frame.
  public let ratio: Double
  /// Samples produced so far.
  public private(set) var samplesOut: Int64 = 0
  /// The most float samples the conversion buffers have held at once (input plus output).
  public var bufferCapacity: Int { inputFloats.count + outputFloats.count }

  private var state: OpaquePointer?
  private var inputFloats: [Float] = []
  private var outputFloats: [Float] = []
  private var outputShorts: [Int16] = []
  private var finished = false
  /// Samples of the newest block, converted to float and not yet given to libsamplerate.
  private var heldCount = 0

  /// A converter from `inputRate` Hz; refuses rates libsamplerate cannot convert to 24 kHz.
  public init(inputRate: Int) throws(ResamplerError) {
    guard inputRate > 0 else { throw ResamplerError(message: "sample rate \(inputRate) Hz is not positive") }
    self.inputRate = inputRate
    self.ratio = Double(PCM16Resampler.targetRate) / Double(inputRate)
    guard inputRate != PCM16Resampler.targetRate else { return }
    guard src_is_valid_ratio(ratio) != 0 else {
      throw ResamplerError(
        message: "libsamplerate cannot convert \(inputRate) Hz to 24000 Hz (ratio \(ratio))")
    }
    var error: Int32 = 0
    guard let created = src_new(Int32(SRC_SINC_FASTEST), 1, &error) else {
      throw ResamplerError(message: "libsamplerate: " + String(cString: src_strerror(error)))
    }
    state = created
  }

  deinit {
    if let state { src_delete(state) }
  }

  /// Converts `samples`, calling `emit` with the 24 kHz samples produced so far (possibly none).
  public func process(_ samples: ArraySlice<Int16>, emit: (ArraySlice<Int16>) -> Void) throws(ResamplerError)
  {
    precondition(!finished, "process after finish")
    guard let state else {
      samplesOut += Int64(samples.count)
      emit(samples)
      return
    }
    guard !samples.isEmpty else { return }
    // libsamplerate flushes its filter only on a call that carries input and end_of_input, so the
    // newest block is held back until the next one arrives or the input ends.
    if heldCount > 0 { try run(state, inputCount: heldCount, endOfInput: false, emit: emit) }
    if inputFloats.count < samples.count { inputFloats = [Float](repeating: 0, count: samples.count) }
    samples.withUnsafeBufferPointer { source in
      inputFloats.withUnsafeMutableBufferPointer { target in
        src_short_to_float_array(source.baseAddress, target.baseAddress, Int32(source.count))
      }
    }
    heldCount = samples.count
  }

  /// Ends the input and emits what the filter still holds.
  public func finish(emit: (ArraySlice<Int16>) -> Void) throws(ResamplerError) {
    guard !finished else { return }
    finished = true
    guard let state, heldCount > 0 else { return }
    try run(state, inputCount: heldCount, endOfInput: true, emit: emit)
    heldCount = 0
  }

  private func run(
    _ state: OpaquePointer, inputCount: Int, endOfInput: Bool, emit: (ArraySlice<Int16>) -> Void
  )
    throws(ResamplerError)
  {
    let capacity = Int(Double(max(inputCount, 256)) * ratio) + 64
    if outputFloats.count < capacity {
      outputFloats = [Float](repeating: 0, count: capacity)
      outputShorts = [Int16](repeating: 0, count: capacity)
    }
    var consumed = 0
    while true {
      var generated = 0
      var used = 0
      let status: Int32 = inputFloats.withUnsafeBufferPointer { input in
        outputFloats.withUnsafeMutableBufferPointer { output in
          var data = SRC_DATA()
          data.data_in = input.baseAddress! + consumed
          data.input_frames = inputCount - consumed
          data.data_out = output.baseAddress
          data.output_frames = output.count
          data.end_of_input = endOfInput ? 1 : 0
          data.src_ratio = ratio
          let status = src_process(state, &data)
          generated = Int(data.output_frames_gen)
          used = Int(data.input_frames_used)
          return status
        }
      }
      guard status == 0 else {
        throw ResamplerError(message: "libsamplerate: " + String(cString: src_strerror(status)))
      }
      consumed += used
      if generated > 0 {
        outputFloats.withUnsafeBufferPointer { floats in
          outputShorts.withUnsafeMutableBufferPointer { shorts in
            src_float_to_short_array(floats.baseAddress, shorts.baseAddress, Int32(generated))
          }
        }
        samplesOut += Int64(generated)
        emit(outputShorts[0..<generated])
      }
      if used == 0 && generated == 0 { break }
      if consumed >= inputCount && (!endOfInput || generated == 0) { break }
    }
  }
}

/// libsamplerate refused a rate or failed.
public struct ResamplerError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public var message: String
  /// Names the rate or libsamplerate's message.
  public var description: String { message }
}
