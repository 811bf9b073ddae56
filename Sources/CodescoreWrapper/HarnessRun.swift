import CodescoreConfig
import CodescoreSandbox
import Foundation
import Subprocess

/// Runs one benchmark definition's evaluation command for one model and reads what it leaves.
///
/// The run folder (`{run_dir}`) is `<out>/benchmarks/<benchmark>/<model>/`. Sandboxed, the command works
/// in a fresh workspace shown at the run folder's own path (so placeholders mean the same inside and
/// out), sees the system, its program's venv and the definition's `read_only` paths read-only, and
/// nothing else; afterwards its regular files are copied back to the run folder. Unsandboxed (the
/// definition says `sandbox: false`, or `--unsafe-no-sandbox`), it runs in place. Either way it gets
/// only its `env` allow-list, the definition's limits and timeout, and its output goes to `harness.log`.
public struct HarnessRun: Sendable {
    public var definition: BenchmarkDefinition
    public var model: String
    public var runDirectory: URL
    public var sandbox: any Sandbox
    /// Where sandbox workspaces and staged copies go (traversable by the sandbox user).
    public var scratch: URL
    public var environment: [String: String]

    public init(definition: BenchmarkDefinition, model: String, outputFolder: URL, sandbox: any Sandbox, scratch: URL,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.definition = definition
        self.model = model
        self.runDirectory = Self.runDirectory(output: outputFolder, benchmark: definition.name, model: model)
        self.sandbox = sandbox
        self.scratch = scratch
        self.environment = environment
    }

    /// `<out>/benchmarks/<benchmark>/<model>`.
    public static func runDirectory(output: URL, benchmark: String, model: String) -> URL {
        output.standardizedFileURL.appendingPathComponent("benchmarks").appendingPathComponent(benchmark)
            .appendingPathComponent(model)
    }

    /// The name of the problem subset file written for `{problems}`.
    public static let problemsFile = "problems.jsonl"
    public static let logFile = "harness.log"

    /// What a finished command left: its parsed results, where it ran, and how long it took.
    public struct Outcome: Sendable {
        public var results: [HarnessSampleResult]
        /// `bubblewrap`, or `none` when it ran on the host.
        public var sandbox: String
        public var seconds: Double
    }

    /// Why no results could be read: the command failed, timed out, could not start, or left nothing readable.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Where a definition's command runs with this sandbox: its name, or `none` when the definition opts
    /// out or there is no sandbox (--unsafe-no-sandbox).
    public static func placement(of definition: BenchmarkDefinition, sandbox: any Sandbox) -> String {
        definition.evaluate.sandbox && sandbox.name != "none" ? sandbox.name : "none"
    }

    public var sandboxed: Bool { Self.placement(of: definition, sandbox: sandbox) != "none" }

