import Billing

/// The fast path for `response.created` and `response.done` lines: one a turn in every session,
/// and the lines the bill is read from. `JSONDecoder` costs 10–30 µs on each; this reads them with
/// ``StrictJSONSubset`` and builds the same event in a few.
///
/// Like ``AudioFastPath`` it takes only what it understands completely, and builds exactly what
/// the full decoder (`DecodedEvent`) builds from such a line, with no warnings: any value of a
/// wrong type, a status it does not know, a usage count past ``ResponseUsage/maximumTokens`` or
/// not a plain whole number, a malformed detail block or output item (the full decoder warns about
/// those), a repeated key it reads, or a line outside the subset returns nil, and the line goes
/// through the full decoder, which also produces every error and warning.
enum ResponseFastPath {
  /// A line the fast path read.
  struct Line {
    /// `t` in seconds for a timed line; nil for a bare line.
    var seconds: Double?
    var direction: EventDirection
    var event: RealtimeEvent
    /// The wire type, for per-type counts (each of the two types has one name, beta and GA).
    var type: String { event.typeName }
  }

  /// The line `line` (without its `\n`), if the fast path takes it.
  static func scan(_ line: UnsafeRawBufferPointer) -> Line? {
    // The type is a string without escapes, so its quoted name is in the bytes: a line without it
    // (most lines the full decoder reads) is declined before a tree is built for it.
    guard mentions("\"response.done\"", in: line) || mentions("\"response.created\"", in: line),
      let top = StrictJSONSubset.parse(line)?.members
    else { return nil }
    do throws(Decline) {
      return try read(top, in: line)
    } catch {
      return nil
    }
  }

  /// Whether `text` occurs in `line`.
  private static func mentions(_ text: StaticString, in line: UnsafeRawBufferPointer) -> Bool {
    guard let base = line.baseAddress else { return false }
    let n = text.utf8CodeUnitCount
    var at = 0
    // `memchr` for the first byte, `memcmp` for the rest (glibc's `memmem` is not in the Glibc module).
    while line.count - at >= n,
      let found = memchr(base + at, Int32(text.utf8Start.pointee), line.count - at - n + 1)
    {
      if memcmp(found, text.utf8Start, n) == 0 { return true }
      at = base.distance(to: UnsafeRawPointer(found)) + 1
    }
    return false
  }

  /// The line is not one the fast path takes.
  private struct Decline: Error {}

  /// The top level, as `LineEnvelope` reads it: a header, a bare event (it has `type`) or a timed one.
  private static func read(_ top: [StrictJSONSubset.Member], in line: UnsafeRawBufferPointer) throws(Decline)
    -> Line
  {
    let reader = Members(top, line: line)
    guard !reader.contains("rtcost_recording") else { throw Decline() }
    if reader.contains("type") {
      let event = try self.event(reader)
      return Line(seconds: nil, direction: EventCatalog.direction(ofType: event.typeName), event: event)
    }
    guard let seconds = try reader.value("t")?.double(in: line),
      let dir = try reader.value("dir")?.plainString(in: line), let direction = EventDirection(rawValue: dir),
      let object = try reader.value("event")?.members
    else { throw Decline() }
    return Line(seconds: seconds, direction: direction, event: try self.event(Members(object, line: line)))
  }

  /// The event object, as `DecodedEvent` reads the two types.
  private static func event(_ event: Members) throws(Decline) -> RealtimeEvent {
    if try event.isString("type", "response.created") {
      let id = try event.object("response")?.string("id")
      return .responseCreated(responseID: id)
    }
    guard try event.isString("type", "response.done"), let response = try event.object("response") else {
      throw Decline()
    }
    guard let statusText = try response.string("status"), let status = ResponseStatus(rawValue: statusText)
    else {
      throw Decline()
    }
    var done = ResponseDone(
      responseID: try response.string("id"), status: status, usage: try response.object("usage").map(usage))
    done.reason = try response.object("status_details")?.string("reason")
    for item in try response.array("output") ?? [] {
      guard let members = item.members else { throw Decline() }
      let item = Members(members, line: event.line)
      guard try item.isString("type", "function_call") else { continue }
      done.functionCalls.append(
        FunctionCall(name: try item.string("name"), callID: try item.string("call_id")))
    }
    return .responseDone(done)
  }

