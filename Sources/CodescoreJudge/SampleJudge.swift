import CodescoreConfig
import CodescoreProviders
import Foundation

/// Judges one sample: m votes (each with one repair retry), voted into `judge.*` scores, plus the
/// manipulation scan. Invalid and failed votes are kept with their reason, never turned into zeros.
public struct SampleJudge: Sendable {
    public var backend: any JudgeBackend
    public var votes: Int
    public var aggregation: VoteAggregation

    public init(backend: any JudgeBackend, votes: Int, aggregation: VoteAggregation) {
        self.backend = backend
        self.votes = votes
        self.aggregation = aggregation
    }

    /// Throws only what the backend throws to stop the whole run (cancellation, rejected credentials).
    public func judge(task: TaskDefinition, sample: Int, taskPrompt: String, rubric: Rubric,
                      files: [(path: String, contents: String)], outcome: String?) async throws -> SampleJudgement {
        let findings = ManipulationDetector.scan(files)
        let schema = JudgePrompt.answerSchema(rubric: rubric)
        let records = try await withThrowingTaskGroup(of: VoteRecord.self) { group in
            for index in 0..<votes {
                group.addTask {
                    try await vote(index, task: task, sample: sample, taskPrompt: taskPrompt, rubric: rubric, files: files,
                                   outcome: outcome, schema: schema)
                }
            }
            var records: [VoteRecord] = []
            for try await record in group { records.append(record) }
            return records.sorted { $0.index < $1.index }
        }
        let valid = records.compactMap(\.vote)
        return SampleJudgement(votes: records, aggregate: aggregation.aggregate(valid, rubric: rubric),
                               findings: findings, rubric: rubric)
    }

    private func vote(_ index: Int, task: TaskDefinition, sample: Int, taskPrompt: String, rubric: Rubric,
                      files: [(path: String, contents: String)], outcome: String?, schema: JSONValue) async throws -> VoteRecord {
        let prompt: JudgePrompt
        do {
            prompt = try JudgePrompt.make(taskPrompt: taskPrompt, rubric: rubric, files: files, outcome: outcome)
        } catch {
            guard case let .delimiterInCandidate(path) = error else { throw error }
            return VoteRecord(index: index, status: .refused,
                              problem: VoteProblem(.delimiterInCandidate, "\(path) contains the delimiter drawn for this call"))
        }
        var messages = [ChatMessage(role: "system", content: prompt.system), ChatMessage(role: "user", content: prompt.user)]
        var delimiter = prompt.delimiter
        var record = VoteRecord(index: index, status: .invalid)
        for repair in [false, true] {
            if repair {
                // The repair call gets a fence of its own too (the candidate was checked against the first).
                guard let fresh = try? JudgePrompt.make(taskPrompt: taskPrompt, rubric: rubric, files: files, outcome: outcome) else {
                    return record
                }
                messages[1].content = fresh.user
                delimiter = fresh.delimiter
            }
            let result = try await backend.call(JudgeCallRequest(task: task, messages: messages, schema: schema, sample: sample, vote: index,
                                                                 repair: repair, delimiter: delimiter))
            record.calls += 1
            record.cached = record.cached || result.cached
            record.inputTokens += result.completion?.inputTokens ?? 0
            record.outputTokens += result.completion?.outputTokens ?? 0
            if !result.cached {
                // What this run sent and paid for: every attempt, and the tokens of live answers only.
                record.liveRequests += result.attempts
                record.liveInputTokens += result.completion?.inputTokens ?? 0
                record.liveOutputTokens += result.completion?.outputTokens ?? 0
            }
            guard let completion = result.completion else {
                record.status = .failed
                record.failure = result.error.map { "\($0.kind): \($0.description)" } ?? "no answer"
                return record
            }
            switch JudgeVoteParser.parse(completion.text, rubric: rubric) {
            case let .success(vote):
                record.status = .valid
                record.vote = vote
                record.repaired = repair
                return record
            case let .failure(problem):
                if repair {
                    record.repairProblem = problem
                    record.repairExcerpt = Self.excerpt(completion.text)
                    return record
                }
                record.problem = problem
                record.excerpt = Self.excerpt(completion.text)
                messages += [ChatMessage(role: "assistant", content: completion.text),
                             ChatMessage(role: "user", content: JudgePrompt.repairMessage(for: problem))]
            }
        }
        return record
    }

    /// The start of an unusable answer, kept on the record so a reader sees what the judge said.
    static func excerpt(_ text: String) -> String {
        text.count <= 400 ? text : String(text.prefix(400)) + "…"
    }
}

