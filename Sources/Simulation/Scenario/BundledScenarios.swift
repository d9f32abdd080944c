/// The scenarios shipped with rtcost (the repository's `scenarios/` folder), compiled into the
/// binary: `rtcost forecast` with no input runs `home-robot.yaml` wherever the binary is installed.
public enum BundledScenarios {
  /// The name reports give a bundled scenario, as if it were read from the repository
  /// (`scenarios/home-robot.yaml`), so output is the same from any working folder.
  public static func displayPath(_ name: String) -> String { "scenarios/" + name }

  /// Every bundled file name, sorted.
  public static var names: [String] { EmbeddedResources.names }

  /// The text of the bundled file `name` (`home-robot.yaml`); nil for an unknown name.
  public static func text(_ name: String) -> String? { EmbeddedResources.text(named: name) }

  /// The bundled scenario `name`, parsed.
  public static func scenario(_ name: String) throws(ScenarioError) -> Scenario {
    guard let text = text(name) else {
      throw ScenarioError(
        file: displayPath(name), line: nil, keyPath: "",
        message: "no such bundled scenario (bundled: \(names.joined(separator: ", ")))")
    }
    return try ScenarioLoader.parse(text, file: name)
  }
}
