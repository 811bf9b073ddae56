import CodescoreConfig
import CodescoreGate
import CodescoreResults
import Foundation
import Testing
@testable import CodescoreReports

/// The dashboard's pages as strings: the policy and its hashes, escaping of every hostile string, the table
/// data, the drill-down paging, the plots. Chromium loads real sites in EndToEndTests/DashboardTests.
struct DashboardSiteTests {
    static let payloads = ["<script>alert(1)</script>", "</script><img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>"]

    static func record(model: String, task: String, sample: Int, pass: Bool, hash: String? = nil, category: String = "backend",
                       output: String? = nil, status: ResultRecord.Status = .ok) -> ResultRecord {
        var record = ResultRecord(runID: "r", model: model, benchmark: ResultRecord.builtinBenchmark, task: task, category: category,
                                  taskHash: hash ?? "hash-\(task)", sample: sample, status: status,
                                  error: status == .error ? .init(kind: "server_error", message: payloads[1]) : nil,
                                  output: output, scores: status == .ok ? ["tests.pass": pass ? 1 : 0] : [:],
                                  passed: status == .ok ? pass : nil, latencyMS: 100, createdAt: Date(timeIntervalSince1970: 0))
        if status == .ok {
            record.execution = .object([
                "outcome": .string(pass ? "passed" : "failed"), "sandbox": .string("bubblewrap"),
                "checks": .array([.object(["name": .string("tests"), "outcome": .string(pass ? "passed" : "failed"),
                                           "stdout_tail": .string(payloads[0]), "stderr_tail": .string("Traceback\n" + payloads[2])])]),
            ])
            record.judge = .object([
                "status": .string("scored"), "agreement": .number(0.8), "valid_votes": .integer(1), "invalid_votes": .integer(0),
                "votes": .array([.object(["index": .integer(0), "status": .string("valid"), "scores": .object(["correctness": .integer(4)]),
                                          "rationale": .string("Looks fine " + payloads[1])])]),
                "manipulation": .array(task.contains("svg") ? [.object(["rule": .string("ignore-instructions")])] : []),
            ])
        }
        return record
    }

    /// Two models, 12 tasks (three named by a payload), 8 samples; tasks 0–3 fail in the candidate (regressed),
    /// task 5 changed, task 6 has an error, task 7 is new, task 8 is gone, task 9 went from failing to passing
    /// (improved), task 10's category is "—".
    static func input(history: [HistoryRun] = []) -> DashboardInput {
        let tasks = (0..<12).map { index in index < 3 ? "task-\(index) " + payloads[index] : "task-\(index)" }
        let answer = "Here is my answer " + payloads[0] + "\n\n```python \"><svg onload=alert(1)>.py\nprint('" + payloads[1]
            + "')\n```\n\n```\nunnamed " + payloads[2] + "\n```\n"
        var baseline: [ResultRecord] = [], candidate: [ResultRecord] = []
        for model in ["alpha", "beta " + payloads[2]] {
            for (index, task) in tasks.enumerated() {
                for sample in 0..<8 {
                    if index != 7 { baseline.append(record(model: model, task: task, sample: sample, pass: index != 9)) }
                    if index == 8 { continue }
                    candidate.append(record(model: model, task: task, sample: sample, pass: index >= 4, hash: index == 5 ? "new-hash" : nil,
                                            category: index == 10 ? "—" : index % 2 == 0 ? "backend" : "frontend " + payloads[0],
                                            output: answer, status: index == 6 && sample == 0 ? .error : .ok))
                }
            }
        }
        let comparisons = GateAnalysis(policy: GatePolicy()).compare(baseline: baseline, candidate: candidate, candidateComplete: true)
        let report = GateReport.make(
            comparisons: comparisons, policy: GatePolicy(),
            baseline: .init(path: "baseline.jsonl", runID: "base-run", gitCommit: nil, createdAt: "2026-11-01T00:00:00.000Z", complete: true,
                            sandbox: "bubblewrap", judge: nil, records: baseline.count),
            candidate: .init(path: "run/results.jsonl " + payloads[0], runID: "cand-run", gitCommit: nil, createdAt: "2026-11-20T00:00:00.000Z",
                             complete: true, sandbox: "bubblewrap", judge: nil, records: candidate.count),
            toolVersion: "test", createdAt: "2026-11-20T00:00:00.000Z", judge: JudgeSummary.make(records: candidate, identity: nil))
        return DashboardInput(report: report, candidate: candidate, baseline: baseline, manifest: nil, history: history,
                              toolVersion: "test", generatedAt: "2026-11-20T00:00:00.000Z")
    }