/// One of the m votes on a sample, as recorded in `record.judge.votes`.
public struct VoteRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// A usable vote (possibly after the repair retry).
        case valid
        /// The answer (and the repaired answer) failed validation.
        case invalid
        /// The provider gave no answer (after its retries).
        case failed
        /// The candidate contained the delimiter drawn for the call; nothing was sent.
        case refused
    }

    public var index: Int
    public var status: Status
    public var vote: JudgeVote?
    /// What was wrong with the first answer (a repaired vote keeps it too).
    public var problem: VoteProblem?
    public var excerpt: String?
    public var repairProblem: VoteProblem?
    public var repairExcerpt: String?
    public var repaired = false
    public var failure: String?
    public var calls = 0
    public var cached = false
    public var inputTokens = 0
    public var outputTokens = 0
    /// Requests sent in this run (retries included) and the tokens of the answers not from the cache.
    public var liveRequests = 0
    public var liveInputTokens = 0
    public var liveOutputTokens = 0

    public init(index: Int, status: Status, problem: VoteProblem? = nil) {
        self.index = index
        self.status = status
        self.problem = problem
    }
}

/// The judge's verdict on one sample: every vote, the aggregate of the valid ones, the manipulation flags.
public struct SampleJudgement: Sendable {
    public var votes: [VoteRecord]
    public var aggregate: AggregatedJudgement?
    public var findings: [ManipulationDetector.Finding]
    public var rubric: Rubric

    public var validVotes: Int { votes.filter { $0.status == .valid }.count }
    public var invalidVotes: Int { votes.count - validVotes }

    /// The sample's judge metrics: `judge.<criterion>`, `judge.overall`, `judge.agreement` when a vote was
    /// valid; `judge.suspected_manipulation` (0 or 1) always.
    public var scores: [String: Double] {
        var scores = ["judge.suspected_manipulation": findings.isEmpty ? 0.0 : 1.0]
        if let aggregate {
            for (name, value) in aggregate.scores { scores["judge.\(name)"] = value }
            scores["judge.overall"] = aggregate.overall
            scores["judge.agreement"] = aggregate.agreement
        }
        return scores
    }

    /// The rationale of the valid vote nearest the aggregate.
    public var representative: JudgeVote? {
        aggregate.map { aggregate in votes.compactMap(\.vote)[aggregate.representativeVote] }
    }

    /// `record.judge`: every vote with its scores or its problem, the counts, the representative rationale
    /// and the manipulation findings.
    public var jsonValue: JSONValue {
        var fields: [String: JSONValue] = [
            "status": .string(aggregate == nil ? "unscored" : "scored"),
            "valid_votes": .integer(validVotes),
            "invalid_votes": .integer(invalidVotes),
            "votes": .array(votes.map(\.jsonValue)),
            "suspected_manipulation": .bool(!findings.isEmpty),
            "manipulation": .array(findings.map { finding in
                .object(["rule": .string(finding.rule), "file": .string(finding.file), "excerpt": .string(finding.excerpt)])
            }),
        ]
        if let aggregate, let representative {
            fields["agreement"] = .number(aggregate.agreement)
            fields["representative_vote"] = .integer(votes.filter { $0.status == .valid }[aggregate.representativeVote].index)
            fields["rationale"] = .string(representative.rationale)
            fields["rationales"] = .object(representative.rationales.mapValues { .string($0) })
        }
        return .object(fields)
    }
}

extension VoteRecord {
    var jsonValue: JSONValue {
        var fields: [String: JSONValue] = ["index": .integer(index), "status": .string(status.rawValue),
                                           "calls": .integer(calls), "cached": .bool(cached)]
        if let vote {
            fields["scores"] = .object(vote.scores.mapValues { .integer($0) })
            fields["rationales"] = .object(vote.rationales.mapValues { .string($0) })
            fields["rationale"] = .string(vote.rationale)
            fields["repaired"] = .bool(repaired)
        }
        func problemValue(_ problem: VoteProblem, _ excerpt: String?) -> JSONValue {
            var value: [String: JSONValue] = ["kind": .string(problem.kind.rawValue), "detail": .string(problem.detail)]
            if let excerpt { value["answer_excerpt"] = .string(excerpt) }
            return .object(value)
        }
        if let problem { fields["problem"] = problemValue(problem, excerpt) }
        if let repairProblem { fields["repair_problem"] = problemValue(repairProblem, repairExcerpt) }
        if let failure { fields["failure"] = .string(failure) }
        if inputTokens + outputTokens > 0 {
            fields["usage"] = .object(["input_tokens": .integer(inputTokens), "output_tokens": .integer(outputTokens)])
        }
        return .object(fields)
    }
}
