import CodescoreScoring
@testable import CodescoreWrapper
import Foundation
import Testing

/// pass@k per task over harness results, against hand-computed values and the harnesses' own numbers.
@Suite struct HarnessPassAtKTests {
    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

    @Test func humanEvalFixtureByHand() throws {
        let file = "samples.jsonl_results.jsonl"
        let tasks = HarnessPassAtK.perTask(try HumanEvalResultParser().parse(WrapperFixtures.url(file), displayPath: file),
                                           ks: [1, 2, 3, 4])
        #expect(tasks.map(\.task) == ["HumanEval/0", "HumanEval/1", "HumanEval/2"])
        #expect(tasks.map(\.samples) == [3, 3, 3])
        #expect(tasks.map(\.correct) == [2, 1, 1])
        #expect(tasks.map(\.unknown) == [0, 0, 0])
        // n = 3: pass@1 = c/3; pass@2 = 1 − C(3−c, 2)/C(3, 2): 1 for c = 2, 2/3 for c = 1; pass@3 = 1 when c ≥ 1.
        #expect(close(tasks[0].passAtK[1], 2.0 / 3) && close(tasks[1].passAtK[1], 1.0 / 3))
        #expect(close(tasks[0].passAtK[2], 1) && close(tasks[1].passAtK[2], 2.0 / 3) && close(tasks[2].passAtK[2], 2.0 / 3))
        #expect(tasks.allSatisfy { close($0.passAtK[3], 1) && $0.passAtK[4] == nil })
        #expect(close(HarnessPassAtK.mean(tasks, k: 1), 4.0 / 9))
        #expect(close(HarnessPassAtK.mean(tasks, k: 2), 7.0 / 9))
        #expect(HarnessPassAtK.mean(tasks, k: 4) == nil)
    }

    @Test func evalPlusFixtureMatchesItsOwnPassAtK() throws {
        let file = "eval_results.json"
        let results = try EvalPlusResultParser().parse(WrapperFixtures.url(file), displayPath: file)
        // The fixture's "pass_at_k" holds what evalplus.evaluate printed for these samples.
        let plus = HarnessPassAtK.perTask(results, ks: [1])
        let base = HarnessPassAtK.perTask(results, ks: [1], criterion: .metric("tests.base_pass"))
        #expect(close(HarnessPassAtK.mean(plus, k: 1), 0.41666666666666663))
        #expect(close(HarnessPassAtK.mean(base, k: 1), 0.5833333333333333))
    }

    @Test func baxBenchPassAndSecurePass() throws {
        let results = try BaxBenchResultParser().parse(WrapperFixtures.url("baxbench-results"), displayPath: "r")
        let secure = HarnessPassAtK.perTask(results, ks: [1, 2])
        let functional = HarnessPassAtK.perTask(results, ks: [1, 2], criterion: .metric("tests.pass"))
        // Calculator: 2 samples, 1 secure, 2 correct; Login: 4 samples, 1 secure, 2 correct.
        #expect(secure.map(\.correct) == [1, 1] && functional.map(\.correct) == [2, 2])
        #expect(close(HarnessPassAtK.mean(secure, k: 1), (0.5 + 0.25) / 2))
        #expect(close(HarnessPassAtK.mean(functional, k: 1), (1 + 0.5) / 2))
        // Login sec_pass@2 = 1 − C(3, 2)/C(4, 2) = 1/2.
        #expect(close(secure[1].passAtK[2], 0.5))
    }

    @Test func unknownOutcomesCountAsFailed() {
        let results = [
            HarnessSampleResult(task: "t", sample: 0, scores: ["tests.pass": 1], passed: true, source: "a"),
            HarnessSampleResult(task: "t", sample: 1, scores: [:], passed: nil, source: "b"),
            HarnessSampleResult(task: "t", sample: 2, scores: ["tests.pass": 0], passed: nil, source: "c"),
        ]
        let byPassed = HarnessPassAtK.perTask(results, ks: [1])
        #expect(byPassed.first?.correct == 1 && byPassed.first?.unknown == 2)
        #expect(close(byPassed.first?.passAtK[1], 1.0 / 3))
        let byMetric = HarnessPassAtK.perTask(results, ks: [1], criterion: .metric("tests.pass"))
        #expect(byMetric.first?.correct == 1 && byMetric.first?.unknown == 1)
        #expect(HarnessPassAtK.perTask([], ks: [1]).isEmpty && HarnessPassAtK.mean([], k: 1) == nil)
    }

    @Test func agreesWithTheEstimatorItWraps() {
        let results = (0..<10).map { HarnessSampleResult(task: "t", sample: $0, scores: [:], passed: $0 % 3 == 0, source: "s") }
        let task = HarnessPassAtK.perTask(results, ks: [1, 5, 10]).first
        for k in [1, 5, 10] {
            #expect(task?.passAtK[k] == PassAtK.estimate(samples: 10, correct: 4, k: k))
        }
    }
}
