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

    /// The p-quantile of ascending `sorted` values, linear interpolation (Hyndman–Fan type 7, scipy's default
    /// "linear"), with scipy's arithmetic: j + g = p·n + (1 − p).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !p.isNaN, !sorted.isEmpty else { return .nan }
        let n = Double(sorted.count)
        let position = p * n + (1 - p)
        let floorPosition = position.rounded(.down)
        var g = position - floorPosition
        var j = floorPosition - 1
        if j < 0 { g = 0 }
        j = min(max(j, 0), n - 1)
        let next = min(max(floorPosition, 0), n - 1)
        let below = sorted[Int(j)], above = sorted[Int(next)]
        return (1 - g) * below + g * above
    }
}
