import CodescoreConfig
import CodescoreProviders
import CodescoreResults
import CodescoreRunner
import Foundation
import Testing

@Suite struct RetryTests {
    @Test func retryAfterForms() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.seconds(headers: [("Retry-After", "7")], now: now) == 7)
        #expect(RetryAfter.seconds(headers: [("retry-after-ms", "250"), ("Retry-After", "9")], now: now) == 0.25)
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
        #expect(RetryAfter.seconds(headers: [("retry-after", "Tue, 14 Nov 2023 22:13:50 GMT")], now: now) == 30)
        #expect(RetryAfter.seconds(headers: [("Retry-After", "Tuesday, 14-Nov-23 22:13:21 GMT")], now: now) == 1)
        #expect(RetryAfter.seconds(headers: [("Retry-After", "Tue Nov 14 22:13:25 2023")], now: now) == 5)
        #expect(RetryAfter.seconds(headers: [("Retry-After", "Mon, 01 Jan 2001 00:00:00 GMT")], now: now) == 0)
        #expect(RetryAfter.seconds(headers: [("Retry-After", "soon")], now: now) == nil)
        #expect(RetryAfter.seconds(headers: [], now: now) == nil)
    }

    @Test func policyRetriesOnlyTransientFailures() {
        let policy = RetryPolicy(maxRetries: 3, initialDelay: 1, maxDelay: 4, retryAfterCap: 60, random: { 0.5 })
        for status in [408, 409, 429, 500, 502, 503, 529] {
            #expect(policy.delay(afterAttempt: 0, error: .http(status: status, message: "", retryAfterSeconds: nil)) != nil, "\(status)")
        }
        for status in [400, 401, 403, 404, 422] {
            #expect(policy.delay(afterAttempt: 0, error: .http(status: status, message: "", retryAfterSeconds: nil)) == nil, "\(status)")
        }
        #expect(policy.delay(afterAttempt: 0, error: .connection("reset")) == 0.5)
        #expect(policy.delay(afterAttempt: 2, error: .timeout(seconds: 1)) == 2)   // min(4, 1·2²)·0.5
        #expect(policy.delay(afterAttempt: 5, error: .timeout(seconds: 1)) == nil)  // out of retries
        #expect(policy.delay(afterAttempt: 0, error: .invalidResponse("x")) == nil)
        #expect(policy.delay(afterAttempt: 0, error: .http(status: 429, message: "", retryAfterSeconds: 3)) == 3)
        #expect(policy.delay(afterAttempt: 0, error: .http(status: 429, message: "", retryAfterSeconds: 9999)) == 60)
    }

    @Test func errorBudgetParsing() {
        #expect(ErrorBudget(argument: "10%")?.allowedErrors(planned: 95) == 9)
        #expect(ErrorBudget(argument: "3")?.allowedErrors(planned: 1000) == 3)
        #expect(ErrorBudget(argument: "100%")?.allowedErrors(planned: 7) == 7)
        #expect(ErrorBudget(argument: "-1") == nil && ErrorBudget(argument: "lots") == nil && ErrorBudget(argument: "150%") == nil)
    }

    @Test func rateLimiterPacesRequestsAndTokens() async {
        let start = ContinuousClock.now
        // 60 requests a minute: a burst of ten seconds' worth, then one a second.
        let limiter = RateLimiter(requestsPerMinute: 60, tokensPerMinute: nil, now: start)
        for _ in 0..<10 { #expect(await limiter.reserve(tokens: 0, now: start) == .zero) }
        #expect(await limiter.reserve(tokens: 0, now: start) == .seconds(1))
        #expect(await limiter.reserve(tokens: 0, now: start) == .seconds(2))
        let tokens = RateLimiter(requestsPerMinute: nil, tokensPerMinute: 600, now: start)   // 10 tokens/s, holds 100
        #expect(await tokens.reserve(tokens: 100, now: start) == .zero)
        #expect(await tokens.reserve(tokens: 50, now: start) == .seconds(5))
        await tokens.refund(tokens: 50)
        #expect(await tokens.reserve(tokens: 10, now: start) == .seconds(1))
    }
}

