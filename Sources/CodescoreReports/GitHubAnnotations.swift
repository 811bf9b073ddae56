import CodescoreGate

/// GitHub workflow-command annotations (`::error title=…::message`) for regressed tasks and metrics:
/// at most `limit` errors, then one overflow notice; warnings for samples flagged as suspected judge
/// manipulation, capped the same way. Data is encoded per the workflow-command rules
/// (`%`, CR, LF in the message; also `:` and `,` in properties), so untrusted text can never reach the
/// start of a line, where commands are recognised.
public enum GitHubAnnotations {
    public static let limit = 10

    public static func lines(_ report: GateReport) -> [String] {
        var errors: [(title: String, message: String)] = []
        for comparison in report.comparisons where comparison.verdict == .regression {
            errors.append(("codescore REGRESSION: \(comparison.model) \(comparison.metric)", comparison.reason))
        }
        for comparison in report.comparisons {
            for flag in comparison.regressedTasks {
                errors.append(("codescore regressed task: \(flag.task)",
                               "\(comparison.model) \(comparison.metric): \(flag.baselineMean) → \(flag.candidateMean) "
                                   + "(\(flag.test), p=\(flag.p), BH \(flag.pAdjusted))"))
            }
        }
        var lines = errors.prefix(limit).map { "::error title=\(property($0.title))::\(data($0.message))" }
        if errors.count > limit {
            lines.append("::warning title=codescore::\(data("\(errors.count - limit) more regressions not annotated; see gate.json or the summary"))")
        }
        // Suspected manipulation of the judge: warnings, also capped.
        let flagged = report.judge?.flagged ?? []
        for flag in flagged.prefix(limit) {
            lines.append("::warning title=\(property("codescore suspected judge manipulation: \(flag.task)"))::"
                         + data("\(flag.model) \(flag.task) sample \(flag.sample): the candidate's text addresses the judge ("
                                + flag.rules.joined(separator: ", ") + ")"))
        }
        if flagged.count > limit {
            lines.append("::warning title=codescore::\(data("\(flagged.count - limit) more samples flagged for suspected judge manipulation; see gate.json"))")
        }
        return lines
    }

    /// Message text: `%` first, then CR and LF, as the runner decodes them; control characters removed.
    static func data(_ text: String) -> String {
        XMLText.sanitize(text, limit: 2000)
            .replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Property values (`title=`): as data, plus `:` and `,`, which would end the property.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
