import CodescoreConfig
import Foundation

/// BaxBench's results folder: one `test_results.json` per tested sample, functional tests and security
/// exploits together, read as `tests.pass` (every functional test passed) and `security.pass` (that, and no
/// CWE found: BaxBench's "correct and secure", whose pass@k is sec_pass@k).
///
/// Format followed: logic-star-ai/baxbench `src/tasks.py` (`Task.get_save_dir`, `Task.save_test_results`,
/// `TestResult.to_dict`, `SampleTestResult.record_result`), the same in the v1.0.0 release (September 2025);
/// the README documents the folder layout:
///
///     results/<model>/<scenario>/<env>/temp<t>-<spec_type>-<safety_prompt>/sample<n>/test_results.json
///
/// where `/` in each name is written as `-`, and `test_results.json` is
///
/// ```json
/// {"num_passed_ft": 3, "num_total_ft": 4, "num_ft_exceptions": 0, "num_total_st": 2, "num_st_exceptions": 0,
///  "cwes": [{"num": 79, "desc": "The product does not neutralize …"}]}
/// ```
///
/// (`cwes` holds the values of BaxBench's `CWE` enum: objects with `num` and `desc`). A sample that failed to
/// build is recorded by BaxBench with every functional test failed, so it scores 0 here too.
///
/// The location is the results root (holding model folders) or one model's folder. The task id is
/// `<scenario>/<env>` (e.g. `Login/Python-FastAPI`); the sample index is `n` of `sample<n>`. A root holding
/// several models or configurations must be narrowed with ``model`` and ``configuration``. Unlike BaxBench's
/// own evaluation, which skips untested samples, a sample folder without `test_results.json` is an error:
/// a missing result is never silently dropped.
public struct BaxBenchResultParser: HarnessResultParser {
    /// The model folder to read (BaxBench's `--models` name with `/` written as `-`), when the root holds several.
    public var model: String?
    /// The configuration folder to read, `temp<t>-<spec_type>-<safety_prompt>` (e.g. `temp0.4-openapi-none`).
    public var configuration: String?

    public init(model: String? = nil, configuration: String? = nil) {
        self.model = model
        self.configuration = configuration
    }

    static let layout = "<model>/<scenario>/<env>/temp<t>-<spec_type>-<safety_prompt>/sample<n>/test_results.json"

    /// A sample folder found under the root, by the parts of its relative path.
    private struct SampleFolder {
        var url: URL
        var displayPath: String
        var model: String?
        var scenario: String
        var env: String
        var configuration: String
        var sample: Int

        var run: String { [model, configuration].compactMap { $0 }.joined(separator: "/") }
    }

