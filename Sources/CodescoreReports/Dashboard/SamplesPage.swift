import CodescoreConfig
import CodescoreGate
import CodescoreResults
import CodescoreScoring
import Foundation

/// samples/NNNN.html: the drill-down for a group of tasks. Per task and model: the scores on each side, then
/// every candidate sample with its generated files, its execution outcome and log tails, and each judge vote
/// with its rationale. The page carries that as gzip-compressed JSON (base64, inert in a non-script
/// `<script>` element); its script opens it with DecompressionStream and lays it out with textContent only.
/// `#t<index>` shows that task alone.
enum SamplesPage {
    static func render(_ model: DashboardModel, page: Int) -> String {
        let first = page * model.tasksPerPage
        let indices = first..<min(model.siteTasks.count, first + model.tasksPerPage)
        var body = "<h1>Samples</h1><p class=\"muted\">Tasks \(indices.lowerBound + 1)–\(indices.upperBound) of \(model.siteTasks.count). "
            + "Everything below is the models' output shown as text; nothing from it runs.</p>"
        body += "<p><a id=\"show-all\" href=\"#all\" hidden>Show every task on this page</a> · <a href=\"../tasks.html\">Back to the task table</a></p>"
        body += "<p id=\"sample-status\" role=\"status\">Opening the samples…</p><div id=\"tasks\"></div>"
        body += "<noscript><p class=\"warning\">The samples need JavaScript (they are stored compressed); results.jsonl has them too.</p></noscript>"
        let json = (try? encoder.encode(data(model, indices: indices))) ?? Data("{\"tasks\":[]}".utf8)
        let packed = (try? Gzip.compress(json)).map { $0.base64EncodedString() } ?? ""
        body += "<script type=\"application/octet-stream\" id=\"sample-data\">\(packed)</script>"
        return DashboardSite.page(title: "Samples \(page + 1)", section: .samples, depth: 1, body: body,
                                  script: DashboardAssets.samplesScript)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }()

    // MARK: The page's data (what samplesScript reads)

    struct PageData: Encodable { var tasks: [TaskData] }
    struct TaskData: Encodable { var index: Int; var id: String; var benchmark: String; var category: String?; var models: [ModelData] }
    struct ModelData: Encodable {
        var name: String
        /// [label, baseline, candidate, Δ] as text.
        var metrics: [[String]]
        var changed: Bool
        var missing: Bool
        var samples: [SampleData]
        /// One line per baseline sample (baselines keep scores, not answers).
        var baseline: [String]
    }
    struct SampleData: Encodable {
        var sample: Int
        var state: String
        var cached: Bool
        var scores: String
        var error: String?
        /// [file name or null, text, "file" | "text"].
        var parts: [[String?]]
        var execution: ExecutionData?
        var judge: JudgeData?
    }
    struct ExecutionData: Encodable { var facts: [[String]]; var checks: [CheckData]; var mutants: String? }
    struct CheckData: Encodable { var name: String; var summary: String; var stdout: String?; var stderr: String? }
    struct JudgeData: Encodable { var summary: String; var manipulation: String?; var votes: [VoteData] }
    struct VoteData: Encodable { var line: String; var rationale: String? }

    static func data(_ model: DashboardModel, indices: Range<Int>) -> PageData {
        return PageData(tasks: indices.map { index in
            let task = model.siteTasks[index]
            return TaskData(index: index, id: clean(task.task), benchmark: clean(task.benchmark), category: model.categories[task].map(clean),
                            models: (model.modelsByTask[task] ?? []).map { name in
                                modelData(model, key: .init(model: name, benchmark: task.benchmark, task: task.task))
                            })
        })
    }

    static func modelData(_ model: DashboardModel, key: DashboardModel.TaskKey) -> ModelData {
        let candidate = model.candidateTasks[key], baseline = model.baselineTasks[key]
        let metrics = model.metrics.filter { $0.model == key.model && $0.benchmark == key.benchmark }.compactMap { metric -> [String]? in
            let base = DashboardModel.mean(baseline?.samples[metric.metric] ?? [])
            let cand = DashboardModel.mean(candidate?.samples[metric.metric] ?? [])
            guard base != nil || cand != nil else { return nil }
            let delta = base.flatMap { b in cand.map { DashboardSite.signed($0 - b) } } ?? "—"
            return [metric.label, DashboardSite.number(base), DashboardSite.number(cand), delta]
        }
        return ModelData(
            name: clean(key.model), metrics: metrics,
            changed: candidate != nil && baseline != nil && candidate?.hashes != baseline?.hashes, missing: candidate == nil,
            samples: (candidate?.records ?? []).map { sample(model.input.candidate[$0]) },
            baseline: (baseline?.records ?? []).map { index in
                let record = model.input.baseline[index]
                return clean("sample \(record.sample): \(record.status.rawValue)" + (record.scores.isEmpty ? "" : " — " + scoreList(record.scores)))
            })
    }