    /// A drill-down page's data: base64 of gzip of JSON in `<script type="application/octet-stream">`.
    static func pageData(_ html: String) throws -> [String: Any] {
        let packed = try #require(between(html, "<script type=\"application/octet-stream\" id=\"sample-data\">", "</script>"))
        let json = try Gzip.decompress(try #require(Data(base64Encoded: packed)))
        return try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    }

    static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test func everyPageOpensWithThePolicyAndAllowsOnlyItsOwnInlineCodeByHash() throws {
        let files = DashboardSite.render(Self.input())
        #expect(files.map(\.path).prefix(3) == ["index.html", "tasks.html", "samples/0000.html"])
        for file in files {
            let html = file.contents
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\"><head><meta http-equiv=\"Content-Security-Policy\" content=\""), "\(file.path)")
            let policy = try #require(Self.between(html, "Content-Security-Policy\" content=\"", "\""))
            for directive in ["default-src 'none'", "img-src data:", "base-uri 'none'", "form-action 'none'"] {
                #expect(policy.contains(directive), "\(file.path): \(policy)")
            }
            let style = try #require(Self.between(html, "<style>", "</style>"))
            #expect(policy.contains("style-src 'sha256-\(ContentHash.sha256Base64(style))'"))
            if let script = Self.between(html, "<script>", "</script>") {
                #expect(file.path == "tasks.html" || file.path.hasPrefix("samples/"))
                #expect(policy.contains("script-src 'sha256-\(ContentHash.sha256Base64(script))'"))
            } else {
                #expect(policy.contains("script-src 'none'"), "\(file.path)")
            }
            #expect(!html.contains(" style=\""), "inline style attributes would be blocked: \(file.path)")
        }
    }

    @Test func hostileTextNeverBecomesMarkup() throws {
        let files = DashboardSite.render(Self.input())
        for file in files {
            for payload in Self.payloads { #expect(!file.contents.contains(payload), "\(file.path) holds a raw payload") }
            #expect(!file.contents.contains("<img"))
            #expect(!file.contents.contains("<svg onload"))
            let scripts = file.contents.components(separatedBy: "<script").count - 1
            #expect(scripts == (file.path == "index.html" ? 0 : 2), "\(file.path): \(scripts) script elements")
        }
        // The drill-down's data is base64 gzip JSON: every payload arrives as a string, in its field.
        let page = try Self.pageData(try #require(files.first { $0.path == "samples/0000.html" }).contents)
        let task = try #require((page["tasks"] as? [[String: Any]])?.first { ($0["id"] as? String)?.hasSuffix(Self.payloads[0]) == true })
        let model = try #require((task["models"] as? [[String: Any]])?.first { $0["name"] as? String == "alpha" })
        let sample = try #require((model["samples"] as? [[String: Any]])?.first)
        let parts = try #require(sample["parts"] as? [[Any]])
        #expect(parts.map { $0[2] as? String } == ["text", "file", "file"])
        #expect(parts[0][1] as? String == "Here is my answer " + Self.payloads[0])
        // Named by the block's info words, so the name is the part after the space.
        #expect(parts[1][0] as? String == "onload=alert(1)>.py" && parts[1][1] as? String == "print('\(Self.payloads[1])')\n")
        #expect(parts[2][0] is NSNull && parts[2][1] as? String == "unnamed \(Self.payloads[2])\n")
        let check = try #require(((sample["execution"] as? [String: Any])?["checks"] as? [[String: Any]])?.first)
        #expect(check["stdout"] as? String == Self.payloads[0] && check["stderr"] as? String == "Traceback\n" + Self.payloads[2])
        let vote = try #require(((sample["judge"] as? [String: Any])?["votes"] as? [[String: Any]])?.first)
        #expect(vote["rationale"] as? String == "Looks fine " + Self.payloads[1])
        let overview = try #require(files.first { $0.path == "index.html" }).contents
        let escapedModel = overview.contains("beta &quot;&gt;&lt;svg onload=alert(1)&gt;")
        #expect(escapedModel)
    }

    @Test func theTableDataIsJSONThatNoPayloadCanEnd() throws {
        let tasks = try #require(DashboardSite.render(Self.input()).first { $0.path == "tasks.html" }).contents
        let json = try #require(Self.between(tasks, "<script type=\"application/json\" id=\"task-data\">", "</script>"))
        #expect(!json.contains("<") && !json.contains(">"))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let names = try #require(data["tasks"] as? [[Any]]).compactMap { $0[1] as? String }
        for payload in Self.payloads { #expect(names.contains { $0.hasSuffix(payload) }, "\(payload)") }
        let metrics = try #require(data["metrics"] as? [[String]])
        #expect(metrics.map { $0[0] } == ["alpha", "beta " + Self.payloads[2]])
    }

    @Test func rowsCarryTheGateFlagsAndEachTasksOwnTest() throws {
        let model = DashboardModel(Self.input())
        func row(_ task: Int, model name: String = "alpha") throws -> DashboardModel.Row {
            let prefix = "task-\(task)"
            let index = try #require(model.siteTasks.firstIndex { $0.task == prefix || $0.task.hasPrefix(prefix + " ") })
            return try #require(model.rows.first { $0.task == index && model.metrics[$0.metric].model == name })
        }
        typealias Flag = DashboardModel.Flag
        #expect(try row(4).flags == 0 && row(4).baseline == 1 && row(4).candidate == 1)
        #expect(try row(4).p == 1)
        // 8 of 8 passing → 0 of 8: Fisher exact two-sided p = 2 / C(16, 8); the gate flags it (BH-adjusted).
        let failed = try row(1)
        #expect(failed.candidate == 0 && failed.baseline == 1)
        #expect(abs((failed.p ?? 0) - 2.0 / 12_870) < 1e-12)
        #expect(failed.flags & Flag.regressed != 0 && failed.flags & Flag.improved == 0)
        #expect(try row(9).flags & Flag.improved != 0 && row(9).flags & Flag.regressed == 0)
        #expect(try row(10).flags == 0)
        #expect(try row(5).flags & Flag.changed != 0 && row(5).p == nil)
        #expect(try row(6).flags & Flag.error != 0)
        #expect(try row(7).flags & Flag.new != 0 && row(7).baseline == nil)
        #expect(try row(8).flags & Flag.missing != 0 && row(8).candidate == nil)
        #expect(try row(2).flags & Flag.manipulation != 0, "the judge flagged the svg task")
        // Exactly the gate's flags: tasks 0–3 regressed and task 9 improved, for both models.
        let regressedRows = model.rows.filter { $0.flags & Flag.regressed != 0 }
        #expect(regressedRows.count == 8 && Set(regressedRows.map { model.siteTasks[$0.task].task.prefix(6) }) == ["task-0", "task-1", "task-2", "task-3"])
        #expect(model.rows.filter { $0.flags & Flag.improved != 0 }.count == 2)
        let flagged = model.input.report!.comparisons.reduce(0) { $0 + $1.regressedTasks.count }
        #expect(flagged == 8)
    }

    @Test func drillDownPagesHoldEveryTaskOnceWhereTheTableLinks() throws {
        var input = Self.input()
        input.report = nil
        input.candidate = (0..<450).map { Self.record(model: "m", task: String(format: "t%03d", $0), sample: 0, pass: true) }
        input.baseline = []
        let model = DashboardModel(input)
        #expect(model.tasksPerPage == 100 && model.pageCount == 5)
        let files = DashboardSite.render(input)
        #expect(files.count == 7)
        var onPages: [Int: String] = [:]
        for file in files where file.path.hasPrefix("samples/") {
            for task in try #require(try Self.pageData(file.contents)["tasks"] as? [[String: Any]]) {
                let index = try #require(task["index"] as? Int)
                #expect(onPages[index] == nil, "task \(index) on two pages")
                #expect(file.path == DashboardModel.pagePath(model.page(ofTask: index)), "task \(index) is not where the table links")
                #expect(task["id"] as? String == model.siteTasks[index].task)
                onPages[index] = file.path
            }
        }
        #expect(onPages.count == 450)
        #expect(files[0].contents.contains("No comparison"))
    }

    @Test func theForestPlotPutsDeltaItsIntervalAndTheMarginOnOneScale() throws {
        let report = try #require(Self.input().report)
        let comparison = try #require(report.comparisons.first)
        let svg = ForestPlot.svg([comparison])
        func number(after marker: String) throws -> Double {
            let text = try #require(Self.between(svg, marker, "\""))
            return try #require(Double(text))
        }
        let zero = try number(after: "<line class=\"zero\" x1=\"")
        let margin = try number(after: "<line class=\"margin\" x1=\"")
        let point = try number(after: "<circle class=\"point\" cx=\"")
        let plot = ForestPlot.width - ForestPlot.valueWidth - ForestPlot.labelWidth
        // x is linear in the value: the distances from zero keep the ratio Δ : −δ.
        #expect(abs((point - zero) / (margin - zero) - comparison.delta / -comparison.margin) < 0.03, "0.1 px rounding")
        #expect(comparison.delta < 0 && point < zero && margin < zero && abs(zero - (ForestPlot.labelWidth + plot / 2)) < 0.1)
        #expect(svg.hasPrefix("<svg class=\"forest\"") && svg.contains("role=\"img\""))
    }

    @Test func trendsOrderRunsByTimeAndMarkTheBaselineAndThisRun() throws {
        let older = (0..<4).map { Self.record(model: "alpha", task: "task-\($0 + 4)", sample: 0, pass: $0 < 2) }
        let history = [HistoryRun(label: "base-run", createdAt: "2026-11-01T00:00:00.000Z", runID: "base-run", records: older),
                       HistoryRun(label: "oldest", createdAt: "2026-10-01T00:00:00.000Z", runID: "x", records: older)]
        let model = DashboardModel(Self.input(history: history))
        let trend = try #require(model.trends().first { $0.key.model == "alpha" && $0.key.metric == "tests.pass" })
        #expect(trend.points.map(\.label) == ["oldest", "base-run", "this run"])
        #expect(trend.points.map(\.isBaseline) == [false, true, false] && trend.points.last?.isCandidate == true)
        #expect(trend.points[0].value == 0.5)
        // A copy of this run in the history is not a second point; the baseline's file wins over its run folder.
        var input = Self.input(history: history + [
            HistoryRun(label: "copy of this run", createdAt: "2026-11-20T00:00:00.000Z", runID: "cand-run", records: older),
            HistoryRun(label: "main.jsonl", createdAt: "2026-11-01T00:00:00.000Z", runID: "base-run", records: older, isBaselineFile: true),
        ])
        input.manifest = RunManifest(runID: "cand-run", toolVersion: "test", gitCommit: nil, startedAt: "2026-11-20T00:00:00.000Z",
                                     status: "complete", models: [], suite: .init(tasksDir: "tasks", tasksSHA256: "x", tasks: [:]),
                                     filters: .init(models: [], tasks: [], category: nil, samples: nil))
        let deduplicated = try #require(DashboardModel(input).trends().first { $0.key.model == "alpha" && $0.key.metric == "tests.pass" })
        #expect(deduplicated.points.map(\.label) == ["oldest", "main.jsonl", "this run"])
        let overview = DashboardSite.render(Self.input(history: history))[0].contents
        #expect(overview.contains("<h2 id=\"trends-h\">Trends</h2>") && overview.contains("class=\"dot baseline\""))
        #expect(!DashboardSite.render(Self.input())[0].contents.contains("trends-h"))
    }

    @Test func theInlineAssetsAreASCIISoTheirHashesHoldUnderAnyCharset() {
        for asset in [DashboardAssets.stylesheet, DashboardAssets.tasksScript, DashboardAssets.samplesScript] {
            let ascii = asset.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii)
        }
    }

    @Test func htmlTextEscapesForEachPlace() throws {
        #expect(HTMLText.text("a<b>&\"c'\u{0}\u{1B}[31md") == "a&lt;b&gt;&amp;&quot;c&#39;d")
        #expect(HTMLText.attribute("x\ny\"") == "x y&quot;")
        let json = HTMLText.scriptJSON(Data(#"{"a":"</script><!-- & \u2028"}"#.utf8))
        #expect(!json.contains("<") && !json.contains("&"))
        let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(back?["a"] == "</script><!-- & \u{2028}")
    }
}

struct GzipTests {
    @Test func roundTripsAndRefusesMoreThanTheLimit() throws {
        let text = Data(String(repeating: "codescore dashboard ", count: 5_000).utf8)
        let packed = try Gzip.compress(text)
        #expect(packed.count < text.count / 20 && packed.prefix(2) == Data([0x1f, 0x8b]))
        #expect(try Gzip.decompress(packed) == text)
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(packed, limit: 1000) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Data("not gzip".utf8)) }
        #expect(try Gzip.decompress(try Gzip.compress(Data())) == Data())
    }
}
