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
        #expect(humaneval.evaluate.argv.last == "{samples}" && humaneval.evaluate.sandbox)
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
