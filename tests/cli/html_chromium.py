#!/usr/bin/python3
"""html_chromium.py GRAPH.html GRAPH.json SCREENSHOT.png - opens kgraph's
interactive page in headless Chromium and uses it as a person would, driving
the browser over the DevTools protocol (--remote-debugging-pipe: JSON
messages on file descriptors 3 and 4, no network port):

  - the page loads from a file with no network request at all;
  - a real mouse click on a relation's label shows its evidence sentences and
    documents in the side panel;
  - a click on an entity shows its names, mentions and relations;
  - typing in the search box highlights the matching entities;
  - the mouse wheel zooms (the SVG viewBox changes);
  - a screenshot of the page is saved.

Exits 77 (skip) when Chromium is not installed."""
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import base64

html, graph_json, screenshot = sys.argv[1:4]
browser = shutil.which("chromium") or shutil.which("chromium-browser")
if not browser:
    print("chromium is not installed; skipped")
    sys.exit(77)

DEADLINE = time.time() + 90


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():
            # copy both ends out of the way first: a pipe may already sit on 3 or 4
            r, w = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [browser, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--user-data-dir=" + self.profile, "--remote-debugging-pipe",
             "--window-size=1400,900", "about:blank"],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self):
        while b"\0" not in self.buf:
            left = DEADLINE - time.time()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self.from_child], [], [], left)
            if ready:
                chunk = os.read(self.from_child, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=True, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_child, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_event(self, method):
        while True:
            for i, ev in enumerate(self.events):
                if ev["method"] == method:
                    return self.events.pop(i)
            self.events.append(self._read_message())

    def js(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                      awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError("page script failed: %s" % r["exceptionDetails"])
        return r["result"].get("value")

    def click(self, x, y):
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                      clickCount=1)

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def need(cond, what):
    if not cond:
        raise AssertionError(what)


with open(graph_json, encoding="utf-8") as f:
    data = json.load(f)
labels = {n["id"]: n["data"]["label"] for n in data["nodes"]}

b = Browser()
passed = []
try:
    target = b.call("Target.createTarget", session=False, url="about:blank")["targetId"]
    b.session = b.call("Target.attachToTarget", session=False, targetId=target,
                       flatten=True)["sessionId"]
    b.call("Page.enable")
    b.call("Runtime.enable")
    b.call("Network.enable")
    b.call("Emulation.setDeviceMetricsOverride", width=1400, height=900, deviceScaleFactor=1,
           mobile=False)
    url = "file://" + os.path.abspath(html)
    b.call("Page.navigate", url=url)
    b.wait_event("Page.loadEventFired")
    need(b.js("document.body.getAttribute('data-ready')") == "1", "page script did not run")
    requests = [e["params"]["request"]["url"] for e in b.events
                if e["method"] == "Network.requestWillBeSent"]
    need(all(u.startswith("file://") or u.startswith("data:") for u in requests),
         "the page fetched %r" % requests)
    passed.append("loads with no network request")

    # the drawn edge with most relations whose label is visible: click its label
    target_edge = b.js("""(() => {
        const best = [...document.querySelectorAll('g.node')]
            .filter(g => /^d_n\\d+_n\\d+$/.test(g.id))
            .map(g => ({g, r: g.querySelector('text').getBoundingClientRect()}))
            .filter(o => o.r.width > 0 && o.r.left > 0 && o.r.top > 0 &&
                         o.r.right < innerWidth && o.r.bottom < innerHeight);
        best.sort((a, b) => b.g.textContent.length - a.g.textContent.length);
        const o = best[0];
        return {id: o.g.id, x: o.r.left + o.r.width / 2, y: o.r.top + o.r.height / 2};
    })()""")
    src, dst = target_edge["id"][2:].split("_")
    b.click(target_edge["x"], target_edge["y"])
    panel = b.js("document.getElementById('panel').innerText")
    need(labels[src] in panel and labels[dst] in panel, "panel lacks the ends: %r" % panel[:200])
    members = [e for e in data["edges"] if e["source"] == src and e["target"] == dst]
    need(members, "no edges for the clicked label")
    for e in members:
        first = e["data"]["evidence"].split("\n")[0]
        doc, sentence = first[1:].split("] ", 1)
        need(sentence.strip() in panel, "panel lacks the evidence %r" % sentence[:60])
        need(doc in panel, "panel lacks the document %r" % doc)
        need(e["data"]["relation"] in panel, "panel lacks the relation")
    selected = b.js("document.getElementById(%s).classList.contains('selected')"
                    % json.dumps(target_edge["id"]))
    need(selected, "the clicked relation is not highlighted")
    passed.append("click on %s \u2192 %s shows %d relation(s) with evidence"
                  % (labels[src], labels[dst], len(members)))

    # click an entity: the Taliban's ellipse
    taliban = [i for i, l in labels.items() if l == "Taliban"][0]
    pt = b.js("""(() => { const r = document.getElementById(%s).querySelector('ellipse,polygon')
                  .getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()"""
              % json.dumps(taliban))
    b.click(pt["x"], pt["y"])
    panel = b.js("document.getElementById('panel').innerText")
    need(panel.startswith("Taliban") and "mentions" in panel and "relations" in panel,
         "entity panel: %r" % panel[:200])
    degree = sum(1 for e in data["edges"] if taliban in (e["source"], e["target"]))
    need(("%d relations" % degree) in panel, "entity panel does not count %d relations" % degree)
    passed.append("click on the Taliban lists its %d relations" % degree)

    # type into the search box
    b.js("document.getElementById('search').focus()")
    b.call("Input.insertText", text="qatar")
    count = b.js("document.getElementById('count').textContent")
    matched = b.js("[...document.querySelectorAll('g.node.match')].map(g => g.id)")
    expect = [i for i, l in labels.items() if "qatar" in l.lower()]
    need(sorted(matched) == sorted(expect) and expect, "search matched %r, not %r" % (matched, expect))
    need(count.startswith(str(len(expect))), "search count %r" % count)
    passed.append("search 'qatar' highlights %d entities" % len(expect))
    b.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter",
           windowsVirtualKeyCode=13, text="\r")
    b.call("Input.dispatchKeyEvent", type="keyUp", key="Enter", code="Enter",
           windowsVirtualKeyCode=13)
    panel = b.js("document.getElementById('panel').innerText")
    need(any(panel.startswith(labels[i]) for i in expect), "Enter did not select: %r" % panel[:80])
    passed.append("Enter selects the first match (%s)" % panel.split("\n")[0])

    # wheel zoom changes the viewBox
    before = b.js("document.querySelector('#view svg').getAttribute('viewBox')")
    b.call("Input.dispatchMouseEvent", type="mouseWheel", x=500, y=400, deltaX=0, deltaY=-400)
    after = b.js("document.querySelector('#view svg').getAttribute('viewBox')")
    need(before != after and float(after.split()[2]) < float(before.split()[2]),
         "wheel did not zoom in: %s -> %s" % (before, after))
    passed.append("wheel zooms in")

    # reset, select the edge again for the picture, and take it
    b.js("document.getElementById('reset').click(); document.getElementById('search').value='';"
         "document.getElementById('search').dispatchEvent(new Event('input'))")
    b.click(target_edge["x"], target_edge["y"])
    shot = b.call("Page.captureScreenshot", format="png")["data"]
    with open(screenshot, "wb") as f:
        f.write(base64.b64decode(shot))
    passed.append("screenshot in %s" % screenshot)
finally:
    b.close()

for p in passed:
    print("ok   " + p)
print("%d passed, 0 failed" % len(passed))
