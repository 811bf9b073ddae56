import CodescoreStatistics
import Testing

/// Judge-calibration statistics against Tests/Fixtures/statistics_oracle_agreement.py (scipy 1.17 for ρ and
/// τ-b; κ and α from their pairwise formulas there, so the implementations are independent).
@Suite struct AgreementOracleTests {
    @Test("Spearman ρ, Kendall τ-b, quadratic-weighted κ, Krippendorff α and MAE agree with the oracle to 1e-9")
    func pairsAgree() throws {
        let document = try #require(try oracle("statistics_oracle_agreement.py") as? [String: Any])
        #expect(document["scipy"] as? String == "1.17.0")
        let pairs = try #require(document["pairs"] as? [[String: Any]])
        #expect(pairs.count == 5)
        for pair in pairs {
            let name = pair["name"] as? String ?? "?"
            let a = try #require(pair["a"] as? [Int]), b = try #require(pair["b"] as? [Int])
            let x = a.map(Double.init), y = b.map(Double.init)
            func expect(_ value: Double, _ key: String) throws {
                let expected = try #require(pair[key] as? Double, "\(name).\(key)")
                #expect(close(value, expected, 1e-9), "\(name) \(key): \(value) vs \(expected)")
            }
            try expect(RaterAgreement.spearman(x, y), "spearman")
            try expect(RaterAgreement.kendallTauB(x, y), "kendall_tau_b")
            try expect(RaterAgreement.quadraticWeightedKappa(a, b), "qwk")
            try expect(RaterAgreement.krippendorffAlpha(zip(x, y).map { [$0, $1] }, metric: .interval), "alpha_interval")
            try expect(RaterAgreement.krippendorffAlpha(zip(x, y).map { [$0, $1] }, metric: .ordinal), "alpha_ordinal")
            try expect(RaterAgreement.meanAbsoluteError(x, y), "mae")
        }
        let multi = try #require(document["multi_rater"] as? [String: Any])
        let units = try #require(multi["units"] as? [[Any]]).map { $0.map { ($0 as? Int).map(Double.init) } }
        for metric in RaterAgreement.AlphaMetric.allCases {
            let expected = try #require(multi["alpha_\(metric.rawValue)"] as? Double)
            let value = RaterAgreement.krippendorffAlpha(units, metric: metric)
            #expect(close(value, expected, 1e-9), "multi-rater \(metric): \(value) vs \(expected)")
        }
    }

    @Test("Degenerate inputs are NaN, not a number that looks meaningful")
    func degenerate() {
        #expect(RaterAgreement.spearman([1, 1, 1], [1, 2, 3]).isNaN)
        #expect(RaterAgreement.kendallTauB([2, 2], [2, 2]).isNaN)
        #expect(RaterAgreement.quadraticWeightedKappa([5, 5], [5, 5]).isNaN)
        #expect(RaterAgreement.krippendorffAlpha([[3, 3], [3, nil]]).isNaN)
        #expect(RaterAgreement.meanAbsoluteError([], []).isNaN)
    }
}
