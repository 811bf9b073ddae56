import CodescoreGate
import Foundation

/// One trend line as inline SVG: a model × metric's mean over runs in time order, the baseline's point
/// ringed with a dashed level line, the candidate's point filled.
enum TrendChart {
    static let width = 360.0, height = 150.0, left = 44.0, right = 12.0, top = 12.0, bottom = 26.0

    static func svg(title: String, points: [DashboardModel.TrendPoint]) -> String {
        guard !points.isEmpty else { return "" }
        let values = points.map(\.value)
        var low = values.min()!, high = values.max()!
        if high - low < 0.02 { low -= 0.01; high += 0.01 }
        let pad = (high - low) * 0.1
        low -= pad
        high += pad
        func x(_ index: Int) -> Double {
            points.count == 1 ? (left + width - right) / 2 : left + Double(index) / Double(points.count - 1) * (width - left - right)
        }
        func y(_ value: Double) -> Double { top + (high - value) / (high - low) * (height - top - bottom) }
        let n = ForestPlot.n
        // The values in words for assistive technology (the points' own titles are hidden inside role=img).
        let spoken = title + ": " + points.map { point in
            "\(point.isBaseline ? "baseline " : point.isCandidate ? "this run " : "")\(point.createdAt.prefix(10)) \(GateReport.number(point.value))"
        }.joined(separator: ", ")
        var svg = "<svg class=\"trend\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(HTMLText.attribute(spoken))\">"
        for value in [low + pad, (low + high) / 2, high - pad] {
            svg += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(value)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(value)))\"/>"
            svg += "<text class=\"axis\" x=\"\(n(left - 4))\" y=\"\(n(y(value) + 4))\" text-anchor=\"end\">\(GateReport.number(value))</text>"
        }
        if let baseline = points.first(where: \.isBaseline) {
            svg += "<line class=\"baseline-level\" x1=\"\(n(left))\" y1=\"\(n(y(baseline.value)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(baseline.value)))\"/>"
        }
        let path = points.indices.map { "\(n(x($0))),\(n(y(points[$0].value)))" }.joined(separator: " ")
        svg += "<polyline class=\"line\" points=\"\(path)\"/>"
        for (index, point) in points.enumerated() {
            let kind = point.isBaseline ? "baseline" : point.isCandidate ? "candidate" : "earlier"
            let date = String(point.createdAt.prefix(10))
            svg += "<circle class=\"dot \(kind)\" cx=\"\(n(x(index)))\" cy=\"\(n(y(point.value)))\" r=\"\(point.isBaseline || point.isCandidate ? 5 : 3.5)\">"
                + "<title>\(HTMLText.text("\(point.label) (\(kind)), \(date): \(GateReport.number(point.value))"))</title></circle>"
        }
        if let first = points.first, let last = points.last {
            svg += "<text class=\"axis\" x=\"\(n(left))\" y=\"\(n(height - 6))\">\(HTMLText.text(String(first.createdAt.prefix(10))))</text>"
            svg += "<text class=\"axis\" x=\"\(n(width - right))\" y=\"\(n(height - 6))\" text-anchor=\"end\">\(HTMLText.text(String(last.createdAt.prefix(10))))</text>"
        }
        return svg + "</svg>"
    }
}
