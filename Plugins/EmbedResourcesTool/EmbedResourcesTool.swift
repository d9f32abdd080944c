import Foundation

/// `EmbedResourcesTool OUTPUT ROOT FILE...`: writes OUTPUT, a Swift source that embeds every FILE
/// (named by its path relative to ROOT). Run by the `EmbedResources` build-tool plugin.
@main
enum EmbedResourcesMain {
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard arguments.count >= 2 else {
      fail("usage: EmbedResourcesTool OUTPUT ROOT [FILE...]")
    }
    let output = URL(fileURLWithPath: arguments[0])
    let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL.path
    do {
      var resources: [EmbeddedFile] = []
      for path in arguments.dropFirst(2) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard url.path.hasPrefix(root + "/") else { fail("\(path) is not inside \(root)") }
        let name = String(url.path.dropFirst(root.count + 1))
        resources.append(EmbeddedFile(name: name, bytes: Array(try Data(contentsOf: url))))
      }
      let source = try SourceGenerator.source(for: resources)
      // Rewrite only on change, so an unchanged resource set does not rebuild the target.
      if (try? Data(contentsOf: output)) != Data(source.utf8) {
        try Data(source.utf8).write(to: output, options: .atomic)
      }
    } catch {
      fail("\(error)")
    }
  }

  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: EmbedResourcesTool: \(message)\n".utf8))
    exit(1)
  }
}
