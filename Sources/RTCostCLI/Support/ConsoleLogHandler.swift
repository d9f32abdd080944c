internal import ArgumentParser
internal import Capture
internal import Logging

/// Log lines on the command's standard error (``Console/current``), one a line:
/// `2026-12-01T10:00:00Z warning rtcost.proxy: message key=value`. Made per command, so in-process
/// tests read them too and no process-wide logging bootstrap is needed.
struct ConsoleLogHandler: LogHandler {
  let label: String
  let console: Console
  var logLevel: Logger.Level
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var all = metadata
    if let extra = event.metadata { all.merge(extra) { $1 } }
    let fields = all.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
    console.err(
      "\(UTCTime.iso8601(UTCTime.nowMicros())) \(event.level) \(label): \(event.message)\(fields)\n")
  }

  /// A logger writing to `console` at `level`, with `secrets` redacted.
  static func logger(label: String, console: Console, level: Logger.Level, secrets: [String]) -> Logger {
    Logger(label: label) { label in
      RedactingLogHandler(
        wrapping: ConsoleLogHandler(label: label, console: console, logLevel: level), secrets: secrets)
    }
  }
}

/// `--log-level`: trace, debug, info, notice, warning, error or critical.
enum LogLevelValue {
  static func parse(_ text: String) throws -> Logger.Level {
    guard let level = Logger.Level(rawValue: text) else {
      throw ValidationError(
        "--log-level must be trace, debug, info, notice, warning, error or critical, not '\(text)'")
    }
    return level
  }
}
