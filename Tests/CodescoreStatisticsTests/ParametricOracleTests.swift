import CodescoreStatistics
import Foundation
import Testing

/// The oracle document of Tests/Fixtures/statistics_oracle_parametric.py (scipy 1.17 / numpy), run once.
private enum ParametricOracle {
    nonisolated(unsafe) static let root: [String: Any]? = try? oracle("statistics_oracle_parametric.py") as? [String: Any]

    static func cases(_ name: String) throws -> [[String: Any]] {
        let root = try #require(root, "statistics_oracle_parametric.py did not run")
        let cases = try #require(root[name] as? [[String: Any]], "oracle has no case list \(name)")
        try #require(!cases.isEmpty, "oracle case list \(name) is empty")
        return cases
    }
}

/// A number from the oracle: JSON numbers, or "inf", "-inf", "nan".
private func number(_ value: Any?) -> Double {
    switch value {
    case let string as String:
        switch string {
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return .nan
        }
    case let number as NSNumber: return number.doubleValue
    default: return .nan
    }
}

private func numbers(_ value: Any?) -> [Double] {
    (value as? [Any] ?? []).map(number)
}

private func integer(_ value: Any?) -> Int {
    (value as? NSNumber)?.intValue ?? Int.min
}

private func alternative(_ value: Any?) -> Alternative {
    Alternative(rawValue: value as? String ?? "") ?? .twoSided
}

/// Relative agreement |a − b| ≤ tolerance·|b| (plus `absolute`, by default only the subnormal range), with
/// NaN and infinities equal only to themselves. Stricter than `close` for small probabilities.
private func agrees(_ a: Double, _ b: Double, _ tolerance: Double, absolute: Double = 1e-300) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= tolerance * abs(b) + absolute
}

@Suite struct ParametricOracleTests {
    // MARK: - Distributions

    @Test func studentTCDFSurvivalAndDensityMatchScipy() throws {
        for c in try ParametricOracle.cases("t_cdf") {
            let df = number(c["df"]), t = number(c["t"])
            let distribution = StudentT(degreesOfFreedom: df)
            #expect(agrees(distribution.cdf(t), number(c["cdf"]), 1e-10), "t.cdf(\(t), df=\(df)) = \(distribution.cdf(t)) vs \(number(c["cdf"]))")
            #expect(agrees(distribution.survival(t), number(c["sf"]), 1e-10), "t.sf(\(t), df=\(df)) = \(distribution.survival(t)) vs \(number(c["sf"]))")
            #expect(agrees(distribution.pdf(t), number(c["pdf"]), 1e-10), "t.pdf(\(t), df=\(df)) = \(distribution.pdf(t)) vs \(number(c["pdf"]))")
        }
    }

    @Test func studentTQuantileMatchesScipyFromOneInATrillionToTheOtherEnd() throws {
        for c in try ParametricOracle.cases("t_ppf") {
            let df = number(c["df"]), p = number(c["p"])
            let distribution = StudentT(degreesOfFreedom: df)
            let x = distribution.quantile(p)
            #expect(agrees(x, number(c["ppf"]), 1e-10), "t.ppf(\(p), df=\(df)) = \(x) vs \(number(c["ppf"]))")
            // The quantile inverts the CDF in the tail it was asked about.
            if p < 0.5 {
                #expect(agrees(distribution.cdf(x), p, 1e-12), "cdf(ppf(\(p))) with df=\(df)")
            } else if p > 0.5 {
                #expect(agrees(distribution.survival(x), 1 - p, 1e-12), "sf(ppf(\(p))) with df=\(df)")
            }
        }
        for c in try ParametricOracle.cases("t_isf") {
            let df = number(c["df"]), q = number(c["q"])
            let x = StudentT(degreesOfFreedom: df).inverseSurvival(q)
            #expect(agrees(x, number(c["isf"]), 1e-10), "t.isf(\(q), df=\(df)) = \(x) vs \(number(c["isf"]))")
        }
    }

