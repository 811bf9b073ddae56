import ArgumentParser
import CodescoreConfig
import CodescoreJudge
import CodescoreProviders
import CodescoreRunner
import Foundation

/// Which judge, if any, scores the samples: the project's judge file, overridden from the command line.
struct JudgeOptions: ParsableArguments {
    @Option(name: .customLong("judge"), help: "Judge every sample with this registry model (overrides the judge file's model and its enabled: false).")
    var judgeModel: String?

    @Flag(name: .customLong("no-judge"), help: "Run no judge, whatever the judge file says.")
    var noJudge = false

    @Option(name: .customLong("judge-config"), help: "The judge settings file (default: <models-dir>/judge.yaml, used when present).")
    var judgeConfigPath: String?

    func validate() throws {
        if noJudge && judgeModel != nil { throw ValidationError("--judge and --no-judge contradict each other.") }
    }

    /// The judge settings and model to run, or nil for no judge. A bad file exits 65, an unknown model 64.
    func resolve(registry: ModelRegistry, modelsDirectory: String, required: Bool = false) throws -> (config: JudgeConfig, model: ModelConfig)? {
        guard !noJudge else { return nil }
        let path = judgeConfigPath ?? (modelsDirectory as NSString).appendingPathComponent("judge.yaml")
        var config: JudgeConfig
        if FileManager.default.fileExists(atPath: path) {
            do {
                config = try JudgeConfig.load(URL(fileURLWithPath: path), displayPath: path)
            } catch {
                printError(error.description)
                throw ExitStatus.badInput
            }
        } else if judgeConfigPath != nil {
            printError("\(path): no such judge settings file.")
            throw ExitStatus.usage
        } else if let judgeModel {
            config = JudgeConfig(model: judgeModel)
        } else {
            if required { printError("no judge configured: write \(path) or pass --judge MODEL (see docs/judge.md).") ; throw ExitStatus.usage }
            return nil
        }
        if let judgeModel {
            config.model = judgeModel
            config.enabled = true
        }
        guard config.enabled || required else { return nil }
        guard let model = registry.models.first(where: { $0.name == config.model }) else {
            printError("the judge model '\(config.model)' is not in the registry (\(modelsDirectory)); known models: "
                       + registry.models.map(\.name).joined(separator: ", ") + ".")
            throw ExitStatus.usage
        }
        return (config, model)
    }
}

extension ProviderFactory {
    /// The judge's provider, its key read now so that a missing one fails before any request.
    static func makeJudge(_ judge: (config: JudgeConfig, model: ModelConfig), cache: ResponseCache?, replay: Bool) throws -> (RunJudge, Built) {
        let built: Built
        do {
            built = try make(judge.model, environment: ProcessInfo.processInfo.environment, forceReplay: replay)
        } catch {
            printError("judge: " + error.description)
            throw ExitStatus.usage
        }
        return (RunJudge(config: judge.config, model: judge.model, provider: built.provider, cache: cache), built)
    }
}

/// The response cache options of every command that calls models.
struct CacheOptions: ParsableArguments {
    @Option(name: .customLong("cache-dir"), help: "Response cache folder.")
    var cacheDirectory = ".codescore/cache"

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the response cache.")
    var noCache = false

    @Flag(help: "Answer only from the response cache; a missing answer is an error.")
    var replay = false

    func validate() throws {
        if noCache && replay {
            throw ValidationError("--replay answers from the cache, so it cannot be combined with --no-cache.")
        }
    }

    var cache: ResponseCache? { noCache ? nil : ResponseCache(directory: URL(fileURLWithPath: cacheDirectory)) }
}
