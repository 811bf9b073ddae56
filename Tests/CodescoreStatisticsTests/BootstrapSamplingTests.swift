@testable import CodescoreStatistics
import Testing

/// The bootstrap's resampling draws indices uniformly (two per 64-bit draw, with rejection), including the
/// tail of a resample whose size is not a multiple of four.
@Suite struct BootstrapSamplingTests {
    @Test("Indices are uniform for bounds that are not powers of two (χ² over 700,000 draws)", arguments: [3, 7, 10])
    func uniformIndices(bound: Int) {
        var generator = SeededGenerator(seed: 11)
        let sampler = PairedBootstrap.IndexSampler(bound: bound)
        var counts = [Int](repeating: 0, count: bound)
        let draws = 700_000
        for _ in 0..<draws { counts[sampler.index(UInt32(truncatingIfNeeded: generator.next()), &generator)] += 1 }
        let expected = Double(draws) / Double(bound)
        let chiSquare = counts.reduce(0) { $0 + pow2(Double($1) - expected) / expected }
        // χ² with at most 9 degrees of freedom exceeds 35 with probability < 1e-4.
        #expect(chiSquare < 35, "\(counts)")
    }

    @Test("A bound close to 2³² rejects the biased products and stays in range")
    func largeBoundRejects() {
        var generator = SeededGenerator(seed: 5)
        let bound = 3_000_000_000
        let sampler = PairedBootstrap.IndexSampler(bound: bound)
        #expect(sampler.threshold == UInt32((UInt64(1) << 32) % UInt64(bound)))
        var sum = 0.0
        let draws = 200_000
        for _ in 0..<draws {
            let index = sampler.index(UInt32(truncatingIfNeeded: generator.next()), &generator)
            #expect(index >= 0 && index < bound)
            sum += Double(index) / Double(bound)
        }
        // Without rejection, low indices would be twice as likely for 43% of the range (mean ≈ 0.41).
        #expect(abs(sum / Double(draws) - 0.5) < 0.005)
    }

    @Test("Bootstrap means of 0/1 data are centred on the sample mean with binomial spread, whatever n mod 4",
          arguments: [5, 6, 7, 8, 9])
    func bernoulliMeans(n: Int) {
        let ones = 2
        let data = (0..<n).map { $0 < ones ? 1.0 : 0.0 }
        let means = PairedBootstrap.bootstrapMeans(data, resamples: 40_000, seed: 3)
        let p = Double(ones) / Double(n)
        let average = means.reduce(0, +) / Double(means.count)
        let variance = means.reduce(0) { $0 + pow2($1 - average) } / Double(means.count - 1)
        // Each mean is Binomial(n, p)/n: mean p, variance p(1 − p)/n.
        let expectedVariance = p * (1 - p) / Double(n)
        #expect(abs(average - p) < 5 * (expectedVariance / Double(means.count)).squareRoot())
        #expect(abs(variance / expectedVariance - 1) < 0.05)
        // Every mean is a multiple of 1/n, as n draws of 0/1 must give.
        #expect(means.allSatisfy { abs($0 * Double(n) - ($0 * Double(n)).rounded()) < 1e-9 })
    }
}

private func pow2(_ x: Double) -> Double { x * x }
