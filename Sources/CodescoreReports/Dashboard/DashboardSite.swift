import CodescoreConfig
import CodescoreGate
import Foundation

/// `codescore dashboard` / `gate --dashboard`: a static site that opens from `file://` or any static host and
/// makes no request. index.html (verdict, forest plot, categories, run, judge, trends), tasks.html (the
/// sortable task table) and samples/NNNN.html (the drill-down, a page per group of tasks). Each page
/// carries a Content-Security-Policy first in its head that allows only its own inline style and script,
/// by hash. docs/dashboard.md describes it.
public enum DashboardSite {
    /// Every file of the site: path relative to the site folder → contents.
    public static func render(_ input: DashboardInput) -> [(path: String, contents: String)] {
        let model = DashboardModel(input)
        var files = [("index.html", OverviewPage.render(model)), ("tasks.html", TasksPage.render(model))]
        for page in 0..<model.pageCount { files.append((DashboardModel.pagePath(page), SamplesPage.render(model, page: page))) }
        return files
    }

    /// Writes the site into `folder` (created if needed). Drill-down pages an earlier site left there are
    /// removed first, so a smaller run leaves no stale pages; nothing else in the folder is touched.
    public static func write(_ input: DashboardInput, to folder: URL) throws {
        let manager = FileManager.default
        let samples = folder.appendingPathComponent("samples")
        try manager.createDirectory(at: samples, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: samples.path) where isPageName(name) {
            try manager.removeItem(at: samples.appendingPathComponent(name))
        }
        for file in render(input) {
            try Data(file.contents.utf8).write(to: folder.appendingPathComponent(file.path), options: .atomic)
        }
    }

    static func isPageName(_ name: String) -> Bool {
        name.count == 9 && name.hasSuffix(".html") && name.prefix(4).allSatisfy(\.isNumber)
    }

    enum Section: String { case overview, tasks, samples }

    /// A whole page: the policy first in head, the stylesheet and (when given) the script inline, landmarks.
    static func page(title: String, section: Section, depth: Int, body: String, script: String? = nil) -> String {
        let root = String(repeating: "../", count: depth)
        let scriptSource = script.map { "'sha256-\(ContentHash.sha256Base64($0))'" } ?? "'none'"
        let policy = "default-src 'none'; script-src \(scriptSource); style-src 'sha256-\(ContentHash.sha256Base64(DashboardAssets.stylesheet))'; "
            + "img-src data:; base-uri 'none'; form-action 'none'"
        func link(_ target: Section, _ label: String, _ href: String) -> String {
            "<a href=\"\(root)\(href)\"\(target == section ? " aria-current=\"page\"" : "")>\(label)</a>"
        }
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"
        html += "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<meta name=\"referrer\" content=\"no-referrer\"><title>\(HTMLText.text(title)) · codescore</title>"
        html += "<style>\(DashboardAssets.stylesheet)</style></head><body>"
        html += "<a class=\"skip\" href=\"#main\">Skip to content</a>"
        html += "<header class=\"site\"><span class=\"brand\">codescore</span><nav aria-label=\"Dashboard\">"
        html += link(.overview, "Overview", "index.html") + link(.tasks, "Tasks", "tasks.html") + "</nav></header>"
        html += "<main id=\"main\">\(body)</main>"
        html += "<footer>Static report written by codescore; it makes no network request. Model output is shown as text, never run.</footer>"
        if let script { html += "<script>\(script)</script>" }
        return html + "</body></html>\n"
    }

    /// A number as the reports print it, or an em dash.
    static func number(_ value: Double?) -> String { value.map(GateReport.number) ?? "—" }
    static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + GateReport.number(value) }
}
