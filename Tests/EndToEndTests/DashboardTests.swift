import Foundation
import Testing

/// The dashboard through the binary and a real browser: headless Chromium (Debian's `chromium`) loads the
/// sites from file:// over the DevTools protocol (Tests/Fixtures/chromium_probe.py). Screenshots are kept
/// in test-artifacts/dashboard/ (or $CODESCORE_TEST_ARTIFACTS) for a person to look at.
@Suite(.serialized)
struct DashboardTests {
    static let chromium = ProcessInfo.processInfo.environment["CODESCORE_CHROMIUM"] ?? "/usr/bin/chromium"
    static let artifacts: URL = {
        let folder = ProcessInfo.processInfo.environment["CODESCORE_TEST_ARTIFACTS"].map { URL(fileURLWithPath: $0) }
            ?? repositoryRoot.appendingPathComponent("test-artifacts")
        let url = folder.appendingPathComponent("dashboard")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// One page for the probe: what to wait for, what to evaluate, where to save a screenshot.
    struct Page: Encodable {
        var url: String
        var wait_for: String? = nil
        var evals: [String] = []
        var screenshot: String? = nil
        var full_page = false
        var dark = false
    }

    /// Loads the pages in one headless Chromium and returns its report per page.
    func probe(_ pages: [Page], in folder: TemporaryFolder) async throws -> [[String: Any]] {
        #expect(FileManager.default.isExecutableFile(atPath: Self.chromium), "headless Chromium is needed: apt-get install chromium")
        let spec = folder.file("probe-\(UUID().uuidString).json")
        try JSONEncoder().encode(pages).write(to: spec)
        let result = try await runProgram(
            URL(fileURLWithPath: testPython),
            [repositoryRoot.appendingPathComponent("Tests/Fixtures/chromium_probe.py").path, "--chromium", Self.chromium,
             "--timeout", "180", "--page-timeout", "60", "--spec", spec.path])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(report["pages"] as? [[String: Any]])
    }

    /// Writes a synthetic run with bench/dashboard/make_run.py: DIR/candidate (results.jsonl, run.json), DIR/baseline.jsonl.
    func makeRun(_ folder: TemporaryFolder, tasks: Int, models: Int, samples: Int, payloads: Bool) async throws {
        let result = try await runProgram(
            URL(fileURLWithPath: testPython),
            [repositoryRoot.appendingPathComponent("bench/dashboard/make_run.py").path, "--tasks", String(tasks), "--models", String(models),
             "--samples", String(samples), "--out", folder.url.path] + (payloads ? ["--payloads"] : []))
        #expect(result.status == 0, "\(result.stderr)")
    }

    static func fileURL(_ url: URL, _ fragment: String = "") -> String { url.absoluteString + fragment }

    /// Nothing from the data may run, load or even try to: no dialog, no exception, no CSP report (a report
    /// would mean markup got in and was blocked), no request but the page itself, no sentinel set.
    func expectInert(_ page: [String: Any], _ label: String) {
        #expect((page["error"] as? NSNull) != nil || page["error"] == nil, "\(label): \(page["error"] ?? "")")
        #expect((page["dialogs"] as? [Any])?.isEmpty == true, "\(label): a dialog opened: \(page["dialogs"] ?? "")")
        #expect((page["exceptions"] as? [Any])?.isEmpty == true, "\(label): \(page["exceptions"] ?? "")")
        #expect((page["log"] as? [Any])?.isEmpty == true, "\(label): \(page["log"] ?? "")")
        let url = (page["url"] as? String ?? "").split(separator: "#").first.map(String.init) ?? ""
        #expect((page["requests"] as? [String]) == [url], "\(label): requests \(page["requests"] ?? "")")
    }

    func evals(_ page: [String: Any]) -> [Any] {
        (page["evals"] as? [[String: Any]] ?? []).map { $0["value"] ?? NSNull() }
    }

    static let payloads = ["<script>alert(1)</script>", "</script><img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
                           "<img src=x onerror=\"document.documentElement.dataset.pwned=1\">"]

    @Test func hostileTextShowsAsTextAndNothingFromTheDataRuns() async throws {
        let folder = try TemporaryFolder()
        try await makeRun(folder, tasks: 60, models: 2, samples: 2, payloads: true)
        let history = folder.file("history")
        try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: folder.file("baseline.jsonl"), to: history.appendingPathComponent("main-2026-11-20.jsonl"))
        let site = folder.file("site")
        let result = try await codescore(["dashboard", "--results", folder.file("candidate").path, "--baseline", folder.file("baseline.jsonl").path,
                                          "--history", history.path, "--out", site.path])
        #expect(result.status == 0, "\(result.stderr)")

        // --dump-dom: the serialized DOM after the scripts ran holds the payloads as escaped text only.
        let tasksURL = site.appendingPathComponent("tasks.html")
        let dump = try await runProgram(URL(fileURLWithPath: Self.chromium),
                                        ["--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--virtual-time-budget=5000", "--dump-dom",
                                         tasksURL.absoluteString])
        #expect(dump.status == 0)
        #expect(dump.stdout.contains("data-ready=\"tasks\""), "the table script did not run")
        #expect(dump.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!dump.stdout.contains("data-pwned") && !dump.stdout.contains("<img") && !dump.stdout.contains("<svg onload"))

        // Which drill-down page and anchor hold a task named by the sentinel payload.
        let tasksHTML = try String(contentsOf: tasksURL, encoding: .utf8)
        let json = try #require(tasksHTML.components(separatedBy: "id=\"task-data\">").last?.components(separatedBy: "</script>").first)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let tasks = try #require(data["tasks"] as? [[Any]])
        let hostile = try #require(tasks.firstIndex { ($0[1] as? String)?.contains("pwned") == true })
        let samplesPage = site.appendingPathComponent(String(format: "samples/%04d.html", try #require(tasks[hostile][3] as? Int)))

        let visibleText = "document.body.innerText"
        let pages = try await probe([
            Page(url: Self.fileURL(site.appendingPathComponent("index.html")), evals: [visibleText, "document.documentElement.dataset.pwned === undefined"],
                 screenshot: Self.artifacts.appendingPathComponent("overview.png").path, full_page: true),
            Page(url: Self.fileURL(tasksURL), wait_for: "html[data-ready]",
                 evals: [visibleText, "document.documentElement.dataset.pwned === undefined",
                         // Filter to the payload tasks, sort by task: the links' text is the payload.
                         """
                         (function () { var box = document.getElementById('filter-text'); box.value = 'alert(1)';
                           box.dispatchEvent(new Event('input')); document.querySelector('th[data-key=task] button').click();
                           return Array.from(document.querySelectorAll('#task-rows tr td:first-child a')).map(function (a) { return a.textContent; }); })()
                         """,
                         "document.querySelector('th[data-key=task]').getAttribute('aria-sort')",
                         "[document.querySelector('#task-rows a').href, document.querySelector('#task-rows a').textContent]"],
                 screenshot: Self.artifacts.appendingPathComponent("tasks.png").path),
            Page(url: Self.fileURL(samplesPage, "#t\(hostile)"), wait_for: "html[data-ready]",
                 evals: [visibleText, "document.documentElement.dataset.pwned === undefined",
                         "document.querySelectorAll('section.task').length", "document.querySelector('section.task h2').textContent",
                         // The skip link's #main keeps the one task; #all shows the whole page.
                         """
                         new Promise(function (done) { location.hash = '#main'; setTimeout(function () {
                           var one = document.querySelectorAll('section.task').length; location.hash = '#all';
                           setTimeout(function () { done([one, document.querySelectorAll('section.task').length]); }, 200); }, 200); })
                         """],
                 screenshot: Self.artifacts.appendingPathComponent("drill-down.png").path, full_page: true),
            Page(url: Self.fileURL(site.appendingPathComponent("index.html")),
                 screenshot: Self.artifacts.appendingPathComponent("overview-dark.png").path, dark: true),
        ], in: folder)
        #expect(pages.count == 4)
        for (page, label) in zip(pages, ["overview", "tasks", "drill-down", "overview (dark)"]) { expectInert(page, label) }

        let overview = evals(pages[0]), table = evals(pages[1]), drill = evals(pages[2])
        #expect(overview[1] as? Bool == true && table[1] as? Bool == true && drill[1] as? Bool == true, "a sentinel was set")
        let overviewText = try #require(overview[0] as? String)
        #expect(overviewText.contains("Model × metric") && overviewText.contains("Trends"))
        let tableText = try #require(table[0] as? String)
        #expect(tableText.contains(Self.payloads[0]) || tableText.contains(Self.payloads[1]) || tableText.contains(Self.payloads[2]))
        let links = try #require(table[2] as? [String])
        #expect(!links.isEmpty && links.allSatisfy { $0.contains("alert(1)") }, "\(links)")
        #expect(links == links.sorted(), "sorted by task")
        #expect(table[3] as? String == "ascending")
        // The drill-down shows the one task the link named, its id (with the sentinel payload) as text.
        #expect(drill[2] as? Int == 1)
        #expect((drill[3] as? String)?.contains("document.documentElement.dataset.pwned=1") == true)
        #expect(drill[4] as? [Int] == [1, 60], "all 60 tasks fit one page (75 tasks of 2 models × 2 samples per page)")
        // The table's own link (built by its script) opens the drill-down on the task it names.
        let link = try #require(table[4] as? [String])
        let opened = try await probe([Page(url: link[0], wait_for: "html[data-ready]",
                                           evals: ["Array.from(document.querySelectorAll('section.task h2')).map(function (h) { return h.textContent; })"])],
                                     in: folder)
        expectInert(opened[0], "linked drill-down")
        #expect(evals(opened[0])[0] as? [String] == [link[1]])
        let drillText = try #require(drill[0] as? String)
        #expect(drillText.contains("Sample 0") && drillText.contains("Execution"))
        for name in ["overview.png", "tasks.png", "drill-down.png", "overview-dark.png"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: Self.artifacts.appendingPathComponent(name).path)[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(name): \(size) bytes")
        }
    }

    @Test func gateWritesTheDashboardOfItsVerdictAndReportRerendersIt() async throws {
        let folder = try TemporaryFolder()
        var baseline = [GateTests.header], candidate: [String] = []
        for task in 0..<30 {
            for sample in 0..<5 {
                baseline.append(GateTests.record(task: task, sample: sample, pass: 1))
                candidate.append(GateTests.record(task: task, sample: sample, pass: task < 10 ? 0 : 1))
            }
        }
        try folder.write("baseline.jsonl", baseline.joined(separator: "\n") + "\n")
        try folder.write("run/results.jsonl", candidate.joined(separator: "\n") + "\n")
        try folder.write("history/older.jsonl", baseline.joined(separator: "\n") + "\n")
        let site = folder.file("site")
        let gate = try await codescore(["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path,
                                        "--dashboard", site.path, "--history", folder.file("history").path])
        #expect(gate.status == 1, "\(gate.stderr)")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<span class=\"badge regression\">REGRESSION</span>"))
        #expect(index.contains("<svg class=\"forest\"") && index.contains("class=\"trend\""))
        #expect(index.contains("10 regressed tasks"))

        // Re-rendered from gate.json (the baseline it names is read for the per-task numbers).
        try FileManager.default.removeItem(at: site)
        let report = try await codescore(["report", "--results", folder.file("run").path, "--dashboard", site.path])
        #expect(report.status == 0, "\(report.stderr)")
        let pages = try await probe([Page(url: Self.fileURL(site.appendingPathComponent("tasks.html"), "#m=0&f=1"), wait_for: "html[data-ready]",
                                          evals: ["document.querySelectorAll('#task-rows tr').length",
                                                  "document.getElementById('filter-flag').value"])], in: folder)
        expectInert(pages[0], "tasks")
        #expect(evals(pages[0])[0] as? Int == 10, "the card's link shows the 10 regressed tasks")
        #expect(evals(pages[0])[1] as? String == "1")

        let usage = try await codescore(["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path,
                                         "--history", folder.file("history").path])
        #expect(usage.status == 64 && usage.stderr.contains("--history is for the dashboard"))
        try folder.write("history/broken.jsonl", GateTests.header + "\n{\"schema_version\": 1, \"model\": \n")
        let broken = try await codescore(["dashboard", "--results", folder.file("run").path, "--history", folder.file("history").path,
                                          "--out", site.path])
        #expect(broken.status == 65 && broken.stderr.contains("broken.jsonl:2"), "\(broken.stderr)")
        // A folder that cannot be made (under a file, whatever the user's rights): exit 70, said plainly.
        let unwritable = try await codescore(["dashboard", "--results", folder.file("run").path,
                                              "--out", folder.file("run/results.jsonl").appendingPathComponent("site").path])
        #expect(unwritable.status == 70 && unwritable.stderr.contains("cannot write the dashboard"), "\(unwritable.stderr)")
        // A gate.json that is not one: exit 65 naming it, for dashboard and report alike (one reader).
        try folder.write("run/gate.json", "{\"schema_version\": 1")
        for command in [["dashboard", "--out", site.path], ["report"]] {
            let unreadable = try await codescore([command[0], "--results", folder.file("run").path] + command.dropFirst())
            #expect(unreadable.status == 65 && unreadable.stderr.contains("gate.json: not a gate.json"), "\(unreadable.stderr)")
        }
    }

    @Test func tenThousandTasksByThreeModelsStaySmallAndPaintFast() async throws {
        let folder = try TemporaryFolder()
        try await makeRun(folder, tasks: 10_000, models: 3, samples: 1, payloads: false)
        let site = folder.file("site")
        let result = try await codescore(["dashboard", "--results", folder.file("candidate").path, "--baseline", folder.file("baseline.jsonl").path,
                                          "--out", site.path])
        #expect(result.status == 0, "\(result.stderr)")
        var total = 0, files = 0, largest = 0
        let enumerator = try #require(FileManager.default.enumerator(at: site, includingPropertiesForKeys: [.fileSizeKey]))
        for case let url as URL in enumerator {
            guard let size = try url.resourceValues(forKeys: [.fileSizeKey]).fileSize else { continue }
            total += size
            files += 1
            largest = max(largest, size)
        }
        #expect(total < 15_000_000, "the site is \(total) bytes")
        let pages = try await probe([
            Page(url: Self.fileURL(site.appendingPathComponent("index.html"))),
            Page(url: Self.fileURL(site.appendingPathComponent("tasks.html")), wait_for: "html[data-ready]",
                 evals: ["document.querySelectorAll('#task-rows tr').length", "document.getElementById('task-count').textContent"]),
            Page(url: Self.fileURL(site.appendingPathComponent("samples/0050.html"), "#t5000"), wait_for: "html[data-ready]",
                 evals: ["document.querySelectorAll('section.task article.sample').length"]),
        ], in: folder)
        for (page, label) in zip(pages, ["overview", "tasks", "drill-down"]) { expectInert(page, label) }
        #expect(evals(pages[1])[0] as? Int == 200)
        #expect((evals(pages[1])[1] as? String)?.hasSuffix("rows, showing the first 200") == true)
        #expect(evals(pages[2])[0] as? Int == 3, "one task, three models' samples")
        func paint(_ page: [String: Any]) -> Double { (page["paint"] as? [String: Double])?["first-contentful-paint"] ?? .nan }
        let figures = String(format: "10,000 tasks × 3 models: %d files, %.2f MB in all (largest %.2f MB); first contentful paint: "
                             + "overview %.0f ms, tasks %.0f ms, drill-down %.0f ms (headless Chromium)",
                             files, Double(total) / 1e6, Double(largest) / 1e6, paint(pages[0]), paint(pages[1]), paint(pages[2]))
        print("dashboard: " + figures)
        try figures.write(to: Self.artifacts.appendingPathComponent("ten-thousand-tasks.txt"), atomically: true, encoding: .utf8)
        for page in pages { #expect(paint(page).isFinite, "\(page["url"] ?? "") never painted") }
    }
}
