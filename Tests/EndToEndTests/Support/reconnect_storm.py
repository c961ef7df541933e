#!/usr/bin/env python3
"""How fast a hall full of screens comes back after `antre serve` restarts (issue 20).

usage: reconnect_storm.py --antre .build/debug/antre [--screens 1000] [--outage 30]
                          [--signal TERM|KILL] [--procs 4]

Starts a server on a free port with a temporary database, connects N feed sockets that
reconnect exactly as Displays/js/feed.js does (0.5 s doubling, capped at 1.5 s while the
hall is open, each delay drawn from the upper half of its span, `since` the last seq),
spread over a few worker processes so that the clients are not what is measured,
stops the server, waits out the outage, starts it again on the same port and reports:
time from `listening` until every screen's socket is open again (p50/p90/p99/max), the
attempts refused meanwhile, and how long /healthz took to answer during the storm (is the
start swamped?), probed from a process of its own. Prints one JSON object.
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
    return base * (1 - JITTER + JITTER * random.random())


JITTER = 0.5


async def run_screen(index, port, out):
    """One screen, for ever; reports `open INDEX T TRIED` and `fail INDEX T REASON` lines."""
    attempt = 0
    last_seq = None
    while True:
        url = f"ws://127.0.0.1:{port}/ws" + (f"?since={last_seq}" if last_seq is not None else "")
        tried = time.monotonic()
        try:
            async with connect(url, open_timeout=10, ping_interval=None, compression=None, max_size=2**22) as ws:
                out(f"open {index} {time.monotonic()} {tried}")
                attempt = 0
                async for raw in ws:
                    msg = json.loads(raw)
                    if isinstance(msg.get("seq"), int):
                        last_seq = msg["seq"]
        except Exception as e:
            out(f"fail {index} {time.monotonic()} {type(e).__name__}")
        await asyncio.sleep(backoff(attempt))
        attempt += 1


async def worker(port, first, count):
    def out(line):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    await asyncio.gather(*(run_screen(i, port, out) for i in range(first, first + count)))


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


def probe_health(port):
    """Times GET /healthz every 50 ms and prints each (ms, or -1): a swamped start answers late."""
    import socket
    while True:
        t = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
                c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                while c.recv(4096):
                    pass
            print(round(1000 * (time.monotonic() - t), 1), flush=True)
        except OSError:
            print(-1, flush=True)
        time.sleep(0.05)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def main():
    a = argparse.ArgumentParser()
    a.add_argument("--antre")
    a.add_argument("--screens", type=int, default=1000)
    a.add_argument("--outage", type=float, default=30)
    a.add_argument("--signal", default="TERM", choices=["TERM", "KILL"])
    a.add_argument("--procs", type=int, default=4)
    # The backoff before issue 20, for comparison: --backoff 1,30,0.4
    a.add_argument("--backoff", default="0.5,1.5,0.5", help="MIN_S,MAX_S,JITTER")
    a.add_argument("--worker", nargs=3, type=int, metavar=("PORT", "FIRST", "COUNT"))
    a.add_argument("--probe", type=int, metavar="PORT")
    args = a.parse_args()
    global MIN_DELAY, MAX_DELAY, JITTER
    MIN_DELAY, MAX_DELAY, JITTER = (float(x) for x in args.backoff.split(","))
    if args.worker:
        return await worker(*args.worker)
    if args.probe:
        return probe_health(args.probe)

    directory = tempfile.mkdtemp(prefix="antre-storm-")
    with open(os.path.join(directory, "hall.yaml"), "w") as f:
        f.write(HALL)
    loop = asyncio.get_running_loop()
    server, port, _, _ = start_server(args.antre, directory, 0)
    opened = [[] for _ in range(args.screens)]
    handshakes = [[] for _ in range(args.screens)]
    failed = []
    workers = []

    async def read(proc, on_line):
        while True:
            line = await proc.stdout.readline()
            if not line:
                return
            on_line(line.decode().split())

    def on_screen(parts):
        if parts[0] == "open":
            opened[int(parts[1])].append(float(parts[2]))
            handshakes[int(parts[1])].append((float(parts[3]), float(parts[2]) - float(parts[3])))
        else:
            failed.append((float(parts[2]), parts[3]))

    share = -(-args.screens // args.procs)
    readers = []
    probe = None
    try:
        for first in range(0, args.screens, share):
            proc = await asyncio.create_subprocess_exec(
                sys.executable, __file__, "--backoff", args.backoff, "--worker", str(port), str(first),
                str(min(share, args.screens - first)), stdout=asyncio.subprocess.PIPE)
            workers.append(proc)
            readers.append(asyncio.create_task(read(proc, on_screen)))
        deadline = time.monotonic() + 60
        while sum(1 for o in opened if o) < args.screens:
            if time.monotonic() > deadline:
                raise RuntimeError("the screens did not all connect the first time")
            await asyncio.sleep(0.1)
        server.send_signal(signal.SIGTERM if args.signal == "TERM" else signal.SIGKILL)
        await loop.run_in_executor(None, server.wait)
        health = []
        probe = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--probe", str(port), stdout=asyncio.subprocess.PIPE)
        readers.append(asyncio.create_task(read(probe, lambda p: health.append((time.monotonic(), float(p[0]))))))
        await asyncio.sleep(args.outage)
        server, _, listening, start_s = await loop.run_in_executor(
            None, start_server, args.antre, directory, port)
        deadline = listening + 2 * MAX_DELAY + 10
        while time.monotonic() < deadline:
            back = [next((t for t in o if t >= listening), None) for o in opened]
            if all(b is not None for b in back):
                break
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.5)  # a little after, to see the server settle
        got = [b - listening for b in back if b is not None]
        late = [(t, why) for t, why in failed if t >= listening]
        reasons = {}
        for _, why in late:
            reasons[why] = reasons.get(why, 0) + 1
        health = [ms for t, ms in health if t >= listening]
        answered = [h for h in health if h >= 0]
        # Attempts made after `listening` that succeeded: how long the upgrade took to answer.
        shakes = [d for hs in handshakes for t, d in hs if t >= listening]
        tried = [next((t for t, _ in hs if t >= listening), None) for hs in handshakes]
        tried = [t - listening for t in tried if t is not None]
        print(json.dumps({
            "screens": args.screens,
            "outage_s": args.outage,
            "signal": args.signal,
            "backoff": args.backoff,
            "start_to_listening_s": round(start_s, 3),
            "back": len(got),
            "back_after_listening_s": {
                "p50": round(pct(got, 50), 3), "p90": round(pct(got, 90), 3),
                "p99": round(pct(got, 99), 3), "max": round(max(got), 3),
            } if got else None,
            "attempts_failed_after_listening": reasons,
            "first_try_after_listening_s": {
                "p50": round(pct(tried, 50), 3), "max": round(max(tried), 3),
            } if tried else None,
            "handshake_s": {
                "p50": round(pct(shakes, 50), 3), "p90": round(pct(shakes, 90), 3),
                "max": round(max(shakes), 3),
            } if shakes else None,
            "healthz_during_storm_ms": {
                "probes": len(health), "unanswered": len(health) - len(answered),
                "p50": statistics.median(answered) if answered else None,
                "max": max(answered) if answered else None,
            },
        }, indent=1))
    finally:
        for proc in workers + ([probe] if probe else []):
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        for r in readers:
            r.cancel()
        if server.poll() is None:
            server.kill()
            server.wait()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
