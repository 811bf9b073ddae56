import Foundation

/// RFC 4180 CSV: CRLF line ends, fields quoted when needed, and string cells that a spreadsheet would
/// run as a formula (leading `=`, `+`, `-`, `@`, tab or CR) prefixed with `'`. Numbers stay numeric.
public enum CSVField {
    case text(String)
    case number(Double)
    case integer(Int)
    case empty

    var rendered: String {
        switch self {
        case .empty: return ""
        case let .integer(value): return String(value)
        case let .number(value):
            guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity") }
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case let .text(value):
            var text = value
            if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
                text = "'" + text
            }
            // On bytes, not Characters: grapheme breaking per cell made large CSVs slow.
            let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
    }
}

public enum CSVTable {
    public static func render(header: [String], rows: [[CSVField]]) -> String {
        var output = row(header.map(CSVField.text))
        for fields in rows { output += row(fields) }
        return output
    }

    /// One CSV line, CRLF included.
    static func row(_ fields: [CSVField]) -> String {
        cells(fields) + "\r\n"
    }

    /// Fields joined by commas, without the line end.
    static func cells(_ fields: [CSVField]) -> String {
        fields.map(\.rendered).joined(separator: ",")
    }
}

/// `results.csv`: tidy, one row per record × metric. Besides the scorers' metrics every record has a
/// `generation.ok` row (1 or 0), and rows for `usage.input_tokens`, `usage.output_tokens`, `latency_ms`
/// and `cost_usd` where known.
public enum ResultsCSV {
    public static let header = [
        "run_id", "model", "benchmark", "category", "task", "task_hash", "sample", "status", "error_kind",
        "cached", "metric", "value",
    ]

    public static func render(_ records: [ResultRecord]) -> String {
        var output = CSVTable.row(header.map(CSVField.text))
        for record in records {
            // The record's columns are rendered once and shared by its metric rows.
            let prefix = CSVTable.cells([
                .text(record.runID), .text(record.model), .text(record.benchmark), .text(record.category ?? ""),
                .text(record.task), .text(record.taskHash), .integer(record.sample), .text(record.status.rawValue),
                .text(record.error?.kind ?? ""), .text(record.cached ? "true" : "false"),
            ])
            var metrics: [(String, Double)] = [("generation.ok", record.status == .ok ? 1 : 0)]
            metrics += record.scores.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            if let usage = record.usage {
                metrics.append(("usage.input_tokens", Double(usage.inputTokens)))
                metrics.append(("usage.output_tokens", Double(usage.outputTokens)))
            }
            if let latency = record.latencyMS { metrics.append(("latency_ms", latency)) }
            if let cost = record.costUSD { metrics.append(("cost_usd", cost)) }
            for (metric, value) in metrics {
                output += prefix
                output += ","
                output += CSVTable.row([.text(metric), .number(value)])
            }
        }
        return output
    }
}
