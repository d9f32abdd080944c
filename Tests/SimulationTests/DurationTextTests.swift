import Testing

@testable import Simulation

@Suite struct DurationTextTests {
  @Test func parsesEveryUnit() {
    #expect(DurationText.micros("250ms") == 250_000)
    #expect(DurationText.micros("30s") == 30_000_000)
    #expect(DurationText.micros("1.5s") == 1_500_000)
    #expect(DurationText.micros("5m") == 300_000_000)
    #expect(DurationText.micros("2h") == 7_200_000_000)
    #expect(DurationText.micros("7d") == 604_800_000_000)
    #expect(DurationText.micros("0s") == 0)
  }

  @Test func refusesWhatIsNotADuration() {
    for text in ["30", "s", "-3s", "5 minutes", "1e3s", "abc", "5x"] {
      #expect(DurationText.micros(text) == nil, "\(text)")
    }
  }

  @Test func formatsTheShortestExactUnit() {
    #expect(DurationText.format(300_000_000) == "5m")
    #expect(DurationText.format(250_000) == "250ms")
    #expect(DurationText.format(86_400_000_000) == "1d")
  }
}