    @Test func specialFunctionsMatchScipy() throws {
        for c in try ParametricOracle.cases("log_beta") {
            let a = number(c["a"]), b = number(c["b"])
            let value = SpecialFunctions.logBeta(a, b)
            #expect(agrees(value, number(c["value"]), 1e-12, absolute: 1e-13), "betaln(\(a), \(b)) = \(value) vs \(number(c["value"]))")
        }
        for c in try ParametricOracle.cases("incomplete_beta") {
            let a = number(c["a"]), b = number(c["b"]), x = number(c["x"])
            let (lower, upper) = SpecialFunctions.incompleteBeta(a: a, b: b, x: x)
            #expect(agrees(lower, number(c["lower"]), 1e-10), "betainc(\(a), \(b), \(x)) = \(lower) vs \(number(c["lower"]))")
            #expect(agrees(upper, number(c["upper"]), 1e-10), "betaincc(\(a), \(b), \(x)) = \(upper) vs \(number(c["upper"]))")
            #expect(lower == SpecialFunctions.regularizedIncompleteBeta(a: a, b: b, x: x))
        }
    }

    @Test func betaQuantilesMatchScipy() throws {
        for c in try ParametricOracle.cases("beta_ppf") {
            let a = number(c["a"]), b = number(c["b"]), p = number(c["p"])
            let distribution = BetaDistribution(alpha: a, beta: b)
            let x = distribution.quantile(p), y = distribution.inverseSurvival(p)
            #expect(agrees(x, number(c["ppf"]), 1e-10), "beta.ppf(\(p), \(a), \(b)) = \(x) vs \(number(c["ppf"]))")
            #expect(agrees(y, number(c["isf"]), 1e-10), "beta.isf(\(p), \(a), \(b)) = \(y) vs \(number(c["isf"]))")
        }
    }

    @Test func binomialPMFCDFAndSurvivalMatchScipy() throws {
        for c in try ParametricOracle.cases("binom") {
            let n = integer(c["n"]), k = integer(c["k"]), p = number(c["p"])
            let distribution = Binomial(trials: n, probability: p)
            #expect(agrees(distribution.pmf(k), number(c["pmf"]), 1e-10), "binom.pmf(\(k), \(n), \(p)) = \(distribution.pmf(k)) vs \(number(c["pmf"]))")
            #expect(agrees(distribution.cdf(k), number(c["cdf"]), 1e-10), "binom.cdf(\(k), \(n), \(p)) = \(distribution.cdf(k)) vs \(number(c["cdf"]))")
            #expect(agrees(distribution.survival(k), number(c["sf"]), 1e-10), "binom.sf(\(k), \(n), \(p)) = \(distribution.survival(k)) vs \(number(c["sf"]))")
        }
    }

    // MARK: - Binomial tests and intervals

