import CodescoreConfig
import Foundation

/// A model behind an HTTP JSON API, in the shape given by its wire format.
public struct HTTPProvider: ModelProvider {
    public let format: any HTTPWireFormat
    public let baseURL: String
    public let model: String
    private let apiKey: String?
    private let transport: HTTPTransport
    private let redactor: SecretRedactor

    public init(format: any HTTPWireFormat, baseURL: String, model: String, apiKey: String?, transport: HTTPTransport) {
        self.format = format
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.transport = transport
        self.redactor = SecretRedactor(secrets: [apiKey])
    }

    public var cacheNamespace: [String] { [format.kind.rawValue, baseURL, model] }

    public func encode(_ request: GenerationRequest) throws(ProviderError) -> Data {
        try format.encode(request, model: model)
    }

    public func send(_ body: Data, for request: GenerationRequest) async throws(ProviderError) -> Completion {
        var headers = [("Content-Type", "application/json"), ("Accept", "application/json")]
        headers += format.authenticationHeaders(apiKey: apiKey)
        let response = try await transport.post(url: format.endpoint(baseURL: baseURL), headers: headers, body: body)
        guard (200..<300).contains(response.status) else {
            let detail = format.errorMessage(response.body) ?? String(decoding: response.body.prefix(300), as: UTF8.self)
            throw .http(status: response.status, message: sanitizedErrorText(detail, redactor: redactor),
                        retryAfterSeconds: RetryAfter.seconds(headers: response.headers))
        }
        return try format.decodeCompletion(response.body)
    }
}
