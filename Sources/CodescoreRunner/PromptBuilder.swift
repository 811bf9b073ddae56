import CodescoreConfig
import CodescoreProviders
import Foundation

/// Turns a task into the chat messages every provider receives. Part of the request, hence of the
/// cache key: changing this text invalidates cached answers, as it should.
public enum PromptBuilder {
    public static let systemPrompt = """
        You are an expert software engineer. Solve the task completely and correctly.
        Answer with every required file in its own fenced code block whose info string is the language \
        followed by the file's path, for example:
        ```python path/to/file.py
        ...the whole file...
        ```
        Write whole files, never excerpts. Hidden tests will run against your files.
        """

    /// For problems of external benchmarks, whose task prompt is the whole user message.
    public static let externalSystemPrompt = """
        You are an expert software engineer. Solve the problem completely and correctly. Answer with code in \
        one fenced code block; hidden tests will run against it.
        """

    public static func messages(for task: TaskDefinition) throws -> [ChatMessage] {
        if task.category == .external {
            return [ChatMessage(role: "system", content: externalSystemPrompt), ChatMessage(role: "user", content: task.prompt)]
        }
        var user = "# Task: \(task.title)\n\nLanguage: \(task.language)\n\n\(task.prompt.trimmingCharacters(in: .whitespacesAndNewlines))\n"
        user += "\n## Files to produce\n"
        for file in task.files {
            user += "- `\(file.path)`" + (file.description.map { ": \($0)" } ?? "") + "\n"
        }
        let support = try task.supportFileContents()
        if !support.isEmpty {
            user += "\n## Files provided\n"
            for file in support {
                user += "\n" + ReferenceProvider.fencedBlock(path: file.path, contents: file.contents, language: task.language) + "\n"
            }
        }
        return [ChatMessage(role: "system", content: systemPrompt), ChatMessage(role: "user", content: user)]
    }

    /// A rough token count (4 characters a token) for the tokens-per-minute limiter before usage is known.
    public static func estimatedTokens(_ messages: [ChatMessage], maxTokens: Int) -> Int {
        messages.reduce(0) { $0 + $1.content.utf8.count } / 4 + maxTokens
    }
}
