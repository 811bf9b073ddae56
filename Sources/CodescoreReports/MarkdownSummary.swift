import CodescoreGate
import CodescoreResults
import Foundation

/// `--markdown PATH`: the PR/MR comment. Verdict first; then the model × metric table, regressed and
/// improved tasks, power warnings, cost and time, failure details. At most `budget` characters whatever
/// the suite size: sections are shortened, then dropped, in the stated order, with a note. The hidden
/// marker lets CI bots update one sticky comment. docs/reports.md describes it.
public enum MarkdownSummary {
    public static let marker = "<!-- codescore-summary -->"
    public static let defaultBudget = 60_000

    public struct Run: Sendable {
        public var costUSD: Double?
        public var wallSeconds: Double?
        public var inputTokens: Int?
        public var outputTokens: Int?
        public init(costUSD: Double?, wallSeconds: Double?, inputTokens: Int?, outputTokens: Int?) {
            self.costUSD = costUSD
            self.wallSeconds = wallSeconds
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
        }
    }

    public static func render(report: GateReport, candidate: [ResultRecord], run: Run, budget: Int = defaultBudget) -> String {
        let head = headline(report) + "\n\n" + table(report)
        // Optional sections in priority order: earlier ones survive longer.
        var sections: [(name: String, full: String, short: String?)] = [
            ("regressed tasks", taskLists(report, improved: false, limit: .max), taskLists(report, improved: false, limit: 20)),
            ("judge", judgeSection(report, limit: .max), judgeSection(report, limit: 10)),
            ("power warnings", warnings(report), nil),
            ("run cost and time", costLine(report, run), nil),
            ("improved tasks", taskLists(report, improved: true, limit: .max), taskLists(report, improved: true, limit: 10)),
            ("not compared", notCompared(report), nil),
            ("failure details", failureDetails(report, candidate, limit: .max), failureDetails(report, candidate, limit: 5)),
        ]
        sections = sections.filter { !$0.full.isEmpty }
        let tail = "\n" + marker + "\n"
        var chosen = sections.map(\.full)
        var notes: [String] = []
        func total() -> Int { ([head] + chosen + notes).joined(separator: "\n\n").count + tail.count + 200 }
        // Shorten from the least important section up, then drop from the least important up.
        for index in sections.indices.reversed() where total() > budget {
            if let short = sections[index].short, short.count < chosen[index].count {
                chosen[index] = short
                notes.append("_\(sections[index].name) shortened to fit the \(budget)-character limit; gate.json has everything._")
            }
        }
        for index in sections.indices.reversed() where total() > budget {
            chosen[index] = ""
            notes.append("_\(sections[index].name) left out to fit the \(budget)-character limit; gate.json has everything._")
        }
        var body = ([head] + chosen.filter { !$0.isEmpty } + notes).joined(separator: "\n\n")
        if body.count + tail.count > budget {
            // The table alone is too large (thousands of models × metrics): cut it at a line.
            let cut = body.prefix(budget - tail.count - 200)
            body = String(cut[..<(cut.lastIndex(of: "\n") ?? cut.endIndex)]) + "\n\n_table cut to fit the limit; gate.json has everything._"
        }
        return body + "\n" + tail
    }

    /// The judge's identity and vote counts, and every sample flagged for suspected manipulation (names only:
    /// the candidate text itself is never quoted here).
    static func judgeSection(_ report: GateReport, limit: Int) -> String {
        guard let judge = report.judge else { return "" }
        var lines = ["**Judge**" + (judge.identity.map { ": " + MarkdownText.inline($0.description) } ?? "")
                     + " — \(judge.judged) samples, \(judge.validVotes) valid and \(judge.invalidVotes) invalid votes"
                     + (judge.problems.isEmpty ? "" : " (" + judge.problems.sorted { $0.key < $1.key }
                        .map { "\(MarkdownText.inline($0.key)) \($0.value)" }.joined(separator: ", ") + ")")]
        if judge.unscored > 0 {
            lines.append("⚠️ \(judge.unscored) samples got no valid judge vote; they count as failed for the judge metrics.")
        }
        if !judge.flagged.isEmpty {
            lines.append("")
            lines.append("⚠️ **Suspected judge manipulation** in \(judge.flagged.count) samples (the candidate's text addresses the judge):")
            for flag in judge.flagged.prefix(limit) {
                lines.append("- \(MarkdownText.inline(flag.model)) · \(MarkdownText.inline(flag.task)) · sample \(flag.sample): "
                             + flag.rules.map { MarkdownText.inline($0) }.joined(separator: ", "))
            }
            if judge.flagged.count > limit { lines.append("- … and \(judge.flagged.count - limit) more (gate.json lists all)") }
        }
        return lines.joined(separator: "\n")
    }

