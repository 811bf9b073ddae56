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
        let delegate = Collector()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse(), delegate.sawRoot, delegate.depth == 0 else { return nil }
        return delegate.report
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var report = JUnitReport()
        var sawRoot = false
        /// Outcome of the testcase being read: nil while none of failure/error/skipped was seen.
        var current: String?
        var inTestcase = false
        /// Open elements; a well-formed document ends at 0 (some parsers accept a truncated file).
        var depth = 0

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            switch name {
            case "testsuites", "testsuite": sawRoot = true
            case "testcase":
                inTestcase = true
                current = nil
            case "failure", "error", "skipped" where inTestcase:
                // The worst outcome wins when a testcase has several children.
                if current == nil || name == "error" || (name == "failure" && current == "skipped") { current = name }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            guard name == "testcase", inTestcase else { return }
            inTestcase = false
            report.total += 1
            switch current {
            case "failure": report.failures += 1
            case "error": report.errors += 1
            case "skipped": report.skipped += 1
            default: break
            }
        }
    }
}
