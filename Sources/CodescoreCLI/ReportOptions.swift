import ArgumentParser
import CodescoreGate
import CodescoreResults
import CodescoreReports
import Foundation

/// The report files `gate` and `report` write. docs/reports.md describes each.
struct ReportOptions: ParsableArguments {
    @Option(help: "Write JUnit XML here: a testsuite per model, a testcase per task and per gated metric.")
    var junit: String?

    @Option(help: "Write the Markdown summary (the PR comment, at most 60,000 characters) here.")
    var markdown: String?

    @Option(help: "Write the candidate's results as tidy CSV (RFC 4180, formula-safe) here.")
    var csv: String?

    @Option(help: "Write the candidate's results as JSONL here.")
    var jsonl: String?

    @Option(help: "Write a GitLab Code Quality report of the regressions here.")
    var codequality: String?

    @Option(help: "Write the static HTML dashboard into this folder (opens from file://, makes no request).")
    var dashboard: String?

    @Option(help: "Earlier runs (folders with results.jsonl) and baselines (*.jsonl) for the dashboard's trends.")
    var history: String?

    func validate() throws {
        if history != nil && dashboard == nil { throw ValidationError("--history is for the dashboard: give --dashboard DIR too.") }
    }

    /// Writes every requested file, the GitHub step summary and annotations when running in GitHub Actions.
    /// `baseline` nil: the dashboard reads the baseline the report names, when it can.
    func write(report: GateReport, records: [ResultRecord], manifest: RunManifest?, baseline: [ResultRecord]?,
               environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let summary = MarkdownSummary.render(
            report: report, candidate: records,
            run: .init(costUSD: manifest?.costUSD, wallSeconds: manifest?.wallSeconds, inputTokens: manifest?.usage.inputTokens,
                       outputTokens: manifest?.usage.outputTokens))
        var files: [(String?, () throws -> Data)] = [
            (junit, { Data(JUnitWriter.render(report: report, candidate: records).utf8) }),
            (markdown, { Data(summary.utf8) }),
            (csv, { Data(ResultsCSV.render(records).utf8) }),
            (jsonl, { try records.reduce(into: Data()) { $0.append(try JSONLines.encodeLine($1)) } }),
            (codequality, { try CodeQualityReport.render(report) }),
        ]
        files = files.filter { $0.0 != nil }
        for (path, contents) in files {
            guard let path else { continue }
            do {
                try contents().write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                printError("\(path): cannot write: \(error.localizedDescription).")
                throw ExitStatus.internalError
            }
        }
        if let dashboard {
            try writeDashboard(to: dashboard, history: history, report: report, candidate: records, manifest: manifest,
                               baseline: baseline ?? readBaselineRecords(named: report.baseline.path))
        }
        if let stepSummary = environment["GITHUB_STEP_SUMMARY"], !stepSummary.isEmpty,
           let handle = FileHandle(forWritingAtPath: stepSummary) {
            // GitHub shows at most 1 MiB per step; the summary is far below.
            handle.seekToEndOfFile()
            handle.write(Data((summary + "\n").utf8))
            try? handle.close()
        }
        if environment["GITHUB_ACTIONS"] == "true" {
            for line in GitHubAnnotations.lines(report) { print(line) }
        }
    }
}
