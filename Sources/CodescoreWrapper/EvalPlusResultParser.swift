import CodescoreConfig
import Foundation

/// EvalPlus's `eval_results.json` (HumanEval+ and MBPP+), written by `evalplus.evaluate`.
///
/// Format followed: evalplus/evalplus `evalplus/evaluate.py` (the v0.2/v0.3 layout, unchanged on master when
/// checked) and `evalplus/eval/__init__.py` for the status values:
///
/// ```json
/// {"date": "2024-06-01 12:00", "hash": "…",
///  "eval": {"HumanEval/0": [{"task_id": "HumanEval/0", "solution": "…",
///                            "base_status": "pass", "plus_status": "fail",
///                            "base_fail_tests": [], "plus_fail_tests": [[…]]}, …], …},
///  "pass_at_k": {"base": {"pass@1": …}, "plus": {"pass@1": …}}}
/// ```
///
/// A task's list is sorted by completion id, so the list index is the sample index. Statuses are `"pass"`,
/// `"fail"` or `"timeout"`; `plus_status` is `null` when EvalPlus ran with `--base-only`. As in EvalPlus's own
/// pass@k, a sample passes HumanEval+ when both statuses are `"pass"`: `tests.pass` is that, `tests.base_pass`
/// the base tests alone. Failing inputs are not copied (they can be large); their number goes into the detail.
///
/// Python's `json.dump` writes `NaN`/`Infinity` for such inputs, so those tokens are accepted. The legacy
/// per-task `{"nfiles", "base", "plus"}` layout of early EvalPlus releases is refused with a message.
public struct EvalPlusResultParser: HarnessResultParser {
    /// Accept a `--base-only` file (every `plus_status` null), scoring `tests.pass` on the base tests. Off by
    /// default, so that base-only numbers are never reported as HumanEval+ numbers.
    public var allowBaseOnly: Bool

    public init(allowBaseOnly: Bool = false) {
        self.allowBaseOnly = allowBaseOnly
    }

    private static let statusExpectation = #""pass", "fail" or "timeout""#

    public func parse(_ location: URL, displayPath: String) throws(HarnessParseError) -> [HarnessSampleResult] {
        let data = try HarnessFile.read(location, displayPath: displayPath)
        let rootLocation = ConfigLocation(file: displayPath)
        let root = JSONCursor(try HarnessFile.decode(data, at: rootLocation, allowNonFinite: true), at: rootLocation)
        let eval = try root.required("eval", expected: "an object of task id → list of sample results (eval_results.json)")
        var results: [HarnessSampleResult] = []
        for (task, samples) in try eval.members() {
            if case .object = samples.value {
                throw .unsupportedFormat(file: displayPath, detail: "'eval.\(task)' is in the legacy EvalPlus layout "
                    + "(an object with 'nfiles', 'base', 'plus'); re-run evalplus.evaluate with a current EvalPlus")
            }
            let items = try samples.items(expected: "a list of sample results")
            guard !items.isEmpty else { throw samples.mismatch("at least one sample result") }
            for (index, item) in items.enumerated() {
                results.append(try read(item, task: task, sample: index))
            }
        }
        guard !results.isEmpty else {
            throw .empty(file: displayPath, expected: "'eval' to map task ids to lists of sample results")
        }
        return results
    }

    private func read(_ item: JSONCursor, task: String, sample: Int) throws(HarnessParseError) -> HarnessSampleResult {
        _ = try item.fields()
        if let taskValue = try item.optional("task_id") {
            let inner = try taskValue.string(expected: "the task id \(String(reflecting: task))")
            guard inner == task else { throw taskValue.mismatch("the task id \(String(reflecting: task)) of its list") }
        }
        let base = try status(item.required("base_status", expected: Self.statusExpectation))
        let plusValue = try item.required("plus_status", expected: "\(Self.statusExpectation), or null with --base-only")
        let plus: String?
        if case .null = plusValue.value {
            guard allowBaseOnly else {
                throw plusValue.mismatch("\(Self.statusExpectation): null means EvalPlus ran with --base-only, "
                    + "which has no HumanEval+/MBPP+ result; allow base-only results to use it")
            }
            plus = nil
        } else {
            plus = try status(plusValue)
        }
        let baseFailures = try failCount(item, key: "base_fail_tests")
        let plusFailures = try failCount(item, key: "plus_fail_tests")
        let basePass = base == "pass"
        let pass = basePass && (plus.map { $0 == "pass" } ?? true)
        var parts: [String] = []
        if !basePass { parts.append("base: \(base)" + Self.failingInputs(baseFailures)) }
        if let plus, plus != "pass" { parts.append("plus: \(plus)" + Self.failingInputs(plusFailures)) }
        if plus == nil { parts.append("base tests only") }
        return HarnessSampleResult(
            task: task, sample: sample, scores: ["tests.pass": pass ? 1 : 0, "tests.base_pass": basePass ? 1 : 0],
            passed: pass, detail: parts.isEmpty ? nil : parts.joined(separator: "; "),
            source: item.location.shortDescription)
    }

    private func status(_ value: JSONCursor) throws(HarnessParseError) -> String {
        let text = try value.string(expected: Self.statusExpectation)
        guard ["pass", "fail", "timeout"].contains(text) else { throw value.mismatch(Self.statusExpectation) }
        return text
    }

    private func failCount(_ item: JSONCursor, key: String) throws(HarnessParseError) -> Int? {
        guard let value = try item.optional(key) else { return nil }
        if case .null = value.value { return nil }
        return try value.items(expected: "a list of failing inputs").count
    }

    private static func failingInputs(_ count: Int?) -> String {
        guard let count, count > 0 else { return "" }
        return count == 1 ? " (1 failing input recorded)" : " (\(count) failing inputs recorded)"
    }
}
