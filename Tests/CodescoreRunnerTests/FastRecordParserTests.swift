@testable import CodescoreResults
import Foundation
import Testing

/// The fast record reader must agree with JSONDecoder on everything it accepts, and decline the rest.
@Suite struct FastRecordParserTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func fast(_ line: String) -> ResultRecord? {
        Data(line.utf8).withUnsafeBytes(FastRecordParser.parse)
    }

    func same(_ a: ResultRecord, _ b: ResultRecord) throws -> Bool {
        try JSONLines.encodeLine(a) == JSONLines.encodeLine(b)
    }

    @Test func agreesWithJSONDecoderOnCheckedInRecords() throws {
        var lines: [Substring] = []
        for path in ["baselines/main.jsonl", "Tests/Fixtures/report-golden/run/results.jsonl",
                     "Tests/Fixtures/report-golden/expected/results.jsonl"] {
            let text = try String(contentsOf: Self.repository.appendingPathComponent(path), encoding: .utf8)
            lines += text.split(separator: "\n").filter { !$0.contains("\"kind\":\"codescore-baseline\"") }
        }
        #expect(lines.count > 200)
        for line in lines {
            let expected = try JSONDecoder().decode(ResultRecord.self, from: Data(line.utf8))
            let parsed = try #require(fast(String(line)), "declined: \(line.prefix(200))")
            #expect(try same(parsed, expected), "\(line.prefix(200))")
        }
    }

    @Test func escapesUnicodeAndOptionalFields() throws {
        let lines = [
            #"{"attempts":2,"benchmark":"b","cached":true,"created_at":"x","model":"m \"q\" \\ \/ \b\f\n\r\t","run_id":"r","sample":3,"schema_version":1,"scores":{"a":1e-3,"b":-0.5,"c":12},"status":"ok","task":"caf\u00e9 \ud83d\ude00 \u2028","task_hash":"h","output":"line1\nline2 😀","output_sha256":"s","usage":{"input_tokens":5,"output_tokens":7},"latency_ms":1.25,"cost_usd":0.001,"passed":false,"execution":{"checks":[{"a":[1,2.5,true,null,"x"]}],"outcome":"failed"},"judge":{"votes":[]}}"#,
            #"{"schema_version":1,"run_id":"r","model":"m","benchmark":"b","task":"t","task_hash":"h","sample":0,"status":"error","scores":{},"error":{"kind":"server_error","message":"HTTP 500","http_status":500},"category":null}"#,
            #"  {"schema_version":1,"run_id":"r","model":"m","benchmark":"b","task":"t","task_hash":"h","sample":0,"status":"ok","scores":{}}  "#,
        ]
        for line in lines {
            let expected = try JSONDecoder().decode(ResultRecord.self, from: Data(line.utf8))
            let parsed = try #require(fast(line), "declined: \(line)")
            #expect(try same(parsed, expected), "\(line)")
        }
    }

    @Test func declinesWhatItDoesNotKnowSoJSONDecoderDecides() {
        let base = #"{"schema_version":1,"run_id":"r","model":"m","benchmark":"b","task":"t","task_hash":"h","sample":0,"status":"ok","scores":{}"#
        for line in [
            base + #","unknown":1}"#,                       // unknown key
            base.replacingOccurrences(of: "\"schema_version\":1", with: "\"schema_version\":2") + "}",
            base + #","model":"again"}"#,                    // duplicate key
            base + "} trailing",
            base + #","sample":1.5}"#,
            base.replacingOccurrences(of: "\"status\":\"ok\"", with: "\"status\":\"maybe\"") + "}",
            base + #","scores":{"x":NaN}}"#,
            #"{"schema_version":1}"#,                         // required fields missing
            base + #","output":"\ud800"}"#,                  // lone surrogate
            base + ",}",
        ] {
            #expect(fast(line) == nil, "accepted: \(line)")
        }
    }

    @Test("Parallel decoding keeps file order, shares repeated strings, and names the first bad line in any worker's share")
    func parallelDecodingOrderAndFailures() throws {
        let lines = (0..<9_000).map { index in
            (number: index + 1, bytes: Data(#"{"schema_version":1,"run_id":"r","model":"m\#(index / 3000)","benchmark":"b","task":"t\#(index)","task_hash":"\#(String(repeating: "a", count: 64))","sample":0,"status":"ok","scores":{"tests.pass":1},"created_at":"2026-11-25T00:00:00.000Z"}"#.utf8))
        }
        let records = try RecordDecoding.decode(lines)
        #expect(records.map(\.task) == (0..<9_000).map { "t\($0)" })
        #expect(records[8_999].model == "m2" && records[0].createdAt == "2026-11-25T00:00:00.000Z")
        for bad in [10, 4_500, 8_999] {
            var broken = lines
            broken[bad].bytes = Data(#"{"schema_version":1,"run_id":"#.utf8)
            #expect {
                try RecordDecoding.decode(broken)
            } throws: { error in
                (error as? RecordDecoding.LineError)?.line == bad + 1
            }
        }
        #expect(try RecordDecoding.decode([]).isEmpty)
    }
}
