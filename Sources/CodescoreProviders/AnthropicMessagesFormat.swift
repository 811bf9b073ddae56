import CodescoreConfig
import Foundation

/// Anthropic's Messages API, `POST /v1/messages`.
public struct AnthropicMessagesFormat: HTTPWireFormat {
    public static let apiVersion = "2023-06-01"

    public static let answerTool = "record_answer"
    public var structuredOutput: StructuredOutputDialect

    public init(structuredOutput: StructuredOutputDialect = .anthropicTool) { self.structuredOutput = structuredOutput }

    public var kind: ProviderKind { .anthropic }

    public func endpoint(baseURL: String) -> String { joined(baseURL, "/messages") }

    public func authenticationHeaders(apiKey: String?) -> [(String, String)] {
        var headers = [("anthropic-version", Self.apiVersion)]
        if let apiKey { headers.append(("x-api-key", apiKey)) }
        return headers
    }

    public func encode(_ request: GenerationRequest, model: String) throws(ProviderError) -> Data {
        let options = request.options
        let system = request.messages.filter { $0.role == "system" }.map(\.content).joined(separator: "\n\n")
        let turns = request.messages.filter { $0.role != "system" }
        var fields: [String: JSONValue] = [
            "model": .string(model),
            "messages": .array(turns.map { .object(["role": .string($0.role), "content": .string($0.content)]) }),
            "max_tokens": .integer(options.maxTokens),
        ]
        if !system.isEmpty { fields["system"] = .string(system) }
        if let temperature = options.temperature { fields["temperature"] = .number(min(temperature, 1)) }
        if let topP = options.topP { fields["top_p"] = .number(topP) }
        if !options.stop.isEmpty { fields["stop_sequences"] = .array(options.stop.map(JSONValue.string)) }
        if let schema = request.responseSchema, structuredOutput == .anthropicTool {
            // Structured output through a forced tool call whose input is the answer.
            fields["tools"] = .array([.object([
                "name": .string(Self.answerTool), "description": .string("Record the answer in the required format."),
                "input_schema": schema,
            ])])
            fields["tool_choice"] = .object(["type": .string("tool"), "name": .string(Self.answerTool)])
        }
        // The Messages API has no seed; the sample index keeps k samples distinct cache entries anyway.
        return requestBody(fields, extra: options.extraBody)
    }

    private struct Response: Decodable {
        struct Block: Decodable {
            var type: String
            var text: String?
            var name: String?
            var input: JSONValue?
        }
        struct Usage: Decodable {
            var input_tokens: Int?
            var output_tokens: Int?
        }
        var content: [Block]
        var stop_reason: String?
        var usage: Usage?
    }

    public func decodeCompletion(_ body: Data) throws(ProviderError) -> Completion {
        let response: Response
        do {
            response = try JSONDecoder().decode(Response.self, from: body)
        } catch {
            throw .invalidResponse("not a Messages API response (\(body.count) bytes)")
        }
        var text = response.content.filter { $0.type == "text" }.compactMap(\.text).joined()
        // A forced answer-tool call carries the structured answer as its input: that is the completion.
        if let call = response.content.first(where: { $0.type == "tool_use" && $0.name == Self.answerTool }), let input = call.input,
           let json = try? JSONEncoder().encode(input) {
            text = String(decoding: json, as: UTF8.self)
        }
        return Completion(
            text: text, inputTokens: response.usage?.input_tokens, outputTokens: response.usage?.output_tokens,
            finishReason: response.stop_reason)
    }

    public func errorMessage(_ body: Data) -> String? {
        struct Envelope: Decodable {
            struct Detail: Decodable { var type: String?; var message: String? }
            var error: Detail?
        }
        guard let detail = (try? JSONDecoder().decode(Envelope.self, from: body))?.error else { return nil }
        return [detail.type, detail.message].compactMap { $0 }.joined(separator: ": ")
    }
}