@Suite struct ProviderPieceTests {
    @Test func redactorRemovesKeysAndTheirEchoes() {
        let redactor = SecretRedactor(secrets: ["sk-live-ABCDEFGHIJKL123456", nil, "abc"])
        #expect(redactor.redact("Incorrect API key provided: sk-live-ABCDEFGHIJKL123456.") == "Incorrect API key provided: [REDACTED].")
        #expect(!redactor.redact("key sk-live-****123456").contains("123456"))
        #expect(redactor.redact("abc stays") == "abc stays")
        #expect(sanitizedErrorText("a\nb\(String(repeating: "x", count: 600))", redactor: redactor).count == 501)
    }

    @Test func referenceRenderingUsesFencesLongerThanTheContent() {
        let text = ReferenceProvider.render(files: [(path: "doc.py", contents: "s = '````'\n")], language: "python")
        #expect(text.contains("`````python doc.py\ns = '````'\n`````"))
        #expect(ReferenceProvider.render(files: [(path: "a.js", contents: "x")], language: "javascript").contains("```javascript a.js\nx\n```"))
    }

    @Test func openAIBodyCarriesOptionsSeedPerSampleAndExtras() throws {
        let task = try #require(try builtInTask("backend-token-bucket"))
        var options = GenerationOptions(temperature: 0.2, topP: 0.9, maxTokens: 100, seed: 10, samples: 3, stop: ["###"])
        options.extraBody = ["repeat_penalty": .number(1.1)]
        let request = GenerationRequest(task: task, messages: [ChatMessage(role: "user", content: "hi")], options: options, sampleIndex: 2)
        let body = try JSONSerialization.jsonObject(with: OpenAIChatFormat().encode(request, model: "m")) as? [String: Any]
        #expect(body?["seed"] as? Int == 12 && body?["max_tokens"] as? Int == 100 && body?["temperature"] as? Double == 0.2)
        #expect(body?["repeat_penalty"] as? Double == 1.1 && (body?["stop"] as? [String]) == ["###"])
        let anthropic = try JSONSerialization.jsonObject(with: AnthropicMessagesFormat().encode(
            GenerationRequest(task: task, messages: [ChatMessage(role: "system", content: "s"), ChatMessage(role: "user", content: "u")],
                              options: options, sampleIndex: 0), model: "c")) as? [String: Any]
        #expect(anthropic?["system"] as? String == "s" && (anthropic?["messages"] as? [Any])?.count == 1)
        #expect((anthropic?["stop_sequences"] as? [String]) == ["###"])
    }

    @Test("A response schema is requested in the model's structured-output dialect, and not at all without one")
    func structuredOutputDialects() throws {
        let task = try #require(try builtInTask("backend-token-bucket"))
        let schema: JSONValue = .object(["type": .string("object")])
        let options = GenerationOptions(maxTokens: 50)
        let messages = [ChatMessage(role: "system", content: "s"), ChatMessage(role: "user", content: "u")]
        let judged = GenerationRequest(task: task, messages: messages, options: options, sampleIndex: 0, responseSchema: schema)
        let plain = GenerationRequest(task: task, messages: messages, options: options, sampleIndex: 0)
        func body(_ format: any HTTPWireFormat, _ request: GenerationRequest) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: format.encode(request, model: "m")) as? [String: Any])
        }
        let openAI = try body(OpenAIChatFormat(structuredOutput: .jsonSchema), judged)["response_format"] as? [String: Any]
        #expect(openAI?["type"] as? String == "json_schema")
        #expect(((openAI?["json_schema"] as? [String: Any])?["schema"] as? [String: Any])?["type"] as? String == "object")
        // llama.cpp's server: json_object with the schema beside it.
        let llama = try body(OpenAIChatFormat(structuredOutput: .jsonObjectSchema), judged)["response_format"] as? [String: Any]
        #expect(llama?["type"] as? String == "json_object" && (llama?["schema"] as? [String: Any]) != nil)
        #expect(try body(OpenAIChatFormat(structuredOutput: .none), judged)["response_format"] == nil)
        #expect(try body(OpenAIChatFormat(structuredOutput: .jsonSchema), plain)["response_format"] == nil)
        let anthropic = try body(AnthropicMessagesFormat(structuredOutput: .anthropicTool), judged)
        #expect((anthropic["tool_choice"] as? [String: Any])?["name"] as? String == AnthropicMessagesFormat.answerTool)
        #expect(((anthropic["tools"] as? [[String: Any]])?.first?["input_schema"] as? [String: Any])?["type"] as? String == "object")
        #expect(try body(AnthropicMessagesFormat(structuredOutput: .anthropicTool), plain)["tools"] == nil)
        // The forced tool call's input is the completion text.
        let reply = #"{"content":[{"type":"tool_use","id":"t","name":"record_answer","input":{"criteria":{"a":{"score":7}}}}],"stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":4}}"#
        let completion = try AnthropicMessagesFormat().decodeCompletion(Data(reply.utf8))
        #expect(completion.text == #"{"criteria":{"a":{"score":7}}}"# && completion.outputTokens == 4)
    }

    @Test func cacheKeysSeparateSamplesModelsAndBodies() {
        let body = Data("{}".utf8)
        let base = ResponseCache.key(namespace: ["openai", "http://x", "m"], body: body, sampleIndex: 0)
        #expect(base != ResponseCache.key(namespace: ["openai", "http://x", "m"], body: body, sampleIndex: 1))
        #expect(base != ResponseCache.key(namespace: ["openai", "http://x", "m2"], body: body, sampleIndex: 0))
        #expect(base != ResponseCache.key(namespace: ["openai", "http://x", "m"], body: Data("{ }".utf8), sampleIndex: 0))
        #expect(base == ResponseCache.key(namespace: ["openai", "http://x", "m"], body: body, sampleIndex: 0))
    }
}

