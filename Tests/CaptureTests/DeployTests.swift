import Foundation
import TestSupport
import Testing
import Yams

@testable import Capture
@testable import RTCostCLI

/// Docker does not run on the build machine, so the image recipe and the manifests are checked here:
/// they name one image, the build installs what CI installs, and every command line in them parses.
@Suite("Capture: deploy/ (Dockerfile, Kubernetes, systemd)")
struct DeployTests {
  let deploy = TestPaths.packageRoot.appendingPathComponent("deploy")
  let image = "registry.example/rtcost:\(RTCostVersion.current)"

  private func text(_ name: String) throws -> String {
    try String(contentsOf: deploy.appendingPathComponent(name), encoding: .utf8)
  }

  private func documents(_ name: String) throws -> [[String: Any]] {
    try Yams.load_all(yaml: try text(name)).compactMap { $0 as? [String: Any] }
  }

  private func containers(_ document: [String: Any]) -> [[String: Any]] {
    let spec = document["spec"] as? [String: Any]
    let template = spec?["template"] as? [String: Any]
    let pod = template?["spec"] as? [String: Any]
    return ((pod?["containers"] as? [[String: Any]]) ?? [])
      + ((pod?["initContainers"] as? [[String: Any]]) ?? [])
  }

  @Test func everyManifestNamesTheImageTheDockerfileBuilds() throws {
    let dockerfile = try text("Dockerfile")
    #expect(dockerfile.contains("docker build -f deploy/Dockerfile -t \(image) ."))
    #expect(dockerfile.contains("org.opencontainers.image.version=\"\(RTCostVersion.current)\""))
    var images: [String] = []
    for name in ["forecast-indexed-job.yaml", "proxy-deployment.yaml"] {
      for document in try documents(name) {
        images += containers(document).compactMap { $0["image"] as? String }
      }
    }
    #expect(images.count == 4)
    #expect(Set(images) == [image])
  }

