import Testing

@testable import Simulation

@Suite struct SplitMix64Tests {
  @Test func matchesTheReferenceSequenceForSeedZero() {
    // Reference values of Vigna's splitmix64.c seeded with 0.
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(generator.next() == 0x06C4_5D18_8009_454F)
  }

  @Test func unitDoublesLieInTheHalfOpenInterval() {
    var generator = SplitMix64(seed: 99)
    for _ in 0..<10_000 {
      let value = generator.nextUnitDouble()
      #expect(value >= 0 && value < 1)
    }
  }

  @Test func streamsAreIndependentAndReproducible() {
    var turnsA = RandomStream.turns.generator(seed: 42)
    var turnsB = RandomStream.turns.generator(seed: 42)
    var noise = RandomStream.noise.generator(seed: 42)
    var noise1 = RandomStream.noise.generator(seed: 42, index: 1)
    var otherSeed = RandomStream.turns.generator(seed: 43)
    let a = (0..<4).map { _ in turnsA.next() }
    #expect(a == (0..<4).map { _ in turnsB.next() })
    #expect(a != (0..<4).map { _ in noise.next() })
    #expect(a != (0..<4).map { _ in otherSeed.next() })
    var noiseAgain = RandomStream.noise.generator(seed: 42)
    let n0 = (0..<4).map { _ in noiseAgain.next() }
    #expect(n0 != (0..<4).map { _ in noise1.next() })
  }
}
