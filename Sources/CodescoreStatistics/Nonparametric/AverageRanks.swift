/// Average ranks (1-based; ties share the mean of their ordinal ranks), as scipy's `rankdata(method="average")`.
struct AverageRanks: Sendable {
    /// The rank of each value, in input order.
    var ranks: [Double]
    /// Sizes of the groups of equal values, in ascending order of value (1 for an untied value).
    var tieGroupSizes: [Int]

    /// Ranks `values`, which must not contain NaN; equality is exact floating-point equality, as in scipy.
    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var groups: [Int] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            let rank = Double(start + 1) + Double(end - start - 1) / 2
            for position in start..<end { ranks[order[position]] = rank }
            groups.append(end - start)
            start = end
        }
        self.ranks = ranks
        tieGroupSizes = groups
    }

    /// Σ (t³ − t) over the tie groups: the tie correction term of rank-test variances.
    static func tieTerm<S: Sequence<Int>>(_ groupSizes: S) -> Double {
        groupSizes.reduce(0.0) { sum, size in
            let t = Double(size)
            return sum + (t * t * t - t)
        }
    }
}
