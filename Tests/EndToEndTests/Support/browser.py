#!/usr/bin/env python3
"""Drives one headless Chromium over the DevTools protocol for Antre's browser tests.

usage: browser.py [--chromium PATH] [--window WxH]

Reads one JSON request per line on stdin and answers one JSON line per request on stdout,
`{"id": N, "ok": true, "result": …}` or `{"id": N, "ok": false, "error": "…"}`. Requests
run concurrently, so tests sharing the browser do not wait for each other's polls:

  {"id":1, "cmd":"open", "url":"http://…", "width":1920, "height":1080, "mobile":false,
   "init":"JS run before the page's own scripts (optional)"}
      → {"page": "P"} once the page's load event has fired
  {"id":2, "cmd":"eval", "page":"P", "expr":"document.title"}        → the value
  {"id":3, "cmd":"wait", "page":"P", "expr":"…", "timeout":5}        → the first truthy value
  {"id":4, "cmd":"click", "page":"P", "selector":"button.service", "hold":120}
      → a real mouse click, released `hold` ms after the press (default at once)
  {"id":5, "cmd":"screenshot", "page":"P", "path":"/tmp/x.png"}      → the path
  {"id":6, "cmd":"errors", "page":"P"}                                → uncaught errors so far
  {"id":7, "cmd":"close", "page":"P"}

Chromium runs with its own temporary profile and is killed when stdin closes, so a test
runner that dies never leaves a browser behind.
"""
import argparse, asyncio, base64, json, os, shutil, signal, subprocess, sys, tempfile

import websockets


class Page:
    def __init__(self, target, session):
        self.target = target
        self.session = session
        self.errors = []
        self.loaded = asyncio.Event()