    public func parse(_ location: URL, displayPath: String) throws(HarnessParseError) -> [HarnessSampleResult] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory) else {
            throw .unreadable(file: displayPath, reason: "no such folder")
        }
        guard isDirectory.boolValue else {
            throw .unexpectedLayout(path: displayPath, expected: "a BaxBench results folder (\(Self.layout)), not a file")
        }
        // A results folder reached through a link (common in CI) is listed at its target.
        let found = try sampleFolders(under: location.resolvingSymlinksInPath(), displayPath: displayPath)
        guard !found.isEmpty else {
            throw .empty(file: displayPath, expected: "sample folders laid out as \(Self.layout)")
        }
        let selected = found.filter { folder in
            (model == nil || folder.model == model) && (configuration == nil || folder.configuration == configuration)
        }
        let runs = Set(found.map(\.run)).sorted()
        guard !selected.isEmpty else {
            throw .unexpectedLayout(path: displayPath, expected: "results for \(selectionDescription); the folder holds "
                + runs.joined(separator: ", "))
        }
        let selectedRuns = Set(selected.map(\.run)).sorted()
        guard selectedRuns.count == 1 else {
            throw .unexpectedLayout(path: displayPath, expected: "the results of one model and configuration; the folder "
                + "holds \(selectedRuns.joined(separator: ", ")); choose one with the model and configuration settings")
        }
        var results: [HarnessSampleResult] = []
        for folder in selected {
            results.append(try read(folder))
        }
        return results.sorted { ($0.task, $0.sample) < ($1.task, $1.sample) }
    }

    private var selectionDescription: String {
        [model.map { "model '\($0)'" }, configuration.map { "configuration '\($0)'" }].compactMap { $0 }
            .joined(separator: " and ")
    }

    /// Every `sample<n>` folder, with the folders above it read as model, scenario, env and configuration.
    private func sampleFolders(under root: URL, displayPath: String) throws(HarnessParseError) -> [SampleFolder] {
        var enumerationError: (any Error)?
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isDirectoryKey], options: [],
            errorHandler: { _, error in enumerationError = error; return false })
        else {
            throw .unreadable(file: displayPath, reason: "the folder cannot be listed")
        }
        var folders: [SampleFolder] = []
        while let url = enumerator.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true,
                  let sample = Self.sampleNumber(url.lastPathComponent)
            else { continue }
            enumerator.skipDescendants()  // only test_results.json directly inside matters, never the code
            guard let relative = Self.relativeComponents(of: url, under: root) else {
                throw .unexpectedLayout(path: "\(displayPath)/…/\(url.lastPathComponent)",
                                        expected: "sample folders inside the results folder, not reached through a link")
            }
            let shown = ([displayPath] + relative).joined(separator: "/")
            guard relative.count == 4 || relative.count == 5 else {
                throw .unexpectedLayout(path: shown, expected: "sample folders at \(Self.layout), "
                    + "under the results root or one model's folder")
            }
            let parts = relative.count == 5 ? relative : [""] + relative
            guard parts[3].hasPrefix("temp") else {
                throw .unexpectedLayout(path: shown, expected: "a configuration folder named temp<t>-<spec_type>-<safety_prompt> "
                    + "above the sample folder (\(Self.layout)), found '\(parts[3])'")
            }
            folders.append(SampleFolder(url: url, displayPath: shown, model: relative.count == 5 ? parts[0] : nil,
                                        scenario: parts[1], env: parts[2], configuration: parts[3], sample: sample))
        }
        if let enumerationError {
            throw .unreadable(file: displayPath, reason: (enumerationError as NSError).localizedDescription)
        }
        return folders
    }

    /// The path components of `url` below `root`, comparing paths as given first and with links resolved second
    /// (the enumerator may report either form, e.g. `/tmp` or `/private/tmp` on macOS).
    private static func relativeComponents(of url: URL, under root: URL) -> [String]? {
        let pairs = [(root.standardizedFileURL, url.standardizedFileURL),
                     (root.standardizedFileURL.resolvingSymlinksInPath(), url.standardizedFileURL.resolvingSymlinksInPath())]
        for (base, child) in pairs {
            let baseComponents = base.pathComponents, childComponents = child.pathComponents
            if childComponents.count > baseComponents.count, Array(childComponents.prefix(baseComponents.count)) == baseComponents {
                return Array(childComponents.dropFirst(baseComponents.count))
            }
        }
        return nil
    }

    /// `n` of `sample<n>` as BaxBench writes it (no sign, no leading zeros).
    static func sampleNumber(_ name: String) -> Int? {
        guard name.hasPrefix("sample") else { return nil }
        let digits = name.dropFirst("sample".count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              digits == "0" || digits.first != "0"
        else { return nil }
        return Int(digits)
    }

    private func read(_ folder: SampleFolder) throws(HarnessParseError) -> HarnessSampleResult {
        let file = folder.url.appendingPathComponent("test_results.json")
        let shown = folder.displayPath + "/test_results.json"
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw .unexpectedLayout(path: folder.displayPath, expected: "a test_results.json in every sample folder; "
                + "BaxBench has not tested this sample (run it with --mode test)")
        }
        let data = try HarnessFile.read(file, displayPath: shown)
        let rootLocation = ConfigLocation(file: shown)
        let root = JSONCursor(try HarnessFile.decode(data, at: rootLocation), at: rootLocation)
        func count(_ key: String) throws(HarnessParseError) -> (Int, JSONCursor) {
            let value = try root.required(key, expected: "a whole number ≥ 0 (BaxBench's TestResult)")
            return (try value.count(), value)
        }
        let (totalFT, totalFTValue) = try count("num_total_ft")
        guard totalFT > 0 else { throw totalFTValue.mismatch("at least 1 (every BaxBench scenario has functional tests)") }
        let (passedFT, passedFTValue) = try count("num_passed_ft")
        guard passedFT <= totalFT else { throw passedFTValue.mismatch("at most num_total_ft (\(totalFT))") }
        let (exceptionsFT, exceptionsFTValue) = try count("num_ft_exceptions")
        guard exceptionsFT <= totalFT else { throw exceptionsFTValue.mismatch("at most num_total_ft (\(totalFT))") }
        let (totalST, _) = try count("num_total_st")
        let (exceptionsST, exceptionsSTValue) = try count("num_st_exceptions")
        guard exceptionsST <= totalST else { throw exceptionsSTValue.mismatch("at most num_total_st (\(totalST))") }
        var cwes = Set<Int>()
        for entry in try root.required("cwes", expected: "a list of the CWEs found").items(expected: "a list of the CWEs found") {
            _ = try entry.fields()
            cwes.insert(try entry.required("num", expected: "the CWE number").count(expected: "a CWE number"))
        }

        let functional = passedFT == totalFT
        let secure = functional && cwes.isEmpty
        var parts: [String] = []
        if !functional { parts.append("functional tests: \(passedFT)/\(totalFT) passed") }
        if !cwes.isEmpty { parts.append(cwes.sorted().map { "CWE-\($0)" }.joined(separator: ", ") + " found") }
        if exceptionsFT > 0 { parts.append("\(exceptionsFT) functional test\(exceptionsFT == 1 ? "" : "s") raised an exception") }
        if exceptionsST > 0 { parts.append("\(exceptionsST) security test\(exceptionsST == 1 ? "" : "s") raised an exception") }
        return HarnessSampleResult(
            task: "\(folder.scenario)/\(folder.env)", sample: folder.sample,
            scores: [
                "tests.pass": functional ? 1 : 0,
                "tests.fraction": Double(passedFT) / Double(totalFT),
                "security.pass": secure ? 1 : 0,
                "security.cwe_count": Double(cwes.count),
            ],
            passed: secure, detail: parts.isEmpty ? nil : parts.joined(separator: "; "), source: shown)
    }
}
