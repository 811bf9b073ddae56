import CodescoreConfig
import CodescoreGate
import CodescoreResults
import CodescoreScoring
import Foundation

/// samples/NNNN.html: the drill-down for a group of tasks. Per task and model: the scores on each side, then
/// every candidate sample with its generated files, its execution outcome and log tails, and each judge vote
/// with its rationale. Plain HTML, every string escaped; no script. Opening `#t<index>` shows that task alone.
enum SamplesPage {
    static func render(_ model: DashboardModel, page: Int) -> String {
        let first = page * model.tasksPerPage
        let indices = first..<min(model.siteTasks.count, first + model.tasksPerPage)
        var body = "<h1>Samples</h1><p class=\"muted\">Tasks \(indices.lowerBound + 1)–\(indices.upperBound) of \(model.siteTasks.count). "
            + "Everything below is the models' output shown as text; nothing from it runs.</p>"
        body += "<p class=\"only-target\"><a href=\"#main\">Show every task on this page</a> · <a href=\"../tasks.html\">Back to the task table</a></p>"
        var byTask: [DashboardModel.SiteTask: [String]] = [:]
        for key in Set(model.candidateTasks.keys).union(model.baselineTasks.keys) {
            byTask[.init(benchmark: key.benchmark, task: key.task), default: []].append(key.model)
        }
        for index in indices {
            let task = model.siteTasks[index]
            body += "<section class=\"task\" id=\"t\(index)\" aria-labelledby=\"t\(index)-h\">"
            body += "<h2 id=\"t\(index)-h\">\(HTMLText.text(task.task))</h2><p class=\"muted\">benchmark \(HTMLText.text(task.benchmark))"
                + (model.categories[task].map { " · category " + HTMLText.text($0) } ?? "") + "</p>"
            for name in (byTask[task] ?? []).sorted() {
                body += modelSection(model, key: .init(model: name, benchmark: task.benchmark, task: task.task))
            }
            body += "</section>"
        }
        return DashboardSite.page(title: "Samples \(page + 1)", section: .samples, depth: 1, body: body)
    }

    static func modelSection(_ model: DashboardModel, key: DashboardModel.TaskKey) -> String {
        let candidate = model.candidateTasks[key], baseline = model.baselineTasks[key]
        var html = "<h3>\(HTMLText.text(key.model))</h3>"
        let metrics = model.metrics.filter { $0.model == key.model && $0.benchmark == key.benchmark }
        if !metrics.isEmpty {
            html += "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Metric</th><th scope=\"col\" class=\"num\">Baseline</th>"
                + "<th scope=\"col\" class=\"num\">Candidate</th><th scope=\"col\" class=\"num\">Δ</th></tr></thead><tbody>"
            for metric in metrics {
                let base = DashboardModel.mean(baseline?.samples[metric.metric] ?? [])
                let cand = DashboardModel.mean(candidate?.samples[metric.metric] ?? [])
                let delta = base.flatMap { b in cand.map { DashboardSite.signed($0 - b) } } ?? "—"
                html += "<tr><th scope=\"row\">\(HTMLText.text(metric.label))</th><td class=\"num\">\(DashboardSite.number(base))</td>"
                    + "<td class=\"num\">\(DashboardSite.number(cand))</td><td class=\"num\">\(delta)</td></tr>"
            }
            html += "</tbody></table></div>"
        }
        if let candidate, let baseline, candidate.hashes != baseline.hashes {
            html += "<p class=\"warning\">The task changed since the baseline (another task hash): it is not compared.</p>"
        }
        for index in candidate?.records ?? [] { html += sample(model.input.candidate[index]) }
        if candidate == nil { html += "<p class=\"muted\">No candidate sample (missing in this run).</p>" }
        if let baseline, !baseline.records.isEmpty {
            html += "<details><summary>Baseline: \(baseline.records.count) samples</summary><ul>"
            for index in baseline.records {
                let record = model.input.baseline[index]
                html += "<li>sample \(record.sample): \(record.status.rawValue)"
                    + (record.scores.isEmpty ? "" : " — " + HTMLText.text(scoreList(record.scores))) + "</li>"
            }
            html += "</ul></details>"
        }
        return html
    }

    static func scoreList(_ scores: [String: Double]) -> String {
        scores.sorted { $0.key < $1.key }.map { "\($0.key) \(GateReport.number($0.value))" }.joined(separator: ", ")
    }

    static func sample(_ record: ResultRecord) -> String {
        let state = record.status == .error ? "error" : record.passed == true ? "passed" : record.passed == false ? "failed" : "ok"
        var html = "<article class=\"sample\" aria-label=\"sample \(record.sample)\"><h4>Sample \(record.sample) "
            + "<span class=\"badge \(state == "passed" ? "pass" : state)\">\(state)</span>"
            + (record.cached ? "<span class=\"badge\">cached</span>" : "") + "</h4>"
        if !record.scores.isEmpty { html += "<p>\(HTMLText.text(scoreList(record.scores)))</p>" }
        if let error = record.error {
            html += "<p class=\"warning\">\(HTMLText.text(error.kind))"
                + (error.httpStatus.map { " (HTTP \($0))" } ?? "") + ": \(HTMLText.text(error.message))</p>"
        }
        if let output = record.output { html += files(output) }
        if let execution = record.execution { html += self.execution(execution) }
        if let judge = record.judge { html += self.judge(judge) }
        return html + "</article>"
    }

