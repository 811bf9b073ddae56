/// Which way a test looks: as scipy's `alternative` ("two-sided", "less", "greater").
public enum Alternative: String, Sendable, Hashable, Codable, CaseIterable {
    case twoSided = "two-sided"
    case less
    case greater
}

/// A test statistic and its p-value.
public struct TestResult: Sendable, Hashable {
    public var statistic: Double
    public var pValue: Double

    public init(statistic: Double, pValue: Double) {
        self.statistic = statistic
        self.pValue = pValue
    }
}

/// A closed interval, e.g. a confidence interval.
public struct Interval: Sendable, Hashable, Codable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}
