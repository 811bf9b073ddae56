import CodescoreConfig
import Foundation
import Testing

/// A scratch suite folder with one valid backend task that tests then break in one way each.
private final class ScratchSuite {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("suite-\(UUID().uuidString)")

    static let validYAML = """
        schema_version: 1
        id: backend-demo
        category: backend
        language: python
        title: Demo
        prompt_file: prompt.md
        files:
          - path: demo.py
            description: the module
        hidden_tests: [tests/test_demo.py]
        checks:
          - name: tests
            run: [python3, -m, pytest, -q, tests]
            junit: junit.xml
        tags: [demo]
        """

    init() throws {
        try write("backend/backend-demo/task.yaml", Self.validYAML)
        try write("backend/backend-demo/prompt.md", "Write demo.py.\n")
        try write("backend/backend-demo/reference/demo.py", "VALUE = 1\n")
        try write("backend/backend-demo/tests/test_demo.py", "from demo import VALUE\n")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func load() throws(ConfigErrors) -> TaskSuite { try TaskSuite.load(root: root, displayPath: "tasks") }

    func problems() -> String {
        do {
            _ = try load()
            return "no error"
        } catch {
            return error.description
        }
    }
}

@Suite struct TaskSuiteTests {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func builtInSuiteIsValidWithOneTaskPerCategory() throws {
        let suite = try TaskSuite.load(root: repository.appendingPathComponent("tasks"), displayPath: "tasks")
        #expect(Set(suite.tasks.map(\.category)) == Set(TaskCategory.suite))
        for task in suite.tasks {
            #expect(task.hash.count == 64)
            #expect(try task.referenceFiles().count == task.files.count)
        }
        let testing = try #require(suite.tasks.first { $0.category == .testing })
        #expect(testing.mutation?.mutants.isEmpty == false)
    }

    @Test func validScratchTaskLoads() throws {
        let scratch = try ScratchSuite()
        let task = try #require(try scratch.load().tasks.first)
        #expect(task.id == "backend-demo" && task.prompt == "Write demo.py.\n" && task.checks.first?.junit == "junit.xml")
        #expect(task.rubric == Rubric.categoryDefault(.backend) && task.referenceFolder == "reference")
    }

    @Test func hashIgnoresYAMLFormattingButSeesEveryFile() throws {
        let scratch = try ScratchSuite()
        let original = try scratch.load().tasks[0].hash
        try scratch.write("backend/backend-demo/task.yaml", "# a comment\n" + ScratchSuite.validYAML.replacingOccurrences(of: "[demo]", with: "\n  - demo"))
        #expect(try scratch.load().tasks[0].hash == original)
        try scratch.write("backend/backend-demo/tests/test_demo.py", "from demo import VALUE\nassert VALUE\n")
        let changedTest = try scratch.load().tasks[0].hash
        #expect(changedTest != original)
        try scratch.write("backend/backend-demo/task.yaml", ScratchSuite.validYAML.replacingOccurrences(of: "title: Demo", with: "title: Demo 2"))
        #expect(try scratch.load().tasks[0].hash != changedTest)
    }

    static let customRubric = """
        rubric:
          remove: [performance]
          criteria:
            - name: functionality
              weight: 5
            - name: concurrency
              description: Is shared state safe under concurrent callers?
              anchors:
                0: Data races corrupt state.
                5: Safe under light use; some races remain.
                10: Every shared access is synchronized.
        """

    @Test func taskRubricOverridesExtendsAndRemovesDefaultCriteriaAndIsHashed() throws {
        let scratch = try ScratchSuite()
        let defaultHash = try scratch.load().tasks[0].hash
        #expect(Rubric.categoryDefault(.backend).criterionNames == ["functionality", "code_quality", "security", "performance", "error_handling"])
        #expect(Rubric.categoryDefault(.frontend).criterionNames.last == "accessibility")
        #expect(Rubric.categoryDefault(.testing).criterionNames.last == "test_quality")
        try scratch.write("backend/backend-demo/task.yaml", ScratchSuite.validYAML + "\n" + Self.customRubric)
        let task = try scratch.load().tasks[0]
        #expect(task.rubric.criterionNames == ["functionality", "code_quality", "security", "error_handling", "concurrency"])
        #expect(task.rubric.criteria[0].weight == 5 && task.rubric.criteria[0].anchors == Rubric.categoryDefault(.backend).criteria[0].anchors)
        #expect(task.rubric.criteria[4].anchors.ten == "Every shared access is synchronized.")
        #expect(task.hash != defaultHash)
        // Weighted overall: functionality 5 × 10, the other four (weights 1, 2, 1, 1) at 5.
        let scores = Dictionary(uniqueKeysWithValues: task.rubric.criterionNames.map { ($0, $0 == "functionality" ? 10.0 : 5.0) })
        #expect(task.rubric.overall(scores) == (50.0 + 5 * 5) / 10)
        // `extends: none` keeps only the listed criteria.
        try scratch.write("backend/backend-demo/task.yaml", ScratchSuite.validYAML + "\n" + Self.customRubric
            .replacingOccurrences(of: "  remove: [performance]\n", with: "  extends: none\n")
            .replacingOccurrences(of: "    - name: functionality\n      weight: 5\n", with: ""))
        #expect(try scratch.load().tasks[0].rubric.criterionNames == ["concurrency"])
    }