    static func icon(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: return "✅"
        case .regression: return "❌"
        case .inconclusive: return "⚠️"
        }
    }

    /// One line a person can read in a notification.
    static func headline(_ report: GateReport) -> String {
        "### \(icon(report.verdict)) codescore: **\(report.verdict.rawValue)** — \(MarkdownText.inline(report.reason, limit: 300))"
    }

    static func number(_ value: Double) -> String { GateReport.number(value) }
    static func p(_ value: Double) -> String { GateReport.p(value) }

    static func table(_ report: GateReport) -> String {
        guard !report.comparisons.isEmpty else { return "_Nothing was compared._" }
        var lines = ["| model | metric | tasks | baseline | candidate | Δ [CI] | δ | p (Holm) | verdict |",
                     "|---|---|---:|---:|---:|---:|---:|---:|---|"]
        for c in report.comparisons {
            let ci = c.deltaCI.map { " [\(number($0.lower)), \(number($0.upper))]" } ?? ""
            let verdict = "\(icon(c.verdict)) \(c.verdict.rawValue)" + (c.underpowered && c.verdict == .inconclusive ? " (underpowered)" : "")
            lines.append("| \(MarkdownText.inline(c.model)) | \(MarkdownText.inline(c.metric)) | \(c.tasks) | "
                         + "\(number(c.baselineMean)) ± \(number(c.baselineSE)) | \(number(c.candidateMean)) ± \(number(c.candidateSE)) | "
                         + "\(c.delta >= 0 ? "+" : "")\(number(c.delta))\(ci) | \(number(c.margin)) | \(p(c.pRegressionAdjusted)) | \(verdict) |")
        }
        return lines.joined(separator: "\n")
    }

    static func taskLists(_ report: GateReport, improved: Bool, limit: Int) -> String {
        var lines: [String] = []
        for c in report.comparisons {
            let flags = improved ? c.improvedTasks : c.regressedTasks
            guard !flags.isEmpty else { continue }
            if !lines.isEmpty { lines.append("") }
            lines.append("**\(improved ? "Improved" : "Regressed") tasks — \(MarkdownText.inline(c.model)), \(MarkdownText.inline(c.metric))** (\(flags.count))")
            for flag in flags.prefix(limit) {
                lines.append("- \(MarkdownText.inline(flag.task)): \(number(flag.baselineMean)) → \(number(flag.candidateMean)) "
                             + "(\(flag.test), p=\(p(flag.p)), BH \(p(flag.pAdjusted)))")
            }
            if flags.count > limit { lines.append("- … and \(flags.count - limit) more (gate.json lists all)") }
        }
        return lines.joined(separator: "\n")
    }

    static func warnings(_ report: GateReport) -> String {
        report.comparisons.filter(\.underpowered).map { c in
            var fix = "MDE \(number(c.mde)) > δ \(number(c.margin)) at \(c.tasks) tasks"
            if let tasks = c.tasksNeeded { fix += "; about \(tasks) tasks" }
            if let samples = c.samplesNeeded { fix += " or \(samples) samples per task" }
            return "> ⚠️ **Underpowered** — \(MarkdownText.inline(c.model)) \(MarkdownText.inline(c.metric)): \(fix) would let the gate decide."
        }.joined(separator: "\n>\n")
    }

    static func costLine(_ report: GateReport, _ run: Run) -> String {
        var parts: [String] = []
        if let cost = run.costUSD { parts.append(String(format: "cost $%.4f", cost)) }
        if let input = run.inputTokens, let output = run.outputTokens { parts.append("\(input) input + \(output) output tokens") }
        if let seconds = run.wallSeconds { parts.append(String(format: "%.1f s", seconds)) }
        parts.append("sandbox: \(MarkdownText.inline(report.candidate.sandbox ?? "unknown"))")
        if report.candidate.sandbox == "none" { parts.append("⚠️ **generated code ran without a sandbox**") }
        for name in report.candidate.unsandboxedBenchmarks ?? [] {
            parts.append("⚠️ **benchmark \(MarkdownText.inline(name)) ran its harness without a sandbox**")
        }
        parts.append("seed \(report.seed)")
        return "<sub>" + parts.joined(separator: " · ") + "</sub>"
    }

    static func notCompared(_ report: GateReport) -> String {
        report.comparisons.compactMap { c -> String? in
            let count = c.changedTasks.count + c.missingInBaseline.count + c.missingInCandidate.count
            guard count > 0 else { return nil }
            return "- \(MarkdownText.inline(c.model)) \(MarkdownText.inline(c.metric)): \(c.changedTasks.count) changed, "
                + "\(c.missingInBaseline.count) new, \(c.missingInCandidate.count) missing — not compared"
        }.joined(separator: "\n")
    }

    /// The sandbox output of the first failing sample of each regressed task, fenced (untrusted text).
    static func failureDetails(_ report: GateReport, _ candidate: [ResultRecord], limit: Int) -> String {
        var blocks: [String] = []
        var seen: Set<String> = []
        for c in report.comparisons {
            for flag in c.regressedTasks where seen.insert(c.model + "\u{0}" + flag.task).inserted {
                guard blocks.count < limit else { break }
                let samples = candidate.filter { $0.model == c.model && $0.task == flag.task }
                let detail = JUnitWriter.failureDetail(samples)
                guard !detail.isEmpty else { continue }
                blocks.append("<details><summary>\(MarkdownText.inline(flag.task)) — \(MarkdownText.inline(c.model))</summary>\n\n"
                              + MarkdownText.fenced(detail, limit: 3000) + "\n</details>")
            }
        }
        return blocks.joined(separator: "\n\n")
    }
}
