/// The unbiased pass@k estimator (Chen et al. 2021): 1 − C(n−c, k) / C(n, k) for n samples of which c
/// passed, computed as a product so that it never overflows: 1 − ∏_{i=n−c+1}^{n} (1 − k/i).
public enum PassAtK {
    public static func estimate(samples n: Int, correct c: Int, k: Int) -> Double? {
        guard n > 0, k > 0, k <= n, c >= 0, c <= n else { return nil }
        if n - c < k { return 1 }
        if c == 0 { return 0 }
        var failAll = 1.0
        for i in (n - c + 1)...n { failAll *= 1 - Double(k) / Double(i) }
        return 1 - failAll
    }
}
