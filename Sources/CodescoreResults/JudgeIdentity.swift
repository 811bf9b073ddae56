import Foundation

/// Which judge produced a run's judge scores. Two runs' `judge.*` metrics are comparable only when
/// their identities are equal, so the gate refuses a baseline scored by another judge.
public struct JudgeIdentity: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The registry name of the judge model, and what it calls at the provider.
    public var model: String
    public var providerKind: String
    public var providerModel: String?
    /// SHA-256 of the judge's fixed prompt text (instructions, fences, reminder, repair message).
    public var promptTemplateSHA256: String
    public var temperature: Double?
    /// Votes per sample (m).
    public var votes: Int
    /// `median` or `majority`.
    public var aggregation: String
    /// Whether the judge saw the execution outcome.
    public var seesTestOutcome: Bool
    public var maxTokens: Int

    public init(model: String, providerKind: String, providerModel: String?, promptTemplateSHA256: String,
                temperature: Double?, votes: Int, aggregation: String, seesTestOutcome: Bool, maxTokens: Int) {
        self.model = model
        self.providerKind = providerKind
        self.providerModel = providerModel
        self.promptTemplateSHA256 = promptTemplateSHA256
        self.temperature = temperature
        self.votes = votes
        self.aggregation = aggregation
        self.seesTestOutcome = seesTestOutcome
        self.maxTokens = maxTokens
    }

    /// One line for reports: `gpt-4o (openai gpt-4o-2024-08-06) · prompt 1a2b3c4d · t=0 · m=3 median`.
    public var description: String {
        var text = model
        if let providerModel { text += " (\(providerKind) \(providerModel))" }
        text += " · prompt \(promptTemplateSHA256.prefix(8))"
        if let temperature { text += " · t=\(temperature == temperature.rounded() ? String(Int(temperature)) : String(temperature))" }
        text += " · m=\(votes) \(aggregation)"
        if seesTestOutcome { text += " · sees test outcome" }
        return text
    }

    enum CodingKeys: String, CodingKey {
        case model
        case providerKind = "provider_kind"
        case providerModel = "provider_model"
        case promptTemplateSHA256 = "prompt_template_sha256"
        case temperature, votes, aggregation
        case seesTestOutcome = "sees_test_outcome"
        case maxTokens = "max_tokens"
    }
}
