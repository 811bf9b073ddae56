import CodescoreGate
import CodescoreResults
import Foundation

/// `--junit PATH`: one `<testsuite>` per model; one `<testcase>` per task (classname = category, name =
/// task id) and one per gated metric (classname `codescore.gate`). Valid against both the Jenkins
/// junit-10 and the Ant schema in one file, so no flavour switch is needed: the Ant schema's required
/// parts (package/id, timestamp, hostname, properties, system-out/err) are optional in Jenkins', and at
/// most one result element per testcase suits both. docs/reports.md describes the mapping.
public enum JUnitWriter {
    /// Per-failure text kept at most; with many failures less, so the file stays under `byteBudget`
    /// (GitLab rejects JUnit files over 30 MB).
    static let detailLimit = 2000
    static let byteBudget = 20_000_000

    public static func render(report: GateReport, candidate: [ResultRecord], timestamp: Date = Date(),
                              hostname: String = ProcessInfo.processInfo.hostName) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        let models = Set(candidate.map(\.model)).union(report.comparisons.map(\.model)).sorted()
        let stamp = timestamp.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon)).replacingOccurrences(of: "Z", with: "")
        for (index, model) in models.enumerated() {
            xml += suite(model: model, id: index, report: report, records: candidate.filter { $0.model == model },
                         timestamp: stamp, hostname: hostname.isEmpty ? "localhost" : hostname, budget: byteBudget / models.count)
        }
        if models.isEmpty {
            // Nothing ran: one erroring suite, so that an empty report never reads as all-passed.
            xml += suite(model: "codescore", id: 0, report: report, records: [], timestamp: stamp, hostname: "localhost",
                         budget: byteBudget)
        }
        return xml + "</testsuites>\n"
    }

    struct Case {
        var classname: String
        var name: String
        var time: Double
        /// `failure`, `error` or `skipped`, with its type and message, and a body.
        var result: (element: String, type: String, message: String, body: String)?
    }

    static func suite(model: String, id: Int, report: GateReport, records: [ResultRecord], timestamp: String, hostname: String,
                      budget: Int) -> String {
        let comparisons = report.comparisons.filter { $0.model == model }
        var cases: [Case] = []
        var properties: [(String, String)] = [("codescore.verdict", report.verdict.rawValue),
                                              ("codescore.sandbox", report.candidate.sandbox ?? "unknown")]
        if let unsandboxed = report.candidate.unsandboxedBenchmarks {
            properties.append(("codescore.unsandboxed_benchmarks", unsandboxed.joined(separator: ",")))
        }
        if let judge = report.judge {
            properties.append(("codescore.judge", judge.identity?.description ?? "unknown"))
            properties.append(("codescore.judge.valid_votes", String(judge.validVotes)))
            properties.append(("codescore.judge.invalid_votes", String(judge.invalidVotes)))
            properties.append(("codescore.judge.suspected_manipulation", String(judge.flagged.filter { $0.model == model }.count)))
        }

        // One testcase per task.
        var byTask: [String: [ResultRecord]] = [:]
        for record in records { byTask[record.task, default: []].append(record) }
        let flagged = Dictionary(grouping: comparisons.flatMap { comparison in comparison.regressedTasks.map { (comparison, $0) } },
                                 by: { $0.1.task })
        let changed = Set(comparisons.flatMap(\.changedTasks))
        let missing = Set(comparisons.flatMap(\.missingInCandidate))
        for task in Set(byTask.keys).union(missing).sorted() {
            let samples = byTask[task] ?? []
            let category = samples.first?.category ?? flagged[task]?.first?.1.category ?? "uncategorized"
            let time = samples.compactMap(\.latencyMS).reduce(0, +) / 1000
            var testCase = Case(classname: category, name: task, time: time, result: nil)
            if let errored = samples.first(where: { $0.status == .error }) {
                let count = samples.filter { $0.status == .error }.count
                testCase.result = ("error", errored.error?.kind ?? "error",
                                   "\(count) of \(samples.count) samples failed: \(errored.error?.message ?? "no detail")", "")
            } else if let flags = flagged[task] {
                let lines = flags.map { comparison, flag in
                    String(format: "%@: baseline %.3f → candidate %.3f (Δ %+.3f), %@ p=%.3g (BH %.3g)", comparison.metric,
                           flag.baselineMean, flag.candidateMean, flag.candidateMean - flag.baselineMean, flag.test, flag.p, flag.pAdjusted)
                }
                testCase.result = ("failure", "regression", lines.joined(separator: "; "), failureDetail(samples))
            } else if changed.contains(task) {
                testCase.result = ("skipped", "", "the task changed since the baseline (another task hash): not compared", "")
            } else if samples.isEmpty {
                testCase.result = ("skipped", "", "in the baseline but not run now", "")
            }
            for (metric, value) in meanScores(samples) { properties.append(("\(task).\(metric)", String(format: "%.6g", value))) }
            cases.append(testCase)
        }

        // One testcase per gated metric.
        for comparison in comparisons {
            var testCase = Case(classname: "codescore.gate", name: comparison.metric, time: 0, result: nil)
            let summary = String(format: "baseline %.3f ± %.3f, candidate %.3f ± %.3f, Δ %+.3f", comparison.baselineMean,
                                 comparison.baselineSE, comparison.candidateMean, comparison.candidateSE, comparison.delta)
                + (comparison.deltaCI.map { String(format: " [%.3f, %.3f]", $0.lower, $0.upper) } ?? "")
                + String(format: ", δ %.3g, p %.3g (Holm), %@: %@", comparison.margin, comparison.pRegressionAdjusted, comparison.test,
                         comparison.reason)
            switch comparison.verdict {
            case .regression: testCase.result = ("failure", "regression", summary, "")
            case .inconclusive where !report.candidate.complete || comparison.errorRate > errorBudget(report):
                testCase.result = ("error", "incomplete", summary, "")
            case .inconclusive where report.exitCode == 2:
                testCase.result = ("failure", "inconclusive", summary, "")
            case .inconclusive: testCase.result = ("skipped", "", "INCONCLUSIVE: " + summary, "")
            case .pass: break
            }
            properties.append(("gate.\(comparison.metric).verdict", comparison.verdict.rawValue))
            properties.append(("gate.\(comparison.metric).delta", String(format: "%.6g", comparison.delta)))
            properties.append(("gate.\(comparison.metric).p", String(format: "%.6g", comparison.pRegressionAdjusted)))
            cases.append(testCase)
        }
        if cases.isEmpty {
            cases.append(Case(classname: "codescore.gate", name: "no-tasks", time: 0,
                              result: ("error", "empty", "no task and no metric to report: nothing was compared", "")))
        }

        // Names are unique per classname (a repeated one gets a suffix), compared as they will be written.
        var seen: [String: Int] = [:]
        for index in cases.indices {
            cases[index].classname = token(XMLText.sanitize(cases[index].classname, limit: 512))
            cases[index].name = token(XMLText.sanitize(cases[index].name, limit: 512))
            let key = cases[index].classname + "\u{0}" + cases[index].name
            seen[key, default: 0] += 1
            if seen[key]! > 1 { cases[index].name += " (\(seen[key]!))" }
        }

        let failures = cases.filter { $0.result?.element == "failure" }.count
        let errors = cases.filter { $0.result?.element == "error" }.count
        // Escaping can grow text up to 6×; share what the budget leaves after the fixed parts among results.
        let withResults = max(1, cases.filter { $0.result != nil }.count)
        let textLimit = max(100, min(detailLimit, (budget - cases.count * 300 - properties.count * 200) / withResults / 12))
        let skipped = cases.filter { $0.result?.element == "skipped" }.count
        let time = cases.reduce(0) { $0 + $1.time }
        var xml = "  <testsuite name=\"\(XMLText.attribute("codescore." + model))\" package=\"codescore\" id=\"\(id)\""
            + " timestamp=\"\(timestamp)\" hostname=\"\(XMLText.attribute(hostname))\" tests=\"\(cases.count)\""
            + " failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(seconds(time))\">\n"
        xml += "    <properties>\n"
        for (name, value) in properties {
            xml += "      <property name=\"\(XMLText.attribute(name))\" value=\"\(XMLText.attribute(value))\"/>\n"
        }
        xml += "    </properties>\n"
        for testCase in cases {
            xml += "    <testcase classname=\"\(XMLText.attribute(token(testCase.classname)))\" name=\"\(XMLText.attribute(token(testCase.name)))\""
                + " time=\"\(seconds(testCase.time))\""
            if let result = testCase.result {
                let type = result.type.isEmpty ? "" : " type=\"\(XMLText.attribute(result.type))\""
                xml += ">\n      <\(result.element)\(type) message=\"\(XMLText.attribute(result.message, limit: textLimit))\">"
                xml += result.body.isEmpty ? "" : XMLText.cdata(result.body, limit: textLimit)
                xml += "</\(result.element)>\n    </testcase>\n"
            } else {
                xml += "/>\n"
            }
        }
        let table = report.table().split(separator: "\n").filter { $0.hasPrefix("MODEL") || $0.hasPrefix(model + " ") || $0.hasPrefix("codescore gate") }
        xml += "    <system-out>\(XMLText.cdata(table.joined(separator: "\n")))</system-out>\n"
        let flags = judgeLines(report, model: model)
        xml += "    <system-err>\(flags.isEmpty ? "" : XMLText.cdata(flags.joined(separator: "\n")))</system-err>\n  </testsuite>\n"
        return xml
    }

    /// The model's samples flagged for suspected judge manipulation, for the suite's system-err.
    static func judgeLines(_ report: GateReport, model: String) -> [String] {
        (report.judge?.flagged ?? []).filter { $0.model == model }.map { flag in
            "suspected judge manipulation: \(flag.task) sample \(flag.sample) (\(flag.rules.joined(separator: ", ")))"
        }
    }

    static func errorBudget(_ report: GateReport) -> Double {
        report.policyNumber("max_error_rate") ?? GatePolicy().maxErrorRate
    }

    /// What the first failing sample's checks printed, for the reviewer (sandboxed, untrusted text).
    static func failureDetail(_ samples: [ResultRecord]) -> String {
        for sample in samples where sample.passed == false {
            guard case let .object(execution)? = sample.execution, case let .array(checks)? = execution["checks"] else { continue }
            for case let .object(check) in checks {
                guard case let .string(outcome)? = check["outcome"], outcome != "passed" else { continue }
                var text = "sample \(sample.sample), check "
                if case let .string(name)? = check["name"] { text += "'\(name)' " }
                text += outcome + "\n"
                if case let .string(tail)? = check["stdout_tail"], !tail.isEmpty { text += tail + "\n" }
                if case let .string(tail)? = check["stderr_tail"], !tail.isEmpty { text += tail }
                return text
            }
        }
        return ""
    }

    static func meanScores(_ samples: [ResultRecord]) -> [(String, Double)] {
        var sums: [String: (Double, Int)] = [:]
        for sample in samples where sample.status == .ok {
            for (metric, value) in sample.scores { sums[metric, default: (0, 0)].0 += value; sums[metric, default: (0, 0)].1 += 1 }
        }
        return sums.sorted { $0.key < $1.key }.map { ($0.key, $0.value.0 / Double($0.value.1)) }
    }

    /// Seconds with three decimals (Jenkins' SUREFIRE_TIME pattern; Ant's xs:decimal).
    static func seconds(_ value: Double) -> String { String(format: "%.3f", value.isFinite ? max(0, value) : 0) }

    /// Ant types names as xs:token: whitespace runs become one space; empty names get a placeholder.
    static func token(_ text: String) -> String {
        let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        return collapsed.isEmpty ? "(unnamed)" : collapsed
    }
}