    /// Writes the inputs (`samples` for `{samples}`, `problems` for `{problems}`), runs the command, and parses its results.
    public func run(samples: Data? = nil, problems: Data? = nil) async -> Result<Outcome, Failure> {
        let placement = Self.placement(of: definition, sandbox: sandbox)
        func fail(_ text: String) -> Result<Outcome, Failure> {
            .failure(Failure(description: "benchmark '\(definition.name)', model '\(model)': " + text))
        }
        let files = FileManager.default
        var inputs: [(name: String, data: Data)] = []
        if let samples, let generate = definition.generate { inputs.append((generate.samplesFile, samples)) }
        if let problems { inputs.append((Self.problemsFile, problems)) }
        let resultsPath = definition.results.path.map { resolve(substitute($0)) }
        do {
            try files.createDirectory(at: runDirectory, withIntermediateDirectories: true)
            // A result left by an earlier run must never be read as this run's.
            if let resultsPath, isInside(resultsPath, runDirectory.path) { try? files.removeItem(atPath: resultsPath) }
            for input in inputs { try input.data.write(to: runDirectory.appendingPathComponent(input.name), options: .atomic) }
        } catch {
            return fail("cannot prepare \(runDirectory.path): \(error.localizedDescription)")
        }

        var argv = definition.evaluate.argv.map(substitute)
        if argv[0].contains("/") { argv[0] = resolve(argv[0]) }
        let workingDirectory = resolve(substitute(definition.evaluate.workingDirectory))
        let started = ContinuousClock.now
        let result: CodescoreSandbox.ExecutionResult
        if sandboxed {
            switch await runSandboxed(argv: argv, workingDirectory: workingDirectory, inputs: inputs) {
            case let .success(ran): result = ran
            case let .failure(failure): return fail(failure.description)
            }
        } else {
            let request = ExecutionRequest(argv: argv, workspace: runDirectory, limits: definition.evaluate.limits,
                                           wallSeconds: definition.evaluate.timeoutSeconds)
            result = await HostCommand(launcherPath: sandbox.launcherPath)
                .execute(request, workingDirectory: URL(fileURLWithPath: workingDirectory), environment: hostEnvironment())
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        writeLog(result, argv: argv, sandbox: placement)

        let tail = Self.tail(result.stderr.isEmpty ? result.stdout : result.stderr)
        switch result.outcome {
        case .passed, .failed: break
        case .timeout: return fail("the command timed out after \(Int(definition.evaluate.timeoutSeconds)) s (timeout_seconds).\(tail)")
        case .memoryLimit: return fail("the command ran out of memory (limits.memory_mib).\(tail)")
        case .crashed, .sandboxError:
            return fail("the command did not finish (\(result.detail ?? result.outcome.rawValue)).\(tail)")
        }
        if definition.results.parser == .exitCode, resultsPath == nil {
            let parser = ExitCodeResultParser(task: definition.name)
            let one = result.signal.map { parser.result(signal: Int32($0)) } ?? parser.result(exitStatus: Int32(result.exitCode ?? 1))
            return .success(Outcome(results: [one], sandbox: placement, seconds: seconds))
        }
        if result.outcome == .failed {
            return fail("the command exited with status \(result.exitCode.map(String.init) ?? "?")"
                        + (result.signal.map { " (signal \($0))" } ?? "") + "; see \(runDirectory.path)/\(Self.logFile).\(tail)")
        }
        guard let resultsPath else { return fail("the definition names no results path.") }
        do {
            let results = try definition.makeParser().parse(URL(fileURLWithPath: resultsPath), displayPath: resultsPath)
            return .success(Outcome(results: results, sandbox: placement, seconds: seconds))
        } catch {
            return fail("its results cannot be read: \(error.description)")
        }
    }

    // MARK: - Sandboxed

    private func runSandboxed(argv: [String], workingDirectory: String, inputs: [(name: String, data: Data)])
        async -> Result<CodescoreSandbox.ExecutionResult, Failure> {
        func fail(_ text: String) -> Result<CodescoreSandbox.ExecutionResult, Failure> { .failure(Failure(description: text)) }
        var visible: [String] = []
        if argv[0].hasPrefix("/") { visible += Self.programPaths(argv[0]) }
        for path in definition.evaluate.readOnly.map({ resolve(substitute($0)) }) {
            guard FileManager.default.fileExists(atPath: path) else {
                return fail("read_only path \(path) does not exist (\(definition.sourceFile)).")
            }
            visible.append(path)
        }
        visible = Self.outermost(visible.filter { !isInside($0, "/usr") && !isInside($0, runDirectory.path) })
        guard isInside(workingDirectory, runDirectory.path) || visible.contains(where: { isInside(workingDirectory, $0) }) else {
            return fail("working_directory \(workingDirectory) is not visible inside the sandbox: use {run_dir}, or list it under read_only.")
        }
        let stagingRoot = scratch.appendingPathComponent("harness-\(UUID().uuidString.prefix(8).lowercased())")
        defer { try? FileManager.default.removeItem(at: stagingRoot) }
        var mounts: [ExecutionRequest.ReadOnlyMount] = []
        for path in visible {
            switch await Self.readableSource(path, stagingRoot: stagingRoot) {
            case let .success(source): mounts.append(.init(source: source, destination: path))
            case let .failure(failure): return fail(failure.description)
            }
        }
        let workspace: Workspace
        do {
            workspace = try Workspace.create(under: stagingRoot)
            for input in inputs { try workspace.write(input.name, input.data) }
        } catch {
            return fail(error.description)
        }
        defer { workspace.remove() }
        workspace.handOverToSandboxUser()
        let declared = Dictionary(definition.evaluate.environment.compactMap { name in environment[name].map { (name, $0) } },
                                  uniquingKeysWith: { first, _ in first })
        let request = ExecutionRequest(
            argv: argv, workspace: workspace.root, environment: declared, limits: definition.evaluate.limits,
            wallSeconds: definition.evaluate.timeoutSeconds, workspaceInside: runDirectory.path, readOnlyMounts: mounts,
            workingDirectoryInside: workingDirectory)
        let result = await sandbox.execute(request)
        Self.copyRegularFiles(from: workspace, to: runDirectory)
        return .success(result)
    }

    /// The executable's venv (the folder above it holding `pyvenv.cfg`) and that venv's base interpreter
    /// (`home` in `pyvenv.cfg`: a venv's python is a link to it), else the executable's own folder.
    static func programPaths(_ executable: String) -> [String] {
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while folder.path != "/" {
            let config = folder.appendingPathComponent("pyvenv.cfg")
            if let text = try? String(contentsOf: config, encoding: .utf8) {
                var paths = [folder.path]
                for line in text.split(separator: "\n") {
                    let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if parts.count == 2, parts[0] == "home", parts[1].hasPrefix("/") {
                        // home is the base interpreter's bin folder; its prefix holds the standard library.
                        paths.append(URL(fileURLWithPath: parts[1]).deletingLastPathComponent().path)
                    }
                }
                return paths
            }
            folder = folder.deletingLastPathComponent()
        }
        return [URL(fileURLWithPath: executable).deletingLastPathComponent().path]
    }

    /// Drops paths that lie inside another of the list (one mount shows both).
    static func outermost(_ paths: [String]) -> [String] {
        let unique = Array(Set(paths)).sorted()
        return unique.filter { path in !unique.contains { $0 != path && path.hasPrefix($0 + "/") } }
    }

    /// The path itself when the sandbox user can read it; otherwise (codescore runs as root and a folder
    /// above it is closed to others, as a 0700 checkout is) a world-readable copy in the scratch folder.
    static func readableSource(_ path: String, stagingRoot: URL) async -> Result<String, Failure> {
        guard geteuid() == 0, !readableByOthers(path) else { return .success(path) }
        let copy = stagingRoot.appendingPathComponent("ro-\(UUID().uuidString.prefix(8).lowercased())")
        do {
            try FileManager.default.createDirectory(at: stagingRoot, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o711])
            for (program, arguments) in [("cp", ["-a", "--", path, copy.path]), ("chmod", ["-R", "a+rX", "--", copy.path])] {
                let run = try await Subprocess.run(.name(program), arguments: Arguments(arguments), output: .discarded,
                                                   error: .string(limit: 4096))
                guard case .exited(0) = run.terminationStatus else {
                    return .failure(Failure(description: "cannot stage \(path) for the sandbox: \(run.standardError)"))
                }
            }
            return .success(copy.path)
        } catch {
            return .failure(Failure(description: "cannot stage \(path) for the sandbox: \(error)"))
        }
    }

