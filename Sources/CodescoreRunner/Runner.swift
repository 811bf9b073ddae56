import CodescoreConfig
import CodescoreProviders
import CodescoreResults
import CodescoreScoring
import Foundation
import Synchronization

/// How many failed samples a run may have before it stops and reports itself incomplete.
public enum ErrorBudget: Sendable, Equatable {
    case count(Int)
    case fraction(Double)

    /// Parses `5` (samples) or `10%` (of the samples planned).
    public init?(argument: String) {
        if argument.hasSuffix("%"), let percent = Double(argument.dropLast()), (0...100).contains(percent) {
            self = .fraction(percent / 100)
        } else if let count = Int(argument), count >= 0 {
            self = .count(count)
        } else {
            return nil
        }
    }

    public func allowedErrors(planned: Int) -> Int {
        switch self {
        case let .count(count): return count
        case let .fraction(fraction): return Int((Double(planned) * fraction).rounded(.down))
        }
    }
}

/// Why a run stopped before producing every sample.
public enum RunAbort: Error, Sendable, Equatable, CustomStringConvertible {
    case authentication(model: String, detail: String, variable: String?)
    case errorBudgetExceeded(errors: Int, allowed: Int)
    case resultsUnwritable(String)
    /// The judge model rejected the structured-output request itself: a setting to change, not a bad vote.
    case judgeConfiguration(model: String, status: Int, dialect: String, detail: String)

    public var description: String {
        switch self {
        case let .authentication(model, detail, variable):
            let hint = variable.map { " Check the key in \($0)." } ?? ""
            return "model '\(model)': the provider rejected the credentials (\(detail)); stopping the run.\(hint)"
        case let .errorBudgetExceeded(errors, allowed):
            return "\(errors) samples failed, more than the error budget of \(allowed) (--max-errors); the run stopped and is incomplete."
        case let .resultsUnwritable(detail):
            return detail
        case let .judgeConfiguration(model, status, dialect, detail):
            return "judge model '\(model)': the server answered HTTP \(status) to a request for structured output in the "
                + "'\(dialect)' dialect (\(detail)). The server probably does not support that dialect: set "
                + "\"structured_output\" in the model's file to another dialect (json_object_schema for llama.cpp servers, "
                + "or none to instruct and parse); stopping the run."
        }
    }
}

/// Totals of a run, for the manifest and the closing summary line.
public struct RunTotals: Sendable {
    public var ok = 0
    public var errors = 0
    public var cached = 0
    public var requests = 0
    public var inputTokens = 0
    public var outputTokens = 0
    /// Dollars spent in this run (cached answers cost nothing now).
    public var spentUSD = 0.0
    public var errorKinds: [String: Int] = [:]
    /// Samples executed against their checks, and how many of them passed.
    public var scored = 0
    public var passed = 0
    /// The judge: samples judged, those left without a valid vote, votes by outcome, requests sent,
    /// samples flagged for suspected manipulation, and invalid votes by problem kind.
    public var judged = 0
    public var unjudged = 0
    public var validVotes = 0
    public var invalidVotes = 0
    public var judgeRequests = 0
    public var manipulationFlags = 0
    public var voteProblems: [String: Int] = [:]
}

extension RunTotals {
    /// A sample counted `ok` whose quality turned out unknown (its sandbox or harness failed): now an error.
    public mutating func countAsFailed(kind: String) {
        ok -= 1
        errors += 1
        errorKinds[kind, default: 0] += 1
    }
}

/// Run totals shared by the concurrent samples of a run.
final class RunTally: Sendable {
    private let state = Mutex(RunTotals())
    func withLock<T: Sendable>(_ body: (inout RunTotals) -> T) -> T { state.withLock { body(&$0) } }
}

/// Produces every sample of a plan: provider calls within each model's concurrency and rate limits,
/// retries with backoff, the response cache, and one results record appended per finished sample.
public struct Runner: Sendable {
    public var runID: String
    public var cache: ResponseCache?
    public var errorBudget: ErrorBudget
    public var progress: ProgressReporter
    public var retryRandom: @Sendable () -> Double
    /// Executes each generated sample's checks; nil records answers only (no execution scores).
    public var scorer: ExecutionScorer?
    /// Judges each generated sample after its execution; nil runs no judge.
    public var judge: RunJudge?

    public init(runID: String, cache: ResponseCache?, errorBudget: ErrorBudget, progress: ProgressReporter,
                scorer: ExecutionScorer? = nil, judge: RunJudge? = nil,
                retryRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.runID = runID
        self.scorer = scorer
        self.judge = judge
        self.cache = cache
        self.errorBudget = errorBudget
        self.progress = progress
        self.retryRandom = retryRandom
    }

    /// What a run produced: totals, the reason it stopped early if it did, and the records of external
    /// benchmarks' problems, held back (not yet written) for their harness to score.
    public struct Outcome: Sendable {
        public var totals: RunTotals
        public var abort: RunAbort?
        public var held: [ResultRecord]
    }

    /// Runs all jobs (each with its provider) and returns the totals, or the reason the run stopped.
    public func run(_ jobs: [(job: ModelJob, provider: any ModelProvider)], store: ResultsStore) async -> Outcome {
        let planned = jobs.reduce(0) { $0 + $1.job.items.count }
        let allowed = errorBudget.allowedErrors(planned: planned)
        let totals = RunTally()
        var held: [ResultRecord] = []
        progress.start(total: planned)
        do {
            try await withThrowingTaskGroup(of: [ResultRecord].self) { group in
                for (job, provider) in jobs {
                    group.addTask {
                        try await runModel(job, provider: provider, store: store, totals: totals, allowedErrors: allowed)
                    }
                }
                for try await kept in group { held += kept }
            }
            return Outcome(totals: totals.withLock { $0 }, abort: nil, held: held)
        } catch let abort as RunAbort {
            return Outcome(totals: totals.withLock { $0 }, abort: abort, held: held)
        } catch {
            return Outcome(totals: totals.withLock { $0 }, abort: .resultsUnwritable("\(error)"), held: held)
        }
    }

