/// Persists the lifetime ``UsageStats`` in a JSON file that the seed's dashboard can still read.
///
/// Real mode: ``record(_:)`` takes an exclusive lock, re-reads the file, adds a tracker's unsaved
/// totals and replaces the file atomically (temporary file, fsync, rename), so a crash never leaves a
/// half-written file and two processes recording at once never lose an update. A corrupt file or an
/// unknown version is refused with an error that names the file and key, and is never overwritten;
/// keys rtcost does not know survive every rewrite.
///
/// Seed mode reproduces the original design (defect 8): the app saves only at session reset
/// (``saveSnapshot(_:)`` of a whole in-memory copy, so concurrent writers overwrite each other), writes
/// in place (a crash mid-write corrupts the file), keeps the seed's eight keys only, and its loader
/// fails on any other key.
public struct UsageStore: Sendable {
  public let path: String
  public let mode: GuardMode
  public let fileSystem: any StatsFileSystem

  public init(path: String, mode: GuardMode = .real, fileSystem: any StatsFileSystem = POSIXStatsFileSystem())
  {
    self.path = path
    self.mode = mode
    self.fileSystem = fileSystem
  }

  /// The stats in the file; empty stats when the file does not exist yet.
  public func load() throws(UsageStoreError) -> UsageStats {
    let bytes: [UInt8]?
    do { bytes = try fileSystem.read(path) } catch { throw .io(error) }
    guard let bytes else {
      var empty = UsageStats()
      if mode == .seed { empty.version = 0 }
      return empty
    }
    return try decode(bytes)
  }

  /// Whether the file exists.
  public func exists() throws(UsageStoreError) -> Bool {
    do { return try fileSystem.read(path) != nil } catch { throw .io(error) }
  }

  /// Adds `totals` to the file under the lock and returns the stats written (real mode's save).
  public func record(_ totals: UsageTotals) throws(UsageStoreError) -> UsageStats {
    try update { (stats: inout UsageStats) throws(UsageStoreError) in stats.add(totals, mode: mode) }.stats
  }

  /// Changes the file under the lock: loads it, applies `change`, writes the new file beside it,
  /// runs `beforeReplacing` (where a run puts its other outputs in place, so that the stats change
  /// last and only when everything else succeeded), then replaces the file. Any failure leaves the
  /// file as it was. Returns the stats written and what `change` returned.
  public func update<Result>(
    _ change: (inout UsageStats) throws(UsageStoreError) -> Result,
    beforeReplacing: () throws(StatsFileError) -> Void = {}
  ) throws(UsageStoreError) -> (stats: UsageStats, result: Result) {
    try fileSystem.withExclusiveLock(path) {
      () throws(UsageStoreError) -> (stats: UsageStats, result: Result) in
      var stats = try load()
      let result = try change(&stats)
      try write(stats, beforeReplacing: beforeReplacing)
      return (stats, result)
    }
  }

  /// Writes `stats` as a whole: atomically in real mode, in place (the seed's way) in seed mode.
  public func saveSnapshot(_ stats: UsageStats) throws(UsageStoreError) {
    try write(stats)
  }

  private func write(_ stats: UsageStats, beforeReplacing: () throws(StatsFileError) -> Void = {})
    throws(UsageStoreError)
  {
    let bytes = Array(stats.encoded(mode: mode).utf8)
    do {
      if mode == .seed {
        try beforeReplacing()
        try fileSystem.overwriteInPlace(path, with: bytes)
      } else {
        try fileSystem.replaceAtomically(path, with: bytes, beforeRename: beforeReplacing)
      }
    } catch {
      throw .io(error)
    }
  }

  private func decode(_ bytes: [UInt8]) throws(UsageStoreError) -> UsageStats {
    let json: StatsJSON
    do { json = try StatsJSON.parse(bytes) } catch { throw .notJSON(path: path, detail: error) }
    do {
      return try UsageStats(json: json, mode: mode)
    } catch {
      switch error.kind {
      case .seedUnknownKey: throw .seedUnknownKey(path: path, key: error.key)
      case .unknownVersion: throw .unknownVersion(path: path, message: error.message)
      case .invalid: throw .invalidKey(path: path, key: error.key, message: error.message)
      }
    }
  }
}