    /// Whether others may reach the path: every folder above it searchable, the path itself readable.
    static func readableByOthers(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IROTH != 0 else { return false }
        if info.st_mode & S_IFMT == S_IFDIR, info.st_mode & S_IXOTH == 0 { return false }
        var folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        while true {
            guard stat(folder.path, &info) == 0, info.st_mode & S_IXOTH != 0 else { return false }
            if folder.path == "/" { return true }
            folder = folder.deletingLastPathComponent()
        }
    }

    /// The command's regular files (never links) back into the run folder, each at most 256 MiB.
    static func copyRegularFiles(from workspace: Workspace, to folder: URL) {
        guard let enumerator = FileManager.default.enumerator(atPath: workspace.root.path) else { return }
        for case let relative as String in enumerator {
            var info = stat()
            guard lstat(workspace.root.path + "/" + relative, &info) == 0 else { continue }
            let target = folder.appendingPathComponent(relative)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try? FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            case S_IFREG:
                guard let data = workspace.readUntrustedFile(relative, limit: 256 << 20) else { continue }
                try? FileManager.default.removeItem(at: target)
                try? data.write(to: target)
            default:
                continue
            }
        }
    }

    // MARK: - Host

    /// The allow-list from codescore's environment over the sandbox's base (PATH, HOME, LANG…). A definition
    /// that opts out of the sandbox is trusted with what it lists, credentials included; under
    /// `--unsafe-no-sandbox` credential-like names are still dropped.
    func hostEnvironment() -> [String: String] {
        var result = SandboxEnvironment.base
        result["HOME"] = runDirectory.path
        for name in definition.evaluate.environment {
            guard let value = environment[name] else { continue }
            if definition.evaluate.sandbox && SandboxEnvironment.isCredentialName(name) { continue }
            result[name] = value
        }
        return result
    }

    // MARK: - Paths and text

    func substitute(_ text: String) -> String {
        var result = text
        let samples = runDirectory.appendingPathComponent(definition.generate?.samplesFile ?? "samples.jsonl").path
        for (placeholder, value) in [("{run_dir}", runDirectory.path), ("{samples}", samples),
                                     ("{problems}", runDirectory.appendingPathComponent(Self.problemsFile).path),
                                     ("{benchmark}", definition.name), ("{model}", model)] {
            result = result.replacingOccurrences(of: placeholder, with: value)
        }
        return result
    }

    /// Absolute, against the definition's folder when relative.
    func resolve(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : definition.directory.appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    func isInside(_ path: String, _ folder: String) -> Bool { path == folder || path.hasPrefix(folder + "/") }

    private func writeLog(_ result: CodescoreSandbox.ExecutionResult, argv: [String], sandbox: String) {
        var log = "# \(argv.joined(separator: " "))\n# sandbox: \(sandbox); outcome: \(result.outcome.rawValue)"
        if let code = result.exitCode { log += "; exit status \(code)" }
        if let detail = result.detail { log += "; \(detail)" }
        log += "\n# stdout (\(result.stdoutBytes) bytes)\n" + String(decoding: result.stdout, as: UTF8.self)
        log += "\n# stderr (\(result.stderrBytes) bytes)\n" + String(decoding: result.stderr, as: UTF8.self) + "\n"
        try? Data(log.utf8).write(to: runDirectory.appendingPathComponent(Self.logFile))
    }

    /// The last lines of the command's output, on one line each, for an error message.
    static func tail(_ output: Data) -> String {
        let lines = String(decoding: output.suffix(2048), as: UTF8.self).split(separator: "\n").suffix(3)
            .compactMap { HarnessSampleResult.shortDetail(String($0)) }
        return lines.isEmpty ? "" : " Last output: " + lines.joined(separator: " | ")
    }
}
