import CodescoreConfig
import Foundation

/// The problems of a generate-shaped benchmark as tasks the normal runner prompts for (cache, retries,
/// concurrency and limits included). The prompt wording is part of the request, hence of the cache key.
public enum ExternalTask {
    public static func make(_ problem: ExternalProblem, definition: BenchmarkDefinition) -> TaskDefinition {
        TaskDefinition.external(
            id: problem.taskID, title: "\(definition.name) \(problem.taskID)", language: "python",
            prompt: userMessage(problem, format: definition.generate?.problems ?? .humaneval),
            tags: ["external", definition.name], directory: definition.directory,
            hash: HarnessRecords.taskHash(definitionSHA256: definition.sha256, task: problem.taskID, problem: problem))
    }

    /// HumanEval: complete the function whose signature and docstring are given. MBPP: write the function
    /// the description asks for (its first test shows the expected name and signature).
    static func userMessage(_ problem: ExternalProblem, format: BenchmarkDefinition.Generation.ProblemFormat) -> String {
        switch format {
        case .humaneval:
            return """
                Complete the following Python function. Answer with the complete function, its signature and the \
                imports it needs included, in one ```python fenced code block.

                ```python
                \(problem.prompt.trimmingCharacters(in: .newlines))
                ```

                """
        case .mbpp:
            return """
                \(problem.prompt.trimmingCharacters(in: .whitespacesAndNewlines))

                Answer with the Python code in one ```python fenced code block.

                """
        }
    }
}

/// Turns a model's answer into the `completion` a harness expects.
///
/// The code is the first ```python (or untagged) fenced block of the answer, else the first fenced block,
/// else the whole answer. HumanEval appends the completion to the problem's prompt: an answer that
/// defines the entry-point function at the top level is kept whole (it redefines the prompt's stub), and
/// anything else is a function body, indented by four spaces if it is not indented at all.
public enum HarnessCompletion {
    public static func make(answer: String, problem: ExternalProblem, format: BenchmarkDefinition.Generation.ProblemFormat) -> String {
        let code = extractCode(answer)
        guard format == .humaneval else { return code }
        if let entry = problem.entryPoint, definesTopLevel(entry, in: code) { return code }
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
              !(first.first?.isWhitespace ?? true) else { return code }
        return lines.map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    }

    /// The code of the answer's chosen fenced block (to its end when the closing fence is missing), or the answer.
    static func extractCode(_ answer: String) -> String {
        let lines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [(info: String, body: [String])] = []
        var open: (info: String, body: [String])?
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                if let current = open {
                    blocks.append(current)
                    open = nil
                } else {
                    open = (String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces).lowercased(), [])
                }
            } else if open != nil {
                open!.body.append(line)
            }
        }
        if let open { blocks.append(open) }
        guard !blocks.isEmpty else { return answer }
        let isPython = { (info: String) in
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            return ["", "python", "py", "python3"].contains(language)
        }
        let chosen = blocks.first { isPython($0.info) } ?? blocks[0]
        return chosen.body.joined(separator: "\n") + "\n"
    }

    static func definesTopLevel(_ function: String, in code: String) -> Bool {
        code.split(separator: "\n").contains { line in
            for prefix in ["def ", "async def "] where line.hasPrefix(prefix) {
                let rest = line.dropFirst(prefix.count).drop(while: { $0 == " " })
                if rest.hasPrefix(function), rest.dropFirst(function.count).drop(while: { $0 == " " }).first == "(" { return true }
            }
            return false
        }
    }
}
