import Foundation
import Testing

/// Runs a fixture script under the test venv's Python (scipy 1.17 installed by ci/setup-python-env.sh)
/// and returns its stdout parsed as JSON. CODESCORE_TEST_PYTHON names the interpreter (make test sets
/// it); otherwise `.venv/bin/python` at the repository root.
func oracle(_ script: String) throws -> Any {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .resolvingSymlinksInPath()
    let repository = FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
        && FileManager.default.fileExists(atPath: root.appendingPathComponent("Tests/Fixtures").path)
        ? root : URL(fileURLWithPath: "/work/main")
    let python = ProcessInfo.processInfo.environment["CODESCORE_TEST_PYTHON"]
        ?? repository.appendingPathComponent(".venv/bin/python").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [repository.appendingPathComponent("Tests/Fixtures/\(script)").path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "\(script) failed under \(python)")
    return try JSONSerialization.jsonObject(with: data)
}

/// |a − b| ≤ tolerance · max(1, |b|), with NaN and infinities equal to themselves.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
