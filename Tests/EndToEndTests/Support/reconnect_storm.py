#!/usr/bin/env python3
"""How fast a hall full of screens comes back after `antre serve` restarts (issue 20).

usage: reconnect_storm.py --antre .build/debug/antre [--screens 1000] [--outage 30]
                          [--signal TERM|KILL]

Starts a server on a free port with a temporary database, connects N feed sockets that
reconnect exactly as Displays/js/feed.js does (0.5 s doubling, capped at 1.5 s while the
hall is open, each delay drawn from the upper half of its span, `since` the last seq),
stops the server, waits out the outage, starts it again on the same port and reports:
time from `listening` until every screen's socket is open again (p50/p90/p99/max), the
attempts refused meanwhile, and how long /healthz took to answer during the storm (is the
start swamped?). Prints one JSON object.
"""
import argparse, asyncio, json, os, random, shutil, signal, statistics, subprocess, sys, tempfile, time

from websockets.asyncio.client import connect

MIN_DELAY, MAX_DELAY = 0.5, 1.5

HALL = """name: Storm Hall
timezone: Asia/Jakarta
admin_token: admin-secret
services:
  - {id: A, name: Kependudukan, target_wait_s: 900, mean_service_s: 300}
counters:
  - {id: 1, name: Loket 1, services: [A], token: c1-secret}
"""


def backoff(attempt):
    base = min(MAX_DELAY, MIN_DELAY * 2 ** min(attempt, 20))
    return base * (0.5 + 0.5 * random.random())


class Screen:
    def __init__(self):
        self.last_seq = None
        self.opened = []  # times a socket opened
        self.refused_after = []  # times an attempt failed


async def run_screen(screen, port, stop):
    attempt = 0
    while not stop.is_set():
        url = f"ws://127.0.0.1:{port}/ws" + (f"?since={screen.last_seq}" if screen.last_seq is not None else "")
        try:
            async with connect(url, open_timeout=10, ping_interval=None, compression=None, max_size=2**22) as ws:
                screen.opened.append(time.monotonic())
                attempt = 0
                async for raw in ws:
                    msg = json.loads(raw)
                    if isinstance(msg.get("seq"), int):
                        screen.last_seq = msg["seq"]
        except (OSError, asyncio.TimeoutError, Exception):
            screen.refused_after.append(time.monotonic())
        if stop.is_set():
            return
        await asyncio.sleep(backoff(attempt))
        attempt += 1


def start_server(antre, directory, port):
    proc = subprocess.Popen(
        [antre, "serve", "--config", os.path.join(directory, "hall.yaml"), "--db",
         os.path.join(directory, "antre.sqlite"), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    started = time.monotonic()
    for line in proc.stdout:
        if line.startswith("listening on http://"):
            return proc, int(line.strip().rsplit(":", 1)[1]), time.monotonic(), time.monotonic() - started
    raise RuntimeError("server exited before listening")


async def probe_health(port, until, out):
    """Times GET /healthz every 50 ms: a swamped start answers late or not at all."""
    while time.monotonic() < until():
        t = time.monotonic()
        try:
            r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 5)
            w.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            await w.drain()
            await asyncio.wait_for(r.read(), 5)
            w.close()
            out.append(time.monotonic() - t)
        except Exception:
            out.append(None)
        await asyncio.sleep(0.05)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def main():
    a = argparse.ArgumentParser()
    a.add_argument("--antre", required=True)
    a.add_argument("--screens", type=int, default=1000)
    a.add_argument("--outage", type=float, default=30)
    a.add_argument("--signal", default="TERM", choices=["TERM", "KILL"])
    args = a.parse_args()
    directory = tempfile.mkdtemp(prefix="antre-storm-")
    with open(os.path.join(directory, "hall.yaml"), "w") as f:
        f.write(HALL)
    server, port, _, _ = start_server(args.antre, directory, 0)
    stop = asyncio.Event()
    screens = [Screen() for _ in range(args.screens)]
    tasks = [asyncio.create_task(run_screen(s, port, stop)) for s in screens]
    try:
        deadline = time.monotonic() + 60
        while sum(1 for s in screens if s.opened) < args.screens:
            if time.monotonic() > deadline:
                raise RuntimeError("the screens did not all connect the first time")
            await asyncio.sleep(0.1)
        server.send_signal(signal.SIGTERM if args.signal == "TERM" else signal.SIGKILL)
        await asyncio.get_running_loop().run_in_executor(None, server.wait)
        await asyncio.sleep(args.outage)
        server, _, listening, start_s = await asyncio.get_running_loop().run_in_executor(
            None, start_server, args.antre, directory, port)
        health = []
        all_back = [None]
        prober = asyncio.create_task(probe_health(port, lambda: all_back[0] or time.monotonic() + 1, health))
        deadline = listening + 30
        while True:
            back = [next((t for t in s.opened if t >= listening), None) for s in screens]
            if all(b is not None for b in back):
                break
            if time.monotonic() > deadline:
                break
            await asyncio.sleep(0.02)
        all_back[0] = time.monotonic() + 0.5  # a little after, to see the server settle
        await prober
        got = [b - listening for b in back if b is not None]
        refused = sum(1 for s in screens for t in s.refused_after if t >= listening)
        answered = [h for h in health if h is not None]
        print(json.dumps({
            "screens": args.screens,
            "outage_s": args.outage,
            "signal": args.signal,
            "start_to_listening_s": round(start_s, 3),
            "back": len(got),
            "back_after_listening_s": {
                "p50": round(pct(got, 50), 3), "p90": round(pct(got, 90), 3),
                "p99": round(pct(got, 99), 3), "max": round(max(got), 3),
            } if got else None,
            "attempts_failed_after_listening": refused,
            "healthz_during_storm_ms": {
                "probes": len(health), "unanswered": len(health) - len(answered),
                "p50": round(1000 * statistics.median(answered), 1) if answered else None,
                "max": round(1000 * max(answered), 1) if answered else None,
            },
        }, indent=1))
    finally:
        stop.set()
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if server.poll() is None:
            server.kill()
            server.wait()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
