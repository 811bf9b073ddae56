import CodescoreStatistics
import Testing

@Suite struct NormalTests {
    @Test func quantileInvertsTheCDFToFullPrecision() {
        for p in [1e-300, 1e-20, 1e-10, 0.001, 0.025, 0.05, 0.2, 0.5, 0.8, 0.95, 0.975, 0.999999] {
            let x = Normal.quantile(p)
            let back = p < 0.5 ? Normal.cdf(x) : 1 - Normal.survival(x)
            #expect(abs(back - p) <= 1e-13 * p, "p=\(p) x=\(x) back=\(back)")
        }
        // Known values.
        #expect(abs(Normal.quantile(0.975) - 1.959963984540054) < 1e-14)
        #expect(abs(Normal.quantile(0.95) - 1.6448536269514722) < 1e-14)
        #expect(abs(Normal.cdf(-1.959963984540054) - 0.025) < 1e-16)
    }

    @Test func seededGeneratorIsReproducible() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        var c = SeededGenerator(seed: 43)
        #expect(first != (0..<5).map { _ in c.next() })
        var unit = SeededGenerator(seed: 1)
        #expect((0..<1000).allSatisfy { _ in (0..<1).contains(unit.nextUnit()) })
    }
}
