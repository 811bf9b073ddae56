import CodescoreGate
import CodescoreResults
import CodescoreStatistics
import Foundation
import Testing

/// Synthetic runs: the gate's error rates measured, not assumed.
@Suite struct GateSimulationTests {
    /// Records for one run: `tasks` tasks × `samples` samples, each task with its own true rate (binary
    /// metric) or true mean (0–10 integer metric), shifted by `shift`.
    static func run(tasks: Int, samples: Int, trueRates: [Double], shift: Double, binary: Bool,
                    generator: inout SeededGenerator) -> [ResultRecord] {
        var records: [ResultRecord] = []
        for task in 0..<tasks {
            for sample in 0..<samples {
                let value: Double
                if binary {
                    value = generator.nextUnit() < min(1, max(0, trueRates[task] + shift)) ? 1 : 0
                } else {
                    // 0–10 integer scores around the task's mean, sd ≈ 1.5.
                    let noise = (generator.nextUnit() + generator.nextUnit() + generator.nextUnit() - 1.5) * 3
                    value = min(10, max(0, (trueRates[task] * 10 + shift + noise).rounded()))
                }
                var record = ResultRecord(runID: "sim", model: "m", benchmark: "builtin", task: String(format: "t%04d", task),
                                          category: "backend", taskHash: "h\(task)", sample: sample, status: .ok)
                record.scores = [binary ? "tests.pass" : "judge.overall": value]
                records.append(record)
            }
        }
        return records
    }

    static func policy(binary: Bool) -> GatePolicy {
        var policy = GatePolicy()
        policy.metrics = binary ? ["tests.pass": .init(margin: 0.05)] : ["judge.overall": .init(margin: 0.5)]
        policy.permutationResamples = 1000
        policy.bootstrapResamples = 1000
        return policy
    }

    @Test(arguments: [true, false])
    func unchangedCandidatesAlmostNeverRegress(binary: Bool) {
        var generator = SeededGenerator(seed: binary ? 11 : 12)
        let rates = (0..<50).map { _ in 0.2 + 0.6 * generator.nextUnit() }
        let simulations = 1000
        var regressions = 0
        for _ in 0..<simulations {
            let baseline = Self.run(tasks: 50, samples: 5, trueRates: rates, shift: 0, binary: binary, generator: &generator)
            let candidate = Self.run(tasks: 50, samples: 5, trueRates: rates, shift: 0, binary: binary, generator: &generator)
            let verdicts = GateAnalysis(policy: Self.policy(binary: binary))
                .compare(baseline: baseline, candidate: candidate, candidateComplete: true)
            #expect(verdicts.count == 1)
            if verdicts.first?.verdict == .regression { regressions += 1 }
        }
        let alpha = 0.05
        let bound = alpha + 2 * (alpha * (1 - alpha) / Double(simulations)).squareRoot()
        print("A/A \(binary ? "binary" : "0-10"): \(regressions) false REGRESSION verdicts in \(simulations) (bound \(bound))")
        #expect(Double(regressions) / Double(simulations) <= bound, "\(regressions) false regressions in \(simulations)")
    }

    @Test(arguments: [true, false])
    func aTrueDropOfTwiceTheMarginIsFlaggedWhenTheMDESaysTheSizeSuffices(binary: Bool) throws {
        var generator = SeededGenerator(seed: binary ? 21 : 22)
        let margin = binary ? 0.05 : 0.5
        // A pilot A/A comparison gives the MDE at 50 tasks; scale the task count until MDE ≤ δ.
        let pilotRates = (0..<50).map { _ in 0.3 + 0.4 * generator.nextUnit() }
        let pilot = try #require(GateAnalysis(policy: Self.policy(binary: binary)).compare(
            baseline: Self.run(tasks: 50, samples: 5, trueRates: pilotRates, shift: 0, binary: binary, generator: &generator),
            candidate: Self.run(tasks: 50, samples: 5, trueRates: pilotRates, shift: 0, binary: binary, generator: &generator),
            candidateComplete: true).first)
        let tasks = max(50, Int((50 * pow(pilot.mde / margin, 2) * 1.1).rounded(.up)))
        let rates = (0..<tasks).map { _ in 0.3 + 0.4 * generator.nextUnit() }
        let simulations = 200
        var flagged = 0
        for _ in 0..<simulations {
            let baseline = Self.run(tasks: tasks, samples: 5, trueRates: rates, shift: 0, binary: binary, generator: &generator)
            let candidate = Self.run(tasks: tasks, samples: 5, trueRates: rates, shift: -2 * margin, binary: binary,
                                     generator: &generator)
            let comparison = GateAnalysis(policy: Self.policy(binary: binary))
                .compare(baseline: baseline, candidate: candidate, candidateComplete: true).first
            if comparison?.verdict == .regression { flagged += 1 }
        }
        print("A/B \(binary ? "binary" : "0-10"): \(flagged) of \(simulations) flagged at \(tasks) tasks (pilot MDE \(pilot.mde))")
        #expect(Double(flagged) / Double(simulations) >= 0.8, "\(flagged) of \(simulations) flagged at \(tasks) tasks")
    }
}