    @Test func exactBinomialTestMatchesScipyBinomtest() throws {
        for c in try ParametricOracle.cases("binomtest") {
            let k = integer(c["k"]), n = integer(c["n"]), p = number(c["p"])
            let result = BinomialTest.test(successes: k, trials: n, probability: p, alternative: alternative(c["alternative"]))
            #expect(close(result.statistic, number(c["statistic"]), 1e-15))
            #expect(agrees(result.pValue, number(c["pvalue"]), 1e-9),
                    "binomtest(\(k), \(n), \(p), \(c["alternative"] ?? "")) p = \(result.pValue) vs \(number(c["pvalue"]))")
        }
    }

    @Test func proportionIntervalsMatchScipyProportionCI() throws {
        for c in try ParametricOracle.cases("proportion_ci") {
            let k = integer(c["k"]), n = integer(c["n"]), level = number(c["level"])
            let method = try #require(ProportionInterval.Method(rawValue: c["method"] as? String ?? ""))
            let interval = ProportionInterval.interval(successes: k, trials: n, confidenceLevel: level, method: method,
                                                       alternative: alternative(c["alternative"]))
            let label = "\(method) k=\(k) n=\(n) level=\(level) \(c["alternative"] ?? "")"
            if method == .clopperPearson {
                // scipy's own limits come from brentq with an absolute xtol of 2e-12; the Beta quantiles agree
                // with them to that and give the exact limits to full relative precision.
                #expect(agrees(interval.lower, number(c["low"]), 1e-9, absolute: 4e-12), "\(label) low \(interval.lower) vs \(number(c["low"]))")
                #expect(agrees(interval.upper, number(c["high"]), 1e-9, absolute: 4e-12), "\(label) high \(interval.upper) vs \(number(c["high"]))")
                #expect(agrees(interval.lower, number(c["low_beta"]), 1e-10), "\(label) low \(interval.lower) vs \(number(c["low_beta"]))")
                #expect(agrees(interval.upper, number(c["high_beta"]), 1e-10), "\(label) high \(interval.upper) vs \(number(c["high_beta"]))")
            } else {
                #expect(agrees(interval.lower, number(c["low"]), 1e-9), "\(label) low \(interval.lower) vs \(number(c["low"]))")
                #expect(agrees(interval.upper, number(c["high"]), 1e-9), "\(label) high \(interval.upper) vs \(number(c["high"]))")
            }
        }
    }

    @Test func signTestMatchesBinomtestOnThePositives() throws {
        for c in try ParametricOracle.cases("sign_test") {
            let differences = numbers(c["differences"])
            let result = SignTest.test(differences: differences, alternative: alternative(c["alternative"]))
            #expect(result.positives == integer(c["positives"]))
            #expect(result.negatives == integer(c["negatives"]))
            #expect(result.zeros == integer(c["zeros"]))
            #expect(agrees(result.pValue, number(c["pvalue"]), 1e-9), "sign test \(differences) p = \(result.pValue) vs \(number(c["pvalue"]))")
            #expect(result.testResult.statistic == Double(result.positives))
        }
    }

    @Test func mcNemarExactMatchesBinomtestOnTheDiscordantPairs() throws {
        for c in try ParametricOracle.cases("mcnemar") {
            let b = integer(c["b"]), c2 = integer(c["c"])
            let result = McNemarTest.exact(candidateOnly: b, baselineOnly: c2)
            #expect(result.statistic == number(c["statistic"]))
            #expect(agrees(result.pValue, number(c["pvalue"]), 1e-9), "McNemar b=\(b) c=\(c2) p = \(result.pValue) vs \(number(c["pvalue"]))")
            // The same counts from paired outcomes, with concordant pairs that must not matter.
            let candidate = Array(repeating: true, count: b) + Array(repeating: false, count: c2) + [true, true, false]
            let baseline = Array(repeating: false, count: b) + Array(repeating: true, count: c2) + [true, true, false]
            #expect(McNemarTest.exact(candidate: candidate, baseline: baseline) == result)
        }
    }

    // MARK: - t tests

    @Test func pairedTTestMatchesScipyTtestRel() throws {
        for c in try ParametricOracle.cases("ttest_rel") {
            let candidate = numbers(c["candidate"]), baseline = numbers(c["baseline"])
            let level = number(c["level"])
            let result = PairedTTest.test(candidate: candidate, baseline: baseline, alternative: alternative(c["alternative"]),
                                          confidenceLevel: level)
            let label = "\(c["name"] ?? "") \(c["alternative"] ?? "") \(level)"
            #expect(result.degreesOfFreedom == number(c["df"]), "\(label)")
            #expect(close(result.statistic, number(c["statistic"]), 1e-9), "\(label) t = \(result.statistic) vs \(number(c["statistic"]))")
            #expect(agrees(result.pValue, number(c["pvalue"]), 1e-9), "\(label) p = \(result.pValue) vs \(number(c["pvalue"]))")
            #expect(close(result.mean, number(c["mean"]), 1e-12), "\(label) mean")
            #expect(close(result.standardError, number(c["se"]), 1e-12), "\(label) se")
            #expect(close(result.confidenceInterval.lower, number(c["low"]), 1e-9), "\(label) low \(result.confidenceInterval.lower) vs \(number(c["low"]))")
            #expect(close(result.confidenceInterval.upper, number(c["high"]), 1e-9), "\(label) high \(result.confidenceInterval.upper) vs \(number(c["high"]))")
        }
    }

    @Test func nonInferiorityTestMatchesScipyTtest1sampGreater() throws {
        for c in try ParametricOracle.cases("noninferiority") {
            let differences = numbers(c["differences"]), margin = number(c["margin"])
            let result = PairedTTest.nonInferiority(differences: differences, margin: margin)
            let label = "\(c["name"] ?? "") δ=\(margin)"
            #expect(result.alternative == .greater && result.nullMean == -margin)
            #expect(result.degreesOfFreedom == number(c["df"]), "\(label)")
            #expect(close(result.statistic, number(c["statistic"]), 1e-9), "\(label) t = \(result.statistic) vs \(number(c["statistic"]))")
            #expect(agrees(result.pValue, number(c["pvalue"]), 1e-9), "\(label) p = \(result.pValue) vs \(number(c["pvalue"]))")
            #expect(close(result.confidenceInterval.lower, number(c["low"]), 1e-9), "\(label) low \(result.confidenceInterval.lower) vs \(number(c["low"]))")
            #expect(result.confidenceInterval.upper == .infinity)
            // The decision at α = 5% is the same read from the p-value and from the one-sided bound.
            if result.standardError > 0 {
                #expect((result.pValue < 0.05) == (result.confidenceInterval.lower > -margin), "\(label)")
            }
        }
    }

    @Test func tTestEdgeCases() {
        // Fewer than two differences: no test.
        let single = PairedTTest.test(differences: [0.3])
        #expect(single.mean == 0.3 && single.statistic.isNaN && single.pValue.isNaN && single.degreesOfFreedom.isNaN)
        // Constant differences: exactly zero variance even where the mean rounds (scipy reports ~1e16 here).
        let constant = PairedTTest.nonInferiority(differences: [0.1, 0.1, 0.1], margin: 0.05)
        #expect(constant.standardError == 0 && constant.statistic == .infinity && constant.pValue == 0)
        let worse = PairedTTest.nonInferiority(differences: [-0.1, -0.1, -0.1], margin: 0.05)
        #expect(worse.statistic == -.infinity && worse.pValue == 1)
        let allZero = PairedTTest.test(differences: [0, 0, 0, 0])
        #expect(allZero.statistic.isNaN)
        // Hand-computed: d = [2, 0]: mean 1, sd √2, SE 1, t = 1 on 1 df, two-sided p = 1 − 2·atan(1)/π = 0.5.
        let cauchy = PairedTTest.test(differences: [2, 0])
        #expect(close(cauchy.statistic, 1, 1e-15) && close(cauchy.pValue, 0.5, 1e-15))
    }

    // MARK: - Multiple testing

    @Test func holmAndBenjaminiHochbergMatchTheOracle() throws {
        for c in try ParametricOracle.cases("multiple_testing") {
            let p = numbers(c["p"])
            let holm = MultipleTesting.holm(p), bh = MultipleTesting.benjaminiHochberg(p)
            let expectedHolm = numbers(c["holm"]), expectedBH = numbers(c["bh"])
            #expect(holm.count == p.count && bh.count == p.count)
            for i in p.indices {
                #expect(close(holm[i], expectedHolm[i], 1e-12), "Holm \(p)[\(i)] = \(holm[i]) vs \(expectedHolm[i])")
                #expect(close(bh[i], expectedBH[i], 1e-12), "BH \(p)[\(i)] = \(bh[i]) vs \(expectedBH[i])")
                // Each adjustment only raises p, BH never above Holm, both capped at 1.
                #expect(p[i] <= bh[i] && bh[i] <= holm[i] && holm[i] <= 1)
            }
        }
        // Hand-computed Holm: [0.01, 0.04, 0.03] → sorted multipliers 3, 2, 1: 0.03, max(0.03, 0.06) = 0.06, max(0.06, 0.04) = 0.06.
        #expect(MultipleTesting.holm([0.01, 0.04, 0.03]).enumerated().allSatisfy { close($1, [0.03, 0.06, 0.06][$0], 1e-15) })
        #expect(MultipleTesting.holm([]).isEmpty && MultipleTesting.benjaminiHochberg([]).isEmpty)
    }

    // MARK: - Miller (2024): clustered standard errors and power

    @Test func clusteredStandardErrorsMatchExplicitPairSums() throws {
        for c in try ParametricOracle.cases("clustered_mean") {
            let scores = numbers(c["scores"]), labels = c["labels"] as? [String] ?? []
            let result = ClusteredStandardError.mean(scores, clusters: labels)
            let label = "\(c["name"] ?? "")"
            #expect(close(result.mean, number(c["mean"]), 1e-12), "\(label) mean")
            #expect(agrees(result.standardErrorCLT, number(c["se_clt"]), 1e-12), "\(label) SE_CLT \(result.standardErrorCLT) vs \(number(c["se_clt"]))")
            #expect(agrees(result.standardError, number(c["se"]), 1e-9), "\(label) SE_C \(result.standardError) vs \(number(c["se"]))")
            #expect(result.clusterCount == integer(c["clusters"]) && result.count == scores.count)
        }
        for c in try ParametricOracle.cases("clustered_paired") {
            let labels = c["labels"] as? [String] ?? []
            let result = ClusteredStandardError.pairedDifference(candidate: numbers(c["candidate"]), baseline: numbers(c["baseline"]),
                                                                 clusters: labels)
            #expect(close(result.mean, number(c["mean"]), 1e-12))
            #expect(agrees(result.standardErrorCLT, number(c["se_clt"]), 1e-12))
            #expect(agrees(result.standardError, number(c["se"]), 1e-9), "\(c["name"] ?? "") SE_C \(result.standardError) vs \(number(c["se"]))")
        }
        // The worked example of the doc comment, by hand: SE_C² = 0.0625 − 0.25/16 = 0.046875.
        let hand = ClusteredStandardError.mean([1, 0, 1, 1], clusters: ["a", "a", "b", "b"])
        #expect(close(hand.standardError * hand.standardError, 0.046875, 1e-15))
        #expect(close(hand.standardErrorCLT * hand.standardErrorCLT, 0.0625, 1e-15))
        // One question per cluster: SE_C = SE_CLT.
        let singletons = ClusteredStandardError.mean([0.2, 0.9, 0.4, 0.7], clusters: [1, 2, 3, 4])
        #expect(singletons.standardError == singletons.standardErrorCLT)
    }

    @Test func powerMinimumDetectableEffectAndSampleSizesMatchTheOracle() throws {
        for c in try ParametricOracle.cases("power") {
            let plan = PairedPowerAnalysis(
                omegaSquared: number(c["omega2"]), candidateVariance: number(c["var_a"]), baselineVariance: number(c["var_b"]),
                candidateSamples: integer(c["k_a"]), baselineSamples: integer(c["k_b"]), alpha: number(c["alpha"]),
                power: number(c["power"]), alternative: alternative(c["alternative"]))
            let n = integer(c["n"]), delta = number(c["delta"])
            let label = "\(c)"
            #expect(close(plan.taskVariance, number(c["task_variance"]), 1e-14), "\(label)")
            #expect(agrees(plan.standardError(tasks: n), number(c["se"]), 1e-12), "\(label)")
            #expect(agrees(plan.minimumDetectableEffect(tasks: n), number(c["mde"]), 1e-12), "\(label)")
            #expect(plan.requiredTasks(effect: delta) == integer(c["n_required"]), "\(label): \(plan.requiredTasks(effect: delta))")
            let expectedK: Int? = c["k_required"] is NSNull ? nil : integer(c["k_required"])
            #expect(plan.requiredSamplesPerTask(effect: delta, tasks: n) == expectedK, "\(label)")
            #expect(agrees(plan.achievedPower(effect: delta, tasks: n), number(c["achieved_power"]), 1e-12), "\(label)")
            // Power at the MDE is the target power, and the required n reaches it.
            #expect(close(plan.achievedPower(effect: plan.minimumDetectableEffect(tasks: n), tasks: n), plan.power, 1e-12))
            let needed = plan.requiredTasks(effect: delta)
            #expect(plan.achievedPower(effect: delta, tasks: needed) >= plan.power - 1e-12)
            if needed > 1 { #expect(plan.achievedPower(effect: delta, tasks: needed - 1) < plan.power) }
        }
        // The worked example of the doc comment, by hand.
        let plan = PairedPowerAnalysis(omegaSquared: 0.04, candidateVariance: 0.2, baselineVariance: 0.2,
                                       candidateSamples: 4, baselineSamples: 4)
        #expect(close(plan.taskVariance, 0.14, 1e-15))
        #expect(abs(plan.minimumDetectableEffect(tasks: 100) - 0.0930354) < 5e-7)
        #expect(plan.requiredTasks(effect: 0.05) == 347)
    }

    @Test func varianceComponentsMatchTheOracle() throws {
        for c in try ParametricOracle.cases("variance_components") {
            let candidate = (c["candidate"] as? [Any] ?? []).map(numbers), baseline = (c["baseline"] as? [Any] ?? []).map(numbers)
            let components = try #require(VarianceComponents.estimate(candidate: candidate, baseline: baseline))
            #expect(close(components.omegaSquared, number(c["omega2"]), 1e-12), "ω² \(components.omegaSquared) vs \(number(c["omega2"]))")
            #expect(close(components.candidateVariance, number(c["var_a"]), 1e-12))
            #expect(close(components.baselineVariance, number(c["var_b"]), 1e-12))
        }
        #expect(VarianceComponents.estimate(candidate: [[1], [0]], baseline: [[1], [1]]) == nil)
    }
}
