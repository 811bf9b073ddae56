@testable import CodescoreWrapper
import Foundation
import Testing

/// Broken harness output: never a crash, never a result; a message naming the file and the line or key path.
@Suite struct MalformedHarnessInputTests {
    static let passedExpectation = #"true or false, 1 or 0, "passed" or "failed", "pass" or "fail""#

    /// Writes `text` to a scratch file named `name` and returns the parse error.
    func error(_ parser: some HarnessResultParser, _ text: String, name: String = "bad.jsonl") throws -> HarnessParseError? {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        return parseError(parser, try scratch.write(name, text), name)
    }

    // MARK: JSONL

    @Test func jsonlBadJSONLine() throws {
        let found = try error(JSONLResultParser(), "{\"task_id\": \"a\", \"passed\": true}\n\n{\"task_id\": \"b\", \"passed\": tru}\n")
        #expect(found?.description.hasPrefix("bad.jsonl:3: not valid JSON: ") == true, "\(String(describing: found))")
        #expect(found?.file == "bad.jsonl")
        #expect(found?.isMalformedInput == true)
    }

    @Test func jsonlMissingKey() throws {
        let found = try error(JSONLResultParser(), "{\"task_id\": \"a\", \"passed\": true}\n{\"task_id\": \"a\"}\n")
        #expect(found?.description == "bad.jsonl:2: missing key 'passed'; expected \(Self.passedExpectation).")
        let noTask = try error(JSONLResultParser(fields: .init(task: "problem")), "{\"task_id\": \"a\", \"passed\": true}\n")
        #expect(noTask?.description == "bad.jsonl:1: missing key 'problem'; expected the task id (a string).")
    }

