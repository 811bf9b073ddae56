import Foundation

/// The paired sign-flip permutation test of the mean difference: under the null hypothesis each difference is
/// equally likely to have either sign. Matches `scipy.stats.permutation_test((d,), np.mean,
/// permutation_type="samples")` (scipy 1.17): exact over all 2ⁿ sign patterns, or Monte-Carlo with p = (1 + count)
/// / (1 + resamples).
public enum SignFlipPermutationTest {
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        /// Exact when n ≤ `exactLimit` (or when `resamples` ≥ 2ⁿ and n ≤ `maximumExactCount`, as scipy), else
        /// Monte-Carlo.
        case automatic
        /// Exact enumeration; n must not exceed `maximumExactCount`.
        case exact
        /// Monte-Carlo with `resamples` random sign patterns.
        case monteCarlo
    }

    public struct Result: Sendable, Hashable {
        /// The observed mean difference.
        public var statistic: Double
        public var pValue: Double
        public var isExact: Bool
        /// The size of the null distribution: 2ⁿ when exact, else the number of resamples.
        public var nullCount: Int

        public init(statistic: Double, pValue: Double, isExact: Bool, nullCount: Int) {
            self.statistic = statistic
            self.pValue = pValue
            self.isExact = isExact
            self.nullCount = nullCount
        }

        public var testResult: TestResult { TestResult(statistic: statistic, pValue: pValue) }
    }

    /// `.automatic` enumerates all sign patterns up to this many differences.
    public static let exactLimit = 20
    /// The largest n `.exact` accepts (meet-in-the-middle keeps 2 × 2ⁿᐟ² partial sums).
    public static let maximumExactCount = 40
    public static let defaultResamples = 10_000

    /// Tests the paired differences x − y; `x` and `y` must have the same length.
    public static func test(
        _ x: [Double], _ y: [Double], alternative: Alternative = .twoSided, method: Method = .automatic,
        resamples: Int = defaultResamples, seed: UInt64
    ) -> Result {
        precondition(x.count == y.count, "x and y must have the same length")
        return test(zip(x, y).map { $0 - $1 }, alternative: alternative, method: method, resamples: resamples, seed: seed)
    }

    /// Tests whether the mean of `differences` is zero. `seed` fixes the Monte-Carlo resamples (unused when exact).
    /// Empty input or NaN gives NaN.
    public static func test(
        _ differences: [Double], alternative: Alternative = .twoSided, method: Method = .automatic,
        resamples: Int = defaultResamples, seed: UInt64
    ) -> Result {
        precondition(resamples > 0, "resamples must be positive")
        let n = differences.count
        let exact: Bool
        switch method {
        case .exact:
            precondition(n <= maximumExactCount, "exact enumeration is limited to \(maximumExactCount) differences")
            exact = true
        case .monteCarlo: exact = false
        case .automatic:
            exact = n <= exactLimit || (n <= maximumExactCount && resamples >= 1 << n)
        }
        guard n > 0, !differences.contains(where: \.isNaN) else {
            return Result(statistic: .nan, pValue: .nan, isExact: exact, nullCount: exact ? 1 << n : resamples)
        }

        let observed = differences.reduce(0, +)
        // scipy counts null values within 100·ε·|observed| of the observed statistic as ties (theoretically equal
        // values computed with different rounding). The floor, a bound on the rounding of any signed sum,
        // keeps ties counted when the observed mean is near zero; genuinely distinct sums are far apart.
        let magnitude = differences.reduce(0) { $0 + abs($1) }
        let tolerance = max(100 * Double.ulpOfOne * abs(observed), 8 * Double(n) * Double.ulpOfOne * magnitude)

        let atMost: Double, atLeast: Double, nullCount: Int
        if exact {
            let counts = exactCounts(differences, observed: observed, tolerance: tolerance)
            nullCount = 1 << n
            atMost = Double(counts.atMost) / Double(nullCount)
            atLeast = Double(counts.atLeast) / Double(nullCount)
        } else {
            let counts = monteCarloCounts(differences, observed: observed, tolerance: tolerance,
                                          resamples: resamples, seed: seed)
            nullCount = resamples
            atMost = Double(counts.atMost + 1) / Double(resamples + 1)
            atLeast = Double(counts.atLeast + 1) / Double(resamples + 1)
        }
        let pValue: Double
        switch alternative {
        case .less: pValue = atMost
        case .greater: pValue = atLeast
        case .twoSided: pValue = min(2 * min(atMost, atLeast), 1)
        }
        return Result(statistic: observed / Double(n), pValue: pValue, isExact: exact, nullCount: nullCount)
    }

    /// Counts sign patterns whose signed sum is ≤ observed + tolerance and ≥ observed − tolerance, over all 2ⁿ
    /// patterns, by meet-in-the-middle: the 2^⌊n/2⌋ and 2^⌈n/2⌉ signed sums of the two halves are sorted and every
    /// pair is counted with one merge-like sweep — O(2ⁿᐟ² log 2ⁿᐟ²) instead of O(2ⁿ), and each partial sum
    /// has at most n/2 roundings (no error accumulates along an enumeration).
    static func exactCounts(_ values: [Double], observed: Double, tolerance: Double) -> (atMost: Int, atLeast: Int) {
        let half = values.count / 2
        let left = signedSums(values[..<half]).sorted()
        let right = signedSums(values[half...]).sorted()

        var atMost = 0
        let upper = observed + tolerance
        var j = right.count
        for a in left {  // a ascending: the bound on b descends, so j only moves down.
            let bound = upper - a
            while j > 0 && right[j - 1] > bound { j -= 1 }
            atMost += j
        }

        var atLeast = 0
        let lower = observed - tolerance
        var k = right.count
        for a in left {  // right[k...] are the b ≥ lower − a; the bound descends, so k only moves down.
            let bound = lower - a
            while k > 0 && right[k - 1] >= bound { k -= 1 }
            atLeast += right.count - k
        }
        return (atMost, atLeast)
    }

    /// All 2^count sums ±v₁ ± v₂ …, each a direct sum of its terms.
    private static func signedSums(_ values: ArraySlice<Double>) -> [Double] {
        var sums = [0.0]
        sums.reserveCapacity(1 << values.count)
        for value in values {
            let existing = sums.count
            for index in 0..<existing { sums.append(sums[index] - value) }
            for index in 0..<existing { sums[index] += value }
        }
        return sums
    }

    /// Counts random sign patterns (one generator bit per difference, 64 per draw) at or beyond the observed sum.
    private static func monteCarloCounts(
        _ values: [Double], observed: Double, tolerance: Double, resamples: Int, seed: UInt64
    ) -> (atMost: Int, atLeast: Int) {
        var generator = SeededGenerator(seed: seed)
        let upper = observed + tolerance, lower = observed - tolerance
        var atMost = 0, atLeast = 0
        // The hot loop of a large gate: plain indices over the buffer, 64 signs per random word.
        values.withUnsafeBufferPointer { buffer in
            for _ in 0..<resamples {
                var sum = 0.0
                var index = 0
                while index < buffer.count {
                    var bits = generator.next()
                    let end = min(index + 64, buffer.count)
                    while index < end {
                        sum += bits & 1 == 0 ? buffer[index] : -buffer[index]
                        bits >>= 1
                        index += 1
                    }
                }
                if sum <= upper { atMost += 1 }
                if sum >= lower { atLeast += 1 }
            }
        }
        return (atMost, atLeast)
    }
}
