internal import RealtimeEvents
internal import SessionGuard

/// Every file a run writes, checked before the run does any work and committed together at its end.
///
/// ``check(_:inputs:stats:)`` resolves and checks each output (``RealtimeEvents/FileTarget``: the
/// folder exists and is writable; no folder, read-only or hard-linked file, socket or block device)
/// and refuses an output given twice, an output that is one of the run's inputs (compared by device
/// and inode, so a link or another spelling is caught), and a stats file that is also an output or
/// an input. ``commit(_:staged:stats:)`` writes every file beside its target, then renames them all,
/// then lets the stats update replace its file last; a failure before the renames changes nothing.
/// FIFOs and character devices are written directly after that, standard output last.
struct OutputPlan {
  private var targets: [String: FileTarget] = [:]

  /// Checks `outputs` (option name and path; nil or `-` is standard output) against each other,
  /// `inputs` and `stats`.
  static func check(
    _ outputs: [(option: String, path: String?)], inputs: [String] = [], stats: String? = nil
  ) throws -> OutputPlan {
    var plan = OutputPlan()
    var seen: [(option: String, target: FileTarget)] = []
    var files = outputs.compactMap { output in output.path.map { (output.option, $0) } }
    if let stats { files.append(("--stats", stats)) }
    for (option, path) in files where path != "-" {
      let target: FileTarget
      do { target = try FileTarget.check(path) } catch { throw CLIError(error.description) }
      if option == "--stats", target.kind == .stream {
        throw CLIError("\(path): is a FIFO or device, not a stats file")
      }
      if target.kind != .stream, let earlier = seen.first(where: { Self.same($0.target, target) }) {
        throw CLIError(
          "\(path): given to both \(earlier.option) and \(option); each output needs a file of its own")
      }
      if target.kind == .regular, let input = inputs.first(where: { FileIdentity.of($0) == target.identity })
      {
        throw CLIError(
          "\(path): is also an input of this run (\(input)); rtcost does not overwrite its input "
            + "(choose another \(option))")
      }
      seen.append((option, target))
      plan.targets[path] = target
    }
    return plan
  }

  private static func same(_ lhs: FileTarget, _ rhs: FileTarget) -> Bool {
    if let left = lhs.identity, let right = rhs.identity { return left == right }
    return lhs.canonicalPath == rhs.canonicalPath
  }

  /// The checked target of an output given to ``check(_:inputs:stats:)``.
  func target(_ path: String) -> FileTarget? { targets[path] }

  /// Writes `files` (nil or `-` is standard output) and puts them and `staged` in place together;
  /// `stats`, when given, is called with the step that renames them and must run it just before it
  /// replaces the stats file (``SessionGuard/UsageStore/update(_:beforeReplacing:)``).
  func commit(
    _ files: [(path: String?, text: String)], staged: [StagedFile] = [],
    stats: ((_ beforeReplacing: () throws(FileError) -> Void) throws -> Void)? = nil
  ) throws {
    var toRename = staged
    var streams: [(FileTarget, String)] = []
    var standardOutput: [String] = []
    do {
      for (path, text) in files {
        guard let path, path != "-" else {
          standardOutput.append(text)
          continue
        }
        let target = try targets[path] ?? FileTarget.check(path)
        if target.kind == .stream {
          streams.append((target, text))
          continue
        }
        let file = try StagedFile(target: target)
        try file.write(Array(text.utf8))
        try file.seal()
        toRename.append(file)
      }
    } catch let error as FileError {
      throw CLIError(error.description)
    }
    func renameAll() throws(FileError) {
      var placed: [String] = []
      for file in toRename {
        do throws(FileError) { try file.commit() } catch {
          let note = placed.isEmpty ? "" : " (already in place: \(placed.joined(separator: ", ")))"
          throw FileError(path: error.path, message: error.message + note)
        }
        placed.append(file.target.path)
      }
    }
    do {
      if let stats { try stats(renameAll) } else { try renameAll() }
    } catch let error as FileError {
      throw CLIError(error.description)
    }
    do throws(FileError) {
      for (target, text) in streams {
        let file = try StagedFile(target: target)
        try file.write(Array(text.utf8))
        try file.commit()
      }
    } catch {
      throw CLIError(error.description)
    }
    for text in standardOutput { Console.current.out(text) }
  }
}
