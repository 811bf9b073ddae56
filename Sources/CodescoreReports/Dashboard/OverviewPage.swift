import CodescoreGate
import CodescoreResults
import Foundation

/// index.html: the verdict and why, the forest plot and a card per model × metric, pass@k and scores per
/// category, the run's volumes, costs and errors, the judge, and the trends.
enum OverviewPage {
    static func render(_ model: DashboardModel) -> String {
        let input = model.input
        var body = verdict(input)
        if let report = input.report, !report.comparisons.isEmpty {
            body += "<section aria-labelledby=\"metrics-h\"><h2 id=\"metrics-h\">Model × metric</h2>"
            // One plot per metric: each has its own scale (a rate and a 0–10 rubric score cannot share one).
            var metrics: [String] = []
            for comparison in report.comparisons where !metrics.contains(comparison.metric) { metrics.append(comparison.metric) }
            body += "<div class=\"forests\">" + metrics.map { metric in
                "<figure class=\"panel\"><figcaption>\(HTMLText.text(metric))</figcaption>"
                    + ForestPlot.svg(report.comparisons.filter { $0.metric == metric }) + "</figure>"
            }.joined() + "</div>"
            body += "<div class=\"cards\">" + report.comparisons.map { card($0, model: model) }.joined() + "</div></section>"
        }
        body += categories(model)
        body += run(model)
        body += judge(input.report?.judge, model: model)
        body += trends(model)
        return DashboardSite.page(title: "Overview", section: .overview, depth: 0, body: body)
    }

    static func verdict(_ input: DashboardInput) -> String {
        var html: String
        guard let report = input.report else {
            html = "<section class=\"panel verdict\" aria-labelledby=\"verdict-h\"><h1 id=\"verdict-h\">No comparison</h1>"
            html += "<p>This run was not compared with a baseline; pass <code>--baseline</code> (or run <code>codescore gate</code>) for a verdict.</p>"
            return html + sources(input) + "</section>"
        }
        let name = report.verdict.rawValue
        html = "<section class=\"panel verdict \(name.lowercased())\" aria-labelledby=\"verdict-h\">"
        html += "<h1 id=\"verdict-h\"><span class=\"badge \(name.lowercased())\">\(name)</span> \(HTMLText.text(report.reason))</h1>"
        html += "<p class=\"muted\">Exit code \(report.exitCode). Paired over tasks, one-sided against each margin δ at α = "
            + "\(report.policyNumber("alpha").map { String($0) } ?? "?"), Holm-adjusted across \(report.comparisons.count) comparisons, seed "
            + "\(HTMLText.text(report.seed)).</p>"
        if !report.candidate.complete {
            html += "<p class=\"warning\" role=\"note\">The candidate run is incomplete (interrupted, or errors beyond the budget): it cannot pass.</p>"
        }
        if report.candidate.sandbox == "none" {
            html += "<p class=\"warning\" role=\"note\">The candidate's generated code ran WITHOUT a sandbox (--unsafe-no-sandbox).</p>"
        }
        if let names = report.candidate.unsandboxedBenchmarks, !names.isEmpty {
            html += "<p class=\"warning\" role=\"note\">These benchmarks' harnesses ran without a sandbox: "
                + HTMLText.text(names.joined(separator: ", ")) + ".</p>"
        }
        return html + sources(input) + "</section>"
    }

    static func sources(_ input: DashboardInput) -> String {
        var facts: [(String, String)] = []
        if let report = input.report {
            for (name, source) in [("Candidate", report.candidate), ("Baseline", report.baseline)] {
                let parts = [source.runID.map { "run \($0)" }, source.gitCommit.map { "commit \(String($0.prefix(12)))" },
                             source.createdAt, "\(source.records) records", source.sandbox.map { "sandbox \($0)" }].compactMap { $0 }
                facts.append((name, source.path + " — " + parts.joined(separator: ", ")))
            }
            if let judge = report.candidate.judge { facts.append(("Judge", judge.description)) }
        } else if let manifest = input.manifest {
            facts.append(("Run", [manifest.runID, manifest.gitCommit.map { "commit \(String($0.prefix(12)))" }, manifest.startedAt,
                                  "status \(manifest.status)"].compactMap { $0 }.joined(separator: ", ")))
        }
        facts.append(("Written", "\(input.generatedAt) by codescore \(input.toolVersion)"))
        return "<dl class=\"facts\">" + facts.map { "<dt>\(HTMLText.text($0.0))</dt><dd>\(HTMLText.text($0.1))</dd>" }.joined() + "</dl>"
    }

