import CodescoreConfig
import CodescoreJudge
import CodescoreProviders
import CodescoreResults
import CodescoreScoring
import Foundation
import Synchronization

/// The judge step of a run: after a sample is generated and executed, the judge model votes on it
/// through the same cache, limits and retries as generation, and the votes land on the record.
public struct RunJudge: Sendable {
    public let config: JudgeConfig
    public let identity: JudgeIdentity
    let sampleJudge: SampleJudge
    /// The judge model's prices, for the run's cost.
    let pricing: Pricing?

    public init(config: JudgeConfig, model: ModelConfig, provider: any ModelProvider, cache: ResponseCache?,
                retryRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.config = config
        identity = config.identity(judgeModel: model)
        pricing = model.pricing
        let backend = ProviderJudgeBackend(
            call: ProviderCall(model: model, provider: provider, cache: cache, retryRandom: retryRandom),
            options: config.options(for: model), slots: ConcurrencySlots(count: model.limits.concurrency))
        sampleJudge = SampleJudge(backend: backend, votes: config.votes, aggregation: config.aggregation)
    }

    /// Judges the files of an answer on its own (selftest, calibration): no record, no tallies.
    public func judge(files: [(path: String, contents: String)], task: TaskDefinition, sample: Int,
                      outcome: String? = nil) async throws -> SampleJudgement {
        let prompt = try PromptBuilder.messages(for: task).last?.content ?? task.prompt
        return try await sampleJudge.judge(task: task, sample: sample, taskPrompt: prompt, rubric: task.rubric, files: files,
                                           outcome: config.seesTestOutcome ? outcome : nil)
    }

    /// Judges a generated answer and puts the scores, the votes and the flags on its record.
    func judge(_ answer: String, task: TaskDefinition, record: inout ResultRecord, totals: RunTally) async throws {
        let files = Self.candidateFiles(answer, task: task)
        let judgement = try await judge(files: files, task: task, sample: record.sample, outcome: Self.outcomeText(record))
        record.scores.merge(judgement.scores) { _, new in new }
        record.judge = judgement.jsonValue
        totals.withLock { totals in
            totals.judged += 1
            if judgement.aggregate == nil { totals.unjudged += 1 }
            totals.validVotes += judgement.validVotes
            totals.invalidVotes += judgement.invalidVotes
            if !judgement.findings.isEmpty { totals.manipulationFlags += 1 }
            for vote in judgement.votes where vote.status != .valid {
                let kind = vote.status == .failed ? "call_failed" : (vote.repairProblem ?? vote.problem)?.kind.rawValue ?? "invalid"
                totals.voteProblems[kind, default: 0] += 1
            }
            let input = judgement.votes.reduce(0) { $0 + $1.liveInputTokens }
            let output = judgement.votes.reduce(0) { $0 + $1.liveOutputTokens }
            totals.judgeRequests += judgement.votes.reduce(0) { $0 + $1.liveRequests }
            totals.inputTokens += input
            totals.outputTokens += output
            totals.spentUSD += pricing?.cost(inputTokens: input, outputTokens: output) ?? 0
        }
    }

    /// The task's files as the answer gives them; an answer with none is shown whole, so the judge still
    /// sees (and scores) what the model said.
    public static func candidateFiles(_ answer: String, task: TaskDefinition) -> [(path: String, contents: String)] {
        let extraction = CodeExtractor.extract(from: answer, required: task.files.map(\.path))
        let files = task.files.compactMap { file in extraction.files[file.path].map { (path: file.path, contents: $0) } }
        return files.isEmpty ? [(path: "(answer without the required files)", contents: answer)] : files
    }

    /// The execution result in a few lines, for a judge configured to see it.
    static func outcomeText(_ record: ResultRecord) -> String? {
        guard case let .object(execution)? = record.execution else { return nil }
        var lines: [String] = []
        if case let .string(outcome)? = execution["outcome"] { lines.append("Outcome: \(outcome)") }
        for (metric, label) in [("tests.pass", "All tests passed (1 = yes)"), ("tests.fraction", "Fraction of tests passed"),
                                ("tests.mutation_score", "Mutation score")] {
            if let value = record.scores[metric] { lines.append("\(label): \(value)") }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}

/// Judge calls through the runner's machinery. The fence drawn for a call is replaced in the cache key,
/// so a repeated run reuses the answers while every live call still gets an unpredictable fence.
final class ProviderJudgeBackend: JudgeBackend {
    let call: ProviderCall
    let options: GenerationOptions
    let slots: ConcurrencySlots
    /// Set once a structured-output request succeeded: later failures are then not configuration errors.
    let structuredOutputWorks = Atomic<Bool>(false)

    static let fencePlaceholder = Data("CANDIDATE-FENCE".utf8)

    /// The call's index in the cache key and seed: stable per (sample, vote, repair) whatever the vote count.
    static func callIndex(sample: Int, vote: Int, repair: Bool) -> Int {
        (sample * 32 + vote) * 2 + (repair ? 1 : 0)
    }

    init(call: ProviderCall, options: GenerationOptions, slots: ConcurrencySlots) {
        self.call = call
        self.options = options
        self.slots = slots
    }

    func call(_ request: JudgeCallRequest) async throws -> JudgeCallResult {
        let generation = GenerationRequest(
            task: request.task, messages: request.messages, options: options,
            sampleIndex: Self.callIndex(sample: request.sample, vote: request.vote, repair: request.repair),
            responseSchema: request.schema)
        let body: Data
        do {
            body = try call.provider.encode(generation)
        } catch {
            return JudgeCallResult(completion: nil, error: error, cached: false, attempts: 0)
        }
        let keyBody = body.replacing(Data(request.delimiter.utf8), with: Self.fencePlaceholder)
        let outcome = try await slots.withSlotThrowing {
            try await call.perform(generation, body: body, cacheKeyBody: keyBody, sending: {})
        }
        switch outcome {
        case let .answered(completion, _, attempts, cached):
            structuredOutputWorks.store(true, ordering: .relaxed)
            return JudgeCallResult(completion: completion, error: nil, cached: cached, attempts: attempts)
        case let .failed(error, attempts):
            if let status = error.httpStatus, [400, 404, 415, 422, 500, 501].contains(status),
               call.model.provider.structuredOutput != .none, !structuredOutputWorks.load(ordering: .relaxed) {
                throw RunAbort.judgeConfiguration(model: call.model.name, status: status,
                                                  dialect: call.model.provider.structuredOutput.rawValue,
                                                  detail: error.description)
            }
            return JudgeCallResult(completion: nil, error: error, cached: false, attempts: attempts)
        }
    }
}
