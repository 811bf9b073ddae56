import CodescoreConfig
import Foundation

/// An external benchmark (wrapper mode): `<models-dir>/benchmarks/<name>.yaml`. Either codescore
/// generates the samples and the harness evaluates them (`generate` present), or the evaluation command
/// does everything; either way `results` says how to read what it leaves. docs/benchmarks.md documents it.
public struct BenchmarkDefinition: Sendable, Hashable {
    public static let supportedSchemaVersions = [1]
    /// Placeholders allowed in `argv`, `working_directory`, `read_only` and `results.path`; `{problems}`
    /// (the selected problems, written by codescore) only with `generate`.
    public static let placeholders = ["{run_dir}", "{samples}", "{problems}", "{benchmark}", "{model}"]

    public var name: String
    public var description: String?
    public var generate: Generation?
    public var evaluate: Evaluation
    public var results: Results
    /// The file it was read from, for messages.
    public var sourceFile: String
    /// The folder the file is in: relative paths in the definition are relative to it.
    public var directory: URL
    /// SHA-256 of the file's bytes: part of every task hash of the benchmark.
    public var sha256: String

    /// The problems codescore prompts the model with, and the file it writes for the harness.
    public struct Generation: Sendable, Hashable {
        public enum ProblemFormat: String, Sendable, Hashable, CaseIterable {
            /// HumanEval-style JSONL (plain or .gz): `task_id`, `prompt`, `entry_point`, …
            case humaneval
            /// MBPP-style JSONL: `task_id`, `text`, `test_list`, …
            case mbpp
        }

        public var problems: ProblemFormat
        /// The problem file, relative to the definition's folder unless absolute.
        public var problemsPath: String
        /// Written into the run folder, one `{"task_id", "completion"}` per sample.
        public var samplesFile: String
    }

    /// The harness command: an argv list (never a shell string), run in a folder with only the listed
    /// environment variables, within a timeout, sandboxed unless the definition says otherwise.
    public struct Evaluation: Sendable, Hashable {
        public var argv: [String]
        public var workingDirectory: String
        public var environment: [String]
        public var timeoutSeconds: Double
        public var sandbox: Bool
        /// Paths the sandboxed command may read besides the system (its program's venv is added by itself).
        public var readOnly: [String]
        /// The sandbox's limits for the whole command (it runs every sample): more generous than a check's.
        public var limits: ExecutionLimits
    }

    /// A harness runs many samples in one command: these replace the per-check defaults it inherits.
    public static var harnessLimits: ExecutionLimits {
        var limits = ExecutionLimits()
        limits.memoryMiB = 4096
        limits.processes = 256
        limits.openFiles = 1024
        limits.fileSizeMiB = 256
        return limits
    }

    /// Where the results are and which parser reads them, with that parser's options.
    public struct Results: Sendable, Hashable {
        public enum Parser: String, Sendable, Hashable, CaseIterable {
            case humaneval, evalplus, baxbench, junit, jsonl
            case exitCode = "exit-code"
        }

        public var parser: Parser
        public var path: String?
        public var jsonlFields: JSONLResultParser.Fields
        public var scoreMetric: String
        public var passThreshold: Double?
        public var junitTask: JUnitResultParser.TaskAttribute
        public var allowBaseOnly: Bool
        public var baxbenchModel: String?
        public var baxbenchConfiguration: String?
    }

    /// The parser the definition names, configured (an exit-code benchmark has one task, named after it).
    public func makeParser() -> any HarnessResultParser {
        switch results.parser {
        case .humaneval: return HumanEvalResultParser()
        case .evalplus: return EvalPlusResultParser(allowBaseOnly: results.allowBaseOnly)
        case .baxbench: return BaxBenchResultParser(model: results.baxbenchModel, configuration: results.baxbenchConfiguration)
        case .junit: return JUnitResultParser(taskAttribute: results.junitTask)
        case .jsonl: return JSONLResultParser(fields: results.jsonlFields, scoreMetric: results.scoreMetric, passThreshold: results.passThreshold)
        case .exitCode: return ExitCodeResultParser(task: name)
        }
    }

