import CodescoreConfig
import CodescoreGate
import Foundation

/// `--codequality PATH`: a GitLab Code Quality report (JSON array) with one issue per regressed task and
/// per regressed metric, and one per sample flagged for suspected judge manipulation; fingerprints are unique (SHA-256 of model, metric and task).
public enum CodeQualityReport {
    public static func render(_ report: GateReport) throws -> Data {
        var issues: [JSONValue] = []
        var fingerprints: Set<String> = []
        func add(description: String, check: String, severity: String, path: String, key: String) {
            var fingerprint = ContentHash.sha256Hex(key)
            var salt = 1
            while !fingerprints.insert(fingerprint).inserted {
                fingerprint = ContentHash.sha256Hex(key + "#\(salt)")
                salt += 1
            }
            issues.append(.object([
                "description": .string(XMLText.sanitize(description, limit: 1000)), "check_name": .string(check),
                "fingerprint": .string(fingerprint), "severity": .string(severity),
                "location": .object(["path": .string(XMLText.sanitize(path, limit: 500)), "lines": .object(["begin": .integer(1)])]),
            ]))
        }
        for comparison in report.comparisons {
            if comparison.verdict == .regression {
                add(description: "codescore: \(comparison.model) \(comparison.metric) regressed: \(comparison.reason)",
                    check: "codescore-regression", severity: "major", path: "baselines/main.jsonl",
                    key: "metric\u{0}\(comparison.model)\u{0}\(comparison.metric)")
            }
            for flag in comparison.regressedTasks {
                add(description: String(format: "codescore: task %@ regressed on %@ for %@: %.3f → %.3f (p=%.3g)", flag.task,
                                        comparison.metric, comparison.model, flag.baselineMean, flag.candidateMean, flag.pAdjusted),
                    check: "codescore-task-regression", severity: "minor",
                    path: "tasks/\(flag.category ?? "uncategorized")/\(flag.task)/task.yaml",
                    key: "task\u{0}\(comparison.model)\u{0}\(comparison.metric)\u{0}\(flag.task)")
            }
        }
        for flag in report.judge?.flagged ?? [] {
            add(description: "codescore: suspected judge manipulation in \(flag.model) \(flag.task) sample \(flag.sample): "
                    + "the candidate's text addresses the judge (\(flag.rules.joined(separator: ", ")))",
                check: "codescore-judge-manipulation", severity: "minor",
                path: "tasks/\(flag.category ?? "uncategorized")/\(flag.task)/task.yaml",
                key: "judge\u{0}\(flag.model)\u{0}\(flag.task)\u{0}\(flag.sample)")
        }
        return JSONValue.array(issues).canonicalData()
    }
}