    /// Each case breaks the valid task one way; the message must name the file and the key or line.
    static let malformed: [(yaml: String?, extra: (String, String)?, fragment: String)] = [
        (ScratchSuite.validYAML.replacingOccurrences(of: "id: backend-demo\n", with: ""), nil, "tasks/backend/backend-demo/task.yaml:1: missing required key 'id'"),
        (ScratchSuite.validYAML + "\ntimeout: 5\n", nil, "task.yaml:16: timeout: unknown key"),
        (ScratchSuite.validYAML.replacingOccurrences(of: "category: backend", with: "category: frontend"), nil,
         "task.yaml: category: expected 'backend', the name of the folder"),
        (ScratchSuite.validYAML.replacingOccurrences(of: "id: backend-demo", with: "id: backend-other"), nil,
         "task.yaml: id: expected 'backend-demo', the name of the task's folder"),
        (ScratchSuite.validYAML.replacingOccurrences(of: "prompt_file: prompt.md", with: "prompt_file: missing.md"), nil,
         "task.yaml:6: prompt_file: the file 'missing.md' does not exist"),
        (ScratchSuite.validYAML.replacingOccurrences(of: "path: demo.py", with: "path: ../demo.py"), nil,
         "files[0]: expected a relative path inside the task folder"),
        (ScratchSuite.validYAML.replacingOccurrences(of: "path: demo.py", with: "path: other.py"), nil,
         "task.yaml:8: files[0]: the file 'reference/other.py' does not exist"),
        (ScratchSuite.validYAML.replacingOccurrences(of: "run: [python3, -m, pytest, -q, tests]", with: "run: python3 -m pytest"), nil,
         "task.yaml:13: checks[0].run: expected a list, found a string"),
        (ScratchSuite.validYAML.replacingOccurrences(of: "language: python", with: "language: cobol"), nil,
         "task.yaml:4: language: expected one of python, javascript, typescript"),
        (ScratchSuite.validYAML.replacingOccurrences(of: "title: Demo", with: "title: Demo\nprompt: inline"), nil,
         "expected exactly one of 'prompt' (inline text) or 'prompt_file'"),
        (ScratchSuite.validYAML.replacingOccurrences(of: "files:\n", with: "files: [\n"), nil, "task.yaml:8: not valid syntax"),
        (ScratchSuite.validYAML + "\nmutation: {target: demo.py, mutants: [tests/test_demo.py]}\n", nil,
         "mutation: expected no 'mutation' section outside the testing category"),
        (ScratchSuite.validYAML.replacingOccurrences(of: "title: Demo", with: "title: Demo\ntitle: Again"), nil, "task.yaml:5: not valid syntax: Parser: expected all keys to be unique"),
        (nil, ("testing/backend-demo/task.yaml", ScratchSuite.validYAML.replacingOccurrences(of: "category: backend", with: "category: testing")),
         "duplicate task id 'backend-demo', first defined in tasks/backend/backend-demo/task.yaml"),
        (nil, ("misc/readme.txt", "x"), "tasks/misc: expected a category folder named frontend, backend or testing"),
        (ScratchSuite.validYAML + "\nrubric: strict\n", nil, "task.yaml:16: rubric: expected 'default' or a rubric mapping"),
        (ScratchSuite.validYAML + "\nrubric:\n  criteria:\n    - name: speed\n      description: fast?\n", nil,
         "task.yaml:18: missing required key 'anchors' in 'rubric.criteria[0]'"),
        (ScratchSuite.validYAML + "\nrubric:\n  remove: [style]\n", nil, "rubric.remove: expected names of default criteria"),
        (ScratchSuite.validYAML + "\nrubric:\n  criteria:\n    - name: Speed Score\n", nil, "rubric.criteria[0].name: expected a lowercase name"),
        (ScratchSuite.validYAML + "\nrubric:\n  weights: {security: 3}\n", nil, "task.yaml:17: rubric.weights: unknown key"),
        (ScratchSuite.validYAML + "\nrubric:\n  criteria:\n    - name: security\n      weight: 0\n", nil,
         "rubric.criteria[0].weight: expected a weight in (0, 100]"),
    ]

    @Test(arguments: 0..<malformed.count)
    func malformedTaskNamesFileAndKeyOrLine(index: Int) throws {
        let entry = Self.malformed[index]
        let scratch = try ScratchSuite()
        if let yaml = entry.yaml { try scratch.write("backend/backend-demo/task.yaml", yaml) }
        if let (path, text) = entry.extra {
            try scratch.write(path, text)
            if path.hasPrefix("testing/") {
                try scratch.write("testing/backend-demo/prompt.md", "x")
                try scratch.write("testing/backend-demo/reference/demo.py", "x")
                try scratch.write("testing/backend-demo/tests/test_demo.py", "x")
            }
        }
        let message = scratch.problems()
        #expect(message.contains(entry.fragment), "case \(index): got \(message)")
    }

    @Test func filtersByGlobAndCategory() throws {
        let suite = try TaskSuite.load(root: repository.appendingPathComponent("tasks"), displayPath: "tasks")
        let backend = suite.filtered(idGlobs: ["backend-*"], category: nil).map(\.id)
        #expect(backend.contains("backend-token-bucket") && backend.allSatisfy { $0.hasPrefix("backend-") })
        #expect(backend == suite.tasks.filter { $0.category == .backend }.map(\.id))
        let testing = suite.filtered(idGlobs: [], category: .testing)
        #expect(testing.contains { $0.id == "testing-slugify" } && testing.allSatisfy { $0.category == .testing })
        #expect(suite.filtered(idGlobs: ["frontend/*"], category: nil).count == suite.tasks.filter { $0.category == .frontend }.count)
        #expect(suite.filtered(idGlobs: ["frontend/frontend-escape-table", "testing-slug*"], category: nil).map(\.id)
                == ["frontend-escape-table", "testing-slugify"])
        // The built-in suite: 30 tasks, 10 per category.
        #expect(suite.tasks.count == 30)
        for category in TaskCategory.suite { #expect(suite.tasks.filter { $0.category == category }.count == 10) }
        #expect(suite.filtered(idGlobs: ["nothing-*"], category: nil).isEmpty)
    }
}
