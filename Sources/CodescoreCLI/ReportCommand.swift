import ArgumentParser
import CodescoreGate
import CodescoreResults
import Foundation

extension CodescoreCommand {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-render the reports of a finished gate from files, without running anything.",
            discussion: """
                Reads the run (--results) and its gate.json (written by `codescore gate`), or compares again \
                with --baseline when there is no gate.json or --baseline is given. Writes the files asked for: \
                codescore report --results codescore-out --junit junit.xml --markdown summary.md
                """)

        @Option(help: "The run: its folder (results.jsonl, run.json, gate.json) or its results.jsonl.")
        var results: String

        @Option(help: "Compare with this baseline instead of reading gate.json.")
        var baseline: String?

        @Option(name: .customLong("gate-json"), help: "The gate.json to render (default: next to the results).")
        var gateJSON: String?

        @Option(help: "Gate policy file, when comparing with --baseline.")
        var policy: String?

        @Flag(name: .customLong("allow-judge-change"), help: "Compare although the baseline was scored by another judge.")
        var allowJudgeChange = false

        @OptionGroup var reports: ReportOptions

        func run() async throws {
            let candidate = try readRun(results)
            let gatePath = gateJSON ?? candidate.gatePath
            let report: GateReport
            var baselineRecords: [ResultRecord]?
            if let baseline {
                (report, baselineRecords) = try evaluate(policy: try loadPolicy(policy), baselinePath: baseline,
                                                         candidate: candidate, allowJudgeChange: allowJudgeChange)
            } else {
                guard let read = try readGateReport(at: gatePath) else {
                    printError("\(gatePath): no gate.json; run `codescore gate` first, or pass --baseline to compare now.")
                    throw ExitStatus.usage
                }
                report = read
            }
            try reports.write(report: report, records: candidate.records, manifest: candidate.manifest, baseline: baselineRecords)
            print(report.table())
        }
    }
}