    static func card(_ c: MetricComparison, model: DashboardModel) -> String {
        let verdict = c.verdict.rawValue
        var html = "<article class=\"card\" aria-label=\"\(HTMLText.attribute(c.model + " " + c.metric))\">"
        html += "<h3>\(HTMLText.text(c.model)) · \(HTMLText.text(c.metric))</h3><span class=\"badge \(verdict.lowercased())\">\(verdict)</span>"
        if c.underpowered && c.verdict == .inconclusive { html += "<span class=\"badge warning\">underpowered</span>" }
        let ci = c.deltaCI.map { " [\(GateReport.number($0.lower)), \(GateReport.number($0.upper))]" } ?? ""
        var facts: [(String, String)] = [
            ("Baseline", "\(GateReport.number(c.baselineMean)) ± \(GateReport.number(c.baselineSE))"),
            ("Candidate", "\(GateReport.number(c.candidateMean)) ± \(GateReport.number(c.candidateSE))"),
            ("Δ [\(Int((c.confidenceLevel * 100).rounded()))% CI]", DashboardSite.signed(c.delta) + ci),
            ("Margin δ", GateReport.number(c.margin)),
            ("p (Holm)", GateReport.p(c.pRegressionAdjusted) + " · " + c.test),
            ("Tasks × samples", "\(c.tasks) × \(c.samplesCandidate) (baseline \(c.samplesBaseline))"),
            ("Error rate", String(format: "%.1f%%", c.errorRate * 100)),
        ]
        if let floor = c.floor { facts.append(("Floor", GateReport.number(floor) + (c.floorViolated ? " — violated" : ""))) }
        html += "<dl class=\"facts\">" + facts.map { "<dt>\($0.0)</dt><dd>\(HTMLText.text($0.1))</dd>" }.joined() + "</dl>"
        html += "<p class=\"muted\">\(HTMLText.text(c.reason))</p>"
        if let index = model.metrics.firstIndex(where: { $0.model == c.model && $0.label == c.metric }) {
            var links: [String] = []
            if !c.regressedTasks.isEmpty { links.append("<a href=\"tasks.html#m=\(index)&amp;f=1\">\(c.regressedTasks.count) regressed tasks</a>") }
            if !c.improvedTasks.isEmpty { links.append("<a href=\"tasks.html#m=\(index)&amp;f=2\">\(c.improvedTasks.count) improved tasks</a>") }
            let unmatched = c.changedTasks.count + c.missingInBaseline.count + c.missingInCandidate.count
            if unmatched > 0 {
                links.append("\(unmatched) not compared (\(c.changedTasks.count) changed, \(c.missingInBaseline.count) new, "
                             + "\(c.missingInCandidate.count) missing)")
            }
            links.append("<a href=\"tasks.html#m=\(index)\">all tasks</a>")
            html += "<p>" + links.joined(separator: " · ") + "</p>"
        }
        return html + "</article>"
    }

    static func categories(_ model: DashboardModel) -> String {
        let stats = model.categoryStats()
        guard !stats.isEmpty else { return "" }
        let ks = Array(Set(stats.flatMap { $0.passAtK.map(\.k) })).sorted()
        var html = "<section aria-labelledby=\"categories-h\"><h2 id=\"categories-h\">By category</h2><div class=\"table-wrap\"><table>"
        html += "<caption class=\"muted\">The candidate's pass@k (unbiased estimator, errors count as failed samples) and mean scores per "
            + "category: each task's mean over its samples, averaged over tasks</caption>"
        html += "<thead><tr><th scope=\"col\">Model</th><th scope=\"col\">Benchmark</th><th scope=\"col\">Category</th>"
            + "<th scope=\"col\" class=\"num\">Tasks</th><th scope=\"col\" class=\"num\">Samples</th>"
            + ks.map { "<th scope=\"col\" class=\"num\">pass@\($0)</th>" }.joined()
            + "<th scope=\"col\" class=\"num\">tests.fraction</th><th scope=\"col\" class=\"num\">judge.overall</th>"
            + "<th scope=\"col\">Rubric (judge's mean per criterion)</th></tr></thead><tbody>"
        for row in stats {
            html += "<tr><th scope=\"row\">\(HTMLText.text(row.model))</th><td>\(HTMLText.text(row.benchmark))</td>"
                + "<td>\(HTMLText.text(row.category))</td><td class=\"num\">\(row.tasks)</td><td class=\"num\">\(row.samples)</td>"
            for k in ks { html += "<td class=\"num\">\(DashboardSite.number(row.passAtK.first { $0.k == k }?.value))</td>" }
            let rubric = row.rubric.isEmpty ? "—" : row.rubric.map { "\($0.criterion) \(String(format: "%.1f", $0.mean))" }.joined(separator: " · ")
            html += "<td class=\"num\">\(DashboardSite.number(row.testsFraction))</td><td class=\"num\">\(DashboardSite.number(row.judgeOverall))</td>"
                + "<td>\(HTMLText.text(rubric))</td></tr>"
        }
        return html + "</tbody></table></div></section>"
    }