    static func scoreList(_ scores: [String: Double]) -> String {
        scores.sorted { $0.key < $1.key }.map { "\($0.key) \(GateReport.number($0.value))" }.joined(separator: ", ")
    }

    static func sample(_ record: ResultRecord) -> SampleData {
        let state = record.status == .error ? "error" : record.passed == true ? "passed" : record.passed == false ? "failed" : "ok"
        return SampleData(
            sample: record.sample, state: state, cached: record.cached, scores: clean(scoreList(record.scores)),
            error: record.error.map { clean($0.kind + ($0.httpStatus.map { " (HTTP \($0))" } ?? "") + ": " + $0.message) },
            parts: record.output.map { output in
                CodeExtractor.parts(of: output).map { part -> [String?] in
                    switch part {
                    case let .text(text): return [nil, clean(text.trimmingCharacters(in: .newlines)), "text"]
                    case let .file(name, body): return [name.map(clean), clean(body), "file"]
                    }
                }
            } ?? [],
            execution: record.execution.flatMap(execution), judge: record.judge.flatMap(judge))
    }

    static func execution(_ value: JSONValue) -> ExecutionData? {
        guard case let .object(fields) = value else { return nil }
        let facts = fields.sorted { $0.key < $1.key }.filter { !["checks", "mutants"].contains($0.key) }.compactMap { key, field -> [String]? in
            let text = plain(field)
            return text.isEmpty ? nil : [clean(key), clean(text)]
        }
        var checks: [CheckData] = []
        if case let .array(items)? = fields["checks"] {
            for case let .object(check) in items {
                var summary = ["outcome", "exit_code", "signal", "duration_ms", "detail"].compactMap { key in check[key].map { "\(key) \(plain($0))" } }
                if case let .object(tests)? = check["tests"] {
                    summary.append("tests " + tests.sorted { $0.key < $1.key }.map { "\($0.key) \(plain($0.value))" }.joined(separator: ", "))
                }
                func tail(_ key: String) -> String? {
                    if case let .string(text)? = check[key], !text.isEmpty { return clean(text) }
                    return nil
                }
                checks.append(CheckData(name: clean(plain(check["name"] ?? .string("check"))), summary: clean(summary.joined(separator: " · ")),
                                        stdout: tail("stdout_tail"), stderr: tail("stderr_tail")))
            }
        }
        var mutants: String?
        if case let .array(items)? = fields["mutants"], !items.isEmpty { mutants = clean(items.map(plain).joined(separator: "; ")) }
        return ExecutionData(facts: facts, checks: checks, mutants: mutants)
    }

    static func judge(_ value: JSONValue) -> JudgeData? {
        guard case let .object(fields) = value else { return nil }
        var summary = [plain(fields["status"] ?? .string("?"))]
        if case let .number(agreement)? = fields["agreement"] { summary.append("agreement \(GateReport.number(agreement))") }
        for key in ["valid_votes", "invalid_votes"] {
            if let count = fields[key] { summary.append("\(key.replacingOccurrences(of: "_", with: " ")) \(plain(count))") }
        }
        var manipulation: String?
        if case let .array(findings)? = fields["manipulation"], !findings.isEmpty { manipulation = clean(findings.map(plain).joined(separator: "; ")) }
        var votes: [VoteData] = []
        if case let .array(items)? = fields["votes"] {
            for case let .object(vote) in items {
                var line = "vote \(plain(vote["index"] ?? .integer(0))): \(plain(vote["status"] ?? .string("?")))"
                if case let .object(scores)? = vote["scores"] {
                    line += " — " + scores.sorted { $0.key < $1.key }.map { "\($0.key) \(plain($0.value))" }.joined(separator: ", ")
                }
                if let problem = vote["problem"] { line += " — problem: " + plain(problem) }
                var rationale: String?
                if case let .string(text)? = vote["rationale"], !text.isEmpty { rationale = clean(text) }
                votes.append(VoteData(line: clean(line), rationale: rationale))
            }
        }
        return JudgeData(summary: clean(summary.joined(separator: " · ")), manipulation: manipulation, votes: votes)
    }

    /// Text as the page may hold it: no characters HTML cannot carry, no terminal escapes, capped.
    static func clean(_ text: String) -> String { XMLText.sanitize(text, limit: 256 * 1024) }

    /// A JSON value as one line of text.
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
