import CodescoreConfig
@testable import CodescoreWrapper
import Foundation
import Testing

/// Problems of generate-shaped benchmarks as runner tasks, and answers back into harness completions.
@Suite struct ExternalTaskTests {
    static let problem = ExternalProblem(taskID: "HumanEval/7", prompt: "from typing import List\n\n\ndef keep(xs: List[int]) -> List[int]:\n    \"\"\"Keep.\"\"\"\n",
                                         entryPoint: "keep", source: "p.jsonl:8")

    @Test("A bare function body is kept as it is, indentation and leading blank line included")
    func bareBody() {
        let body = "\n    return [x for x in xs if x]\n"
        #expect(HarnessCompletion.make(answer: body, problem: Self.problem, format: .humaneval) == body)
    }

    @Test("A fenced whole function is kept whole (it redefines the prompt's stub); prose around it is dropped")
    func fencedFunction() {
        let answer = "Sure:\n```python\nfrom typing import List\n\ndef keep(xs: List[int]) -> List[int]:\n    return xs\n```\nDone."
        #expect(HarnessCompletion.make(answer: answer, problem: Self.problem, format: .humaneval)
                == "from typing import List\n\ndef keep(xs: List[int]) -> List[int]:\n    return xs\n")
    }

    @Test("The python block wins over others; an unindented body is indented; a missing closing fence reads to the end")
    func blockChoiceAndIndentation() {
        let answer = "```text\nnot code\n```\n```py\nresult = [x for x in xs]\nreturn result\n```"
        #expect(HarnessCompletion.make(answer: answer, problem: Self.problem, format: .humaneval)
                == "    result = [x for x in xs]\n    return result\n")
        #expect(HarnessCompletion.extractCode("```python\ndef keep(xs):\n    return xs") == "def keep(xs):\n    return xs\n")
        // A helper named like the entry point's prefix is not the entry point.
        #expect(!HarnessCompletion.definesTopLevel("keep", in: "def keeper(xs):\n    pass\n"))
        #expect(HarnessCompletion.definesTopLevel("keep", in: "async def keep (xs):\n    pass\n"))
        // MBPP completions are the code itself.
        #expect(HarnessCompletion.make(answer: "```python\nx = 1\n```", problem: Self.problem, format: .mbpp) == "x = 1\n")
    }

    @Test("A problem becomes an external task whose hash covers the definition, the id and the problem text")
    func externalTask() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = try folder.write("he.yaml", "name: he\ngenerate: {problems: humaneval, path: p.jsonl}\nevaluate: {argv: [a, \"{samples}\"]}\n"
                                   + "results: {parser: humaneval, path: \"{samples}_results.jsonl\"}\n")
        let definition = try BenchmarkDefinition(url: url, displayPath: "he.yaml")
        let task = ExternalTask.make(Self.problem, definition: definition)
        #expect(task.id == "HumanEval/7" && task.category == .external && task.files.isEmpty && task.checks.isEmpty)
        #expect(task.prompt.contains("```python\nfrom typing import List") && task.prompt.contains("def keep("))
        #expect(task.hash == HarnessRecords.taskHash(definitionSHA256: definition.sha256, task: "HumanEval/7", problem: Self.problem))
        var changed = Self.problem
        changed.prompt += "    # changed\n"
        #expect(ExternalTask.make(changed, definition: definition).hash != task.hash)
    }

    @Test("The problem subset file holds each problem's own line")
    func problemSubset() {
        var first = Self.problem, second = Self.problem
        first.line = Data(#"{"task_id": "a"}"#.utf8)
        second.line = Data(#"{"task_id": "b"}"#.utf8)
        #expect(String(decoding: HarnessSamplesFile.problems([first, second]), as: UTF8.self) == "{\"task_id\": \"a\"}\n{\"task_id\": \"b\"}\n")
    }

    @Test("Only the outermost of nested mount paths is kept; a venv's base interpreter comes with it")
    func mountPaths() throws {
        #expect(HarnessRun.outermost(["/a/b", "/a", "/c", "/a/bc", "/c"]) == ["/a", "/c"])
        let folder = try ScratchFolder()
        defer { folder.remove() }
        _ = try folder.write("venv/pyvenv.cfg", "home = /opt/python3.12/bin\nversion = 3.12.1\n")
        _ = try folder.write("venv/bin/harness", "#!/bin/sh\n")
        let venv = folder.url.appendingPathComponent("venv").path
        #expect(HarnessRun.programPaths(venv + "/bin/harness") == [venv, "/opt/python3.12"])
        #expect(HarnessRun.programPaths("/usr/local/bin/tool") == ["/usr/local/bin"])
    }
}
