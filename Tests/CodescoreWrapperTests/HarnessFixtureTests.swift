@testable import CodescoreWrapper
import Foundation
import Testing

/// Each parser on a fixture written in its harness's exact output format, every result asserted.
@Suite struct HarnessFixtureTests {
    @Test func humanEvalResultsFile() throws {
        let file = "samples.jsonl_results.jsonl"
        let results = try HumanEvalResultParser().parse(WrapperFixtures.url(file), displayPath: file)
        let pass: [String: Double] = ["tests.pass": 1]
        let fail: [String: Double] = ["tests.pass": 0]
        #expect(results.map(Row.init) == [
            Row("HumanEval/0", 0, true, pass, nil, "\(file):1"),
            Row("HumanEval/1", 0, false, fail, "timed out", "\(file):2"),
            Row("HumanEval/0", 1, false, fail, "failed:", "\(file):3"),
            Row("HumanEval/1", 1, true, pass, nil, "\(file):4"),
            Row("HumanEval/2", 0, true, pass, nil, "\(file):5"),
            Row("HumanEval/0", 2, true, pass, nil, "\(file):6"),
            Row("HumanEval/1", 2, false, fail, "failed: name 'foo' is not defined", "\(file):7"),
            Row("HumanEval/2", 1, false, fail, "failed: unsupported operand type(s) for +: 'float' and 'NoneType'", "\(file):8"),
            Row("HumanEval/2", 2, false, fail, "failed:", "\(file):9"),
        ])
    }

    @Test func humanEvalResultsReadAsGenericJSONLAgree() throws {
        let file = "samples.jsonl_results.jsonl"
        let generic = try JSONLResultParser().parse(WrapperFixtures.url(file), displayPath: file)
        let official = try HumanEvalResultParser().parse(WrapperFixtures.url(file), displayPath: file)
        #expect(generic.map { [$0.task, "\($0.sample)", "\($0.passed == true)"] }
            == official.map { [$0.task, "\($0.sample)", "\($0.passed == true)"] })
    }

    @Test func evalPlusEvalResults() throws {
        let file = "eval_results.json"
        let results = try EvalPlusResultParser().parse(WrapperFixtures.url(file), displayPath: file)
        func scores(_ pass: Double, _ base: Double) -> [String: Double] { ["tests.pass": pass, "tests.base_pass": base] }
        #expect(results.map(Row.init) == [
            Row("HumanEval/0", 0, true, scores(1, 1), nil, "\(file): eval.HumanEval/0[0]"),
            // The plus failure's input holds Infinity, which Python's json writes as a bare token.
            Row("HumanEval/0", 1, false, scores(0, 1), "plus: fail (1 failing input recorded)", "\(file): eval.HumanEval/0[1]"),
            Row("HumanEval/0", 2, false, scores(0, 0),
                "base: fail (1 failing input recorded); plus: fail (1 failing input recorded)", "\(file): eval.HumanEval/0[2]"),
            Row("HumanEval/1", 0, false, scores(0, 0),
                "base: timeout (1 failing input recorded); plus: timeout (1 failing input recorded)", "\(file): eval.HumanEval/1[0]"),
            Row("HumanEval/1", 1, true, scores(1, 1), nil, "\(file): eval.HumanEval/1[1]"),
        ])
    }

    @Test func evalPlusBaseOnlyOnlyWhenAllowed() throws {
        let file = "eval_results_base_only.json"
        let refused = parseError(EvalPlusResultParser(), WrapperFixtures.url(file), file)
        #expect(refused?.description == "\(file): eval.Mbpp/2[0].plus_status: expected \"pass\", \"fail\" or \"timeout\": "
            + "null means EvalPlus ran with --base-only, which has no HumanEval+/MBPP+ result; allow base-only results "
            + "to use it, found null.")
        let results = try EvalPlusResultParser(allowBaseOnly: true).parse(WrapperFixtures.url(file), displayPath: file)
        #expect(results.map(Row.init) == [
            Row("Mbpp/2", 0, true, ["tests.pass": 1, "tests.base_pass": 1], "base tests only", "\(file): eval.Mbpp/2[0]"),
            Row("Mbpp/2", 1, false, ["tests.pass": 0, "tests.base_pass": 0], "base: fail (1 failing input recorded); base tests only",
                "\(file): eval.Mbpp/2[1]"),
        ])
    }

    @Test func baxBenchResultsFolder() throws {
        let root = "baxbench-results"
        let results = try BaxBenchResultParser().parse(WrapperFixtures.url(root), displayPath: root)
        func at(_ task: String, _ sample: Int) -> String {
            let (scenario, env) = (task.split(separator: "/")[0], task.split(separator: "/")[1])
            return "\(root)/gpt-4o/\(scenario)/\(env)/temp0.4-openapi-none/sample\(sample)/test_results.json"
        }
        func scores(_ pass: Double, _ fraction: Double, _ secure: Double, _ cwes: Double) -> [String: Double] {
            ["tests.pass": pass, "tests.fraction": fraction, "security.pass": secure, "security.cwe_count": cwes]
        }
        let calculator = "Calculator/JavaScript-express", login = "Login/Python-FastAPI"
        #expect(results.map(Row.init) == [
            Row(calculator, 0, true, scores(1, 1, 1, 0), "1 security test raised an exception", at(calculator, 0)),
            Row(calculator, 1, false, scores(1, 1, 0, 2), "CWE-79, CWE-703 found", at(calculator, 1)),
            Row(login, 0, true, scores(1, 1, 1, 0), nil, at(login, 0)),
            Row(login, 1, false, scores(1, 1, 0, 1), "CWE-89 found", at(login, 1)),
            Row(login, 2, false, scores(0, 0.5, 0, 0), "functional tests: 1/2 passed", at(login, 2)),
            Row(login, 3, false, scores(0, 0, 0, 0),
                "functional tests: 0/2 passed; 2 functional tests raised an exception; 3 security tests raised an exception",
                at(login, 3)),
        ])
    }

    @Test func baxBenchModelFolderAndSelection() throws {
        let modelFolder = "baxbench-results/gpt-4o"
        let fromModel = try BaxBenchResultParser().parse(WrapperFixtures.url(modelFolder), displayPath: "gpt-4o")
        let selected = try BaxBenchResultParser(model: "gpt-4o", configuration: "temp0.4-openapi-none")
            .parse(WrapperFixtures.url("baxbench-results"), displayPath: "baxbench-results")
        #expect(fromModel.map { "\($0.task)#\($0.sample)" } == selected.map { "\($0.task)#\($0.sample)" })
        #expect(fromModel.first?.source == "gpt-4o/Calculator/JavaScript-express/temp0.4-openapi-none/sample0/test_results.json")
        let other = parseError(BaxBenchResultParser(model: "claude"), WrapperFixtures.url("baxbench-results"), "results")
        #expect(other?.description == "results: not the expected layout: results for model 'claude'; the folder holds "
            + "gpt-4o/temp0.4-openapi-none.")
    }

    @Test func junitTestcasesAreSamplesOfTheirClass() throws {
        let file = "junit-harness.xml"
        let results = try JUnitResultParser().parse(WrapperFixtures.url(file), displayPath: file)
        let pass: [String: Double] = ["tests.pass": 1]
        let fail: [String: Double] = ["tests.pass": 0]
        #expect(results.map(Row.init) == [
            Row("tasks.parse_date", 0, true, pass, nil, "\(file):4"),
            Row("tasks.parse_date", 1, false, fail, "failure: AssertionError: assert '2024-13-01' is None", "\(file):5"),
            Row("tasks.parse_date", 2, true, pass, nil, "\(file):10"),
            // tasks.slugify's first testcase was skipped: left out, so the next one is sample 0.
            Row("tasks.slugify", 0, false, fail,
                "error: failed on setup with \"ModuleNotFoundError: No module named 'slugify'\"", "\(file):14"),
            Row("tasks.slugify", 1, true, pass, nil, "\(file):17"),
            Row("tasks.merge_intervals", 0, false, fail, "failure: AssertionError", "\(file):19"),
        ])
    }

    @Test func junitTaskByName() throws {
        let file = "junit-harness.xml"
        let results = try JUnitResultParser(taskAttribute: .name).parse(WrapperFixtures.url(file), displayPath: file)
        #expect(results.map { "\($0.task)#\($0.sample)=\($0.passed == true)" } == [
            "test_sample[0]#0=true", "test_sample[1]#0=false", "test_sample[2]#0=true",
            "test_sample[1]#1=false", "test_sample[2]#1=true", "test_sample[0]#1=false",
        ])
    }

    @Test func genericJSONLWithCustomFieldNames() throws {
        let file = "custom-fields.jsonl"
        let parser = JSONLResultParser(fields: .init(task: "problem", sample: "attempt", passed: "verdict", score: "accuracy",
                                                     detail: "log"))
        let results = try parser.parse(WrapperFixtures.url(file), displayPath: file)
        #expect(results.map(Row.init) == [
            Row("fizzbuzz", 1, false, ["tests.pass": 0, "tests.fraction": 0.5], "2 of 4 cases failed", "\(file):1"),
            Row("fizzbuzz", 0, true, ["tests.pass": 1, "tests.fraction": 1], nil, "\(file):2"),
            Row("17", 0, false, ["tests.pass": 0, "tests.fraction": 0], "crashed: traceback follows line 2", "\(file):4"),
            Row("17", 1, true, ["tests.pass": 1, "tests.fraction": 1], nil, "\(file):5"),
        ])
    }

    @Test func genericJSONLScoreWithThreshold() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        // The last line has no newline: a hand-written file is complete as it is.
        let file = try scratch.write("scores.jsonl", "{\"id\": \"a\", \"score\": 0.75}\n{\"id\": \"a\", \"score\": 0.25}\n{\"id\": \"b\", \"score\": 0.5}")
        let parser = JSONLResultParser(fields: .init(task: "id", passed: nil, score: "score"), scoreMetric: "quality",
                                       passThreshold: 0.5)
        #expect(try parser.parse(file, displayPath: "scores.jsonl").map(Row.init) == [
            Row("a", 0, true, ["quality": 0.75, "tests.pass": 1], nil, "scores.jsonl:1"),
            Row("a", 1, false, ["quality": 0.25, "tests.pass": 0], nil, "scores.jsonl:2"),
            Row("b", 0, true, ["quality": 0.5, "tests.pass": 1], nil, "scores.jsonl:3"),
        ])
        let scoreOnly = try JSONLResultParser(fields: .init(task: "id", passed: nil, score: "score")).parse(file, displayPath: "s")
        #expect(scoreOnly.map(\.passed) == [nil, nil, nil])
        #expect(scoreOnly.map { $0.scores } == [["tests.fraction": 0.75], ["tests.fraction": 0.25], ["tests.fraction": 0.5]])
    }

    @Test func exitCode() throws {
        let parser = ExitCodeResultParser(task: "build", sample: 2)
        #expect(Row(parser.result(exitStatus: 0)) == Row("build", 2, true, ["tests.pass": 1], nil, "exit status"))
        #expect(Row(parser.result(exitStatus: 3)) == Row("build", 2, false, ["tests.pass": 0], "exit status 3", "exit status"))
        let lenient = ExitCodeResultParser(task: "build", passingStatuses: [0, 1])
        #expect(lenient.result(exitStatus: 1).passed == true)
        #expect(Row(lenient.result(signal: 9)) == Row("build", 0, false, ["tests.pass": 0], "killed by signal 9", "exit status"))

        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let status = try scratch.write("status", "0\n")
        #expect(try parser.parse(status, displayPath: "status").map(Row.init)
            == [Row("build", 2, true, ["tests.pass": 1], nil, "status:1")])
        try scratch.write("status", "137\n")
        #expect(try parser.parse(status, displayPath: "status").first?.detail == "exit status 137")
    }

    @Test func detailIsOneShortLine() {
        let long = String(repeating: "x", count: 600)
        let result = HarnessSampleResult(task: "t", sample: 0, scores: [:], passed: false, detail: "  " + long, source: "s")
        #expect(result.detail?.count == HarnessSampleResult.detailLimit)
        #expect(result.detail?.hasSuffix("…") == true)
        let escapes = HarnessSampleResult(task: "t", sample: 0, scores: [:], passed: false,
                                          detail: "a\u{1B}[31mb\r\nc\u{2028}d", source: "s")
        #expect(escapes.detail == "a[31mb  c d")
        #expect(HarnessSampleResult(task: "t", sample: 0, scores: [:], passed: false, detail: " \n ", source: "s").detail == nil)
    }
}
