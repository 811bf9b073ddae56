import CodescoreConfig
import Foundation

/// The JSON shape of one HTTP model API: how a request is encoded and a response read.
/// Pure code; ``HTTPProvider`` does the sending.
public protocol HTTPWireFormat: Sendable {
    var kind: ProviderKind { get }
    /// The endpoint, given the configured base URL (e.g. `https://api.openai.com/v1`).
    func endpoint(baseURL: String) -> String
    func authenticationHeaders(apiKey: String?) -> [(String, String)]
    func encode(_ request: GenerationRequest, model: String) throws(ProviderError) -> Data
    func decodeCompletion(_ body: Data) throws(ProviderError) -> Completion
    /// The human-readable message inside an error response, if the body has one.
    func errorMessage(_ body: Data) -> String?
}

extension HTTPWireFormat {
    func joined(_ baseURL: String, _ path: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}

/// Adds generation options common to the JSON APIs, then the model's pass-through fields.
func requestBody(_ fields: [String: JSONValue], extra: [String: JSONValue]) -> Data {
    var body = fields
    for (key, value) in extra { body[key] = value }
    return JSONValue.object(body).canonicalData()
}