    @Test func jsonlWrongTypes() throws {
        #expect(try error(JSONLResultParser(), "{\"task_id\": \"a\", \"passed\": \"yes\"}\n")?.description
            == "bad.jsonl:1: passed: expected \(Self.passedExpectation), found the string \"yes\".")
        #expect(try error(JSONLResultParser(), "{\"task_id\": \"a\", \"passed\": 2}\n")?.description
            == "bad.jsonl:1: passed: expected \(Self.passedExpectation), found the number 2.")
        #expect(try error(JSONLResultParser(), "{\"task_id\": \"a\", \"passed\": null}\n")?.description
            == "bad.jsonl:1: passed: expected \(Self.passedExpectation), found null.")
        #expect(try error(JSONLResultParser(), "{\"task_id\": [\"a\"], \"passed\": true}\n")?.description
            == "bad.jsonl:1: task_id: expected the task id (a non-empty string or a whole number), found a list.")
        #expect(try error(JSONLResultParser(), "[1, 2]\n")?.description == "bad.jsonl:1: expected a JSON object, found a list.")
        let sampled = JSONLResultParser(fields: .init(sample: "n"))
        #expect(try error(sampled, "{\"task_id\": \"a\", \"n\": -1, \"passed\": true}\n")?.description
            == "bad.jsonl:1: n: expected the sample index (a whole number ≥ 0), found the number -1.")
        #expect(try error(sampled, "{\"task_id\": \"a\", \"n\": 0.5, \"passed\": true}\n")?.description
            == "bad.jsonl:1: n: expected the sample index (a whole number ≥ 0), found the number 0.5.")
        let scored = JSONLResultParser(fields: .init(passed: nil, score: "s"))
        #expect(try error(scored, "{\"task_id\": \"a\", \"s\": \"0.9\"}\n")?.description
            == "bad.jsonl:1: s: expected a finite number, found the string \"0.9\".")
        // Python's json writes NaN; as a score it is not a number anyone can gate on.
        #expect(try error(scored, "{\"task_id\": \"a\", \"s\": NaN}\n")?.description.hasPrefix("bad.jsonl:1: not valid JSON") == true)
    }

    @Test func jsonlDuplicateSampleNamesBothLines() throws {
        let text = """
            {"task_id": "a", "n": 0, "passed": true}
            {"task_id": "a", "n": 1, "passed": false}
            {"task_id": "a", "n": 0, "passed": false}

            """
        let found = try error(JSONLResultParser(fields: .init(sample: "n")), text)
        #expect(found?.description
            == "bad.jsonl:3: a second result for sample 0 of task 'a'; the first is at bad.jsonl:1. Each sample may appear once.")
        #expect(found?.file == "bad.jsonl")
    }

    @Test func jsonlEmptyFile() throws {
        let expected = "bad.jsonl: the file holds no results; expected one JSON object per line with the keys 'task_id', 'passed'."
        #expect(try error(JSONLResultParser(), "")?.description == expected)
        #expect(try error(JSONLResultParser(), "\n  \n\r\n\t\n \t")?.description == expected)
    }

    @Test func jsonlSettingsThatCannotWork() throws {
        #expect(try error(JSONLResultParser(fields: .init(passed: nil)), "{}\n")?.description
            == "The result parser's settings cannot work: the JSONL parser needs a passed field, a score field, or both.")
        #expect(try error(JSONLResultParser(passThreshold: 0.5), "{}\n")?.isMalformedInput == false)
    }

    @Test func unreadableFile() {
        let found = parseError(JSONLResultParser(), URL(fileURLWithPath: "/nonexistent/codescore/results.jsonl"), "results.jsonl")
        #expect(found?.description.hasPrefix("results.jsonl: cannot read the harness results: ") == true)
        #expect(found?.isMalformedInput == false)
    }

    // MARK: HumanEval

    @Test func humanEvalPassedContradictsResult() throws {
        let line = #"{"task_id": "HumanEval/3", "completion": "    return True\n", "result": "failed: boom", "passed": true}"#
        #expect(try error(HumanEvalResultParser(), line + "\n", name: "s_results.jsonl")?.description
            == "s_results.jsonl:1: passed: expected false, since 'result' is \"failed: boom\", found true.")
    }

    @Test func humanEvalSamplesFileInsteadOfResults() throws {
        let line = #"{"task_id": "HumanEval/0", "completion": "    return 1\n"}"#
        #expect(try error(HumanEvalResultParser(), line + "\n", name: "samples.jsonl")?.description
            == "samples.jsonl:1: missing key 'passed'; expected true or false (the results file, not the samples file: "
            + "`<samples>_results.jsonl`).")
    }

    @Test func humanEvalUnknownResultAndTypes() throws {
        let unknown = #"{"task_id": "HumanEval/0", "result": "error", "passed": false}"#
        #expect(try error(HumanEvalResultParser(), "\n" + unknown + "\n", name: "r.jsonl")?.description
            == "r.jsonl:2: result: expected \"passed\", \"timed out\" or \"failed: <message>\", found the string \"error\".")
        let numeric = #"{"task_id": 0, "result": "passed", "passed": true}"#
        #expect(try error(HumanEvalResultParser(), numeric + "\n", name: "r.jsonl")?.description
            == "r.jsonl:1: task_id: expected the HumanEval task id (a string), found the number 0.")
        let stringly = #"{"task_id": "HumanEval/0", "result": "passed", "passed": "true"}"#
        #expect(try error(HumanEvalResultParser(), stringly + "\n", name: "r.jsonl")?.description
            == "r.jsonl:1: passed: expected true or false, found the string \"true\".")
    }

    @Test func humanEvalBadLineEmptyAndCompressed() throws {
        let good = #"{"task_id": "HumanEval/0", "result": "passed", "passed": true}"#
        #expect(try error(HumanEvalResultParser(), good + "\n" + #"{"task_id": "HumanEval/0", "#, name: "r.jsonl")?
            .description.hasPrefix("r.jsonl:2: not valid JSON: ") == true)
        #expect(try error(HumanEvalResultParser(), "", name: "r.jsonl")?.description
            == "r.jsonl: the file holds no results; expected one JSON object per line with 'task_id', 'result' and 'passed'.")
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let gzip = try scratch.write("r.jsonl.gz", Data([0x1F, 0x8B, 0x08, 0x00, 0x00]))
        #expect(parseError(HumanEvalResultParser(), gzip, "r.jsonl.gz")?.description
            == "r.jsonl.gz: the file is gzip-compressed; decompress it first (gunzip).")
    }

    // MARK: EvalPlus

    static func evalPlus(_ samples: String, task: String = "HumanEval/0") -> String {
        #"{"date": "2025-06-02 14:07", "hash": "h", "eval": {""# + task + #"": ["# + samples + "]}}"
    }

    static let passing = #"{"task_id": "HumanEval/0", "solution": "", "base_status": "pass", "plus_status": "pass", "base_fail_tests": [], "plus_fail_tests": []}"#

    @Test func evalPlusNotJSONAndMissingEval() throws {
        #expect(try error(EvalPlusResultParser(), "{\"eval\": {", name: "e.json")?.description
            .hasPrefix("e.json: not valid JSON: ") == true)
        #expect(try error(EvalPlusResultParser(), "{\"date\": \"x\"}", name: "e.json")?.description
            == "e.json: missing key 'eval'; expected an object of task id → list of sample results (eval_results.json).")
        #expect(try error(EvalPlusResultParser(), "{\"eval\": {}}", name: "e.json")?.description
            == "e.json: the file holds no results; expected 'eval' to map task ids to lists of sample results.")
        #expect(try error(EvalPlusResultParser(), "[]", name: "e.json")?.description == "e.json: expected a JSON object, found an empty list.")
    }

    @Test func evalPlusMissingStatusNamesKeyPath() throws {
        let broken = #"{"task_id": "HumanEval/0", "solution": "", "plus_status": "pass"}"#
        #expect(try error(EvalPlusResultParser(), Self.evalPlus(Self.passing + ", " + broken), name: "e.json")?.description
            == "e.json: missing key 'base_status' in 'eval.HumanEval/0[1]'; expected \"pass\", \"fail\" or \"timeout\".")
    }

    @Test func evalPlusWrongStatusAndTypes() throws {
        let passed = Self.passing.replacingOccurrences(of: #""base_status": "pass""#, with: #""base_status": "passed""#)
        #expect(try error(EvalPlusResultParser(), Self.evalPlus(passed), name: "e.json")?.description
            == "e.json: eval.HumanEval/0[0].base_status: expected \"pass\", \"fail\" or \"timeout\", found the string \"passed\".")
        let boolean = Self.passing.replacingOccurrences(of: #""plus_status": "pass""#, with: #""plus_status": true"#)
        #expect(try error(EvalPlusResultParser(), Self.evalPlus(boolean), name: "e.json")?.description
            == "e.json: eval.HumanEval/0[0].plus_status: expected \"pass\", \"fail\" or \"timeout\", found true.")
        let failTests = Self.passing.replacingOccurrences(of: #""base_fail_tests": []"#, with: #""base_fail_tests": 3"#)
        #expect(try error(EvalPlusResultParser(), Self.evalPlus(failTests), name: "e.json")?.description
            == "e.json: eval.HumanEval/0[0].base_fail_tests: expected a list of failing inputs, found the number 3.")
        #expect(try error(EvalPlusResultParser(), Self.evalPlus(Self.passing, task: "HumanEval/9"), name: "e.json")?.description
            == "e.json: eval.HumanEval/9[0].task_id: expected the task id \"HumanEval/9\" of its list, found the string \"HumanEval/0\".")
        #expect(try error(EvalPlusResultParser(), Self.evalPlus(""), name: "e.json")?.description
            == "e.json: eval.HumanEval/0: expected at least one sample result, found an empty list.")
        #expect(try error(EvalPlusResultParser(), Self.evalPlus("\"pass\""), name: "e.json")?.description
            == "e.json: eval.HumanEval/0[0]: expected a JSON object, found the string \"pass\".")
    }

    @Test func evalPlusLegacyLayoutIsRefused() throws {
        let legacy = #"{"date": "2023-05-01 10:00", "hash": "h", "eval": {"HumanEval/0": {"nfiles": 1, "base": [["success", []]], "plus": [["success", []]]}}}"#
        #expect(try error(EvalPlusResultParser(), legacy, name: "e.json")?.description
            == "e.json: 'eval.HumanEval/0' is in the legacy EvalPlus layout (an object with 'nfiles', 'base', 'plus'); "
            + "re-run evalplus.evaluate with a current EvalPlus.")
    }

    // MARK: BaxBench

    static let configuration = "m/Login/Python-FastAPI/temp0.2-openapi-none"
    static let goodResult = #"{"num_passed_ft": 2, "num_total_ft": 2, "num_ft_exceptions": 0, "num_total_st": 1, "num_st_exceptions": 0, "cwes": []}"#

    func baxError(_ files: [String: String], parser: BaxBenchResultParser = BaxBenchResultParser()) throws -> HarnessParseError? {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        for (path, text) in files { try scratch.write(path, text) }
        return parseError(parser, scratch.url, "res")
    }

    @Test func baxBenchUntestedSample() throws {
        let found = try baxError(["\(Self.configuration)/sample0/test_results.json": Self.goodResult,
                                  "\(Self.configuration)/sample1/code/app.py": "print(1)\n"])
        #expect(found?.description == "res/\(Self.configuration)/sample1: not the expected layout: a test_results.json in every "
            + "sample folder; BaxBench has not tested this sample (run it with --mode test).")
    }

    @Test func baxBenchMissingKeyWrongTypeAndImpossibleCounts() throws {
        let file = "\(Self.configuration)/sample0/test_results.json"
        let missing = Self.goodResult.replacingOccurrences(of: #""num_passed_ft": 2, "#, with: "")
        #expect(try baxError([file: missing])?.description
            == "res/\(file): missing key 'num_passed_ft'; expected a whole number ≥ 0 (BaxBench's TestResult).")
        let stringly = Self.goodResult.replacingOccurrences(of: #""num_total_ft": 2"#, with: #""num_total_ft": "2""#)
        #expect(try baxError([file: stringly])?.description
            == "res/\(file): num_total_ft: expected a whole number ≥ 0, found the string \"2\".")
        let tooMany = Self.goodResult.replacingOccurrences(of: #""num_passed_ft": 2"#, with: #""num_passed_ft": 3"#)
        #expect(try baxError([file: tooMany])?.description == "res/\(file): num_passed_ft: expected at most num_total_ft (2), found the number 3.")
        let noTests = Self.goodResult.replacingOccurrences(of: #""num_passed_ft": 2, "num_total_ft": 2"#,
                                                           with: #""num_passed_ft": 0, "num_total_ft": 0"#)
        #expect(try baxError([file: noTests])?.description
            == "res/\(file): num_total_ft: expected at least 1 (every BaxBench scenario has functional tests), found the number 0.")
        let cweNumbers = Self.goodResult.replacingOccurrences(of: #""cwes": []"#, with: #""cwes": [79]"#)
        #expect(try baxError([file: cweNumbers])?.description == "res/\(file): cwes[0]: expected a JSON object, found the number 79.")
        #expect(try baxError([file: "{"])?.description.hasPrefix("res/\(file): not valid JSON: ") == true)
    }

    @Test func baxBenchRootThroughASymlink() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.write("real/\(Self.configuration)/sample0/test_results.json", Self.goodResult)
        let link = scratch.url.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: scratch.url.appendingPathComponent("real"))
        let results = try BaxBenchResultParser().parse(link, displayPath: "link")
        #expect(results.map(Row.init) == [Row("Login/Python-FastAPI", 0, true,
            ["tests.pass": 1, "tests.fraction": 1, "security.pass": 1, "security.cwe_count": 0], nil,
            "link/\(Self.configuration)/sample0/test_results.json")])
    }

    @Test func baxBenchSeveralRunsMustBeChosen() throws {
        let files = ["m/Login/Python-FastAPI/temp0.2-openapi-none/sample0/test_results.json": Self.goodResult,
                     "m/Login/Python-FastAPI/temp0.8-openapi-none/sample0/test_results.json": Self.goodResult]
        #expect(try baxError(files)?.description == "res: not the expected layout: the results of one model and configuration; "
            + "the folder holds m/temp0.2-openapi-none, m/temp0.8-openapi-none; choose one with the model and configuration settings.")
        #expect(try baxError(files, parser: BaxBenchResultParser(configuration: "temp0.8-openapi-none")) == nil)
    }

    @Test func baxBenchWrongLayoutAndEmpty() throws {
        #expect(try baxError(["Login/Python-FastAPI/openapi/sample0/test_results.json": Self.goodResult])?.description
            == "res/Login/Python-FastAPI/openapi/sample0: not the expected layout: a configuration folder named "
            + "temp<t>-<spec_type>-<safety_prompt> above the sample folder (\(BaxBenchResultParser.layout)), found 'openapi'.")
        #expect(try baxError(["Python-FastAPI/temp0.2-openapi-none/sample0/test_results.json": Self.goodResult])?.description
            == "res/Python-FastAPI/temp0.2-openapi-none/sample0: not the expected layout: sample folders at "
            + "\(BaxBenchResultParser.layout), under the results root or one model's folder.")
        #expect(try baxError(["README.md": "nothing here\n"])?.description
            == "res: the file holds no results; expected sample folders laid out as \(BaxBenchResultParser.layout).")
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let file = try scratch.write("test_results.json", Self.goodResult)
        #expect(parseError(BaxBenchResultParser(), file, "test_results.json")?.description
            == "test_results.json: not the expected layout: a BaxBench results folder (\(BaxBenchResultParser.layout)), not a file.")
    }

    // MARK: JUnit

    @Test func junitNotXML() throws {
        let found = try error(JUnitResultParser(), "<testsuites><testcase name=\"a\">\n</testsuites>", name: "j.xml")
        #expect(found?.description.hasPrefix("j.xml:2: not a JUnit XML report: ") == true, "\(String(describing: found))")
        #expect(try error(JUnitResultParser(), "{\"tests\": 1}", name: "j.xml")?.description.hasPrefix("j.xml:1: not a JUnit XML report") == true)
        #expect(try error(JUnitResultParser(), "<report><test/></report>", name: "j.xml")?.description
            == "j.xml: not a JUnit XML report: no <testsuites> or <testsuite> element.")
    }

    @Test func junitTestcaseWithoutTask() throws {
        let xml = "<testsuite name=\"s\">\n  <testcase classname=\"a\" name=\"x\"/>\n  <testcase name=\"y\"/>\n</testsuite>\n"
        #expect(try error(JUnitResultParser(), xml, name: "j.xml")?.description
            == "j.xml:3: not a JUnit XML report: a <testcase> without a 'classname' attribute, which names the task.")
    }

    @Test func junitNothingRun() throws {
        #expect(try error(JUnitResultParser(), "<testsuites><testsuite name=\"s\"/></testsuites>", name: "j.xml")?.description
            == "j.xml: the file holds no results; expected at least one <testcase>.")
        let skipped = "<testsuite><testcase classname=\"a\" name=\"x\"><skipped/></testcase></testsuite>"
        #expect(try error(JUnitResultParser(), skipped, name: "j.xml")?.description
            == "j.xml: the file holds no results; expected testcases that were run (all 1 were skipped).")
    }

    // MARK: Exit code

    @Test func exitStatusFile() throws {
        let parser = ExitCodeResultParser(task: "t")
        #expect(try error(parser, "", name: "status")?.description
            == "status: the file holds no results; expected the decimal exit status of the command (0–255).")
        #expect(try error(parser, "ok\n", name: "status")?.description
            == "status:1: expected a decimal exit status from 0 to 255, found \"ok\".")
        #expect(try error(parser, "300\n", name: "status")?.description
            == "status:1: expected a decimal exit status from 0 to 255, found \"300\".")
        #expect(try error(parser, "0\n1\n", name: "status")?.description
            == "status:1: expected a decimal exit status from 0 to 255, found \"0\\n1\".")
    }
}
