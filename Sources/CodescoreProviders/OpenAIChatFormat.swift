import CodescoreConfig
import Foundation

/// OpenAI-compatible `POST /chat/completions`: OpenAI, vLLM, Ollama, llama.cpp server, LM Studio, TGI, OpenRouter…
public struct OpenAIChatFormat: HTTPWireFormat {
    public var structuredOutput: StructuredOutputDialect

    public init(structuredOutput: StructuredOutputDialect = .jsonSchema) { self.structuredOutput = structuredOutput }

    public var kind: ProviderKind { .openai }

    public func endpoint(baseURL: String) -> String { joined(baseURL, "/chat/completions") }

    public func authenticationHeaders(apiKey: String?) -> [(String, String)] {
        apiKey.map { [("Authorization", "Bearer \($0)")] } ?? []
    }

    public func encode(_ request: GenerationRequest, model: String) throws(ProviderError) -> Data {
        let options = request.options
        var fields: [String: JSONValue] = [
            "model": .string(model),
            "messages": .array(request.messages.map { .object(["role": .string($0.role), "content": .string($0.content)]) }),
            "max_tokens": .integer(options.maxTokens),
            "stream": .bool(false),
        ]
        if let temperature = options.temperature { fields["temperature"] = .number(temperature) }
        if let topP = options.topP { fields["top_p"] = .number(topP) }
        if let seed = request.sampleSeed { fields["seed"] = .integer(seed) }
        if !options.stop.isEmpty { fields["stop"] = .array(options.stop.map(JSONValue.string)) }
        if let schema = request.responseSchema {
            switch structuredOutput {
            case .jsonSchema:
                fields["response_format"] = .object([
                    "type": .string("json_schema"),
                    "json_schema": .object(["name": .string("answer"), "strict": .bool(true), "schema": schema]),
                ])
            case .jsonObjectSchema:
                fields["response_format"] = .object(["type": .string("json_object"), "schema": schema])
            case .anthropicTool, .none:
                break
            }
        }
        return requestBody(fields, extra: options.extraBody)
    }

    private struct Response: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var content: MessageContent?
            }
            var message: Message?
            var finish_reason: String?
        }
        struct Usage: Decodable {
            var prompt_tokens: Int?
            var completion_tokens: Int?
        }
        var choices: [Choice]
        var usage: Usage?
    }

    /// `content` is a string, or a list of parts of which the text ones count.
    private enum MessageContent: Decodable {
        case text(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                struct Part: Decodable { var type: String?; var text: String? }
                let parts = try container.decode([Part].self)
                self = .text(parts.compactMap { $0.type == nil || $0.type == "text" ? $0.text : nil }.joined())
            }
        }
        var text: String { if case let .text(value) = self { return value }; return "" }
    }

    public func decodeCompletion(_ body: Data) throws(ProviderError) -> Completion {
        let response: Response
        do {
            response = try JSONDecoder().decode(Response.self, from: body)
        } catch {
            throw .invalidResponse("not a chat completion (\(body.count) bytes)")
        }
        guard let choice = response.choices.first, let content = choice.message?.content else {
            throw .invalidResponse("the completion has no message content")
        }
        return Completion(
            text: content.text, inputTokens: response.usage?.prompt_tokens,
            outputTokens: response.usage?.completion_tokens, finishReason: choice.finish_reason)
    }

    public func errorMessage(_ body: Data) -> String? {
        struct Envelope: Decodable {
            struct Detail: Decodable { var message: String? }
            var error: Detail?
        }
        return (try? JSONDecoder().decode(Envelope.self, from: body))?.error?.message
    }
}