class Browser:
    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.pending = {}
        self.pages = {}  # session id -> Page

    async def pump(self):
        async for raw in self.ws:
            msg = json.loads(raw)
            if "id" in msg:
                fut = self.pending.pop(msg["id"], None)
                if fut and not fut.done():
                    fut.set_result(msg)
                continue
            page = self.pages.get(msg.get("sessionId"))
            if page is None:
                continue
            method, params = msg.get("method"), msg.get("params", {})
            if method == "Page.loadEventFired":
                page.loaded.set()
            elif method == "Runtime.exceptionThrown":
                d = params.get("exceptionDetails", {})
                text = d.get("exception", {}).get("description") or d.get("text", "")
                page.errors.append(f"{text} ({d.get('url', '')}:{d.get('lineNumber', 0) + 1})")
            elif method == "Log.entryAdded":
                e = params.get("entry", {})
                # Failed requests the page handles itself (a 503 it falls back from) are not errors.
                if e.get("level") == "error" and e.get("source") != "network":
                    page.errors.append(f"{e.get('text')} ({e.get('url', '')})")

    async def send(self, method, params=None, session=None):
        self.next_id += 1
        mid = self.next_id
        fut = asyncio.get_running_loop().create_future()
        self.pending[mid] = fut
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        await self.ws.send(json.dumps(msg))
        reply = await fut
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def page(self, sid):
        if sid not in self.pages:
            raise RuntimeError(f"no page {sid}")
        return self.pages[sid]

    async def open(self, url, width, height, mobile, scale, init=None):
        target = (await self.send("Target.createTarget", {"url": "about:blank"}))["targetId"]
        sid = (await self.send("Target.attachToTarget", {"targetId": target, "flatten": True}))[
            "sessionId"
        ]
        page = Page(target, sid)
        self.pages[sid] = page
        for domain in ("Page", "Runtime", "Log"):
            await self.send(f"{domain}.enable", session=sid)
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile},
            session=sid,
        )
        if mobile:
            await self.send("Emulation.setTouchEmulationEnabled", {"enabled": True}, session=sid)
        if init:
            await self.send("Page.addScriptToEvaluateOnNewDocument", {"source": init}, session=sid)
        page.loaded.clear()
        nav = await self.send("Page.navigate", {"url": url}, session=sid)
        if nav.get("errorText"):
            raise RuntimeError(f"navigate {url}: {nav['errorText']}")
        await asyncio.wait_for(page.loaded.wait(), 15)
        return {"page": sid}

    async def eval(self, sid, expr):
        self.page(sid)
        r = await self.send(
            "Runtime.evaluate",
            {"expression": expr, "returnByValue": True, "awaitPromise": True},
            session=sid,
        )
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise RuntimeError(d.get("exception", {}).get("description") or d.get("text"))
        return r.get("result", {}).get("value")

    async def wait(self, sid, expr, timeout):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        last, error = None, None
        while True:
            try:
                last = await self.eval(sid, expr)
                error = None
                # JavaScript's truthiness: an element comes back as {} and counts as found.
                if last not in (None, False, 0, ""):
                    return last
            except RuntimeError as e:
                error = str(e)
            if loop.time() >= deadline:
                raise RuntimeError(
                    f"timed out after {timeout}s waiting for {expr!r}; last value {last!r}"
                    + (f", error {error}" if error else "")
                )
            await asyncio.sleep(0.05)

    async def click(self, sid, selector, hold=0):
        box = await self.eval(
            sid,
            "(() => { const e = document.querySelector(%s); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()" % json.dumps(selector),
        )
        if not box:
            raise RuntimeError(f"no element {selector}")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            if kind == "mouseReleased" and hold > 0:
                await asyncio.sleep(hold / 1000)
            await self.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box["x"], "y": box["y"], "button": "left", "clickCount": 1},
                session=sid,
            )
        return True

    async def screenshot(self, sid, path):
        self.page(sid)
        data = (await self.send("Page.captureScreenshot", {"format": "png"}, session=sid))["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return path

    async def close(self, sid):
        page = self.pages.pop(sid, None)
        if page:
            await self.send("Target.closeTarget", {"targetId": page.target})
        return True

    async def handle(self, req):
        cmd = req.get("cmd")
        if cmd == "open":
            return await self.open(
                req["url"], int(req.get("width", 1280)), int(req.get("height", 800)),
                bool(req.get("mobile", False)), float(req.get("scale", 1)), req.get("init"),
            )
        if cmd == "eval":
            return await self.eval(req["page"], req["expr"])
        if cmd == "wait":
            return await self.wait(req["page"], req["expr"], float(req.get("timeout", 5)))
        if cmd == "click":
            return await self.click(req["page"], req["selector"], int(req.get("hold", 0)))
        if cmd == "screenshot":
            return await self.screenshot(req["page"], req["path"])
        if cmd == "errors":
            return self.page(req["page"]).errors
        if cmd == "close":
            return await self.close(req["page"])
        raise RuntimeError(f"unknown command {cmd!r}")


def launch(chromium, profile):
    args = [
        chromium, "--headless", "--no-sandbox", "--remote-debugging-port=0",
        f"--user-data-dir={profile}", "--no-first-run", "--no-default-browser-check",
        "--disable-gpu", "--disable-crash-reporter", "--disable-breakpad", "--hide-scrollbars", "--mute-audio", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--password-store=basic", "--use-mock-keychain",
        # As a hall screen runs (Displays/README.md): the page may start audio by itself.
        "--autoplay-policy=no-user-gesture-required",
        "about:blank",
    ]
    return subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


async def devtools_url(proc, profile, timeout=30):
    path = os.path.join(profile, "DevToolsActivePort")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited with status {proc.returncode}")
        try:
            with open(path) as f:
                lines = f.read().split("\n")
            if len(lines) >= 2 and lines[0].strip() and lines[1].strip():
                return f"ws://127.0.0.1:{lines[0].strip()}{lines[1].strip()}"
        except FileNotFoundError:
            pass
        await asyncio.sleep(0.05)
    raise RuntimeError("chromium did not write DevToolsActivePort")


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    a = p.parse_args()
    profile = tempfile.mkdtemp(prefix="antre-chromium-")
    proc = launch(a.chromium, profile)
    out_lock = asyncio.Lock()

    debug = bool(os.environ.get("ANTRE_BROWSER_DEBUG"))

    async def reply(obj):
        if debug:
            print("browser.py <-", json.dumps(obj)[:300], file=sys.stderr, flush=True)
        async with out_lock:
            sys.stdout.write(json.dumps(obj) + "\n")
            sys.stdout.flush()

    try:
        url = await devtools_url(proc, profile)
        async with websockets.connect(url, max_size=2**26, ping_interval=None) as ws:
            browser = Browser(ws)
            pump = asyncio.create_task(browser.pump())
            await reply({"id": 0, "ok": True, "result": {"ready": True}})

            async def serve(req):
                try:
                    result = await browser.handle(req)
                    await reply({"id": req.get("id"), "ok": True, "result": result})
                except Exception as e:  # every failure goes back to the test that asked
                    await reply({"id": req.get("id"), "ok": False, "error": str(e) or repr(e)})

            reader = asyncio.StreamReader()
            await loop_connect_stdin(reader)
            tasks = set()
            while True:
                line = await reader.readline()
                if not line:
                    break
                if debug:
                    print("browser.py ->", line[:300], file=sys.stderr, flush=True)
                try:
                    req = json.loads(line)
                except ValueError:
                    await reply({"id": None, "ok": False, "error": "not JSON"})
                    continue
                t = asyncio.create_task(serve(req))
                tasks.add(t)
                t.add_done_callback(tasks.discard)
            pump.cancel()
    except Exception as e:
        await reply({"id": 0, "ok": False, "error": str(e)})
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


async def loop_connect_stdin(reader):
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)


if __name__ == "__main__":
    asyncio.run(main())
