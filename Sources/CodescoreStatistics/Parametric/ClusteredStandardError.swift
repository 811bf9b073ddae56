import Foundation

/// A mean with its plain (CLT) and clustered standard errors.
public struct ClusteredMean: Sendable, Hashable {
    public var mean: Double
    /// SE_CLT = √(s²/n), s² the sample variance with divisor n − 1 (Miller eq. 1).
    public var standardErrorCLT: Double
    /// SE_C of Miller eq. 4 (eq. 8 for paired differences).
    public var standardError: Double
    public var count: Int
    public var clusterCount: Int
}

/// Clustered standard errors of Miller (2024), "Adding Error Bars to Evals" (arXiv 2411.00640), for questions
/// (here: tasks) drawn in clusters, with scores s_{i,c} (question i of cluster c), n questions in all:
///
///     SE_C = √( SE_CLT² + (1/n²) Σ_c Σ_i Σ_{j≠i} (s_{i,c} − s̄)(s_{j,c} − s̄) )            (eq. 4)
///
/// with SE_CLT² = (1/n)·(1/(n−1))·Σ_i (s_i − s̄)². The triple sum is computed as Σ_c [(Σ_{i∈c} e_i)² − Σ_{i∈c} e_i²],
/// e_i = s_i − s̄, so the cost is linear. Eq. 8 is the same formula applied to the paired differences
/// d_i = s_{A,i} − s_{B,i} (candidate − baseline), which keeps the within-cluster covariance of both models.
/// With one question per cluster SE_C = SE_CLT. The result is never below zero: SE_C² =
/// Σ_c (Σ_{i∈c} e_i)²/n² + Σ_i e_i²/(n²(n−1)).
///
/// Worked example (checked by hand): s = [1, 0, 1, 1] in clusters [a, a, b, b]: s̄ = 0.75, e = [¼, −¾, ¼, ¼],
/// Σe² = 0.75, SE_CLT² = 0.75/(3·4) = 0.0625; cross terms: a gives 2·(¼)(−¾) = −0.375, b gives 2·(¼)(¼) = 0.125,
/// so SE_C² = 0.0625 − 0.25/16 = 0.046875 and SE_C ≈ 0.216506.
public enum ClusteredStandardError {
    /// Miller eq. 4: the mean of `scores` and its clustered standard error; `clusters[i]` labels score i.
    public static func mean<Cluster: Hashable>(_ scores: [Double], clusters: [Cluster]) -> ClusteredMean {
        precondition(scores.count == clusters.count, "one cluster label per score")
        let n = scores.count
        guard n >= 2 else {
            return ClusteredMean(mean: n == 1 ? scores[0] : .nan, standardErrorCLT: .nan, standardError: .nan,
                                 count: n, clusterCount: Set(clusters).count)
        }
        let nD = Double(n)
        let mean = scores.reduce(0, +) / nD
        // Cluster sums in order of first appearance, so the result does not depend on hashing order
        // (which changes from one process to the next): the same inputs give the same bits.
        var slot: [Cluster: Int] = [:]
        var sums: [Double] = []
        var sumOfSquares = 0.0
        for (score, cluster) in zip(scores, clusters) {
            let e = score - mean
            if let index = slot[cluster] {
                sums[index] += e
            } else {
                slot[cluster] = sums.count
                sums.append(e)
            }
            sumOfSquares += e * e
        }
        let varianceCLT = sumOfSquares / (nD - 1) / nD
        let crossTerms = sums.reduce(0) { $0 + $1 * $1 } - sumOfSquares
        let variance = max(0, varianceCLT + crossTerms / (nD * nD))
        return ClusteredMean(mean: mean, standardErrorCLT: varianceCLT.squareRoot(), standardError: variance.squareRoot(),
                             count: n, clusterCount: sums.count)
    }

    /// Miller eq. 8: the mean paired difference candidate − baseline and its clustered standard error.
    public static func pairedDifference<Cluster: Hashable>(
        candidate: [Double], baseline: [Double], clusters: [Cluster]
    ) -> ClusteredMean {
        precondition(candidate.count == baseline.count, "paired samples must have the same length")
        return mean(zip(candidate, baseline).map { $0 - $1 }, clusters: clusters)
    }
}
