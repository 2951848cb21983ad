"""Headless Chromium driven over the DevTools protocol (a websocket), for tests that click.

`--dump-dom` (as test_ui.py uses) shows a page as loaded; this drives one: it
navigates, evaluates JavaScript in the page (choose a filter, read an element),
and takes screenshots. Chromium is Debian's `chromium` (.ci/run installs it).
"""
from __future__ import annotations

import base64
import itertools
import json
import re
import shutil
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path

from websockets.sync.client import connect

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    def __init__(self, profile: Path, width: int = 1280, height: int = 900):
        self.log = profile.with_name(profile.name + ".log")  # a file, not a pipe nobody drains
        self._log_file = open(self.log, "w")
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=self._log_file)
        self._ids = itertools.count(1)
        self._exits = ExitStack()  # closes the websocket
        try:
            self.socket = self._exits.enter_context(connect(self._page_socket_url(), max_size=None,
                                                            open_timeout=30))
            self.call("Page.enable")
            self.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        except BaseException:
            self.close()
            raise

    def _page_socket_url(self) -> str:
        """Chromium prints its browser endpoint on stderr; the page's endpoint is listed at /json."""
        import urllib.request

        deadline = time.monotonic() + 60
        while not (found := re.search(r"DevTools listening on ws://([\d.]+:\d+)/", self.log.read_text())):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chromium did not open its DevTools port: {self.log.read_text()[-2000:]}")
            time.sleep(0.1)
        with urllib.request.urlopen(f"http://{found.group(1)}/json/list", timeout=30) as response:
            targets = json.loads(response.read())
        return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")

    def call(self, method: str, params: dict | None = None) -> dict:
        """Send one command and return its result (events arriving meanwhile are dropped)."""
        message_id = next(self._ids)
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params or {}}))
        while True:
            reply = json.loads(self.socket.recv(timeout=60))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 30):
        """Wait until the expression is truthy in the page (a load, an image); its value."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                value = self.evaluate(expression)
            except RuntimeError as exc:  # the page is navigating: ask the next one
                if "navigated or closed" not in str(exc) and "context" not in str(exc):
                    raise
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"still false after {seconds} s: {expression}")
            time.sleep(0.1)

    def open(self, url: str) -> None:
        """Navigate and wait for the new page's load (a marker left in the old page is gone)."""
        self.evaluate("window.__previousPage = true")
        if "loaderId" not in self.call("Page.navigate", {"url": url}):
            return  # the same page, another anchor: nothing loads
        self.wait_for("window.__previousPage === undefined && document.readyState === 'complete'")

    def screenshot(self, path: Path, around: str | None = None) -> Path:
        """The viewport as a PNG; with `around` (an element id), its neighbourhood at twice the scale."""
        params: dict = {"format": "png"}
        if around:
            rect = self.evaluate(f"""(() => {{
                const r = document.getElementById({json.dumps(around)}).getBoundingClientRect();
                return {{x: r.left + scrollX - 150, y: r.top + scrollY - 60, width: r.width + 300,
                         height: r.height + 120}};
            }})()""")
            params["clip"] = {**rect, "scale": 2}
        data = self.call("Page.captureScreenshot", params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        self._exits.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()
