import Foundation
import Testing

/// Bad input through the real binary: exit 65 and a message naming the file and the key or line.
@Suite(.serialized)
struct MalformedInputTests {
    static let modelCases: [(name: String, json: String, expected: [String])] = [
        ("unknown-key.json", #"{"name": "m", "provider": {"kind": "reference"}, "temprature": 1}"#, ["unknown-key.json", "temprature", "unknown key"]),
        ("nested-type.json", #"{"name": "m", "provider": {"kind": "reference"}, "generation": {"samples": "three"}}"#,
         ["nested-type.json", "generation.samples", "whole number"]),
        ("syntax.json", "{\n  \"name\": \"m\",\n  \"provider\": {\"kind\": \"reference\"},,\n}", ["syntax.json:3", "not valid syntax"]),
        ("no-provider.json", #"{"name": "m"}"#, ["no-provider.json", "missing required key 'provider'"]),
        ("duplicate.json", "{\n  \"name\": \"m\",\n  \"provider\": {\"kind\": \"reference\"},\n  \"name\": \"n\"\n}",
         ["duplicate.json:2", "key 'name'"]),
        ("benchmark.json", #"{"name": "m", "provider": {"kind": "reference"}, "benchmarks": ["builtin", "humaneva"]}"#,
         ["benchmark.json", "benchmarks[1]", "not 'humaneva'"]),
    ]

    @Test func malformedModelFilesExit65NamingFileAndKey() async throws {
        for entry in Self.modelCases {
            let folder = try TemporaryFolder()
            try folder.write("models/\(entry.name)", entry.json)
            let result = try await codescore(["models", "validate", "--models-dir", folder.file("models").path])
            #expect(result.status == 65, "\(entry.name): \(result.stderr)")
            for fragment in entry.expected {
                #expect(result.stderr.contains(fragment), "\(entry.name): missing '\(fragment)' in \(result.stderr)")
            }
            // `run` refuses the same way, before writing anything.
            let run = try await codescore(["run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path])
            #expect(run.status == 65)
            #expect(!FileManager.default.fileExists(atPath: folder.file("out").path))
        }
    }

    @Test func malformedTaskFilesExit65NamingFileAndLine() async throws {
        let folder = try TemporaryFolder()
        try folder.write("tasks/backend/backend-x/task.yaml", """
            schema_version: 1
            id: backend-x
            category: backend
            language: python
            title: X
            prompt: Write x.py.
            files: [x.py]
            checks:
              - name: tests
                run: python3 -m pytest
            """)
        try folder.write("tasks/backend/backend-x/reference/x.py", "x = 1\n")
        let result = try await codescore(["tasks", "validate", "--tasks-dir", folder.file("tasks").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("backend-x/task.yaml:10: checks[0].run: expected a list, found a string"), "\(result.stderr)")
    }
}
