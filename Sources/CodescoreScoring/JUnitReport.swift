import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Per-test results from a JUnit XML file that a check wrote (pytest --junitxml, node --test-reporter=junit).
/// The file was written by untrusted code: it is size-capped by the caller and parsed without entities.
public struct JUnitReport: Sendable, Equatable {
    public var total = 0
    public var failures = 0
    public var errors = 0
    public var skipped = 0
    public var passed: Int { total - failures - errors - skipped }

    public init(total: Int = 0, failures: Int = 0, errors: Int = 0, skipped: Int = 0) {
        self.total = total
        self.failures = failures
        self.errors = errors
        self.skipped = skipped
    }

    /// nil when the data is not well-formed XML with at least one testcase-bearing root.
    public static func parse(_ data: Data) -> JUnitReport? {
        guard case let .success(collector) = collect(data, keepTestcases: false) else { return nil }
        return collector.report
    }

    /// One `<testcase>` of a report, for readers that need each test rather than the totals
    /// (external harnesses whose testcases are samples).
    public struct Testcase: Sendable, Equatable {
        /// The worst child element: `error` over `failure` over `skipped`; none means passed.
        public enum Outcome: String, Sendable, Equatable {
            case passed, failure, error, skipped
        }

        public var name: String?
        public var classname: String?
        public var outcome: Outcome
        /// The `message` attribute of the deciding `<failure>`/`<error>`/`<skipped>` element, else its `type`,
        /// else the start of its text. Untrusted text.
        public var message: String?
        /// 1-based line of the `<testcase>` start tag.
        public var line: Int

        public init(name: String?, classname: String?, outcome: Outcome, message: String? = nil, line: Int) {
            self.name = name
            self.classname = classname
            self.outcome = outcome
            self.message = message
            self.line = line
        }
    }

    /// Why a document could not be read as a JUnit report.
    public struct ReadError: Error, Sendable, Equatable {
        /// 1-based line where the XML parser stopped, when it said.
        public var line: Int?
        public var detail: String
    }

    /// Every testcase in document order (nested suites included), with the same outcome rules as ``parse(_:)``.
    public static func testcases(_ data: Data) -> Result<[Testcase], ReadError> {
        collect(data, keepTestcases: true).map(\.testcases)
    }

    private static func collect(_ data: Data, keepTestcases: Bool) -> Result<Collector, ReadError> {
        let delegate = Collector()
        delegate.keepTestcases = keepTestcases
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        delegate.parser = parser
        let parsed = parser.parse()
        delegate.parser = nil
        guard parsed else {
            let line = parser.lineNumber > 0 ? parser.lineNumber : nil
            let detail = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "the XML parser stopped"
            return .failure(ReadError(line: line, detail: detail))
        }
        guard delegate.depth == 0 else {
            // Some XMLParser builds recover from a missing end tag; the count of open elements catches it.
            let line = parser.lineNumber > 0 ? parser.lineNumber : nil
            return .failure(ReadError(line: line, detail: "the document ends inside an element (an end tag is missing)"))
        }
        guard delegate.sawRoot else {
            return .failure(ReadError(line: nil, detail: "no <testsuites> or <testsuite> element"))
        }
        return .success(delegate)
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var report = JUnitReport()
        var sawRoot = false
        /// Outcome of the testcase being read: nil while none of failure/error/skipped was seen.
        var current: String?
        var inTestcase = false
        /// Open elements; a well-formed document ends at 0 (some parsers accept a truncated file).
        var depth = 0

        // Per-testcase collection, only when asked for (the totals-only path stays as cheap as before).
        var keepTestcases = false
        /// Set only while `parse()` runs, for line numbers; cleared afterwards so there is no cycle.
        weak var parser: XMLParser?
        var testcases: [Testcase] = []
        private var caseName: String?
        private var caseClassname: String?
        private var caseLine = 0
        private var currentMessage: String?
        /// Text of the deciding failure/error/skipped element, capped, used when it has no message attribute.
        private var currentText = ""
        private var inOutcomeElement = false
        private static let textLimit = 2_000

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            switch name {
            case "testsuites", "testsuite": sawRoot = true
            case "testcase":
                inTestcase = true
                current = nil
                if keepTestcases {
                    caseName = attributes["name"]
                    caseClassname = attributes["classname"]
                    caseLine = self.parser?.lineNumber ?? 0
                    currentMessage = nil
                    currentText = ""
                }
            case "failure" where inTestcase, "error" where inTestcase, "skipped" where inTestcase:
                // The worst outcome wins when a testcase has several children.
                if current == nil || name == "error" || (name == "failure" && current == "skipped") {
                    current = name
                    if keepTestcases {
                        currentMessage = attributes["message"].flatMap { $0.isEmpty ? nil : $0 } ?? attributes["type"]
                        currentText = ""
                        inOutcomeElement = true
                    }
                }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard inOutcomeElement, currentText.count < Self.textLimit else { return }
            currentText += string.prefix(Self.textLimit - currentText.count)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            if name == "failure" || name == "error" || name == "skipped" { inOutcomeElement = false }
            guard name == "testcase", inTestcase else { return }
            inTestcase = false
            report.total += 1
            switch current {
            case "failure": report.failures += 1
            case "error": report.errors += 1
            case "skipped": report.skipped += 1
            default: break
            }
            guard keepTestcases else { return }
            let outcome = current.flatMap(Testcase.Outcome.init(rawValue:)) ?? .passed
            let text = currentText.trimmingCharacters(in: .whitespacesAndNewlines)
            let message = outcome == .passed ? nil : (currentMessage ?? (text.isEmpty ? nil : text))
            testcases.append(Testcase(name: caseName, classname: caseClassname, outcome: outcome, message: message,
                                      line: caseLine))
        }
    }
}
