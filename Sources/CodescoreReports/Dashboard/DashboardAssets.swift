/// The dashboard's one stylesheet and its scripts, inlined in each page and allowed by their SHA-256 in the
/// page's Content-Security-Policy. No library, no font, no request: light and dark follow the system.
/// ASCII only (escapes for anything else), so a host that serves the pages with another charset cannot
/// change the bytes the hashes cover.
enum DashboardAssets {
    static let stylesheet = #"""
:root{color-scheme:light dark;--bg:#f7f8fa;--panel:#fff;--text:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;
--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#c0212e;--fail-bg:#ffebe9;--warn:#8a5a00;--warn-bg:#fff3c4;--band:#f0f3f6;--code:#f3f5f7}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--panel:#161b22;--text:#e6edf3;--muted:#9da7b3;--line:#30363d;--accent:#6cb6ff;
--pass:#56d364;--pass-bg:#12361f;--fail:#ff7b72;--fail-bg:#3d1418;--warn:#e3b341;--warn-bg:#3a2a05;--band:#1c2128;--code:#1c2128}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--panel);padding:6px;z-index:2}
header.site{display:flex;flex-wrap:wrap;align-items:center;gap:4px 24px;padding:10px 20px;background:var(--panel);border-bottom:1px solid var(--line)}
header.site .brand{font-weight:700}header.site nav a{margin-right:16px;text-decoration:none}header.site nav a[aria-current]{font-weight:700;text-decoration:underline}
main{max-width:1200px;margin:0 auto;padding:16px 20px 40px}
footer{max-width:1200px;margin:0 auto;padding:0 20px 24px;color:var(--muted);font-size:13px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:28px 0 10px}h3{font-size:16px;margin:0 0 6px}h4{font-size:15px;margin:12px 0 6px}
.panel,.card,article.sample,section.task{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.verdict{border-left:6px solid var(--warn)}.verdict.pass{border-left-color:var(--pass)}.verdict.regression{border-left-color:var(--fail)}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:var(--band);color:var(--text);margin:0 4px 2px 0}
.badge.pass,.badge.improved{background:var(--pass-bg);color:var(--pass)}.badge.regression,.badge.regressed,.badge.error,.badge.failed{background:var(--fail-bg);color:var(--fail)}
.badge.inconclusive,.badge.changed,.badge.manipulation,.badge.warning{background:var(--warn-bg);color:var(--warn)}
.warning{background:var(--warn-bg);color:var(--warn);padding:8px 12px;border-radius:6px;margin:8px 0}
.muted{color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(280px,100%),1fr));gap:12px}
.table-wrap{overflow-x:auto;background:var(--panel);border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--band);font-weight:600;white-space:nowrap}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:hover{background:var(--band)}
th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=ascending] button::after{content:" \25B2"}th[aria-sort=descending] button::after{content:" \25BC"}
.controls{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:end;margin:0 0 12px}
.controls label{display:flex;flex-direction:column;font-size:13px;color:var(--muted)}
input,select,button.more{font:inherit;color:var(--text);background:var(--panel);border:1px solid var(--muted);border-radius:6px;padding:5px 8px}
button.more{margin:10px 0;cursor:pointer}
pre{background:var(--code);border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow:auto;max-height:480px;font:13px/1.45 ui-monospace,"DejaVu Sans Mono",monospace;white-space:pre}
pre.wrap{white-space:pre-wrap;overflow-wrap:anywhere}
figure{margin:8px 0}figcaption{font:600 13px ui-monospace,"DejaVu Sans Mono",monospace;color:var(--muted)}
details{margin:8px 0}summary{cursor:pointer;color:var(--accent)}
section.task{margin:0 0 18px}section.task h2{margin-top:0}article.sample{margin:10px 0;background:var(--bg)}
ul.votes{padding-left:18px}ul.votes li{margin:6px 0}
svg{max-width:100%;height:auto;font:12px system-ui,"DejaVu Sans",sans-serif}
svg text{fill:var(--text)}svg .axis{fill:var(--muted)}svg .band{fill:var(--band)}
svg .zero,svg .tick,svg .grid{stroke:var(--muted);stroke-width:1}svg .grid{stroke:var(--line)}
svg .margin{stroke:var(--fail);stroke-width:2;stroke-dasharray:3 2}svg .ci{stroke:var(--text);stroke-width:2}
svg .point{fill:var(--warn)}svg .pass .point{fill:var(--pass)}svg .regression .point{fill:var(--fail)}
svg .line{fill:none;stroke:var(--accent);stroke-width:2}svg .dot{fill:var(--accent)}
svg .dot.baseline{fill:var(--panel);stroke:var(--warn);stroke-width:3}svg .dot.candidate{fill:var(--text)}
svg .baseline-level{stroke:var(--warn);stroke-dasharray:4 3}
.forests{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(460px,100%),1fr));gap:12px;margin-bottom:12px}.forests figure{margin:0}
@media (max-width:600px){.forests{grid-template-columns:1fr}}
.trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(320px,100%),1fr));gap:12px}
@media (max-width:600px){main{padding:10px}h1{font-size:21px}dl.facts{grid-template-columns:1fr}th,td{padding:5px 6px}}
"""#

    /// The tasks page: reads the embedded JSON with textContent/JSON.parse and builds rows with
    /// createElement/textContent only; sorting, filtering and paging happen here.
    static let tasksScript = #"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("task-data").textContent);
  var FLAGS = [[1, "regressed"], [2, "improved"], [4, "changed"], [8, "error"], [16, "manipulation"], [32, "new"], [64, "missing"]];
  var body = document.getElementById("task-rows");
  var text = document.getElementById("filter-text");
  var metricSelect = document.getElementById("filter-metric");
  var flagSelect = document.getElementById("filter-flag");
  var count = document.getElementById("task-count");
  var more = document.getElementById("show-more");
  var headers = document.querySelectorAll("th[data-key]");
  var sortKey = "delta", sortDirection = 1, limit = 200;

  function option(select, value, label) {
    var element = document.createElement("option");
    element.value = String(value);
    element.textContent = label;
    select.appendChild(element);
  }
  option(metricSelect, -1, "every metric");
  data.metrics.forEach(function (metric, index) { option(metricSelect, index, metric[0] + " \u00b7 " + metric[1]); });
  option(flagSelect, 0, "any");
  FLAGS.forEach(function (flag) { option(flagSelect, flag[0], flag[1]); });

  var params = new URLSearchParams(location.hash.slice(1));
  if (params.has("m")) { metricSelect.value = String(parseInt(params.get("m"), 10)); }
  if (params.has("f")) { flagSelect.value = String(parseInt(params.get("f"), 10)); }
  if (metricSelect.selectedIndex < 0) { metricSelect.value = "-1"; }
  if (flagSelect.selectedIndex < 0) { flagSelect.value = "0"; }

  function delta(row) { return row[2] === null || row[3] === null ? null : row[3] - row[2]; }
  function value(row, key) {
    switch (key) {
      case "task": return data.tasks[row[0]][1];
      case "model": return data.metrics[row[1]][0];
      case "metric": return data.metrics[row[1]][1];
      case "category": return data.categories[data.tasks[row[0]][2]];
      case "baseline": return row[2];
      case "candidate": return row[3];
      case "delta": return delta(row);
      case "p": return row[4];
      default: return row[5];
    }
  }
  function compare(a, b) {
    var x = value(a, sortKey), y = value(b, sortKey);
    if (x === y) { return a[0] - b[0]; }
    if (x === null) { return 1; }
    if (y === null) { return -1; }
    return (x < y ? -1 : 1) * sortDirection;
  }
  function number(x, signed) {
    if (x === null) { return "\u2014"; }
    return (signed && x >= 0 ? "+" : "") + x.toFixed(3);
  }
  function cell(row, content, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    if (typeof content === "string") { td.textContent = content; } else { td.appendChild(content); }
    row.appendChild(td);
  }
  function render() {
    var needle = text.value.trim().toLowerCase();
    var metric = parseInt(metricSelect.value, 10), flag = parseInt(flagSelect.value, 10);
    var rows = data.rows.filter(function (row) {
      if (metric >= 0 && row[1] !== metric) { return false; }
      if (flag > 0 && (row[5] & flag) === 0) { return false; }
      if (!needle) { return true; }
      var task = data.tasks[row[0]];
      return (task[1] + " " + task[0] + " " + data.metrics[row[1]][0] + " " + data.categories[task[2]]).toLowerCase().indexOf(needle) >= 0;
    });
    rows.sort(compare);
    while (body.firstChild) { body.removeChild(body.firstChild); }
    rows.slice(0, limit).forEach(function (row) {
      var task = data.tasks[row[0]], tr = document.createElement("tr");
      var link = document.createElement("a");
      link.href = "samples/" + ("000" + task[3]).slice(-4) + ".html#t" + row[0];
      link.textContent = task[1];
      cell(tr, link);
      cell(tr, task[0]);
      cell(tr, data.categories[task[2]]);
      cell(tr, data.metrics[row[1]][0]);
      cell(tr, data.metrics[row[1]][1]);
      cell(tr, number(row[2]), "num");
      cell(tr, number(row[3]), "num");
      cell(tr, number(delta(row), true), "num");
      cell(tr, row[4] === null ? "\u2014" : (row[4] < 0.001 ? "<0.001" : row[4].toFixed(3)), "num");
      var flags = document.createElement("span");
      FLAGS.forEach(function (entry) {
        if (row[5] & entry[0]) {
          var badge = document.createElement("span");
          badge.className = "badge " + entry[1];
          badge.textContent = entry[1];
          flags.appendChild(badge);
        }
      });
      cell(tr, flags);
      body.appendChild(tr);
    });
    count.textContent = rows.length + " of " + data.rows.length + " rows" + (rows.length > limit ? ", showing the first " + limit : "");
    more.hidden = rows.length <= limit;
    headers.forEach(function (th) {
      th.setAttribute("aria-sort", th.getAttribute("data-key") === sortKey ? (sortDirection > 0 ? "ascending" : "descending") : "none");
    });
  }
  headers.forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      sortDirection = key === sortKey ? -sortDirection : 1;
      sortKey = key;
      render();
    });
  });
  [text, metricSelect, flagSelect].forEach(function (control) {
    control.addEventListener("input", function () { limit = 200; render(); });
  });
  more.addEventListener("click", function () { limit += 1000; render(); });
  render();
  document.documentElement.setAttribute("data-ready", "tasks");
})();
"""#

    /// A drill-down page: decodes its base64 gzip JSON with DecompressionStream (no request), then lays out
    /// the tasks (the one `#t<index>` names, else all) with createElement/textContent only.
    static let samplesScript = #"""