  /// A usage block, as ``ResponseUsage`` decodes one without malformed detail blocks.
  private static func usage(_ usage: Members) throws(Decline) -> ResponseUsage {
    var parsed = ResponseUsage(
      totalTokens: try usage.count("total_tokens"), inputTokens: try usage.count("input_tokens"),
      outputTokens: try usage.count("output_tokens"))
    if let details = try usage.object("input_token_details") {
      var input = ResponseUsage.InputDetails(
        textTokens: try details.count("text_tokens"), audioTokens: try details.count("audio_tokens"),
        imageTokens: try details.count("image_tokens"), cachedTokens: try details.count("cached_tokens"))
      if let cached = try details.object("cached_tokens_details") {
        input.cached = ResponseUsage.CachedDetails(
          textTokens: try cached.count("text_tokens"), audioTokens: try cached.count("audio_tokens"),
          imageTokens: try cached.count("image_tokens"))
      }
      parsed.input = input
    }
    if let details = try usage.object("output_token_details") {
      parsed.output = ResponseUsage.OutputDetails(
        textTokens: try details.count("text_tokens"), audioTokens: try details.count("audio_tokens"))
    }
    return parsed
  }

  /// One object's members, read as `decodeIfPresent` reads them: an absent or `null` member is nil;
  /// a member of another type, or repeated, declines.
  private struct Members {
    let members: [StrictJSONSubset.Member]
    let line: UnsafeRawBufferPointer

    init(_ members: [StrictJSONSubset.Member], line: UnsafeRawBufferPointer) {
      self.members = members
      self.line = line
    }

    /// Whether `key` is present, `null` or not (`KeyedDecodingContainer.contains`).
    func contains(_ key: StaticString) -> Bool {
      if case .absent = members.lookup(key, in: line) { return false }
      return true
    }

    /// The value of `key`, nil when absent or `null`.
    func value(_ key: StaticString) throws(Decline) -> StrictJSONSubset.Value? {
      switch members.lookup(key, in: line) {
      case .absent: return nil
      case .repeated: throw Decline()
      case .found(let value): return value.isNull ? nil : value
      }
    }

    /// A string without escapes.
    func string(_ key: StaticString) throws(Decline) -> String? {
      guard let value = try value(key) else { return nil }
      guard let text = value.plainString(in: line) else { throw Decline() }
      return text
    }

    /// Whether `key` is the string `text`: false when absent, `null` or another string; declines
    /// when it is not a string or has an escape (`function\u005fcall` is `function_call`).
    func isString(_ key: StaticString, _ text: StaticString) throws(Decline) -> Bool {
      guard let value = try value(key) else { return false }
      guard case .string(_, escaped: false) = value else { throw Decline() }
      return value.isPlainString(text, in: line)
    }

    func object(_ key: StaticString) throws(Decline) -> Members? {
      guard let value = try value(key) else { return nil }
      guard let members = value.members else { throw Decline() }
      return Members(members, line: line)
    }

    func array(_ key: StaticString) throws(Decline) -> [StrictJSONSubset.Value]? {
      guard let value = try value(key) else { return nil }
      guard case .array(let elements) = value else { throw Decline() }
      return elements
    }

    /// A usage count: a whole number no larger than ``ResponseUsage/maximumTokens``.
    func count(_ key: StaticString) throws(Decline) -> Int64? {
      guard let value = try value(key) else { return nil }
      guard let count = value.int64(in: line), count <= ResponseUsage.maximumTokens else { throw Decline() }
      return count
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
