#!/usr/bin/env python3
"""Load pages in headless Chromium over the DevTools protocol and report what happened, as JSON.

Python 3.11 standard library only. One browser process for the whole probe, talking CDP over
``--remote-debugging-pipe`` (the browser reads NUL-terminated JSON messages on its fd 3 and writes
them on its fd 4); no websocket, no port. Each page gets its own new target (Target.createTarget,
then Target.attachToTarget with flatten=true), closed when the page is done.

Usage
-----
    python3 chromium_probe.py [--chromium /usr/bin/chromium] [--width 1280] [--height 900]
                              [--dark] [--timeout 60] [--page-timeout 30] [--no-dom]
                              [--spec pages.json]
                              --page URL [--screenshot out.png] [--full-page]
                                         [--wait-for CSS_SELECTOR] [--eval JS]...
                              [--page URL ...]...

Page groups: each ``--page`` starts a new page spec; ``--screenshot``, ``--full-page``,
``--wait-for`` and ``--eval`` (repeatable, run in order) apply to the ``--page`` before them.
``--spec FILE`` adds pages from a JSON list of objects
``{"url", "screenshot"?, "full_page"?, "wait_for"?, "evals"?: [js, ...], "dark"?: bool}``
(these come first, then the ``--page`` groups). ``--dark`` emulates prefers-color-scheme: dark for
every page (a spec's ``dark`` overrides it per page); otherwise light is emulated explicitly. The
viewport is exactly --width x --height CSS px at device scale 1 (Emulation.setDeviceMetricsOverride).
A URL without a scheme is taken as a local file path and turned into a file:// URL.

Per page: Page, Network, Runtime and Log are enabled, then Page.navigate; the probe waits for
Page.loadEventFired of that navigation, then (with wait_for) polls document.querySelector until it
matches, then waits for 300 ms without protocol events (at most 3 s). JavaScript dialogs are recorded
and dismissed at once (Page.handleJavaScriptDialog accept=false) so pages never hang on them.
Runtime.evaluate ignores the page's CSP, so probing works on pages with a strict policy.

Output: one JSON object on stdout:

    {"chromium": "Chrome/156.0.8078.79",           # Browser.getVersion product
     "pages": [{
        "url": "...",                               # as navigated
        "requests": ["file:///...", ...],            # Network.requestWillBeSent URLs, in order (the
                                                     # page itself included; CSP-blocked loads too;
                                                     # data: URLs over 120 chars shortened)
        "failed_requests": [{"url", "error": "net::ERR_BLOCKED_BY_CSP", "blocked_reason"?: "csp"}],
        "dialogs": [{"type": "alert", "message": "1", "url": "..."}],
        "exceptions": [{"text": "Uncaught ReferenceError: ...", "url": ..., "line": n, "column": n}],
        "console": [{"type": "log", "text": "a 1", "args": ["a", "1"]}],
        "log": [{"source": "security", "level": "error", "text": "...", "url": ...}],   # CSP violations
        "paint": {"first-paint": ms, "first-contentful-paint": ms},   # missing entries are absent
        "dom_content_loaded_ms": ms|null, "load_ms": ms|null,         # navigation timing, from start
        "title": "...",
        "evals": [{"expression": js, "value": any, "type": "number", "exception": null|str}],
        "dom": "<html>...</html>"|null, "text": "..."|null,           # null with --no-dom
        "screenshot": "out.png"|null,
        "elapsed_ms": ms,                                              # wall time of this page
        "error": null|str}],                                           # navigation/wait/collect failure
     "elapsed_ms": ms}                                                 # whole probe incl. browser start

Exit status: 0 every page loaded without error (dialogs, exceptions, console errors and CSP reports
do not count: the caller judges them); 1 some page has an error; 2 the browser failed to start or
died, or the overall --timeout passed (message on stderr, with the tail of Chromium's stderr);
64 bad usage. Chromium's own stderr (dbus noise and so on) goes to a temporary file. The browser
is always killed and its temporary profile removed at exit. ``--no-sandbox`` is passed only when
running as root.
"""
from __future__ import annotations

