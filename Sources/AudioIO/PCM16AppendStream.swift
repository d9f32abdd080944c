import Foundation

/// One `input_audio_buffer.append` payload: a fixed slice of 24 kHz mono PCM16.
public struct AppendChunk: Equatable, Sendable {
  /// Where the chunk starts, in microseconds of audio at 24 kHz.
  public var start: Int64
  /// The samples (24 kHz, mono).
  public var samples: [Int16]

  /// A chunk.
  public init(start: Int64, samples: [Int16]) {
    self.start = start
    self.samples = samples
  }

  /// The samples as little-endian bytes, the wire format of `pcm16`.
  public var littleEndianBytes: [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(samples.count * 2)
    for sample in samples {
      let bits = UInt16(bitPattern: sample)
      bytes.append(UInt8(bits & 0xFF))
      bytes.append(UInt8(bits >> 8))
    }
    return bytes
  }

  /// The base64 text of ``littleEndianBytes``: the `audio` field of the append event.
  public var base64: String { Data(littleEndianBytes).base64EncodedString() }

  /// The chunk's duration in microseconds (48,000 bytes per second).
  public var durationMicros: Int64 { Int64(samples.count) * 1_000_000 / Int64(PCM16Resampler.targetRate) }
}

/// Turns mono PCM16 at any rate into fixed-length 24 kHz chunks for `input_audio_buffer.append`.
///
/// Resamples with ``PCM16Resampler`` and cuts the result into chunks of ``chunkMilliseconds`` (the
/// last one shorter), as a live client streams its microphone. Memory is one chunk plus the
/// resampler's buffers.
public final class PCM16AppendStream {
  /// Chunk length in milliseconds (24 samples each).
  public let chunkMilliseconds: Int
  private let resampler: PCM16Resampler
  private var pending: [Int16] = []
  private var emitted: Int64 = 0

  /// A stream from `inputRate` Hz in chunks of `chunkMilliseconds` (1…60000; 100 by default).
  public init(inputRate: Int, chunkMilliseconds: Int = 100) throws(ResamplerError) {
    guard (1...60_000).contains(chunkMilliseconds) else {
      throw ResamplerError(message: "chunk length \(chunkMilliseconds) ms is outside 1…60000 ms")
    }
    self.chunkMilliseconds = chunkMilliseconds
    resampler = try PCM16Resampler(inputRate: inputRate)
    pending.reserveCapacity(chunkSamples)
  }

  /// Samples per full chunk.
  public var chunkSamples: Int { chunkMilliseconds * PCM16Resampler.targetRate / 1000 }

  /// Pushes samples at the input rate; calls `emit` for each full chunk.
  public func push(_ samples: ArraySlice<Int16>, emit: (AppendChunk) -> Void) throws(ResamplerError) {
    try resampler.process(samples) { collect($0, emit: emit) }
  }

  /// Ends the input; emits the remaining full chunks and a final shorter one.
  public func finish(emit: (AppendChunk) -> Void) throws(ResamplerError) {
    try resampler.finish { collect($0, emit: emit) }
    if !pending.isEmpty { flush(emit: emit) }
  }

  /// Streams the WAV file at `path` as append chunks; returns its analysis-free format and frame count.
  public static func forEachChunk(
    path: String, chunkMilliseconds: Int = 100, body: (AppendChunk) -> Void
  ) throws(AudioError) -> (format: WAVFormat, frames: Int64) {
    let reader = try WAVReader(path: path)
    let stream: PCM16AppendStream
    do {
      stream = try PCM16AppendStream(
        inputRate: reader.format.sampleRate, chunkMilliseconds: chunkMilliseconds)
    } catch {
      throw AudioError(path: path, reason: error.message)
    }
    var block: [Int16] = []
    do {
      while try reader.read(into: &block) > 0 { try stream.push(block[...], emit: body) }
      try stream.finish(emit: body)
    } catch let error as ResamplerError {
      throw AudioError(path: path, reason: error.message)
    } catch let error as AudioError {
      throw error
    } catch {
      throw AudioError(path: path, reason: "\(error)")
    }
    return (reader.format, reader.framesRead)
  }

  private func collect(_ samples: ArraySlice<Int16>, emit: (AppendChunk) -> Void) {
    var rest = samples
    while !rest.isEmpty {
      let take = min(chunkSamples - pending.count, rest.count)
      pending.append(contentsOf: rest.prefix(take))
      rest = rest.dropFirst(take)
      if pending.count == chunkSamples { flush(emit: emit) }
    }
  }

  private func flush(emit: (AppendChunk) -> Void) {
    let start = emitted * 1_000_000 / Int64(PCM16Resampler.targetRate)
    emit(AppendChunk(start: start, samples: pending))
    emitted += Int64(pending.count)
    pending.removeAll(keepingCapacity: true)
  }
}
