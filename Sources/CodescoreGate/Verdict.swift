/// The gate's answer for one model × metric, and for the whole run.
public enum Verdict: String, Sendable, Codable, Hashable, Comparable {
    case pass = "PASS"
    case inconclusive = "INCONCLUSIVE"
    case regression = "REGRESSION"

    /// Severity order: the run's verdict is the worst of its comparisons.
    var severity: Int { self == .pass ? 0 : self == .inconclusive ? 1 : 2 }
    public static func < (left: Verdict, right: Verdict) -> Bool { left.severity < right.severity }
}
