import CodescoreConfig
import Foundation

/// Builds the provider a model config names. API keys are read here, from the variable the config
/// names, and live only inside the provider.
public enum ProviderFactory {
    /// A provider and the HTTP transport to shut down when the run ends (if it has one).
    public struct Built: Sendable {
        public var provider: any ModelProvider
        public var transport: HTTPTransport?
    }

    public static func make(
        _ config: ModelConfig, environment: [String: String], forceReplay: Bool = false
    ) throws(ProviderError) -> Built {
        let provider = config.provider
        let replay = forceReplay || provider.kind == .replay
        let kind = provider.requestKind
        var apiKey: String?
        if let variable = provider.apiKeyEnv, !replay {
            guard let value = environment[variable], !value.isEmpty else {
                throw .missingAPIKey(variable: variable, model: config.name)
            }
            apiKey = value
        }
        let built: Built
        switch kind {
        case .openai, .anthropic:
            let dialect = config.provider.structuredOutput
            let format: any HTTPWireFormat = kind == .openai
                ? OpenAIChatFormat(structuredOutput: dialect) : AnthropicMessagesFormat(structuredOutput: dialect)
            let transport = replay ? nil : HTTPTransport(
                connectTimeoutSeconds: config.limits.connectTimeoutSeconds,
                requestTimeoutSeconds: config.limits.requestTimeoutSeconds,
                maxResponseBytes: config.limits.maxResponseBytes, maxConnections: config.limits.concurrency)
            let http = HTTPProvider(
                format: format, baseURL: provider.baseURL ?? "", model: provider.model ?? config.name, apiKey: apiKey,
                transport: transport ?? HTTPTransport.unused)
            built = Built(provider: http, transport: transport)
        case .command:
            built = Built(provider: CommandProvider(
                argv: provider.command ?? [], modelName: provider.model ?? config.name,
                timeoutSeconds: config.limits.requestTimeoutSeconds, maxOutputBytes: config.limits.maxResponseBytes,
                secrets: [apiKey]), transport: nil)
        case .reference, .replay:
            built = Built(provider: ReferenceProvider(), transport: nil)
        }
        // Reference answers are computed, never cached: replaying them is answering them.
        guard replay, kind != .reference else { return built }
        return Built(provider: ReplayProvider(replaying: built.provider, modelName: config.name), transport: nil)
    }
}

extension HTTPTransport {
    /// A transport that is never used to send (replayed providers only encode requests).
    static let unused = HTTPTransport(connectTimeoutSeconds: 1, requestTimeoutSeconds: 1, maxResponseBytes: 1024, maxConnections: 1)
}
