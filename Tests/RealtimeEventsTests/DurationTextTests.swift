import RealtimeEvents
import Testing

@Suite struct DurationTextTests {
  @Test func parsesEveryUnit() {
    #expect(DurationText.parse("250ms") == 250_000)
    #expect(DurationText.parse("30s") == 30_000_000)
    #expect(DurationText.parse("1.5s") == 1_500_000)
    #expect(DurationText.parse("5m") == 300_000_000)
    #expect(DurationText.parse("2h") == 7_200_000_000)
    #expect(DurationText.parse("7d") == 604_800_000_000)
    #expect(DurationText.parse("0s") == 0)
  }

  @Test func refusesWhatIsNotADuration() {
    for text in ["30", "s", "-3s", "5 minutes", "1e3s", "abc", "5x"] {
      #expect(DurationText.parse(text) == nil, "\(text)")
    }
  }

  @Test func formatsTheShortestExactUnit() {
    #expect(DurationText.format(300_000_000) == "5m")
    #expect(DurationText.format(250_000) == "250ms")
    #expect(DurationText.format(86_400_000_000) == "1d")
  }

  /// Issue 11 item 14: a duration past the limit is told apart from text that is not a duration.
  @Test func aDurationPastOneHundredDaysIsTooLongNotMalformed() {
    #expect(DurationText.read("100d") == .duration(8_640_000_000_000))
    #expect(DurationText.read("2400h") == .duration(8_640_000_000_000))
    #expect(DurationText.read("365d") == .tooLong)
    #expect(DurationText.read("100.000001d") == .tooLong)
    #expect(DurationText.read("8640000000001us") == .tooLong)
    #expect(DurationText.read("99999999999999999999999s") == .tooLong)
    #expect(DurationText.parse("365d") == nil)
    for text in ["-365d", "365", "365 days", "1e9d", "d", "1.2.3d", "1.0000001d"] {
      #expect(DurationText.read(text) == .malformed, "\(text)")
    }
  }
}
