import AudioIO
import Foundation
import TestSupport
import Testing

/// The committed fixtures are exactly what the generator writes.
///
/// Run with `RTCOST_WRITE_FIXTURES=1` (see `fixtures/wav/generate.sh`) to rewrite them.
@Suite struct WAVFixtureTests {
  @Test func committedFixturesAreWhatTheGeneratorWrites() throws {
    if ProcessInfo.processInfo.environment["RTCOST_WRITE_FIXTURES"] == "1" {
      try WAVFixtures.writeAll(to: TestPaths.wavFixtures.path)
    }
    let scratch = try TestPaths.scratchFolder("fixtures")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let written = try WAVFixtures.writeAll(to: scratch.path)
    #expect(written.count == WAVFixtures.all.count)
    for fixture in WAVFixtures.all {
      let fresh = try Data(contentsOf: scratch.appendingPathComponent(fixture.name))
      let committed = try Data(contentsOf: TestPaths.wavFixtures.appendingPathComponent(fixture.name))
      #expect(fresh == committed, "\(fixture.name) differs from the generator's output")
    }
    // No stray WAV files: every committed one comes from the catalogue.
    let names = try FileManager.default.contentsOfDirectory(atPath: TestPaths.wavFixtures.path)
      .filter { $0.hasSuffix(".wav") }.sorted()
    #expect(names == WAVFixtures.all.map(\.name).sorted())
  }

  @Test func fixturesAreSmall() throws {
    // The README promises a total under 1 MB.
    var total = 0
    for fixture in WAVFixtures.all {
      let size =
        try FileManager.default.attributesOfItem(
          atPath: TestPaths.wavFixtures.appendingPathComponent(fixture.name).path)[.size] as! Int
      total += size
    }
    #expect(total < 1_000_000)
  }
}
