import Foundation
import Testing

/// `codescore benchmarks list|validate` over the shipped definitions and a broken registry.
@Suite(.serialized)
struct BenchmarksCommandTests {
    @Test func shippedDefinitionsListAndValidate() async throws {
        let list = try await codescore(["benchmarks", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("humaneval") && list.stdout.contains("codescore generates (humaneval)"), "\(list.stdout)")
        #expect(list.stdout.contains("baxbench") && list.stdout.contains("NO"), "BaxBench is listed as unsandboxed")
        let validate = try await codescore(["benchmarks", "validate"])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("2 benchmark definitions valid"))
    }

    @Test func aModelOptingIntoAnUndefinedBenchmarkIsNamed() async throws {
        let folder = try TemporaryFolder()
        try folder.write("models/m.json", #"{"schema_version": 1, "name": "m", "provider": {"kind": "reference"}, "benchmarks": ["builtin", "mbpp"]}"#)
        try folder.write("models/benchmarks/smoke.yaml", "name: smoke\nevaluate: {argv: [./check]}\nresults: {parser: exit-code}\n")
        let result = try await codescore(["benchmarks", "validate", "--models-dir", folder.file("models").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("m.json") && result.stderr.contains("benchmarks[1]") && result.stderr.contains("not 'mbpp'"), "\(result.stderr)")
        #expect(result.stderr.contains("builtin, smoke"), "the known names are listed: \(result.stderr)")

        try folder.write("models/benchmarks/broken.yaml", "name: broken\nevaluate: {argv: [a]}\nresults: {parser: junit}\n")
        let broken = try await codescore(["benchmarks", "list", "--models-dir", folder.file("models").path])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("benchmarks/broken.yaml") && broken.stderr.contains("'path'"), "\(broken.stderr)")
    }
}
