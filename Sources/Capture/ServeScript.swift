public import RealtimeEvents

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `rtcost serve` plays: a recording's server events as they were written, with their times and
/// how many client messages preceded each in the recording.
public struct ServeScript: Sendable, Equatable {
  /// One server event to send.
  public struct Step: Sendable, Equatable {
    /// The event's bytes, exactly as in the recording.
    public var message: [UInt8]
    /// Its time in the recording (0 in a bare recording).
    public var time: Micros
    /// Client messages recorded before it.
    public var clientMessagesBefore: Int
    /// The time of the last of those client messages (0 when none).
    public var lastClientTime: Micros
  }

  public var steps: [Step]
  /// The recording's client messages, exactly as written, in order (what an app would send).
  public var clientEvents: [[UInt8]]
  /// The model the recording names (header or session), for a log line.
  public var model: String?

  public init(steps: [Step], clientEvents: [[UInt8]], model: String? = nil) {
    self.steps = steps
    self.clientEvents = clientEvents
    self.model = model
  }

  /// Client messages in the recording.
  public var clientMessages: Int { clientEvents.count }

  /// For each client message, how many server events come before it in the recording: an app that
  /// sends message `k` once it has received that many events replays the recording's interleaving.
  public var serverEventsBeforeClientMessages: [Int] {
    clientEvents.indices.map { k in steps.count { $0.clientMessagesBefore <= k } }
  }

  /// The script of the recording at `path` (read strictly: a bad line is an error naming it).
  public static func load(path: String) throws(CaptureError) -> ServeScript {
    let bytes: [UInt8]
    do { bytes = try readFile(path) } catch { throw error }
    return try make(bytes: bytes, name: path)
  }

  /// The script of a recording held in memory.
  public static func make(bytes: [UInt8], name: String) throws(CaptureError) -> ServeScript {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
      lines.append(bytes[start..<index])
      start = index + 1
    }
    if start < bytes.count { lines.append(bytes[start..<bytes.count]) }
    let reader = RecordingReader(bytes: bytes, name: name)
    var steps: [Step] = []
    var clients = 0
    var clientEvents: [[UInt8]] = []
    var lastClient: Micros = 0
    var model: String?
    do {
      while let event = try reader.next() {
        switch event.direction {
        case .client:
          clients += 1
          lastClient = event.time ?? 0
          guard event.line >= 1, event.line <= lines.count,
            let slice = RecordingLineSlicer.event(in: lines[event.line - 1])
          else {
            throw CaptureError("\(name):\(event.line): cannot find the event object on this line")
          }
          clientEvents.append(Array(slice))
        case .local:
          continue
        case .server:
          if case .sessionCreated(let config) = event.event, let named = config.model { model = named }
          guard event.line >= 1, event.line <= lines.count,
            let slice = RecordingLineSlicer.event(in: lines[event.line - 1])
          else {
            throw CaptureError("\(name):\(event.line): cannot find the event object on this line")
          }
          steps.append(
            Step(
              message: Array(slice), time: event.time ?? 0, clientMessagesBefore: clients,
              lastClientTime: lastClient))
        }
      }
    } catch let error as RecordingError {
      throw CaptureError(error.description)
    } catch let error as CaptureError {
      throw error
    } catch {
      throw CaptureError("\(name): \(error)")
    }
    guard !steps.isEmpty else { throw CaptureError("\(name): the recording has no server events to serve") }
    return ServeScript(steps: steps, clientEvents: clientEvents, model: model ?? reader.header?.model)
  }

  private static func readFile(_ path: String) throws(CaptureError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw CaptureError("\(path): cannot open: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw CaptureError("\(path): cannot read: \(String(cString: strerror(errno)))")
      }
      if count == 0 { break }
      bytes += chunk[0..<count]
    }
    return bytes
  }
}