(function () {
  "use strict";
  var status = document.getElementById("sample-status");
  var container = document.getElementById("tasks");
  var showAll = document.getElementById("show-all");
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function add(parent, tag, className, text) { return parent.appendChild(element(tag, className, text)); }
  function block(parent, label, text, open) {
    var details = add(parent, "details");
    if (open) { details.open = true; }
    add(details, "summary", null, label);
    add(details, "pre", "wrap", text);
  }
  function decode() {
    var binary = atob(document.getElementById("sample-data").textContent.trim());
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }
  function sample(parent, data) {
    var article = add(parent, "article", "sample");
    article.setAttribute("aria-label", "sample " + data.sample);
    var heading = add(article, "h4", null, "Sample " + data.sample + " ");
    add(heading, "span", "badge " + (data.state === "passed" ? "pass" : data.state), data.state);
    if (data.cached) { add(heading, "span", "badge", "cached"); }
    if (data.scores) { add(article, "p", null, data.scores); }
    if (data.error) { add(article, "p", "warning", data.error); }
    data.parts.forEach(function (part) {
      if (part[2] === "text") { add(article, "pre", "wrap prose", part[1]); return; }
      var figure = add(article, "figure");
      add(figure, "figcaption", null, part[0] === null ? "unnamed block" : part[0]);
      add(add(figure, "pre"), "code", null, part[1]);
    });
    if (data.execution) {
      add(article, "h5", "muted", "Execution");
      var facts = add(article, "dl", "facts");
      data.execution.facts.forEach(function (fact) { add(facts, "dt", null, fact[0]); add(facts, "dd", null, fact[1]); });
      data.execution.checks.forEach(function (check) {
        var line = add(article, "p");
        add(line, "strong", null, check.name);
        line.appendChild(document.createTextNode(": " + check.summary));
        if (check.stdout) { block(article, "stdout (last lines)", check.stdout, false); }
        if (check.stderr) { block(article, "stderr (last lines)", check.stderr, true); }
      });
      if (data.execution.mutants) { add(article, "p", null, "Mutants: " + data.execution.mutants); }
    }
    if (data.judge) {
      add(article, "h5", "muted", "Judge");
      add(article, "p", null, data.judge.summary);
      if (data.judge.manipulation) { add(article, "p", "warning", "Suspected judge manipulation: " + data.judge.manipulation); }
      var votes = add(article, "ul", "votes");
      data.judge.votes.forEach(function (vote) {
        var item = add(votes, "li", null, vote.line);
        if (vote.rationale) { add(item, "pre", "wrap", vote.rationale); }
      });
    }
  }
  function task(data) {
    var section = element("section", "task");
    section.id = "t" + data.index;
    var heading = add(section, "h2", null, data.id);
    heading.id = "t" + data.index + "-h";
    section.setAttribute("aria-labelledby", heading.id);
    add(section, "p", "muted", "benchmark " + data.benchmark + (data.category ? " \u00b7 category " + data.category : ""));
    data.models.forEach(function (model) {
      add(section, "h3", null, model.name);
      if (model.metrics.length) {
        var table = add(add(section, "div", "table-wrap"), "table");
        var head = add(add(table, "thead"), "tr");
        ["Metric", "Baseline", "Candidate", "\u0394"].forEach(function (label, column) {
          var th = add(head, "th", column ? "num" : null, label);
          th.scope = "col";
        });
        var body = add(table, "tbody");
        model.metrics.forEach(function (metric) {
          var row = add(body, "tr");
          add(row, "th", null, metric[0]).scope = "row";
          for (var i = 1; i < 4; i++) { add(row, "td", "num", metric[i]); }
        });
      }
      if (model.changed) { add(section, "p", "warning", "The task changed since the baseline (another task hash): it is not compared."); }
      if (model.missing) { add(section, "p", "muted", "No candidate sample (missing in this run)."); }
      model.samples.forEach(function (data) { sample(section, data); });
      if (model.baseline.length) {
        var details = add(section, "details");
        add(details, "summary", null, "Baseline: " + model.baseline.length + " samples");
        var list = add(details, "ul");
        model.baseline.forEach(function (line) { add(list, "li", null, line); });
      }
    });
    return section;
  }
  function show(data) {
    var match = /^#t(\d+)$/.exec(location.hash);
    var wanted = match ? parseInt(match[1], 10) : -1;
    var tasks = data.tasks.filter(function (entry) { return wanted < 0 || entry.index === wanted; });
    if (!tasks.length) { tasks = data.tasks; }
    while (container.firstChild) { container.removeChild(container.firstChild); }
    tasks.forEach(function (entry) { container.appendChild(task(entry)); });
    showAll.hidden = tasks.length === data.tasks.length;
    status.textContent = tasks.length === 1 ? "" : data.tasks.length + " tasks on this page.";
    if (wanted >= 0) { window.scrollTo(0, 0); }
    document.documentElement.setAttribute("data-ready", "samples");
  }
  decode().then(function (data) {
    show(data);
    // Only the task anchors and #all redraw; other fragments (the skip link's #main) keep the view.
    window.addEventListener("hashchange", function () { if (/^#(t\d+|all)?$/.test(location.hash)) { show(data); } });
  }).catch(function (error) {
    status.textContent = "The samples could not be opened in this browser: " + error;
  });
})();
"""#
}
