import CodescoreGate
import Foundation

/// A forest plot as inline SVG (the overview draws one per metric): one row per model with Δ, its confidence interval,
/// the zero line and the margin −δ the gate tests against. Colours come from the page's stylesheet.
enum ForestPlot {
    static let width = 620.0, labelWidth = 170.0, valueWidth = 150.0, rowHeight = 30.0, top = 12.0, axisHeight = 34.0

    static func svg(_ comparisons: [MetricComparison]) -> String {
        guard !comparisons.isEmpty else { return "" }
        var extent = 0.05
        for c in comparisons {
            for value in [c.delta, c.margin, c.deltaCI?.lower ?? 0, c.deltaCI?.upper ?? 0] where value.isFinite {
                extent = max(extent, abs(value))
            }
        }
        extent *= 1.15
        let plotLeft = labelWidth, plotRight = width - valueWidth
        func x(_ value: Double) -> Double { plotLeft + (value + extent) / (2 * extent) * (plotRight - plotLeft) }
        let height = top + Double(comparisons.count) * rowHeight + axisHeight
        let metrics = Array(Set(comparisons.map(\.metric))).sorted().joined(separator: ", ")
        var svg = "<svg class=\"forest\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\""
            + HTMLText.attribute("Forest plot of \(metrics): the change Δ (candidate − baseline) of each model with its "
                                 + "confidence interval; dashed marks are the margins −δ") + "\">"
        let bottom = top + Double(comparisons.count) * rowHeight
        svg += "<line class=\"zero\" x1=\"\(n(x(0)))\" y1=\"\(n(top - 6))\" x2=\"\(n(x(0)))\" y2=\"\(n(bottom))\"/>"
        for (row, c) in comparisons.enumerated() {
            let y = top + (Double(row) + 0.5) * rowHeight
            let verdict = c.verdict.rawValue.lowercased()
            let ci = c.deltaCI.map { "[\(GateReport.number($0.lower)), \(GateReport.number($0.upper))]" } ?? "(no interval)"
            let summary = "\(c.model) \(c.metric): Δ \(DashboardSite.signed(c.delta)) \(ci), δ \(GateReport.number(c.margin)), \(c.verdict.rawValue)"
            svg += "<g class=\"row \(verdict)\"><title>\(HTMLText.text(summary))</title>"
            if row % 2 == 0 {
                svg += "<rect class=\"band\" x=\"0\" y=\"\(n(y - rowHeight / 2))\" width=\"\(n(width))\" height=\"\(n(rowHeight))\"/>"
            }
            svg += "<text class=\"label\" x=\"4\" y=\"\(n(y + 4))\">\(HTMLText.text(clip(c.model, 22)))</text>"
            svg += "<line class=\"margin\" x1=\"\(n(x(-c.margin)))\" y1=\"\(n(y - 10))\" x2=\"\(n(x(-c.margin)))\" y2=\"\(n(y + 10))\"/>"
            if let interval = c.deltaCI, interval.lower.isFinite, interval.upper.isFinite {
                svg += "<line class=\"ci\" x1=\"\(n(x(interval.lower)))\" y1=\"\(n(y))\" x2=\"\(n(x(interval.upper)))\" y2=\"\(n(y))\"/>"
            }
            if c.delta.isFinite {
                svg += "<circle class=\"point\" cx=\"\(n(x(c.delta)))\" cy=\"\(n(y))\" r=\"5\"/>"
            }
            svg += "<text class=\"value\" x=\"\(n(width - 4))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(HTMLText.text(DashboardSite.signed(c.delta) + " " + c.verdict.rawValue))</text></g>"
        }
        for step in -2...2 {
            let value = extent / 1.15 * Double(step) / 2
            svg += "<line class=\"tick\" x1=\"\(n(x(value)))\" y1=\"\(n(bottom))\" x2=\"\(n(x(value)))\" y2=\"\(n(bottom + 5))\"/>"
            svg += "<text class=\"axis\" x=\"\(n(x(value)))\" y=\"\(n(bottom + 18))\" text-anchor=\"middle\">\(DashboardSite.signed(value))</text>"
        }
        svg += "<text class=\"axis\" x=\"\(n((plotLeft + plotRight) / 2))\" y=\"\(n(bottom + 31))\" text-anchor=\"middle\">Δ candidate − baseline</text>"
        return svg + "</svg>"
    }

    static func n(_ value: Double) -> String { String(format: "%.1f", value) }
    static func clip(_ text: String, _ limit: Int) -> String { text.count > limit ? String(text.prefix(limit - 1)) + "…" : text }
}
