import CodescoreConfig
import Foundation
import Testing

private func decode(_ json: String, file: String = "m.json") throws(ConfigError) -> ModelConfig {
    try ModelConfig(configNode: try ConfigNode.parseJSON(Data(json.utf8), file: file))
}

private func problem(_ json: String) -> String {
    do {
        _ = try decode(json)
        return "no error"
    } catch {
        return error.description
    }
}

@Suite struct ModelConfigTests {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func shippedRegistryLoads() throws {
        let registry = try ModelRegistry.load(directory: repository.appendingPathComponent("sample_models_config"),
                                              displayPath: "sample_models_config")
        let names = Set(registry.models.map(\.name))
        #expect(names.isSuperset(of: ["reference", "gpt-4o-mini", "claude-sonnet", "ollama-qwen2.5-coder", "local-openai-server"]))
        let openai = try #require(registry.models.first { $0.name == "gpt-4o-mini" })
        #expect(openai.provider.apiKeyEnv == "OPENAI_API_KEY")
        #expect(registry.models.first { $0.name == "claude-sonnet" }?.provider.apiKeyEnv == "ANTHROPIC_API_KEY")
        #expect(registry.models.first { $0.name == "local-openai-server" }?.provider.baseURL == "http://127.0.0.1:8080/v1")
    }

    @Test func minimalFileTakesDefaults() throws {
        let model = try decode(#"{"name": "r", "provider": {"kind": "reference"}}"#)
        #expect(model.benchmarks == ["builtin"])
        #expect(model.generation == GenerationOptions())
        #expect(model.limits == RequestLimits())
        #expect(model.pricing == nil)
        #expect(model.configHash.count == 64)
    }

    @Test func fullFileDecodes() throws {
        let model = try decode("""
            {"schema_version": 1, "name": "x", "provider": {"kind": "openai", "base_url": "http://127.0.0.1:1/v1", "model": "m",
             "api_key_env": "X_KEY"}, "benchmarks": ["builtin"],
             "generation": {"temperature": 0.3, "top_p": 0.9, "max_tokens": 10, "seed": 5, "samples": 4, "stop": ["###"],
                            "extra_body": {"repeat_penalty": 1.1}},
             "limits": {"concurrency": 3, "requests_per_minute": 60, "tokens_per_minute": 1000, "request_timeout_seconds": 5,
                        "connect_timeout_seconds": 2, "max_response_bytes": 2048, "max_retries": 1},
             "pricing": {"input_per_million": 1, "output_per_million": 2}}
            """)
        #expect(model.generation.samples == 4 && model.generation.seed == 5 && model.generation.stop == ["###"])
        #expect(model.generation.extraBody["repeat_penalty"] == .number(1.1))
        #expect(model.provider.structuredOutput == .jsonSchema)
        let llama = try decode(#"{"name": "l", "provider": {"kind": "openai", "base_url": "http://127.0.0.1:8080/v1", "model": "m", "structured_output": "json_object_schema"}}"#)
        #expect(llama.provider.structuredOutput == .jsonObjectSchema)
        #expect(try decode(#"{"name": "c", "provider": {"kind": "anthropic", "model": "m"}}"#).provider.structuredOutput == .anthropicTool)
        #expect(try decode(#"{"name": "r", "provider": {"kind": "reference"}}"#).provider.structuredOutput == StructuredOutputDialect.none)
        #expect(model.limits.requestsPerMinute == 60 && model.limits.maxResponseBytes == 2048)
        #expect(model.pricing?.cost(inputTokens: 1_000_000, outputTokens: 500_000) == 2)
    }

    /// Ten and more kinds of broken model files, each named by key path in the message.
    static let malformed: [(json: String, fragment: String)] = [
        (#"{"name": "m", "provider": {"kind": "reference"}, "extra": 1}"#, "m.json:1: extra: unknown key"),
        (#"{"name": "m", "provider": {"kind": "reference", "url": "x"}}"#, "m.json:1: provider.url: unknown key"),
        (#"{"provider": {"kind": "reference"}}"#, "missing required key 'name'"),
        (#"{"name": "m"}"#, "missing required key 'provider'"),
        (#"{"name": "m", "provider": {}}"#, "missing required key 'kind' in 'provider'"),
        (#"{"name": "m", "provider": {"kind": "gpt"}}"#, "provider.kind: expected one of openai, anthropic, command, reference, replay, not 'gpt'"),
        (#"{"name": "m", "provider": {"kind": "openai", "base_url": "http://h/v1", "model": "x", "structured_output": "xml"}}"#,
         "provider.structured_output: expected one of json_schema, json_object_schema, anthropic_tool, none, not 'xml'"),
        (#"{"name": "m", "provider": {"kind": "anthropic", "model": "x", "structured_output": "json_schema"}}"#,
         "provider.structured_output: expected one of anthropic_tool, none for a anthropic provider"),
        (#"{"name": "m", "provider": {"kind": "openai", "model": "x"}}"#, "missing required key 'base_url'"),
        (#"{"name": "m", "provider": {"kind": "openai", "base_url": "ftp://x", "model": "x"}}"#, "provider.base_url: expected an http:// or https:// URL"),
        (#"{"name": "m", "provider": {"kind": "openai", "base_url": "http://x", "model": "x", "api_key_env": "sk-abc123"}}"#,
         "provider.api_key_env: expected the NAME of an environment variable"),
        (#"{"name": "m", "provider": {"kind": "reference"}, "generation": {"temperature": "hot"}}"#,
         "generation.temperature: expected a number, found a string"),
        (#"{"name": "m", "provider": {"kind": "reference"}, "generation": {"temperature": 3}}"#, "generation.temperature: expected a temperature from 0 to 2"),
        (#"{"name": "m", "provider": {"kind": "reference"}, "generation": {"samples": 0}}"#, "generation.samples: expected a number of samples"),
        (#"{"name": "m", "provider": {"kind": "reference"}, "limits": {"concurrency": 0}}"#, "limits.concurrency: expected a concurrency"),
        (#"{"name": "m", "provider": {"kind": "reference"}, "pricing": {"input_per_million": 1}}"#, "missing required key 'output_per_million' in 'pricing'"),
        (#"{"name": "m", "provider": {"kind": "command", "command": []}}"#, "provider.command: expected a non-empty argv list"),
        (#"{"name": "m", "provider": {"kind": "replay"}}"#, "missing required key 'replays' in 'provider'"),
        (#"{"schema_version": 2, "name": "m", "provider": {"kind": "reference"}}"#, "schema_version 2 is not supported"),
        (#"{"name": "bad name!", "provider": {"kind": "reference"}}"#, "m.json:1: name: expected a name of letters"),
        (#"["not", "an", "object"]"#, "m.json:1: expected a mapping, found a list"),
        ("{\"name\": \"m\",\n \"provider\": }", "m.json:2: not valid syntax"),
    ]

    @Test(arguments: malformed)
    func malformedFileNamesFileAndKey(json: String, fragment: String) {
        let message = problem(json)
        #expect(message.contains(fragment), "got: \(message)")
    }

    @Test func registryReportsEveryBadFileAndDuplicateNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"name": "same", "provider": {"kind": "reference"}}"#.write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try #"{"name": "same", "provider": {"kind": "reference"}}"#.write(to: folder.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        try #"{"name": 1}"#.write(to: folder.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        #expect {
            _ = try ModelRegistry.load(directory: folder, displayPath: "reg")
        } throws: { error in
            let text = "\(error)"
            return text.contains("reg/b.json: name: duplicate model name 'same', first defined in reg/a.json")
                && text.contains("reg/c.json:1: name: expected a string, found a number")
        }
    }
}
