import CodescoreConfig
import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Any executable as a model: the request as JSON on stdin, the completion on stdout.
///
/// stdout is either a JSON object `{"completion": "...", "usage": {"input_tokens": n, "output_tokens": n}}`
/// or plain text taken as the completion. A non-zero exit is an error carrying the tail of stderr;
/// exit status 75 (EX_TEMPFAIL) asks for a retry. The executable is the user's own (trusted) pipeline.
public struct CommandProvider: ModelProvider {
    public let argv: [String]
    public let modelName: String
    public let timeoutSeconds: Double
    public let maxOutputBytes: Int
    private let redactor: SecretRedactor
    /// SHA-256 of every argv element that names a file (the executable, a script): editing the pipeline
    /// is a new model as far as the response cache is concerned.
    private let programHashes: [String]

    public init(argv: [String], modelName: String, timeoutSeconds: Double, maxOutputBytes: Int, secrets: [String?] = []) {
        self.argv = argv
        self.programHashes = argv.compactMap { argument in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let contents = FileManager.default.contents(atPath: argument) else { return nil }
            return ContentHash.sha256Hex(contents)
        }
        self.modelName = modelName
        self.timeoutSeconds = timeoutSeconds
        self.maxOutputBytes = maxOutputBytes
        self.redactor = SecretRedactor(secrets: secrets)
    }

    public var cacheNamespace: [String] { ["command", argv.joined(separator: "\u{0}"), modelName] + programHashes }

    public func encode(_ request: GenerationRequest) throws(ProviderError) -> Data {
        let options = request.options
        var optionFields: [String: JSONValue] = ["max_tokens": .integer(options.maxTokens)]
        if let temperature = options.temperature { optionFields["temperature"] = .number(temperature) }
        if let topP = options.topP { optionFields["top_p"] = .number(topP) }
        if let seed = request.sampleSeed { optionFields["seed"] = .integer(seed) }
        if !options.stop.isEmpty { optionFields["stop"] = .array(options.stop.map(JSONValue.string)) }
        for (key, value) in options.extraBody { optionFields[key] = value }
        let task = request.task
        return JSONValue.object([
            "schema_version": .integer(1),
            "model": .string(modelName),
            "messages": .array(request.messages.map { .object(["role": .string($0.role), "content": .string($0.content)]) }),
            "options": .object(optionFields),
            "task": .object([
                "id": .string(task.id), "category": .string(task.category.rawValue), "language": .string(task.language),
                "files": .array(task.files.map { .string($0.path) }),
            ]),
            "sample": .integer(request.sampleIndex),
        ]).canonicalData()
    }

    public func send(_ body: Data, for request: GenerationRequest) async throws(ProviderError) -> Completion {
        let executable: Executable = argv[0].contains("/") ? .path(FilePath(argv[0])) : .name(argv[0])
        let arguments = Arguments(Array(argv.dropFirst()))
        let timeout = timeoutSeconds
        let limit = maxOutputBytes
        var platformOptions = PlatformOptions()
        // On timeout (task cancellation) the child gets SIGTERM, then SIGKILL after a grace period.
        platformOptions.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        let options = platformOptions
        // The request goes in through an unlinked temporary file, not a pipe: a command that never reads
        // its stdin must not turn into a broken-pipe failure on our side.
        let requestFile: FileDescriptor
        do {
            requestFile = try Self.unlinkedFile(holding: body)
        } catch {
            throw .commandFailed(status: "could not be given its request (\(error))", stderrTail: "", retryable: false)
        }
        let result: ExecutionResult<Void, BytesOutput, StringOutput<UTF8>>
        do {
            result = try await withDeadline(seconds: timeout) {
                try await Subprocess.run(
                    executable, arguments: arguments, platformOptions: options,
                    input: .fileDescriptor(requestFile, closeAfterSpawningProcess: true),
                    output: .bytes(limit: limit), error: .string(limit: 64 * 1024))
            }
        } catch let error as ProviderError {
            throw error
        } catch {
            let text = String(describing: error)
            if text.localizedCaseInsensitiveContains("limit") { throw .responseTooLarge(limitBytes: limit) }
            throw .commandFailed(status: "could not be run (\(sanitizedErrorText(text, redactor: redactor)))",
                                 stderrTail: "", retryable: false)
        }
        let stderrTail = sanitizedErrorText(String((result.standardError ?? "").suffix(2000)), redactor: redactor, limit: 2000)
        switch result.terminationStatus {
        case .exited(0):
            return try Self.decodeOutput(Data(result.standardOutput))
        case let .exited(code):
            throw .commandFailed(status: "exited with status \(code)", stderrTail: stderrTail, retryable: code == 75)
        case let .signaled(signal):
            throw .commandFailed(status: "was killed by signal \(signal)", stderrTail: stderrTail, retryable: false)
        }
    }

    /// A file with `contents`, already unlinked, positioned at its start.
    static func unlinkedFile(holding contents: Data) throws -> FileDescriptor {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("codescore-request-XXXXXX").path
        var path = Array(template.utf8CString)
        let descriptor = mkstemp(&path)
        guard descriptor >= 0 else { throw Errno(rawValue: errno) }
        unlink(path)
        let file = FileDescriptor(rawValue: descriptor)
        do {
            _ = try file.writeAll(contents)
            _ = try file.seek(offset: 0, from: .start)
        } catch {
            try? file.close()
            throw error
        }
        return file
    }

    static func decodeOutput(_ stdout: Data) throws(ProviderError) -> Completion {
        struct Reply: Decodable {
            struct Usage: Decodable { var input_tokens: Int?; var output_tokens: Int? }
            var completion: String
            var usage: Usage?
            var finish_reason: String?
        }
        if let reply = try? JSONDecoder().decode(Reply.self, from: stdout) {
            return Completion(text: reply.completion, inputTokens: reply.usage?.input_tokens,
                              outputTokens: reply.usage?.output_tokens, finishReason: reply.finish_reason)
        }
        guard let text = String(data: stdout, encoding: .utf8) else {
            throw .invalidResponse("the command's output is neither JSON nor UTF-8 text")
        }
        return Completion(text: text, finishReason: "stop")
    }
}
