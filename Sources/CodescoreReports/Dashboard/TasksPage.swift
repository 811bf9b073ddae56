import Foundation

/// tasks.html: every task × model × metric with baseline, candidate, Δ, p and flags. The rows are JSON in a
/// `<script type="application/json">` (escaped for it) that the page's script reads with textContent.
enum TasksPage {
    static func render(_ model: DashboardModel) -> String {
        var body = "<h1>Tasks</h1><p class=\"muted\">One row per task, model and gated metric: the mean over the task's samples on "
            + "each side, Δ, and the task's own two-sided p (Fisher exact for pass/fail, else Mann–Whitney; unadjusted). "
            + "<em>regressed</em> and <em>improved</em> are the gate's flags (Benjamini–Hochberg). Click a task for its samples.</p>"
        body += "<div class=\"controls\" role=\"search\">"
        body += "<label for=\"filter-text\">Filter<input id=\"filter-text\" type=\"search\" placeholder=\"task, model or category\"></label>"
        body += "<label for=\"filter-metric\">Metric<select id=\"filter-metric\"></select></label>"
        body += "<label for=\"filter-flag\">Flag<select id=\"filter-flag\"></select></label>"
        body += "<p id=\"task-count\" aria-live=\"polite\"></p></div>"
        let columns: [(key: String, label: String, numeric: Bool)] = [
            ("task", "Task", false), ("benchmark", "Benchmark", false), ("category", "Category", false), ("model", "Model", false),
            ("metric", "Metric", false), ("baseline", "Baseline", true), ("candidate", "Candidate", true), ("delta", "Δ", true),
            ("p", "p", true), ("flags", "Flags", false),
        ]
        body += "<div class=\"table-wrap\"><table><caption class=\"muted\">Sortable: the column buttons sort, again to reverse</caption><thead><tr>"
        for column in columns {
            let sortable = column.key != "benchmark"
            body += "<th scope=\"col\"\(column.numeric ? " class=\"num\"" : "")"
                + (sortable ? " data-key=\"\(column.key)\" aria-sort=\"none\"><button type=\"button\">\(column.label)</button>" : ">\(column.label)")
                + "</th>"
        }
        body += "</tr></thead><tbody id=\"task-rows\"></tbody></table></div>"
        body += "<button type=\"button\" class=\"more\" id=\"show-more\" hidden>Show more rows</button>"
        body += "<noscript><p class=\"warning\">The table needs JavaScript; results.csv next to the run has the same data.</p></noscript>"
        body += "<script type=\"application/json\" id=\"task-data\">\(HTMLText.scriptJSON(data(model)))</script>"
        return DashboardSite.page(title: "Tasks", section: .tasks, depth: 0, body: body, script: DashboardAssets.tasksScript)
    }

    /// `{tasks: [[benchmark, id, category index, page]], categories, metrics: [[model, metric]],
    /// rows: [[task index, metric index, baseline, candidate, p, flags]]}`; numbers to 4 decimals.
    static func data(_ model: DashboardModel) -> Data {
        let categoryNames = Array(Set(model.categories.values).union(["—"])).sorted()
        let categoryIndex = Dictionary(uniqueKeysWithValues: categoryNames.enumerated().map { ($1, $0) })
        var json = "{\"categories\":" + encode(categoryNames)
        json += ",\"metrics\":" + encode(model.metrics.map { [$0.model, $0.label] })
        json += ",\"tasks\":["
        for (index, task) in model.siteTasks.enumerated() {
            if index > 0 { json += "," }
            let category = categoryIndex[model.categories[task] ?? "—"]!
            json += "[" + encode(task.benchmark) + "," + encode(task.task) + ",\(category),\(model.page(ofTask: index))]"
        }
        json += "],\"rows\":["
        for (index, row) in model.rows.enumerated() {
            if index > 0 { json += "," }
            json += "[\(row.task),\(row.metric),\(number(row.baseline)),\(number(row.candidate)),\(number(row.p)),\(row.flags)]"
        }
        return Data((json + "]}").utf8)
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// One encoder for the whole table (it is called for every task).
    static func encode(_ value: some Encodable) -> String {
        String(decoding: (try? SamplesPage.encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
