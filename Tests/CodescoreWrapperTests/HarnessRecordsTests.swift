import CodescoreConfig
import CodescoreResults
@testable import CodescoreWrapper
import Foundation
import Testing

/// Harness results become ordinary result records: same schema, benchmark = the definition's name.
@Suite struct HarnessRecordsTests {
    @Test func resultsBecomeRecordsWithStableTaskHashes() throws {
        let results = try HumanEvalResultParser().parse(WrapperFixtures.url("samples.jsonl_results.jsonl"),
                                                        displayPath: "samples.jsonl_results.jsonl")
        let records = HarnessRecords.make(results, benchmark: "humaneval", definitionSHA256: "d1", model: "m", runID: "r",
                                          sandbox: "bubblewrap")
        #expect(records.count == results.count)
        for (record, result) in zip(records, results) {
            #expect(record.benchmark == "humaneval" && record.category == "external" && record.status == .ok)
            #expect(record.task == result.task && record.sample == result.sample && record.scores == result.scores)
            #expect(record.passed == result.passed)
            guard case let .object(execution)? = record.execution else { Issue.record("no execution"); continue }
            #expect(execution["sandbox"] == .string("bubblewrap") && execution["source"] == .string(result.source))
        }
        // Same task, same definition → same hash; another definition or problem text → another hash.
        let again = HarnessRecords.make(results, benchmark: "humaneval", definitionSHA256: "d1", model: "m", runID: "r2", sandbox: "none")
        #expect(again.map(\.taskHash) == records.map(\.taskHash))
        let problem = ExternalProblem(taskID: "HumanEval/0", prompt: "def f():\n", entryPoint: "f", source: "p:1")
        #expect(HarnessRecords.taskHash(definitionSHA256: "d2", task: "HumanEval/0") != HarnessRecords.taskHash(definitionSHA256: "d1", task: "HumanEval/0"))
        #expect(HarnessRecords.taskHash(definitionSHA256: "d1", task: "HumanEval/0", problem: problem)
                != HarnessRecords.taskHash(definitionSHA256: "d1", task: "HumanEval/0"))

        // They round-trip through the results encoding like any record.
        let encoded = try JSONEncoder().encode(records[0])
        let decoded = try JSONDecoder().decode(ResultRecord.self, from: encoded)
        #expect(decoded == records[0])
    }
}
