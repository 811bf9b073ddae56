import CodescoreConfig
import CodescoreResults
import Foundation

/// The project's judge settings (`sample_models_config/judge.yaml` by default): which registry model
/// judges, how many votes it casts per sample, and how they are combined. docs/judge.md documents it.
public struct JudgeConfig: Sendable, Hashable {
    public static let supportedSchemaVersions = [1]

    /// False keeps the file (and its settings) but runs no judge unless `--judge` asks for one.
    public var enabled = true
    /// A model name from the registry.
    public var model: String
    /// Votes per sample (m).
    public var votes = 3
    /// Sampling temperature of the votes: above 0 so that m votes are m opinions.
    public var temperature = 0.7
    public var aggregation = VoteAggregation.median
    public var maxTokens = 1024
    /// Show the judge the execution outcome (off by default: the two scores stay independent).
    public var seesTestOutcome = false

    public init(model: String) { self.model = model }

    /// Reads the file; keys left out keep their defaults, unknown keys are errors naming file and key (exit 65).
    public static func load(_ url: URL, displayPath: String) throws(ConfigError) -> JudgeConfig {
        let object = try ConfigObject(try ConfigNode.load(url, displayPath: displayPath))
        _ = try object.schemaVersion(supported: supportedSchemaVersions)
        var config = JudgeConfig(model: try object.required("model"))
        config.enabled = try object.optional("enabled", default: config.enabled)
        config.votes = try object.optional("votes", default: config.votes)
        try object.check("votes", (1...25).contains(config.votes), expected: "a number of votes from 1 to 25")
        config.temperature = try object.optional("temperature", default: config.temperature)
        try object.check("temperature", (0...2).contains(config.temperature), expected: "a temperature from 0 to 2")
        let aggregation = try object.optional("aggregation", default: config.aggregation.rawValue)
        guard let method = VoteAggregation(rawValue: aggregation) else {
            throw ConfigError.invalidValue(object.node("aggregation")?.location ?? object.location,
                                           expected: "median or majority, not '\(aggregation)'")
        }
        config.aggregation = method
        config.maxTokens = try object.optional("max_tokens", default: config.maxTokens)
        try object.check("max_tokens", (64...32_768).contains(config.maxTokens), expected: "max_tokens from 64 to 32768")
        config.seesTestOutcome = try object.optional("sees_test_outcome", default: config.seesTestOutcome)
        try object.rejectUnknownKeys()
        return config
    }

    /// The identity recorded in run.json and baselines: equal identities mean comparable judge scores.
    public func identity(judgeModel: ModelConfig) -> JudgeIdentity {
        JudgeIdentity(model: judgeModel.name, providerKind: judgeModel.provider.kind.rawValue,
                           providerModel: judgeModel.provider.model, promptTemplateSHA256: JudgePrompt.templateSHA256,
                           temperature: temperature, votes: votes, aggregation: aggregation.rawValue,
                           seesTestOutcome: seesTestOutcome, maxTokens: maxTokens)
    }

    /// The judge model's generation options with this file's overrides (its seed stays: vote j is sent seed + j).
    public func options(for judgeModel: ModelConfig) -> GenerationOptions {
        var options = judgeModel.generation
        options.temperature = temperature
        options.maxTokens = maxTokens
        options.samples = votes
        options.stop = []
        return options
    }
}