    static func run(_ model: DashboardModel) -> String {
        let stats = model.runStats()
        guard !stats.isEmpty else { return "" }
        var html = "<section aria-labelledby=\"run-h\"><h2 id=\"run-h\">Cost, tokens, latency, errors</h2>"
        if let manifest = model.input.manifest {
            let wall = manifest.wallSeconds.map { String(format: "%.1f s", $0) } ?? "—"
            html += "<p>Whole run: \(String(format: "$%.4f", manifest.costUSD)), \(manifest.usage.inputTokens) input and "
                + "\(manifest.usage.outputTokens) output tokens, wall time \(wall).</p>"
        }
        html += "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Model</th><th scope=\"col\" class=\"num\">Samples</th>"
            + "<th scope=\"col\" class=\"num\">Cached</th><th scope=\"col\" class=\"num\">Input tokens</th><th scope=\"col\" class=\"num\">Output tokens</th>"
            + "<th scope=\"col\" class=\"num\">Cost</th><th scope=\"col\" class=\"num\">Latency p50</th><th scope=\"col\" class=\"num\">p95</th>"
            + "<th scope=\"col\">Errors</th></tr></thead><tbody>"
        for row in stats {
            let sorted = row.latencies.sorted()
            func percentile(_ q: Double) -> String {
                sorted.isEmpty ? "—" : String(format: "%.0f ms", sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))])
            }
            let errors = row.errors.isEmpty ? "none"
                : row.errors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            html += "<tr><th scope=\"row\">\(HTMLText.text(row.model))</th><td class=\"num\">\(row.samples)</td><td class=\"num\">\(row.cached)</td>"
                + "<td class=\"num\">\(row.inputTokens)</td><td class=\"num\">\(row.outputTokens)</td>"
                + "<td class=\"num\">\(String(format: "$%.4f", row.costUSD))</td><td class=\"num\">\(percentile(0.5))</td>"
                + "<td class=\"num\">\(percentile(0.95))</td><td>\(HTMLText.text(errors))</td></tr>"
        }
        return html + "</tbody></table></div></section>"
    }

    static func judge(_ summary: JudgeSummary?, model: DashboardModel) -> String {
        guard let summary else { return "" }
        var html = "<section aria-labelledby=\"judge-h\"><h2 id=\"judge-h\">Judge</h2><div class=\"panel\">"
        html += "<p>\(summary.identity.map { HTMLText.text($0.description) + ": " } ?? "")\(summary.judged) samples judged, "
            + "\(summary.validVotes) valid and \(summary.invalidVotes) invalid votes"
            + (summary.problems.isEmpty ? "" : " (" + HTMLText.text(summary.problems.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")) + ")") + ".</p>"
        if summary.unscored > 0 {
            html += "<p class=\"warning\">\(summary.unscored) samples got no valid vote; they count as failed for the judge metrics.</p>"
        }
        if !summary.flagged.isEmpty {
            html += "<h3>Suspected judge manipulation (\(summary.flagged.count) samples)</h3><ul>"
            for flag in summary.flagged.prefix(200) {
                html += "<li>" + taskLink(model, task: flag.task)
                    + " · \(HTMLText.text(flag.model)) · sample \(flag.sample): \(HTMLText.text(flag.rules.joined(separator: ", ")))</li>"
            }
            if summary.flagged.count > 200 { html += "<li>… and \(summary.flagged.count - 200) more (gate.json lists all)</li>" }
            html += "</ul>"
        }
        return html + "</div></section>"
    }

    /// A link to a task's drill-down (judge flags name no benchmark: the first benchmark that has the task).
    static func taskLink(_ model: DashboardModel, task: String) -> String {
        guard let index = model.siteTasks.firstIndex(where: { $0.task == task }) else { return HTMLText.text(task) }
        return "<a href=\"\(DashboardModel.pagePath(model.page(ofTask: index)))#t\(index)\">\(HTMLText.text(task))</a>"
    }

    static func trends(_ model: DashboardModel) -> String {
        let series = model.trends()
        guard !series.isEmpty else { return "" }
        var html = "<section aria-labelledby=\"trends-h\"><h2 id=\"trends-h\">Trends</h2>"
        html += "<p class=\"muted\">Each run's mean over tasks of the task's mean score, oldest first; the ringed point and dashed line "
            + "are the baseline, the dark point is this run.</p><div class=\"trends\">"
        for (key, points) in series where !points.isEmpty {
            let title = "\(key.model) · \(key.label)"
            html += "<figure class=\"panel\"><figcaption>\(HTMLText.text(title))</figcaption>\(TrendChart.svg(title: title, points: points))</figure>"
        }
        return html + "</div></section>"
    }
}
