import ArgumentParser
import CodescoreGate
import CodescoreReports
import CodescoreResults
import Foundation

extension CodescoreCommand {
    struct Dashboard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the static HTML dashboard of a finished run (verdict, tasks, samples, trends).",
            discussion: """
                The site opens from file:// or any static host and makes no network request: \
                codescore dashboard --results codescore-out --baseline baselines/main.jsonl --history runs/ --out site/. \
                With --baseline it compares now; otherwise it shows the gate.json next to the results, or the run alone. \
                docs/dashboard.md describes the pages.
                """)

        @Option(help: "The run: its folder (results.jsonl, run.json, gate.json) or its results.jsonl.")
        var results: String

        @Option(help: "Compare with this baseline (otherwise gate.json next to the results is shown, when there is one).")
        var baseline: String?

        @Option(help: "Gate policy file, when comparing with --baseline.")
        var policy: String?

        @Flag(name: .customLong("allow-judge-change"), help: "Compare although the baseline was scored by another judge.")
        var allowJudgeChange = false

        @Option(help: "Earlier runs (folders with results.jsonl) and baselines (*.jsonl) for the trends.")
        var history: String?

        @Option(help: "The folder to write the site into.")
        var out = "site"

        func validate() throws {
            if baseline == nil && (policy != nil || allowJudgeChange) {
                throw ValidationError("--policy and --allow-judge-change apply to a comparison: give --baseline too.")
            }
        }

        func run() async throws {
            let candidate = try readRun(results)
            var report: GateReport?
            var baselineRecords: [ResultRecord] = []
            if let baseline {
                (report, baselineRecords) = try evaluate(policy: try loadPolicy(policy), baselinePath: baseline,
                                                         candidate: candidate, allowJudgeChange: allowJudgeChange)
            } else {
                report = try readGateReport(at: candidate.gatePath)
                baselineRecords = report.map { readBaselineRecords(named: $0.baseline.path) } ?? []
            }
            try writeDashboard(to: out, history: history, report: report, candidate: candidate.records,
                               manifest: candidate.manifest, baseline: baselineRecords)
        }
    }
}

/// Writes the dashboard (exit 65 for a malformed history file, 70 when the folder cannot be written).
func writeDashboard(to folder: String, history: String?, report: GateReport?, candidate: [ResultRecord], manifest: RunManifest?,
                    baseline: [ResultRecord]) throws {
    let input = DashboardInput(report: report, candidate: candidate, baseline: baseline, manifest: manifest,
                               history: try history.map(readHistory) ?? [], toolVersion: CodescoreCommand.version,
                               generatedAt: Timestamp.iso8601(Date()))
    do {
        try DashboardSite.write(input, to: URL(fileURLWithPath: folder))
    } catch {
        printError("\(folder): cannot write the dashboard: \(error.localizedDescription).")
        throw ExitStatus.internalError
    }
    printError("dashboard: \((folder as NSString).appendingPathComponent("index.html"))")
}

/// The baseline a gate.json names, for the dashboard's per-task numbers; empty (with a note) when it is gone.
func readBaselineRecords(named path: String) -> [ResultRecord] {
    do {
        return try Baseline.read(url: URL(fileURLWithPath: path), displayPath: path).records
    } catch {
        printError("note: the dashboard shows no per-task baseline numbers: \(error.description)")
        return []
    }
}

/// Every run folder (with results.jsonl) and JSONL file (a baseline or a results file) directly in `folder`.
func readHistory(_ folder: String) throws -> [HistoryRun] {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: folder) else {
        printError("\(folder): no such folder (--history takes a folder of earlier runs and baselines).")
        throw ExitStatus.usage
    }
    var runs: [HistoryRun] = []
    for name in names.sorted() where !name.hasPrefix(".") {
        let path = (folder as NSString).appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        _ = manager.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            guard manager.fileExists(atPath: (path as NSString).appendingPathComponent("results.jsonl")) else { continue }
            let run = try readRun(path)
            runs.append(HistoryRun(label: run.manifest?.runID ?? name, createdAt: run.manifest?.startedAt ?? modified(path),
                                   runID: run.manifest?.runID, records: run.records))
        } else if name.hasSuffix(".jsonl") {
            let firstLine = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 4096)).flatMap { $0 } ?? Data()
            if String(decoding: firstLine, as: UTF8.self).split(separator: "\n").first?.contains("\"\(Baseline.Header.kindName)\"") == true {
                do {
                    let baseline = try Baseline.read(url: URL(fileURLWithPath: path), displayPath: path)
                    runs.append(HistoryRun(label: name, createdAt: baseline.header.createdAt, runID: baseline.header.runID,
                                           records: baseline.records, isBaselineFile: true))
                } catch {
                    printError(error.description)
                    throw ExitStatus.badInput
                }
            } else {
                // A loose results file: its records alone (a run.json beside it belongs to some other run).
                do {
                    let records = try ResultsStore.read(url: URL(fileURLWithPath: path), displayPath: path).records
                    runs.append(HistoryRun(label: name, createdAt: modified(path), runID: records.first?.runID, records: records))
                } catch {
                    printError(error.description)
                    throw error.isMalformedInput ? ExitStatus.badInput : ExitStatus.internalError
                }
            }
        }
    }
    if runs.isEmpty { printError("note: \(folder) holds no earlier run or baseline; the dashboard has no trends.") }
    return runs
}

private func modified(_ path: String) -> String {
    let date = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
    return Timestamp.iso8601(date)
}
