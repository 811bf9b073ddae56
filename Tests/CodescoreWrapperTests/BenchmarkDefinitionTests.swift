import CodescoreConfig
@testable import CodescoreWrapper
import Foundation
import Testing

/// External benchmark definitions (`<models-dir>/benchmarks/<name>.yaml`): defaults, the shipped
/// examples, and every mistake named with its file and key.
@Suite struct BenchmarkDefinitionTests {
    static let shipped = WrapperFixtures.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample_models_config/benchmarks")

    func load(_ name: String, _ text: String) throws(ConfigError) -> BenchmarkDefinition {
        let folder = try! ScratchFolder()
        defer { folder.remove() }
        let url = try! folder.write(name, text)
        return try BenchmarkDefinition(url: url, displayPath: "benchmarks/\(name)")
    }

    @Test func theShippedDefinitionsLoad() throws {
        let definitions = try BenchmarkDefinition.loadAll(directory: Self.shipped, displayPath: "sample_models_config/benchmarks")
        #expect(definitions.map(\.name) == ["baxbench", "humaneval"])
        let humaneval = try #require(definitions.last)
        #expect(humaneval.generate?.problems == .humaneval && humaneval.generate?.samplesFile == "samples.jsonl")
        #expect(humaneval.evaluate.argv.suffix(2) == ["{samples}", "--problem_file={problems}"] && humaneval.evaluate.sandbox)
        #expect(humaneval.results.parser == .humaneval && humaneval.results.path == "{samples}_results.jsonl")
        #expect(humaneval.makeParser() is HumanEvalResultParser)
        #expect(definitions.first?.evaluate.sandbox == false && definitions.first?.generate == nil)
        #expect(definitions.first?.makeParser() is BaxBenchResultParser)
    }

    @Test func aMinimalDefinitionTakesTheDefaults() throws {
        let definition = try load("smoke.yaml", "name: smoke\nevaluate:\n  argv: [./run-tests]\nresults:\n  parser: exit-code\n")
        #expect(definition.generate == nil)
        #expect(definition.evaluate.workingDirectory == "{run_dir}" && definition.evaluate.environment.isEmpty)
        #expect(definition.evaluate.timeoutSeconds == 1800 && definition.evaluate.sandbox)
        let parser = try #require(definition.makeParser() as? ExitCodeResultParser)
        #expect(parser.task == "smoke")
    }

    @Test func harnessLimitsReadOnlyPathsAndTheFileHash() throws {
        let text = "name: h\nevaluate:\n  argv: [a]\n  timeout_seconds: 90\n  read_only: [tools, \"{run_dir}/../shared\"]\n"
            + "  limits: {memory_mib: 2048, processes: 32}\nresults:\n  parser: exit-code\n"
        let definition = try load("h.yaml", text)
        #expect(definition.evaluate.readOnly == ["tools", "{run_dir}/../shared"])
        #expect(definition.evaluate.limits.memoryMiB == 2048 && definition.evaluate.limits.processes == 32)
        #expect(definition.evaluate.limits.openFiles == BenchmarkDefinition.harnessLimits.openFiles)
        #expect(definition.evaluate.limits.wallSeconds == 90)
        #expect(definition.sha256 == ContentHash.sha256Hex(Data(text.utf8)))
        let defaults = try load("d.yaml", "name: d\nevaluate: {argv: [a]}\nresults: {parser: exit-code}\n")
        #expect(defaults.evaluate.limits == { var limits = BenchmarkDefinition.harnessLimits; limits.wallSeconds = 1800; return limits }())
    }

    @Test func jsonlFieldsAndJUnitOptionsReachTheirParsers() throws {
        let jsonl = try load("custom.yaml", """
            name: custom
            evaluate: {argv: [harness, --out, "{run_dir}/out.jsonl"]}
            results:
              parser: jsonl
              path: "{run_dir}/out.jsonl"
              fields: {task: problem, sample: n, passed: ok}
              pass_threshold: 0.5
            """)
        let parser = try #require(jsonl.makeParser() as? JSONLResultParser)
        #expect(parser.fields.task == "problem" && parser.fields.sample == "n" && parser.fields.passed == "ok")
        #expect(parser.passThreshold == 0.5)
        let junit = try load("unit.yaml", "name: unit\nevaluate: {argv: [make, test]}\nresults: {parser: junit, path: report.xml, task_attribute: name}\n")
        #expect((junit.makeParser() as? JUnitResultParser)?.taskAttribute == .name)
    }

    @Test("Mistakes name the file and key", arguments: [
        ("x.yaml", "name: y\nevaluate: {argv: [a]}\nresults: {parser: exit-code}\n", "the file's name without extension ('x')"),
        ("x.yaml", "name: x\nevaluate: {argv: \"bash -c 'make test'\"}\nresults: {parser: exit-code}\n", "argv"),
        ("x.yaml", "name: x\nevaluate: {argv: []}\nresults: {parser: exit-code}\n", "never a shell string"),
        ("x.yaml", "name: x\nevaluate: {argv: [a]}\nresults: {parser: nunit, path: r.xml}\n", "not 'nunit'"),
        ("x.yaml", "name: x\nevaluate: {argv: [a]}\nresults: {parser: humaneval}\n", "missing required key 'path'"),
        ("x.yaml", "name: x\nevaluate: {argv: [a]}\nresults: {parser: junit, path: r.xml, fields: {task: t}}\n", "belongs to jsonl"),
        ("x.yaml", "name: x\nevaluate: {argv: [a, \"{home}\"]}\nresults: {parser: exit-code}\n", "not {home}"),
        ("x.yaml", "name: x\nevaluate: {argv: [a], shell: true}\nresults: {parser: exit-code}\n", "shell"),
        ("x.yaml", "name: x\nevaluate: {argv: [a], env: [\"A=B\"]}\nresults: {parser: exit-code}\n", "env"),
        ("x.yaml", "name: x\ngenerate: {problems: apps, path: p.jsonl}\nevaluate: {argv: [a]}\nresults: {parser: exit-code}\n", "not 'apps'"),
        ("builtin.yaml", "name: builtin\nevaluate: {argv: [a]}\nresults: {parser: exit-code}\n", "not 'builtin'"),
        ("x.yaml", "name: x\nresults: {parser: exit-code}\n", "missing required key 'evaluate'"),
        ("x.yaml", "name: x\nevaluate: {argv: [a, \"{problems}\"]}\nresults: {parser: exit-code}\n", "only in a benchmark with 'generate'"),
        ("x.yaml", "name: x\nevaluate: {argv: [a], limits: {memory_mib: 1}}\nresults: {parser: exit-code}\n", "from 16 to 65536 MiB"),
        ("x.yaml", "name: x\nevaluate: {argv: [a], limits: {wall_seconds: 5}}\nresults: {parser: exit-code}\n", "wall_seconds"),
        ("x.yaml", "name: x\nevaluate: {argv: [a], read_only: [\"{nope}\"]}\nresults: {parser: exit-code}\n", "not {nope}"),
    ])
    func mistakes(file: String, text: String, mention: String) {
        do {
            _ = try load(file, text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains("benchmarks/\(file)") && error.description.contains(mention), "\(error.description)")
        }
    }
}
