import CodescoreConfig
import Foundation

/// Answers only from the response cache, in the request shape of the provider it replays.
/// The runner looks in the cache first; reaching `send` means a miss, which is an error naming the request.
public struct ReplayProvider: ModelProvider {
    public let replayed: any ModelProvider
    public let modelName: String

    public init(replaying replayed: any ModelProvider, modelName: String) {
        self.replayed = replayed
        self.modelName = modelName
    }

    public var cacheNamespace: [String] { replayed.cacheNamespace }

    public func encode(_ request: GenerationRequest) throws(ProviderError) -> Data {
        try replayed.encode(request)
    }

    public func send(_ body: Data, for request: GenerationRequest) async throws(ProviderError) -> Completion {
        throw .cacheMiss("model '\(modelName)', task '\(request.task.id)', sample \(request.sampleIndex)")
    }
}