  @Test func theBuildInstallsWhatCIInstallsAndTheImageHoldsTheScenarios() throws {
    let ci = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
    let loop = try #require(ci.split(separator: "\n").first { $0.hasPrefix("for pkg in ") })
    let ciPackages = Set(
      loop.dropFirst("for pkg in ".count).split(separator: ";")[0].split(separator: " ").map(String.init))
    #expect(ciPackages == ["libsndfile1-dev", "libsamplerate0-dev", "pkg-config", "make"])
    let dockerfile = try text("Dockerfile")
    let buildStage = try #require(dockerfile.components(separatedBy: "FROM ${RUNTIME_IMAGE}").first)
    let installed = Set(
      buildStage.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }).map(String.init))
    #expect(ciPackages.isSubset(of: installed))
    #expect(dockerfile.contains("swift build -c release --product rtcost"))
    #expect(dockerfile.contains("COPY scenarios /app/scenarios"))
    #expect(dockerfile.contains("WORKDIR /app"))
    for document in try documents("forecast-indexed-job.yaml") {
      for container in containers(document) { #expect(container["workingDir"] as? String == "/app") }
    }
    #expect(FileManager.default.fileExists(atPath: TestPaths.scenario("home-robot.yaml")))
  }

  /// The build stage's `COPY SRC DEST` lines (not `--from`), as the folder each lands in under
  /// WORKDIR /src: `COPY Plugins Plugins` gives `Plugins`.
  private func buildStageCopies() throws -> Set<String> {
    let dockerfile = try text("Dockerfile")
    let buildStage = try #require(dockerfile.components(separatedBy: "FROM ${RUNTIME_IMAGE}").first)
    var copied: Set<String> = []
    for line in buildStage.split(separator: "\n") where line.hasPrefix("COPY ") && !line.contains("--from") {
      let words = line.split(separator: " ").dropFirst().map(String.init)
      guard words.count == 2 else { continue }
      let source = words[0].hasSuffix("/") ? String(words[0].dropLast()) : words[0]
      let destination = words[1].hasSuffix("/") ? String(words[1].dropLast()) : words[1]
      // `COPY X X` keeps the path; `COPY Package.swift ./` lands in the root under its own name.
      if destination == source || destination == "." { copied.insert(source) }
    }
    return copied
  }

  @Test func everySymbolicLinkUnderSourcesPointsAtSomethingTheBuildStageCopies() throws {
    // COPY keeps a link as a link: a target folder the build stage leaves out dangles in the image,
    // and the EmbedResources plugin then embeds nothing (an image without its bundled scenarios).
    let root = TestPaths.packageRoot.standardizedFileURL
    let copied = try buildStageCopies()
    #expect(copied.isSuperset(of: ["Package.swift", "Plugins", "Sources", "Tests"]))
    let manager = FileManager.default
    let sources = root.appendingPathComponent("Sources")
    let enumerator = try #require(manager.enumerator(atPath: sources.path))
    var links: [String: String] = [:]
    for case let relative as String in enumerator {
      let link = sources.appendingPathComponent(relative)
      guard let destination = try? manager.destinationOfSymbolicLink(atPath: link.path) else { continue }
      let target = URL(fileURLWithPath: destination, relativeTo: link.deletingLastPathComponent())
        .standardizedFileURL.path
      #expect(target.hasPrefix(root.path + "/"), "Sources/\(relative) points outside the package: \(target)")
      links["Sources/" + relative] = String(target.dropFirst(root.path.count + 1))
    }
    // The one link today; a new one is checked the same way.
    #expect(links["Sources/Simulation/Embedded"] == "scenarios")
    for (link, target) in links.sorted(by: { $0.key < $1.key }) {
      let top = String(target.split(separator: "/").first ?? "")
      #expect(
        copied.contains(top) || copied.contains(target),
        "\(link) -> \(target): deploy/Dockerfile's build stage does not copy \(top)")
    }
  }

  @Test func theDeploymentsCommandLineParsesAndItsPortsAgree() throws {
    let all = try documents("proxy-deployment.yaml")
    let deployment = try #require(all.first { $0["kind"] as? String == "Deployment" })
    let service = try #require(all.first { $0["kind"] as? String == "Service" })
    let proxy = try #require(containers(deployment).first { $0["name"] as? String == "proxy" })
    #expect(proxy["command"] as? [String] == ["rtcost"])
    var args = try #require(proxy["args"] as? [String])
    #expect(args.first == "proxy")
    args.removeFirst()
    // The pod's paths, moved to this machine: the scenario from the package, the volume to a scratch folder.
    let scratch = try TestPaths.scratchFolder("deploy")
    args = args.map {
      $0.replacingOccurrences(of: "$(POD_NAME)", with: "rtcost-proxy-0")
        .replacingOccurrences(of: "=scenarios/", with: "=\(TestPaths.packageRoot.path)/scenarios/")
        .replacingOccurrences(of: "=/data/", with: "=\(scratch.path)/")
    }
    let command = try #require(try ProxyCommand.parseAsRoot(args) as? ProxyCommand)
    try command.validate()
    let config = try command.makeConfiguration(environment: ["OPENAI_API_KEY": "sk-test"])
    #expect(config.port == 8787)
    #expect(config.host == "0.0.0.0")
    #expect(config.keyInjection?.key == "sk-test")
    #expect(config.settings.idleTimeout == .minutes(5))
    let template = (deployment["spec"] as? [String: Any])?["template"] as? [String: Any]
    let annotations = (template?["metadata"] as? [String: Any])?["annotations"] as? [String: Any]
    #expect(annotations?["prometheus.io/scrape"] as? String == "true")
    #expect(annotations?["prometheus.io/port"] as? String == "8787")
    #expect(annotations?["prometheus.io/path"] as? String == "/metrics")
    let ports = try #require(proxy["ports"] as? [[String: Any]])
    #expect(ports.first?["containerPort"] as? Int == 8787)
    let servicePorts = try #require((service["spec"] as? [String: Any])?["ports"] as? [[String: Any]])
    #expect(servicePorts.first?["targetPort"] as? String == "ws")
    let probe = try #require(proxy["readinessProbe"] as? [String: Any])
    #expect((probe["httpGet"] as? [String: Any])?["path"] as? String == "/healthz")
  }

  private func podSpec(_ document: [String: Any]) -> [String: Any]? {
    ((document["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
  }

  @Test func everyPodRunsAsTheImagesUserAndCanWriteItsVolumes() throws {
    let dockerfile = try text("Dockerfile")
    let user = try #require(dockerfile.split(separator: "\n").last { $0.hasPrefix("USER ") })
    let ids = user.dropFirst("USER ".count).split(separator: ":").compactMap { Int($0) }
    #expect(ids == [65532, 65532])
    var pods = 0
    for name in ["forecast-indexed-job.yaml", "proxy-deployment.yaml"] {
      for document in try documents(name) {
        guard let pod = podSpec(document) else { continue }
        pods += 1
        let kind = document["kind"] as? String ?? "?"
        let security = pod["securityContext"] as? [String: Any]
        #expect(security?["runAsUser"] as? Int == ids.first, "\(name) \(kind): runAsUser")
        #expect(security?["runAsGroup"] as? Int == ids.last, "\(name) \(kind): runAsGroup")
        // Without fsGroup a fresh volume belongs to root and the image's user cannot write to it.
        #expect(security?["fsGroup"] as? Int == ids.last, "\(name) \(kind): fsGroup")
      }
    }
    #expect(pods == 3)
  }

  @Test func aClaimMountedByPodsOnSeveralNodesAtOnceIsReadWriteMany() throws {
    var checked: [String] = []
    for name in ["forecast-indexed-job.yaml", "proxy-deployment.yaml"] {
      let all = try documents(name)
      var modes: [String: [String]] = [:]
      for document in all where document["kind"] as? String == "PersistentVolumeClaim" {
        let claim = (document["metadata"] as? [String: Any])?["name"] as? String ?? ""
        modes[claim] = ((document["spec"] as? [String: Any])?["accessModes"] as? [String]) ?? []
      }
      for document in all {
        guard let pod = podSpec(document) else { continue }
        let spec = document["spec"] as? [String: Any]
        let pods = (spec?["replicas"] as? Int) ?? (spec?["parallelism"] as? Int) ?? 1
        guard pods > 1 else { continue }
        for volume in (pod["volumes"] as? [[String: Any]]) ?? [] {
          guard let claim = (volume["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String
          else { continue }
          #expect(
            modes[claim]?.contains("ReadWriteMany") == true,
            "\(name): \(pods) pods mount \(claim); it needs a ReadWriteMany claim in the same file")
          checked.append(claim)
        }
      }
    }
    #expect(checked.sorted() == ["rtcost-proxy-data", "rtcost-results"])
  }

  @Test func theSystemdUnitsCommandLineParses() throws {
    let unit = try text("rtcost-proxy.service")
    let line = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
    let words = line.dropFirst("ExecStart=".count).split(separator: " ").map(String.init)
    #expect(words.prefix(2) == ["/usr/local/bin/rtcost", "proxy"])
    let command = try #require(try ProxyCommand.parseAsRoot(Array(words.dropFirst(2))) as? ProxyCommand)
    try command.validate()
    #expect(command.host == "127.0.0.1")
    #expect(command.recordDir == "/var/lib/rtcost/recordings")
    #expect(unit.contains("KillSignal=SIGTERM"))
    #expect(unit.contains("StateDirectory=rtcost"))
  }

  /// The shell commands of docs/proxy.md's "Run it" section, one per entry (continuations joined,
  /// comments and a trailing `&` dropped), split on spaces.
  private func runItCommands() throws -> [[String]] {
    let doc = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/proxy.md"), encoding: .utf8)
    let start = try #require(doc.range(of: "\n## Run it\n"), "docs/proxy.md has no '## Run it' section")
    let rest = doc[start.upperBound...]
    let section = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
    var commands: [[String]] = []
    var inBlock = false
    var pending = ""
    for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        inBlock.toggle()
        continue
      }
      guard inBlock else { continue }
      var text = String(line)
      if let comment = text.range(of: "  # ") ?? (text.hasPrefix("# ") ? text.range(of: "# ") : nil) {
        text = String(text[..<comment.lowerBound])
      }
      if text.hasSuffix("\\") {
        pending += text.dropLast() + " "
        continue
      }
      var words = (pending + text).split(separator: " ").map(String.init)
      pending = ""
      if words.last == "&" { words.removeLast() }
      if !words.isEmpty { commands.append(words) }
    }
    return commands
  }

  @Test func theRunItCommandsOfDocsProxyMdUseTheRealOptionsFilesAndNames() throws {
    let commands = try runItCommands()
    let root = TestPaths.packageRoot.path
    // Every `rtcost proxy …`, on the host or in `docker run`, parses and validates.
    var proxies = 0
    for words in commands {
      guard
        let at = words.indices.first(where: {
          words[$0] == "rtcost" && words.dropFirst($0 + 1).first == "proxy"
        })
      else { continue }
      let command = try #require(
        try ProxyCommand.parseAsRoot(Array(words[(at + 2)...])) as? ProxyCommand, "\(words)")
      try command.validate()
      #expect(command.port == 8787, "\(words.joined(separator: " "))")
      proxies += 1
    }
    #expect(proxies == 3)
    // `rtcost serve` plays a recording that exists.
    let serve = try #require(commands.first { $0.starts(with: ["rtcost", "serve"]) })
    let served = try #require(try ServeCommand.parseAsRoot(Array(serve.dropFirst(2))) as? ServeCommand)
    #expect(FileManager.default.fileExists(atPath: root + "/" + served.recording))
    // docker build names deploy/Dockerfile and the tag `docker run` uses; the manifest's image is built too.
    let builds = commands.filter { $0.starts(with: ["docker", "build", "-f", "deploy/Dockerfile", "-t"]) }
    #expect(Set(builds.map { $0[5] }) == ["rtcost", image])
    let run = try #require(commands.first { $0.starts(with: ["docker", "run"]) })
    #expect(run.contains("rtcost") && run.contains("8787:8787"))
    #expect(commands.contains(["docker", "push", image]))
    // kubectl applies a manifest in deploy/ and creates the Secret the Deployment reads.
    let apply = try #require(commands.first { $0.starts(with: ["kubectl", "apply", "-f"]) })
    #expect(apply[3] == "deploy/proxy-deployment.yaml")
    #expect(FileManager.default.fileExists(atPath: root + "/" + apply[3]))
    let deployment = try #require(
      try documents("proxy-deployment.yaml").first { $0["kind"] as? String == "Deployment" })
    let proxy = try #require(containers(deployment).first { $0["name"] as? String == "proxy" })
    let secret = ((proxy["env"] as? [[String: Any]]) ?? []).compactMap {
      (($0["valueFrom"] as? [String: Any])?["secretKeyRef"] as? [String: Any])
    }.first
    let create = try #require(commands.first { $0.starts(with: ["kubectl", "create", "secret", "generic"]) })
    #expect(create[4] == secret?["name"] as? String)
    #expect(create[5].hasPrefix("--from-literal=\(secret?["key"] as? String ?? "?")="))
    #expect(commands.contains(["kubectl", "rollout", "status", "deployment/rtcost-proxy"]))
    // systemd: the unit goes where its comment says, the binary where ExecStart runs it, the key
    // file where EnvironmentFile reads it, and `systemctl enable --now` names the unit.
    let unit = try text("rtcost-proxy.service")
    let execStart = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
    let binary = String(execStart.dropFirst("ExecStart=".count).split(separator: " ")[0])
    #expect(commands.contains(["sudo", "install", "-m", "0755", ".build/release/rtcost", binary]))
    let unitInstall = try #require(commands.first { $0.contains("deploy/rtcost-proxy.service") })
    #expect(unitInstall.last == "/etc/systemd/system/rtcost-proxy.service")
    #expect(unit.contains("copy to /etc/systemd/system/"))
    let environmentFile = try #require(unit.split(separator: "\n").first { $0.hasPrefix("EnvironmentFile=") })
    let keyFile = String(environmentFile.dropFirst("EnvironmentFile=".count))
    #expect(commands.contains { $0.last == "\(keyFile)'" })
    #expect(commands.contains(["sudo", "systemctl", "enable", "--now", "rtcost-proxy"]))
    #expect(
      commands.contains(["swift", "build", "-c", "release", "--product", "rtcost", "--static-swift-stdlib"]))
  }
}