import argparse
import base64
import fcntl
import json
import os
import pathlib
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

QUIET_MS = 300
QUIET_CAP_MS = 3000
POLL_MS = 50


class ProbeTimeout(Exception):
    pass


class BrowserGone(Exception):
    pass


class CDPError(Exception):
    def __init__(self, method: str, error: dict):
        super().__init__(f"{method}: {error.get('message', error)} {error.get('data', '')}".strip())
        self.error = error


# ---------------------------------------------------------------------------------------------
# arguments


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 64, not argparse's 2 (2 means browser trouble)
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(64)


class _PageAction(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        pages = getattr(namespace, "pages", None) or []
        pages.append({"url": values, "evals": []})
        namespace.pages = pages


class _PageOption(argparse.Action):
    """--screenshot / --wait-for / --eval / --full-page: attach to the preceding --page."""

    def __call__(self, parser, namespace, values, option_string=None):
        pages = getattr(namespace, "pages", None)
        if not pages:
            parser.error(f"{option_string} must follow a --page")
        page = pages[-1]
        if self.dest == "evals":
            page["evals"].append(values)
        elif self.dest == "full_page":
            page["full_page"] = True
        else:
            page[self.dest] = values


def parse_args(argv):
    p = _Parser(prog="chromium_probe.py", description=__doc__.split("\n\n")[0],
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--chromium", default="/usr/bin/chromium")
    p.add_argument("--width", type=int, default=1280)
    p.add_argument("--height", type=int, default=900)
    p.add_argument("--dark", action="store_true", help="emulate prefers-color-scheme: dark")
    p.add_argument("--timeout", type=float, default=60.0, help="overall seconds (exit 2 when exceeded)")
    p.add_argument("--page-timeout", type=float, default=30.0,
                   help="seconds per page for the load event and --wait-for (a page error, not fatal)")
    p.add_argument("--no-dom", action="store_true", help="do not collect dom and text (large pages)")
    p.add_argument("--spec", help="JSON file: list of page specs")
    p.add_argument("--page", action=_PageAction, dest="pages", metavar="URL")
    p.add_argument("--screenshot", action=_PageOption, dest="screenshot", metavar="PNG")
    p.add_argument("--full-page", action=_PageOption, dest="full_page", nargs=0)
    p.add_argument("--wait-for", action=_PageOption, dest="wait_for", metavar="CSS")
    p.add_argument("--eval", action=_PageOption, dest="evals", metavar="JS")
    args = p.parse_args(argv)
    pages = []
    if args.spec:
        try:
            with open(args.spec, encoding="utf-8") as f:
                spec = json.load(f)
        except (OSError, ValueError) as e:
            p.error(f"--spec {args.spec}: {e}")
        if not isinstance(spec, list) or not all(isinstance(s, dict) and isinstance(s.get("url"), str) for s in spec):
            p.error("--spec must hold a JSON list of objects with a string 'url'")
        for s in spec:
            unknown = set(s) - {"url", "screenshot", "full_page", "wait_for", "evals", "dark"}
            if unknown:
                p.error(f"--spec: unknown keys {sorted(unknown)}")
            evals = s.get("evals") or []
            if not isinstance(evals, list) or not all(isinstance(e, str) for e in evals):
                p.error("--spec: evals must be a list of strings")
            pages.append({**s, "evals": evals})
    pages.extend(args.pages or [])
    if not pages:
        p.error("give at least one --page URL or a --spec file")
    for page in pages:
        page["url"] = normalize_url(page["url"])
        page.setdefault("dark", args.dark)
    args.pages = pages
    return args


def normalize_url(url: str) -> str:
    if "://" in url or url.startswith(("about:", "data:", "javascript:")):
        return url
    return pathlib.Path(url).resolve().as_uri()


# ---------------------------------------------------------------------------------------------
# the browser and the pipe


def spawn_with_fds(argv, fd_map, **kwargs):
    """Popen(argv) with the child's fds set from fd_map {child_fd: parent_fd}, via pass_fds.

    pass_fds keeps fd numbers, so the parent briefly puts the wanted descriptors on those numbers,
    saving whatever was there, and restores them after the fork."""
    staged = {t: fcntl.fcntl(s, fcntl.F_DUPFD_CLOEXEC, 10) for t, s in fd_map.items()}
    saved = {}
    for t in fd_map:
        try:
            saved[t] = (fcntl.fcntl(t, fcntl.F_DUPFD_CLOEXEC, 10), os.get_inheritable(t))
        except OSError:
            saved[t] = None
    try:
        for t, s in staged.items():
            os.dup2(s, t, inheritable=False)
        return subprocess.Popen(argv, pass_fds=tuple(fd_map), **kwargs)
    finally:
        for t, old in saved.items():
            if old is None:
                os.close(t)
            else:
                os.dup2(old[0], t, inheritable=old[1])
                os.close(old[0])
        for s in staged.values():
            os.close(s)


class Browser:
    def __init__(self, chromium, width, height, deadline):
        self.deadline = deadline
        self.tmp = tempfile.mkdtemp(prefix="chromium-probe-")
        self.profile = os.path.join(self.tmp, "profile")
        self.stderr_path = os.path.join(self.tmp, "chromium-stderr.log")
        self.proc = None
        self.next_id = 0
        self.buffer = b""
        self.responses = {}
        self.sessions = {}  # sessionId -> PageRecorder
        to_child_r, self.to_child_w = os.pipe()
        self.from_child_r, from_child_w = os.pipe()
        argv = [chromium, "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--hide-scrollbars", "--mute-audio", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", f"--user-data-dir={self.profile}",
                "--remote-debugging-pipe"]
        if os.geteuid() == 0:
            argv.append("--no-sandbox")
        argv.append("about:blank")
        self.stderr_file = open(self.stderr_path, "wb")
        try:
            self.proc = spawn_with_fds(argv, {3: to_child_r, 4: from_child_w}, stdin=subprocess.DEVNULL,
                                       stdout=self.stderr_file, stderr=self.stderr_file, start_new_session=True)
        except BaseException:
            self.close()  # no browser: still close the pipes and remove the temporary folder
            raise
        finally:
            os.close(to_child_r)
            os.close(from_child_w)

    # -- transport

    def stderr_tail(self, lines=20) -> str:
        """The last lines of Chromium's stderr, without the D-Bus complaints every start prints."""
        try:
            self.stderr_file.flush()
            with open(self.stderr_path, "rb") as f:
                data = f.read()
        except OSError:
            return ""
        text = data[-65536:].decode("utf-8", "replace").splitlines()
        useful = [line for line in text if line.strip() and "dbus" not in line.lower()]
        return "\n".join(line[:500] for line in useful[-lines:])

    def send(self, method, params=None, session=None) -> int:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            try:
                n = os.write(self.to_child_w, data)
            except BrokenPipeError:
                raise BrowserGone("the browser closed its pipe")
            data = data[n:]
        return self.next_id

    def pump(self, until: float) -> bool:
        """Wait until at least one whole message has arrived (dispatching everything read) or until
        `until` (monotonic) passes; returns whether a message arrived. Past the overall deadline it
        raises ProbeTimeout."""
        while True:
            now = time.monotonic()
            if now >= self.deadline:
                raise ProbeTimeout()
            wait = max(0.0, min(until, self.deadline) - now)
            ready, _, _ = select.select([self.from_child_r], [], [], wait)
            if not ready:
                if time.monotonic() >= self.deadline:
                    raise ProbeTimeout()
                return False
            chunk = os.read(self.from_child_r, 1 << 20)
            if not chunk:
                raise BrowserGone("the browser closed its pipe")
            self.buffer += chunk
            *messages, self.buffer = self.buffer.split(b"\0")
            for raw in messages:
                self.dispatch(json.loads(raw))
            if messages:
                return True

    def dispatch(self, message):
        if "id" in message:
            self.responses[message["id"]] = message
            return
        recorder = self.sessions.get(message.get("sessionId"))
        if recorder is not None:
            recorder.on_event(message["method"], message.get("params", {}))

    def call(self, method, params=None, session=None, timeout=None):
        ident = self.send(method, params, session)
        started = time.monotonic()
        until = self.deadline if timeout is None else min(self.deadline, time.monotonic() + timeout)
        while ident not in self.responses:
            if time.monotonic() >= until:
                raise TimeoutError(f"{method}: no answer within {until - started:.1f} s")
            self.pump(until)
        message = self.responses.pop(ident)
        if "error" in message:
            raise CDPError(method, message["error"])
        return message.get("result", {})

    def close(self):
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.send("Browser.close")
                self.proc.wait(timeout=3)
            except Exception:
                pass
        if self.proc is not None:
            try:  # the browser's own process group (start_new_session): its renderers and zygotes
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        for fd in (self.to_child_w, self.from_child_r):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            self.stderr_file.close()
        except OSError:
            pass
        for _ in range(3):  # children may still be writing the profile for a moment
            shutil.rmtree(self.tmp, ignore_errors=True)
            if not os.path.exists(self.tmp):
                break
            time.sleep(0.2)


# ---------------------------------------------------------------------------------------------
# one page


def remote_text(obj) -> str:
    if "value" in obj:
        v = obj["value"]
        return v if isinstance(v, str) else json.dumps(v)
    if "unserializableValue" in obj:
        return obj["unserializableValue"]
    if "description" in obj:
        return obj["description"]
    return obj.get("type", "")


def exception_text(details) -> str:
    exc = details.get("exception") or {}
    text = exc.get("description") or remote_text(exc) if exc else ""
    head = details.get("text", "")
    if text and head and not text.startswith(head) and head != "Uncaught":
        return f"{head} {text}"
    if text and head == "Uncaught":
        return f"Uncaught {text}"
    return text or head


class PageRecorder:
    def __init__(self, browser: Browser, session: str):
        self.browser = browser
        self.session = session
        self.requests, self.dialogs, self.exceptions, self.console, self.log = [], [], [], [], []
        self.failed_requests, self.request_urls = [], {}
        self.events = []  # (method, params) of Page lifecycle events, in order
        self.last_event = time.monotonic()

    def on_event(self, method, params):
        self.last_event = time.monotonic()
        if method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if url.startswith("data:") and len(url) > 120:  # error pages and inline images: keep them short
                url = f"{url[:100]}…({len(url)} chars)"
            self.request_urls[params.get("requestId")] = url
            self.requests.append(url)
        elif method == "Network.loadingFailed":
            failure = {"url": self.request_urls.get(params.get("requestId")), "error": params.get("errorText")}
            if params.get("blockedReason"):
                failure["blocked_reason"] = params["blockedReason"]
            if params.get("corsErrorStatus"):
                failure["cors_error"] = params["corsErrorStatus"].get("corsError")
            self.failed_requests.append(failure)
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append({"type": params.get("type"), "message": params.get("message"),
                                 "url": params.get("url")})
            self.browser.send("Page.handleJavaScriptDialog", {"accept": False}, self.session)
        elif method == "Runtime.exceptionThrown":
            d = params.get("exceptionDetails", {})
            self.exceptions.append({"text": exception_text(d), "url": d.get("url"),
                                    "line": d.get("lineNumber"), "column": d.get("columnNumber")})
        elif method == "Runtime.consoleAPICalled":
            args = [remote_text(a) for a in params.get("args", [])]
            self.console.append({"type": params.get("type"), "text": " ".join(args), "args": args})
        elif method == "Log.entryAdded":
            e = params.get("entry", {})
            self.log.append({"source": e.get("source"), "level": e.get("level"), "text": e.get("text"),
                             "url": e.get("url")})
        elif method in ("Page.frameNavigated", "Page.loadEventFired"):
            self.events.append((method, params))

    def loaded(self, loader_id) -> bool:
        seen_nav = loader_id is None
        for method, params in self.events:
            if method == "Page.frameNavigated":
                frame = params.get("frame", {})
                if not frame.get("parentId") and (loader_id is None or frame.get("loaderId") == loader_id):
                    seen_nav = True
            elif method == "Page.loadEventFired" and seen_nav:
                return True
        return False

    def evaluate(self, expression, timeout, await_promise=True):
        result = self.browser.call("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": await_promise,
            "userGesture": False}, self.session, timeout=timeout)
        if "exceptionDetails" in result:
            return None, result.get("result", {}).get("type"), exception_text(result["exceptionDetails"])
        obj = result.get("result", {})
        if "value" in obj:
            value = obj["value"]
        elif "unserializableValue" in obj:
            value = obj["unserializableValue"]
        else:
            value = None
        return value, obj.get("type"), None


TIMINGS_JS = """(() => {
  const paint = {};
  for (const e of performance.getEntriesByType('paint')) paint[e.name] = e.startTime;
  const nav = performance.getEntriesByType('navigation')[0];
  return {paint, dcl: nav ? nav.domContentLoadedEventEnd : null, load: nav ? nav.loadEventEnd : null,
          title: document.title};
})()"""


def probe_page(browser: Browser, spec, args) -> dict:
    started = time.monotonic()
    out = {"url": spec["url"], "requests": [], "failed_requests": [], "dialogs": [], "exceptions": [], "console": [], "log": [],
           "paint": {}, "dom_content_loaded_ms": None, "load_ms": None, "title": None, "evals": [],
           "dom": None, "text": None, "screenshot": None, "elapsed_ms": None, "error": None}
    page_deadline = min(browser.deadline, started + args.page_timeout)
    step = lambda: max(0.1, page_deadline - time.monotonic())  # noqa: E731
    target = browser.call("Target.createTarget", {"url": "about:blank"}, timeout=step())["targetId"]
    session = None
    recorder = None
    try:
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        recorder = PageRecorder(browser, session)
        browser.sessions[session] = recorder
        for domain in ("Page", "Network", "Runtime", "Log"):
            browser.call(f"{domain}.enable", {}, session)
        browser.call("Emulation.setDeviceMetricsOverride", {"width": args.width, "height": args.height,
                                                            "deviceScaleFactor": 1, "mobile": False}, session)
        browser.call("Emulation.setEmulatedMedia", {"features": [
            {"name": "prefers-color-scheme", "value": "dark" if spec.get("dark") else "light"}]}, session)
        recorder.events.clear()
        nav = browser.call("Page.navigate", {"url": spec["url"]}, session, timeout=step())
        if nav.get("errorText"):
            out["error"] = f"navigation failed: {nav['errorText']}"
        loader = nav.get("loaderId")
        while not recorder.loaded(loader):
            if time.monotonic() >= page_deadline:
                raise TimeoutError(f"no load event within {args.page_timeout:g} s")
            browser.pump(page_deadline)
        if spec.get("wait_for"):
            selector = json.dumps(spec["wait_for"])
            while True:
                found, _, exc = recorder.evaluate(f"document.querySelector({selector}) !== null", step())
                if exc:
                    raise RuntimeError(f"wait_for {spec['wait_for']!r}: {exc}")
                if found:
                    break
                if time.monotonic() >= page_deadline:
                    raise TimeoutError(f"wait_for {spec['wait_for']!r}: no match within {args.page_timeout:g} s")
                browser.pump(min(page_deadline, time.monotonic() + POLL_MS / 1000))
        quiet_cap = time.monotonic() + QUIET_CAP_MS / 1000
        while time.monotonic() < quiet_cap:
            if not browser.pump(min(quiet_cap, recorder.last_event + QUIET_MS / 1000)) \
                    and time.monotonic() >= recorder.last_event + QUIET_MS / 1000:
                break
        timings, _, exc = recorder.evaluate(TIMINGS_JS, step())
        if exc:
            raise RuntimeError(f"timings: {exc}")
        out["paint"] = timings["paint"]
        out["dom_content_loaded_ms"] = timings["dcl"]
        out["load_ms"] = timings["load"]
        out["title"] = timings["title"]
        for expression in spec.get("evals", []):
            value, kind, exc = recorder.evaluate(expression, step())
            out["evals"].append({"expression": expression, "value": value, "type": kind, "exception": exc})
        if not args.no_dom:
            out["dom"], _, exc = recorder.evaluate("document.documentElement ? document.documentElement.outerHTML : ''",
                                                   step())
            out["text"], _, exc2 = recorder.evaluate("document.body ? document.body.innerText : ''", step())
            if exc or exc2:
                raise RuntimeError(f"dom: {exc or exc2}")
        if spec.get("screenshot"):
            params = {"format": "png"}
            if spec.get("full_page"):
                metrics = browser.call("Page.getLayoutMetrics", {}, session, timeout=step())
                size = metrics.get("cssContentSize") or metrics.get("contentSize")
                params.update({"captureBeyondViewport": True, "clip": {
                    "x": 0, "y": 0, "width": max(1, size["width"]), "height": max(1, size["height"]), "scale": 1}})
            shot = browser.call("Page.captureScreenshot", params, session, timeout=max(step(), 10))
            with open(spec["screenshot"], "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            out["screenshot"] = spec["screenshot"]
    except (TimeoutError, CDPError, RuntimeError, OSError) as e:
        out["error"] = out["error"] or str(e)
    finally:
        if recorder is not None:
            out.update(requests=recorder.requests, failed_requests=recorder.failed_requests, dialogs=recorder.dialogs, exceptions=recorder.exceptions,
                       console=recorder.console, log=recorder.log)
        try:
            browser.call("Target.closeTarget", {"targetId": target}, timeout=5)
        except (TimeoutError, CDPError):
            pass
        browser.sessions.pop(session, None)
        out["elapsed_ms"] = round((time.monotonic() - started) * 1000, 1)
    return out


# ---------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    for page in args.pages:
        if page.get("screenshot"):
            parent = os.path.dirname(os.path.abspath(page["screenshot"]))
            if not os.path.isdir(parent):
                print(f"chromium_probe: --screenshot {page['screenshot']}: no folder {parent}", file=sys.stderr)
                return 64
    started = time.monotonic()
    deadline = started + args.timeout

    def on_signal(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    browser = None
    try:
        try:
            browser = Browser(args.chromium, args.width, args.height, deadline)
        except OSError as e:
            print(f"chromium_probe: cannot start {args.chromium}: {e}", file=sys.stderr)
            return 2
        try:
            version = browser.call("Browser.getVersion", timeout=min(30.0, args.timeout))
            pages = [probe_page(browser, spec, args) for spec in args.pages]
        except (ProbeTimeout, BrowserGone, TimeoutError, CDPError) as e:
            code = browser.proc.poll()
            if isinstance(e, ProbeTimeout):
                why = f"the probe did not finish within --timeout {args.timeout:g} s; Chromium was killed"
            elif code is not None:
                why = f"Chromium exited with status {code} ({e})"
            else:
                why = f"Chromium failed: {e}"
            tail = browser.stderr_tail()
            print(f"chromium_probe: {why}" + (f"\n--- Chromium stderr (tail) ---\n{tail}" if tail else ""),
                  file=sys.stderr)
            return 2
        result = {"chromium": version.get("product"), "pages": pages,
                  "elapsed_ms": round((time.monotonic() - started) * 1000, 1)}
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        sys.stdout.flush()
        return 1 if any(p["error"] for p in pages) else 0
    except KeyboardInterrupt:
        return 130
    finally:
        if browser is not None:
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