    /// One model's items; returns the held records of external problems (scored later by their harness,
    /// never by the built-in checks or the judge).
    private func runModel(
        _ job: ModelJob, provider: any ModelProvider, store: ResultsStore, totals: RunTally, allowedErrors: Int
    ) async throws -> [ResultRecord] {
        let call = ProviderCall(model: job.model, provider: provider, cache: cache, retryRandom: retryRandom)
        return try await withThrowingTaskGroup(of: ResultRecord.self) { group in
            var next = 0
            var held: [ResultRecord] = []
            func startNext() {
                let item = job.items[next]
                next += 1
                group.addTask {
                    var record = try await produce(item, job: job, call: call, totals: totals)
                    guard item.task.category != .external else { return record }
                    if let scorer, record.status == .ok, let answer = record.output {
                        await Self.applyScore(await scorer.score(task: item.task, answer: answer), to: &record, totals: totals)
                    }
                    if let judge, record.status == .ok, let answer = record.output {
                        try await judge.judge(answer, task: item.task, record: &record, totals: totals)
                    }
                    return record
                }
            }
            while next < min(job.model.limits.concurrency, job.items.count) { startNext() }
            while let record = try await group.next() {
                // The freed slot's next request goes out first; the record is written while it is in flight.
                if next < job.items.count { startNext() }
                if record.category == TaskCategory.external.rawValue {
                    held.append(record)
                } else {
                    do {
                        try await store.append(record)
                    } catch {
                        throw RunAbort.resultsUnwritable("\(error)")
                    }
                }
                progress.record(error: record.status == .error, cached: record.cached)
                let errors = totals.withLock { $0.errors }
                if errors > allowedErrors { throw RunAbort.errorBudgetExceeded(errors: errors, allowed: allowedErrors) }
            }
            return held
        }
    }

    /// Puts the execution scores on the record; a sandbox failure turns it into an error record (the
    /// sample's quality is unknown, never a silent zero), which the error budget counts.
    static func applyScore(_ score: SampleScore, to record: inout ResultRecord, totals: RunTally) {
        record.execution = score.execution
        if let failure = score.sandboxError {
            record.status = .error
            record.error = .init(kind: "sandbox_error", message: failure)
            totals.withLock { $0.countAsFailed(kind: "sandbox_error") }
            return
        }
        guard !score.scores.isEmpty else { return }
        record.scores.merge(score.scores) { _, new in new }
        record.passed = score.passed
        totals.withLock { totals in
            totals.scored += 1
            if score.passed { totals.passed += 1 }
        }
    }

    /// One sample: from the cache if there, else from the provider with retries. Never throws for a
    /// failed generation (that is a record with an error); throws only to stop the whole run.
    private func produce(_ item: WorkItem, job: ModelJob, call: ProviderCall, totals: RunTally) async throws -> ResultRecord {
        let model = job.model
        func record(_ status: ResultRecord.Status, completion: Completion? = nil, error: ProviderError? = nil,
                    latency: Double? = nil, attempts: Int, cached: Bool) -> ResultRecord {
            let usage = completion.flatMap { completion in
                completion.inputTokens.map { ResultRecord.TokenUsage(inputTokens: $0, outputTokens: completion.outputTokens ?? 0) }
            }
            let cost = usage.flatMap { usage in model.pricing?.cost(inputTokens: usage.inputTokens, outputTokens: usage.outputTokens) }
            totals.withLock { totals in
                if status == .ok { totals.ok += 1 } else { totals.errors += 1 }
                if cached { totals.cached += 1 }
                if let error { totals.errorKinds[error.kind, default: 0] += 1 }
                if !cached {
                    totals.inputTokens += usage?.inputTokens ?? 0
                    totals.outputTokens += usage?.outputTokens ?? 0
                    totals.spentUSD += cost ?? 0
                }
            }
            return ResultRecord(
                runID: runID, model: model.name, benchmark: item.benchmark, task: item.task.id,
                category: item.task.category.rawValue, taskHash: item.task.hash, sample: item.sample, status: status,
                error: error.map { .init(kind: $0.kind, message: $0.description, httpStatus: $0.httpStatus) },
                output: completion?.text, finishReason: completion?.finishReason, usage: usage,
                latencyMS: latency, costUSD: cost, cached: cached, attempts: attempts)
        }

        let request: GenerationRequest
        let body: Data
        do {
            request = GenerationRequest(task: item.task, messages: try PromptBuilder.messages(for: item.task),
                                        options: model.generation, sampleIndex: item.sample)
            body = try call.provider.encode(request)
        } catch let error as ProviderError {
            return record(.error, error: error, attempts: 0, cached: false)
        } catch {
            return record(.error, error: .referenceUnavailable("\(error.localizedDescription)"), attempts: 0, cached: false)
        }

        switch try await call.perform(request, body: body, sending: { totals.withLock { $0.requests += 1 } }) {
        case let .answered(completion, latency, attempts, cached):
            return record(.ok, completion: completion, latency: latency, attempts: attempts, cached: cached)
        case let .failed(error, attempts):
            return record(.error, error: error, attempts: attempts, cached: false)
        }
    }
}
