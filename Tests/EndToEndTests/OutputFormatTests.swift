import Foundation
import Testing

/// Results files read back with real parsers: JSON Schema (Python jsonschema) and Python's csv module.
@Suite(.serialized)
struct OutputFormatTests {
    static let validateScript = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        count = 0
        for number, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
            errors = list(validator.iter_errors(json.loads(line)))
            if errors:
                print(f"line {number}: {errors[0].message}")
                sys.exit(1)
            count += 1
        print(count)
        """

    static let csvScript = """
        import csv, sys
        raw = open(sys.argv[1], "rb").read()
        assert raw.endswith(b"\\r\\n") and b"\\n" not in raw.replace(b"\\r\\n", b""), "lines must end in CRLF"
        rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
        for row in rows:
            float(row["value"])
            assert row["metric"], row
        print(len(rows), len({(r["model"], r["task"], r["sample"]) for r in rows}))
        """

    @Test func resultsMatchTheJSONSchemaAndTheCSVParses() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try folder.write("models/good.json", fixtureModel(name: "good", baseURL: server.baseURL("ok"), samples: 2))
        try folder.write("models/bad.json", fixtureModel(name: "bad", baseURL: server.baseURL("fail=all:503"), maxRetries: 0))
        let run = try await codescore(["run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
                                 "--cache-dir", folder.file("cache").path, "--max-errors", "100%"])
        #expect(run.status == 0, "\(run.stderr)")
        let records = try readRecords(folder.file("out/results.jsonl"))
        #expect(records.count == 9)
        #expect(records.contains { $0.status == "error" } && records.contains { $0.status == "ok" })

        let schema = repositoryRoot.appendingPathComponent("docs/schemas/result-record.v1.schema.json").path
        let validation = try await runProgram(URL(fileURLWithPath: testPython),
                                        ["-c", Self.validateScript, schema, folder.file("out/results.jsonl").path])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        #expect(validation.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "9")

        // The schema is not vacuous: a record with a wrong type fails it.
        try folder.write("bad.jsonl", "{\"schema_version\": 1, \"run_id\": \"r\", \"model\": 3}\n")
        let rejected = try await runProgram(URL(fileURLWithPath: testPython), ["-c", Self.validateScript, schema, folder.file("bad.jsonl").path])
        #expect(rejected.status != 0)

        let csv = try await runProgram(URL(fileURLWithPath: testPython), ["-c", Self.csvScript, folder.file("out/results.csv").path])
        #expect(csv.status == 0, "\(csv.stderr)")
        let counts = csv.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        // Every record has at least its generation.ok row; ok ones add tokens and latency.
        #expect(counts.count == 2 && counts[1] == 9 && counts[0] >= 9 + 6 * 3, "\(csv.stdout)")

        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out/run.json"))) as? [String: Any]
        #expect(manifest?["status"] as? String == "complete")
        #expect((manifest?["counts"] as? [String: Any])?["planned"] as? Int == 9)
    }

    @Test func referenceModelRunsOfflineOverTheBuiltInSuite() async throws {
        let folder = try TemporaryFolder()
        let result = try await codescore(["run", "--models", "reference", "--out", folder.file("out").path, "--no-cache"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try readRecords(folder.file("out/results.jsonl"))
        #expect(records.count == 9)
        let categories = Set(records.compactMap { $0.json["category"] as? String })
        #expect(categories == ["frontend", "backend", "testing"])
        // The reference answer carries every required file as a fenced block with its path.
        let backend = try #require(records.first { ($0.json["task"] as? String) == "backend-token-bucket" })
        #expect((backend.json["output"] as? String)?.contains("```python token_bucket.py\n") == true)
    }

    @Test func helpAndVersionWorkForEverySubcommand() async throws {
        let version = try await codescore(["--version"])
        #expect(version.status == 0 && version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        for arguments in [["--help"], ["run", "--help"], ["tasks", "--help"], ["tasks", "list", "--help"],
                          ["tasks", "validate", "--help"], ["models", "--help"], ["models", "list", "--help"],
                          ["models", "validate", "--help"]] {
            let result = try await codescore(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stdout.contains("USAGE"), "\(arguments)")
        }
        let bad = try await codescore(["run", "--samples", "0"])
        #expect(bad.status == 64)
    }
}
