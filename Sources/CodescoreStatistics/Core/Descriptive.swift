/// The sample statistics every part of the gate shares.
public enum Descriptive {
    /// The arithmetic mean; NaN for no values.
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// The sample variance (n − 1 in the denominator); 0 for fewer than two values.
    public static func variance(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
    }

    /// The standard error of the mean, √(s²/n); 0 for fewer than two values.
    public static func standardError(_ values: [Double]) -> Double {
        values.count > 1 ? (variance(values) / Double(values.count)).squareRoot() : 0
    }
}
