import Foundation
import TestSupport
import Testing

/// A corrupt usage block with an absurd count is one error naming the line, not an overflow trap.
@Suite struct ReplayImplausibleUsageTests {
  @Test func anAbsurdTokenCountIsAnErrorNamingTheLine() async throws {
    let result = await CommandRunner.run([
      "replay", "fixtures/recordings/replay-errors/implausible-usage.jsonl", "--model", "gpt-realtime",
    ])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.contains(
        "implausible-usage.jsonl:1: response.usage: a usage count of 100000000000000 tokens is not plausible"),
      "\(result.stderr)")
  }
}
