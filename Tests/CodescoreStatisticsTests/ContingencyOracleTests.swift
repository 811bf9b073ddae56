import CodescoreStatistics
import Testing

@Suite struct ContingencyOracleTests {
    @Test func fisherExactMatchesScipy() throws {
        let document = try #require(try oracle("statistics_oracle_contingency.py") as? [String: Any])
        #expect(document["scipy"] as? String == "1.17.0")
        let cases = try #require(document["fisher"] as? [[String: Any]])
        #expect(cases.count == 27)
        for entry in cases {
            let table = try #require(entry["table"] as? [[Int]])
            let alternative = try #require(Alternative(rawValue: entry["alternative"] as? String ?? ""))
            let expected = try #require(entry["p"] as? Double)
            let result = FisherExact.test(table[0][0], table[0][1], table[1][0], table[1][1], alternative: alternative)
            #expect(close(result.pValue, expected, 1e-9), "\(table) \(alternative): \(result.pValue) vs \(expected)")
        }
    }
}
