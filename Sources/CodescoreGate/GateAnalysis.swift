import CodescoreResults
import CodescoreStatistics
import Foundation

/// One parallel job's result, written by exactly one worker.
private final class Slot<Value>: @unchecked Sendable {
    var value: Value?
}

/// Decides PASS / REGRESSION / INCONCLUSIVE for every model × metric (SPEC §5; docs/statistics.md).
public struct GateAnalysis: Sendable {
    public var policy: GatePolicy

    public init(policy: GatePolicy) { self.policy = policy }

    /// Compares the candidate's records with the baseline's, model by model, for every gated metric that
    /// either side has. `candidateComplete` false (the run stopped early) makes every verdict at best INCONCLUSIVE.
    public func compare(baseline: [ResultRecord], candidate: [ResultRecord], candidateComplete: Bool) -> [MetricComparison] {
        let suites = Self.distinctSuites(candidate: candidate, baseline: baseline)
        // Pairing (one pass per model × benchmark) and the comparisons are independent: both run on every core.
        let pairings = suites.map { _ in Slot<(ModelPairing, [String: GatePolicy.MetricRule])>() }
        DispatchQueue.concurrentPerform(iterations: suites.count) { index in
            let rules = policy.rules(for: suites[index].benchmark)
            let pairing = TaskPairing.pair(model: suites[index].model, benchmark: suites[index].benchmark,
                                           metrics: rules.map(\.metric), baseline: baseline, candidate: candidate)
            pairings[index].value = (pairing, Dictionary(uniqueKeysWithValues: rules))
        }
        let jobs = pairings.compactMap(\.value).flatMap { pairing, rules in
            let records = Double(max(1, pairing.candidateRecords))
            return pairing.metrics.map { paired in
                // For judge metrics a sample the judge could not score counts as failed too.
                let failed = pairing.candidateErrors + (GatePolicy.isJudgeMetric(paired.baseMetric) ? pairing.candidateUnjudged : 0)
                return (paired: paired, rule: rules[paired.baseMetric]!, errorRate: Double(failed) / records)
            }
        }
        let slots = (0..<jobs.count).map { _ in Slot<MetricComparison>() }
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            slots[index].value = compare(job.paired, rule: job.rule, errorRate: job.errorRate, candidateComplete: candidateComplete)
        }
        var comparisons = slots.compactMap(\.value)
        // Holm over models × metrics for the regression alarm, then the verdicts that depend on it.
        let adjusted = MultipleTesting.holm(comparisons.map(\.pRegression))
        for index in comparisons.indices {
            comparisons[index].pRegressionAdjusted = adjusted[index]
            decide(&comparisons[index], candidateComplete: candidateComplete)
        }
        return comparisons
    }

    func compare(_ paired: PairedMetric, rule: GatePolicy.MetricRule, errorRate: Double, candidateComplete: Bool) -> MetricComparison {
        let n = paired.tasks.count
        let d = paired.differences
        let delta = Descriptive.mean(d)
        let deltaSE = Descriptive.standardError(d)
        let z = Normal.quantile(1 - policy.alpha) + Normal.quantile(policy.power)
        var comparison = MetricComparison(
            model: paired.model, metric: paired.metric, test: "none", tasks: n,
            samplesBaseline: Self.median(paired.baselineSamples.map(\.count)),
            samplesCandidate: Self.median(paired.candidateSamples.map(\.count)),
            baselineMean: Descriptive.mean(paired.baseline), baselineSE: Descriptive.standardError(paired.baseline),
            candidateMean: Descriptive.mean(paired.candidate), candidateSE: Descriptive.standardError(paired.candidate),
            delta: delta, deltaSE: deltaSE, deltaSEClustered: nil, deltaCI: nil, confidenceLevel: 1 - 2 * policy.alpha, margin: rule.margin,
            pRegression: 1, pRegressionAdjusted: 1, pNonInferiority: 1, pWilcoxon: nil, pSignTest: nil,
            mde: z * deltaSE, underpowered: false, tasksNeeded: nil, samplesNeeded: nil,
            floor: rule.floor, floorViolated: false, errorRate: errorRate, verdict: .inconclusive, reason: "",
            missingInBaseline: paired.missingInBaseline, missingInCandidate: paired.missingInCandidate,
            changedTasks: paired.changed, regressedTasks: [], improvedTasks: [])
        guard n > 0 else { return comparison }
        if let floor = rule.floor { comparison.floorViolated = comparison.candidateMean < floor }
        // Tasks of one category share more than chance: the clustered SE (Miller eq. 8) is reported too.
        let categories = paired.categories.map { $0 ?? "" }
        if Set(categories).count > 1 {
            comparison.deltaSEClustered = ClusteredStandardError.pairedDifference(
                candidate: paired.candidate, baseline: paired.baseline, clusters: categories).standardError
        }

        // The test (SPEC §5): H0 "Δ ≥ −δ" against "Δ < −δ" for the alarm, and the mirror for non-inferiority,
        // both on the shifted differences d_i + δ.
        let shifted = d.map { $0 + rule.margin }
        let zeros = d.filter { $0 == 0 }.count
        let useT: Bool
        switch policy.test {
        case .t: useT = deltaSE > 0 && n >= 2
        case .permutation: useT = false
        case .auto: useT = n >= 30 && zeros * 2 < n && deltaSE > 0
        }
        if useT {
            comparison.test = "paired-t"
            comparison.pRegression = PairedTTest.test(differences: d, nullMean: -rule.margin, alternative: .less).pValue
            comparison.pNonInferiority = PairedTTest.nonInferiority(differences: d, margin: rule.margin).pValue
        } else {
            let less = SignFlipPermutationTest.test(shifted, alternative: .less, resamples: policy.permutationResamples, seed: policy.seed)
            let greater = SignFlipPermutationTest.test(shifted, alternative: .greater, resamples: policy.permutationResamples,
                                                       seed: policy.seed)
            comparison.test = less.isExact ? "permutation-exact" : "permutation-monte-carlo"
            comparison.pRegression = less.pValue
            comparison.pNonInferiority = greater.pValue
        }
        if shifted.contains(where: { $0 != 0 }) {
            comparison.pWilcoxon = WilcoxonSignedRank.test(shifted, zeroMethod: .pratt, alternative: .less).pValue
            comparison.pSignTest = SignTest.test(differences: shifted, alternative: .less).pValue
        }
        if deltaSE > 0, n >= 2 {
            comparison.deltaCI = PairedBootstrap.confidenceInterval(
                d, method: .bca, confidenceLevel: comparison.confidenceLevel, resamples: policy.bootstrapResamples,
                seed: policy.seed).interval
        } else {
            comparison.deltaCI = Interval(lower: delta, upper: delta)
        }

        // Power: underpowered when δ < (z₁₋α + z₁₋β)·SE; what would fix it. A permutation test over n
        // tasks cannot reach p < 2⁻ⁿ, so fewer than log₂(1/α) tasks can never conclude either.
        let fewestTasks = Int(log2(1 / policy.alpha).rounded(.up))
        comparison.underpowered = rule.margin < comparison.mde || (!useT && n < fewestTasks)
        if comparison.underpowered {
            let byMDE = comparison.mde > 0 ? Int((Double(n) * pow(comparison.mde / rule.margin, 2)).rounded(.up)) : n
            comparison.tasksNeeded = max(byMDE, fewestTasks)
            comparison.samplesNeeded = samplesNeeded(paired, margin: rule.margin)
        }
        comparison.regressedTasks = flags(paired, alternative: .less)
        comparison.improvedTasks = flags(paired, alternative: .greater)
        return comparison
    }

    /// The verdict and its reason, once the Holm-adjusted alarm p-value is known.
    func decide(_ comparison: inout MetricComparison, candidateComplete: Bool) {
        let alpha = policy.alpha
        let format = { (value: Double) in String(format: "%.4g", value) }
        if !candidateComplete || comparison.errorRate > policy.maxErrorRate {
            comparison.verdict = .inconclusive
            comparison.reason = !candidateComplete
                ? "the candidate run is incomplete (errors beyond the budget or credentials rejected)"
                : String(format: "%.1f%% of the candidate's samples failed", comparison.errorRate * 100)
                    + (GatePolicy.isJudgeMetric(comparison.metric) ? " or got no valid judge vote" : "")
                    + String(format: " (policy allows %.1f%%)", policy.maxErrorRate * 100)
        } else if comparison.tasks == 0 {
            comparison.verdict = .inconclusive
            comparison.reason = "no task to compare (missing or changed on one side)"
        } else if comparison.floorViolated, let floor = comparison.floor {
            comparison.verdict = .regression
            comparison.reason = "candidate mean \(format(comparison.candidateMean)) is below the floor \(format(floor))"
        } else if comparison.pRegressionAdjusted < alpha {
            comparison.verdict = .regression
            comparison.reason = "worse than the baseline by more than the margin δ=\(format(comparison.margin)): "
                + "p=\(format(comparison.pRegressionAdjusted)) (Holm) < α=\(format(alpha))"
        } else if comparison.pNonInferiority < alpha {
            comparison.verdict = .pass
            comparison.reason = "not worse than the baseline by more than δ=\(format(comparison.margin)): "
                + "p=\(format(comparison.pNonInferiority)) < α=\(format(alpha))"
        } else {
            comparison.verdict = .inconclusive
            comparison.reason = comparison.underpowered
                ? "UNDERPOWERED: the smallest detectable effect is \(format(comparison.mde)) (δ=\(format(comparison.margin))) "
                    + "at \(comparison.tasks) tasks"
                    + (comparison.tasksNeeded.map { "; about \($0) tasks" } ?? "")
                    + (comparison.samplesNeeded.map { " or \($0) samples per task" } ?? "") + " would be needed"
                : "neither a regression beyond δ nor non-inferiority could be shown at α=\(format(alpha))"
        }
    }

    /// Per-task flags on the k samples: Fisher exact for pass/fail metrics, else Mann–Whitney; BH-adjusted.
    func flags(_ paired: PairedMetric, alternative: Alternative) -> [MetricComparison.TaskFlag] {
        let raw = paired.tasks.indices.map { index in
            let test = Self.taskTest(baseline: paired.baselineSamples[index], candidate: paired.candidateSamples[index],
                                     alternative: alternative)
            return (index: index, test: test.test, p: test.p)
        }
        let adjusted = MultipleTesting.benjaminiHochberg(raw.map(\.p))
        return raw.indices.compactMap { position -> MetricComparison.TaskFlag? in
            guard adjusted[position] < policy.alpha else { return nil }
            let index = raw[position].index
            return MetricComparison.TaskFlag(
                task: paired.tasks[index], category: paired.categories[index], baselineMean: paired.baseline[index],
                candidateMean: paired.candidate[index], test: raw[position].test, p: raw[position].p, pAdjusted: adjusted[position])
        }
    }

    /// One task's test on its k samples per side: Fisher exact when every value is 0 or 1, else Mann–Whitney.
    public static func taskTest(baseline base: [Double], candidate cand: [Double],
                                alternative: Alternative) -> (test: String, p: Double) {
        if (base + cand).allSatisfy({ $0 == 0 || $0 == 1 }) {
            let candPass = cand.filter { $0 == 1 }.count
            let basePass = base.filter { $0 == 1 }.count
            return ("fisher-exact",
                    FisherExact.test(candPass, cand.count - candPass, basePass, base.count - basePass, alternative: alternative).pValue)
        }
        return ("mann-whitney", MannWhitneyU.test(cand, base, alternative: alternative).pValue)
    }

    /// Miller (2024) eq. 9–10 solved for K: the samples per task that bring the MDE down to δ at the
    /// current number of tasks, or nil when more samples cannot (the between-task variance dominates).
    func samplesNeeded(_ paired: PairedMetric, margin: Double) -> Int? {
        guard let components = VarianceComponents.estimate(candidate: paired.candidateSamples, baseline: paired.baselineSamples)
        else { return nil }
        let analysis = PairedPowerAnalysis(
            components: components, candidateSamples: max(1, Self.median(paired.candidateSamples.map(\.count))),
            baselineSamples: max(1, Self.median(paired.baselineSamples.map(\.count))), alpha: policy.alpha, power: policy.power)
        return analysis.requiredSamplesPerTask(effect: margin, tasks: paired.tasks.count)
    }

    /// The (model, benchmark) pairs to compare, sorted: every model of the candidate, with each benchmark
    /// either side has for it (a benchmark only the baseline has shows as missing, never silently dropped).
    static func distinctSuites(candidate: [ResultRecord], baseline: [ResultRecord]) -> [(model: String, benchmark: String)] {
        struct Suite: Hashable { var model, benchmark: String }
        func suites(_ records: [ResultRecord]) -> Set<Suite> {
            var found: Set<Suite> = []
            records.withUnsafeBufferPointer { records in
                // Records come grouped by model and benchmark, so a change is rare.
                var last: (model: String, benchmark: String)?
                for index in records.indices where last?.model != records[index].model || last?.benchmark != records[index].benchmark {
                    last = (records[index].model, records[index].benchmark)
                    found.insert(Suite(model: records[index].model, benchmark: records[index].benchmark))
                }
            }
            return found
        }
        let fromCandidate = suites(candidate)
        let models = Set(fromCandidate.map(\.model))
        let all = fromCandidate.union(suites(baseline).filter { models.contains($0.model) })
        return all.sorted { ($0.model, $0.benchmark) < ($1.model, $1.benchmark) }.map { ($0.model, $0.benchmark) }
    }

    static func median(_ values: [Int]) -> Int {
        guard !values.isEmpty else { return 0 }
        return values.sorted()[values.count / 2]
    }
}