@Suite struct ResultsPieceTests {
    func record(_ model: String, task: String = "t", hash: String = "h", sample: Int, status: ResultRecord.Status = .ok) -> ResultRecord {
        ResultRecord(runID: "r", model: model, benchmark: "builtin", task: task, category: "backend", taskHash: hash,
                     sample: sample, status: status, output: "x")
    }

    @Test func reconcileKeepsFinishedDropsFailedAndStaleLeavesOthersAlone() throws {
        let task = try #require(try builtInTask("backend-token-bucket"))
        let model = ModelConfig(name: "m", provider: ProviderConfig(kind: .reference), generation: GenerationOptions(samples: 3))
        let plan = try RunPlan.make(models: [model], tasks: [task], samplesOverride: nil)
        #expect(plan.totalItems == 3)
        let existing = [
            record("m", task: task.id, hash: task.hash, sample: 0),
            record("m", task: task.id, hash: task.hash, sample: 0),                  // duplicate
            record("m", task: task.id, hash: task.hash, sample: 1, status: .error),  // redo
            record("m", task: task.id, hash: "old", sample: 2),                      // stale task version
            record("other", sample: 0),                                               // not in this plan
        ]
        let result = plan.reconcile(existing: existing)
        #expect(result.keep.count == 2 && result.keep.contains { $0.model == "other" })
        #expect(result.done.count == 1 && result.rewrite)
    }

    @Test func csvQuotesNeutralisesFormulasAndKeepsNumbers() {
        let text = CSVTable.render(header: ["a", "b", "c"], rows: [
            [.text("=HYPERLINK(\"x\")"), .number(-1.5), .text("line\nbreak, comma")],
            [.text("@cmd"), .integer(3), .text("+1")],
            [.text("-2"), .empty, .text("\tx")],
        ])
        #expect(text == "a,b,c\r\n\"'=HYPERLINK(\"\"x\"\")\",-1.5,\"line\nbreak, comma\"\r\n'@cmd,3,'+1\r\n'-2,,'\tx\r\n")
    }

    @Test func jsonLinesEscapeLineSeparators() throws {
        let line = String(decoding: try JSONLines.encodeLine(["k": "a\u{2028}b\u{2029}c"]), as: UTF8.self)
        #expect(line == "{\"k\":\"a\\u2028b\\u2029c\"}\n")
    }

    @Test func recordRoundTripsAndRejectsUnknownVersions() throws {
        let original = record("m", sample: 4)
        let decoded = try JSONDecoder().decode(ResultRecord.self, from: try JSONLines.encodeLine(original))
        #expect(decoded == original)
        #expect(decoded.outputSHA256 == ContentHash.sha256Hex("x"))
        var json = try JSONSerialization.jsonObject(with: try JSONLines.encodeLine(original)) as? [String: Any] ?? [:]
        json["schema_version"] = 2
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ResultRecord.self, from: JSONSerialization.data(withJSONObject: json))
        }
    }
}

func builtInTask(_ id: String) throws -> TaskDefinition? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try TaskSuite.load(root: root.appendingPathComponent("tasks"), displayPath: "tasks").tasks.first { $0.id == id }
}