    /// The answer as prose and files, each file under its name.
    static func files(_ output: String) -> String {
        var html = ""
        for part in CodeExtractor.parts(of: output) {
            switch part {
            case let .text(text):
                html += "<pre class=\"wrap prose\">\(HTMLText.text(text))</pre>"
            case let .file(name, body):
                html += "<figure><figcaption>\(HTMLText.text(name ?? "unnamed block"))</figcaption><pre><code>\(HTMLText.text(body))</code></pre></figure>"
            }
        }
        return html
    }

    static func execution(_ value: JSONValue) -> String {
        guard case let .object(fields) = value else { return "" }
        var html = "<h5 class=\"muted\">Execution</h5><dl class=\"facts\">"
        for (key, field) in fields.sorted(by: { $0.key < $1.key }) where key != "checks" && key != "mutants" {
            html += "<dt>\(HTMLText.text(key))</dt><dd>\(HTMLText.text(plain(field)))</dd>"
        }
        html += "</dl>"
        if case let .array(checks)? = fields["checks"] {
            for case let .object(check) in checks {
                let name = plain(check["name"] ?? .string("check"))
                var facts = ["outcome", "exit_code", "signal", "duration_ms", "detail"].compactMap { key in
                    check[key].map { "\(key) \(plain($0))" }
                }
                if case let .object(tests)? = check["tests"] {
                    facts.append("tests " + tests.sorted { $0.key < $1.key }.map { "\($0.key) \(plain($0.value))" }.joined(separator: ", "))
                }
                html += "<p><strong>\(HTMLText.text(name))</strong>: \(HTMLText.text(facts.joined(separator: " · ")))</p>"
                for stream in ["stdout_tail", "stderr_tail"] {
                    if case let .string(tail)? = check[stream], !tail.isEmpty {
                        html += "<details\(stream == "stderr_tail" ? " open" : "")><summary>\(stream == "stdout_tail" ? "stdout" : "stderr") (last lines)</summary>"
                            + "<pre class=\"wrap\">\(HTMLText.text(tail))</pre></details>"
                    }
                }
            }
        }
        if case let .array(mutants)? = fields["mutants"], !mutants.isEmpty {
            html += "<p>Mutants: \(HTMLText.text(mutants.map(plain).joined(separator: "; ")))</p>"
        }
        return html
    }

    static func judge(_ value: JSONValue) -> String {
        guard case let .object(fields) = value else { return "" }
        var summary = [plain(fields["status"] ?? .string("?"))]
        if case let .number(agreement)? = fields["agreement"] { summary.append("agreement \(GateReport.number(agreement))") }
        for key in ["valid_votes", "invalid_votes"] { if let count = fields[key] { summary.append("\(key.replacingOccurrences(of: "_", with: " ")) \(plain(count))") } }
        var html = "<h5 class=\"muted\">Judge</h5><p>\(HTMLText.text(summary.joined(separator: " · ")))</p>"
        if case let .array(findings)? = fields["manipulation"], !findings.isEmpty {
            html += "<p class=\"warning\">Suspected judge manipulation: \(HTMLText.text(findings.map(plain).joined(separator: "; ")))</p>"
        }
        if case let .array(votes)? = fields["votes"], !votes.isEmpty {
            html += "<ul class=\"votes\">"
            for case let .object(vote) in votes {
                var line = "vote \(plain(vote["index"] ?? .integer(0))): \(plain(vote["status"] ?? .string("?")))"
                if case let .object(scores)? = vote["scores"] {
                    line += " — " + scores.sorted { $0.key < $1.key }.map { "\($0.key) \(plain($0.value))" }.joined(separator: ", ")
                }
                if let problem = vote["problem"] { line += " — problem: " + plain(problem) }
                html += "<li>\(HTMLText.text(line))"
                if case let .string(rationale)? = vote["rationale"], !rationale.isEmpty {
                    html += "<pre class=\"wrap\">\(HTMLText.text(rationale))</pre>"
                }
                html += "</li>"
            }
            html += "</ul>"
        }
        return html
    }

    /// A JSON value as one line of text (escaped by the caller).
    static func plain(_ value: JSONValue) -> String {
        switch value {
        case let .string(text): return text
        case let .number(number): return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case let .integer(number): return String(number)
        case let .bool(flag): return String(flag)
        case .null: return "null"
        case let .array(items): return items.map(plain).joined(separator: ", ")
        case let .object(fields): return fields.sorted { $0.key < $1.key }.map { "\($0.key): \(plain($0.value))" }.joined(separator: ", ")
        }
    }
}