    /// Reads one definition file. Unknown keys, wrong types and bad values name the file and key (exit 65).
    public init(url: URL, displayPath: String) throws(ConfigError) {
        let object = try ConfigObject(try ConfigNode.load(url, displayPath: displayPath))
        _ = try object.schemaVersion(supported: Self.supportedSchemaVersions)
        sourceFile = displayPath
        directory = url.deletingLastPathComponent().standardizedFileURL
        sha256 = ContentHash.sha256Hex((try? Data(contentsOf: url)) ?? Data())
        name = try object.required("name")
        let stem = url.deletingPathExtension().lastPathComponent
        try object.check("name", name == stem, expected: "the file's name without extension ('\(stem)')")
        try object.check("name", name != "builtin" && name.range(of: #"^[a-z0-9][a-z0-9_.-]{0,63}$"#, options: .regularExpression) != nil,
                         expected: "a name of lowercase letters, digits, '_', '.', '-' (not 'builtin')")
        description = try object.optional("description")

        if let generation = try object.optionalObject("generate") {
            let format: String = try generation.required("problems")
            guard let problems = Generation.ProblemFormat(rawValue: format) else {
                throw ConfigError.invalidValue(generation.node("problems")?.location ?? generation.location,
                                               expected: "one of \(Generation.ProblemFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(format)'")
            }
            let path: String = try generation.required("path")
            let samplesFile: String = try generation.optional("samples_file", default: "samples.jsonl")
            try generation.check("samples_file", !samplesFile.isEmpty && !samplesFile.contains("/") && samplesFile != "..",
                                 expected: "a file name in the run folder (no '/')")
            try generation.rejectUnknownKeys()
            generate = Generation(problems: problems, problemsPath: path, samplesFile: samplesFile)
        }

        guard let evaluation = try object.optionalObject("evaluate") else { throw ConfigError.missingKey(object.location, key: "evaluate") }
        let argv: [String] = try evaluation.required("argv")
        try evaluation.check("argv", !argv.isEmpty && !argv[0].isEmpty,
                             expected: "a non-empty list of arguments whose first element names the program (never a shell string)")
        let workingDirectory: String = try evaluation.optional("working_directory", default: "{run_dir}")
        let environment: [String] = try evaluation.optional("env", default: [])
        try evaluation.check("env", environment.allSatisfy { $0.range(of: #"^[A-Za-z_][A-Za-z0-9_]*$"#, options: .regularExpression) != nil },
                             expected: "names of environment variables to pass through")
        let timeout: Double = try evaluation.optional("timeout_seconds", default: 1800)
        try evaluation.check("timeout_seconds", timeout > 0 && timeout <= 86_400, expected: "seconds in (0, 86400]")
        let sandbox: Bool = try evaluation.optional("sandbox", default: true)
        let readOnly: [String] = try evaluation.optional("read_only", default: [])
        try evaluation.check("read_only", readOnly.allSatisfy { !$0.isEmpty }, expected: "a list of paths")
        // The whole command's wall time is timeout_seconds, so the limits take no wall_seconds of their own.
        var limits = try evaluation.node("limits").map { node throws(ConfigError) in
            try ExecutionLimits.decode(node, over: Self.harnessLimits, wall: false)
        } ?? Self.harnessLimits
        limits.wallSeconds = timeout
        for (key, texts) in [("argv", argv), ("working_directory", [workingDirectory]), ("read_only", readOnly)] {
            try Self.checkPlaceholders(texts, object: evaluation, key: key, generates: generate != nil)
        }
        try evaluation.rejectUnknownKeys()
        evaluate = Evaluation(argv: argv, workingDirectory: workingDirectory, environment: environment, timeoutSeconds: timeout,
                              sandbox: sandbox, readOnly: readOnly, limits: limits)

        guard let resultsObject = try object.optionalObject("results") else { throw ConfigError.missingKey(object.location, key: "results") }
        let parserName: String = try resultsObject.required("parser")
        guard let parser = Results.Parser(rawValue: parserName) else {
            throw ConfigError.invalidValue(resultsObject.node("parser")?.location ?? resultsObject.location,
                                           expected: "one of \(Results.Parser.allCases.map(\.rawValue).joined(separator: ", ")), not '\(parserName)'")
        }
        let path: String? = try resultsObject.optional("path")
        if parser != .exitCode, path == nil { throw ConfigError.missingKey(resultsObject.location, key: "path") }
        if let path { try Self.checkPlaceholders([path], object: resultsObject, key: "path", generates: generate != nil) }
        var results = Results(parser: parser, path: path, jsonlFields: .init(), scoreMetric: "tests.fraction", passThreshold: nil,
                              junitTask: .classname, allowBaseOnly: false, baxbenchModel: nil, baxbenchConfiguration: nil)
        func only(_ key: String, for allowed: Results.Parser) throws(ConfigError) {
            if resultsObject.contains(key), parser != allowed {
                throw ConfigError.invalidValue(resultsObject.node(key)?.location ?? resultsObject.location,
                                               expected: "no '\(key)' with the \(parser.rawValue) parser (it belongs to \(allowed.rawValue))")
            }
        }
        try only("fields", for: .jsonl)
        try only("score_metric", for: .jsonl)
        try only("pass_threshold", for: .jsonl)
        try only("task_attribute", for: .junit)
        try only("allow_base_only", for: .evalplus)
        try only("model", for: .baxbench)
        try only("configuration", for: .baxbench)
        if let fields = try resultsObject.optionalObject("fields") {
            results.jsonlFields = JSONLResultParser.Fields(
                task: try fields.optional("task", default: "task_id"), sample: try fields.optional("sample"),
                passed: try fields.optional("passed"), score: try fields.optional("score"), detail: try fields.optional("detail"))
            try fields.check("passed", results.jsonlFields.passed != nil || results.jsonlFields.score != nil,
                             expected: "a 'passed' or a 'score' field name (or both)")
            try fields.rejectUnknownKeys()
        }
        results.scoreMetric = try resultsObject.optional("score_metric", default: results.scoreMetric)
        results.passThreshold = try resultsObject.optional("pass_threshold")
        let attribute: String = try resultsObject.optional("task_attribute", default: "classname")
        guard let junitTask = JUnitResultParser.TaskAttribute(rawValue: attribute) else {
            throw ConfigError.invalidValue(resultsObject.node("task_attribute")?.location ?? resultsObject.location,
                                           expected: "classname or name, not '\(attribute)'")
        }
        results.junitTask = junitTask
        results.allowBaseOnly = try resultsObject.optional("allow_base_only", default: false)
        results.baxbenchModel = try resultsObject.optional("model")
        results.baxbenchConfiguration = try resultsObject.optional("configuration")
        try resultsObject.rejectUnknownKeys()
        self.results = results
        try object.rejectUnknownKeys()
    }

    /// `{…}` in a templated value must be one of ``placeholders``.
    static func checkPlaceholders(_ texts: [String], object: ConfigObject, key: String, generates: Bool) throws(ConfigError) {
        for text in texts {
            guard let expression = try? NSRegularExpression(pattern: #"\{[^{}]*\}"#) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for match in expression.matches(in: text, range: range) {
                guard let matched = Range(match.range, in: text) else { continue }
                let placeholder = String(text[matched])
                if !placeholders.contains(placeholder) {
                    throw ConfigError.invalidValue(object.node(key)?.location ?? object.location,
                                                   expected: "placeholders among \(placeholders.joined(separator: " ")), not \(placeholder)")
                }
                if !generates && ["{samples}", "{problems}"].contains(placeholder) {
                    throw ConfigError.invalidValue(object.node(key)?.location ?? object.location,
                                                   expected: "\(placeholder) only in a benchmark with 'generate' (codescore writes that file)")
                }
            }
        }
    }

    /// Every `*.yaml`/`*.yml` file of the folder (none when it does not exist); all problems reported together.
    public static func loadAll(directory: URL, displayPath: String) throws(ConfigErrors) -> [BenchmarkDefinition] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var definitions: [BenchmarkDefinition] = [], errors: [ConfigError] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            do {
                definitions.append(try BenchmarkDefinition(url: directory.appendingPathComponent(name),
                                                           displayPath: (displayPath as NSString).appendingPathComponent(name)))
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        return definitions
    }
}
