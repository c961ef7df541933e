#!/usr/bin/env python3
"""Ping flood against a real `antre serve` (issue 10, item 3): a client that sends pings and
never reads. Prints the server's resident memory (VmRSS) before, at its peak and after.

usage: Benchmarks/ping-flood.py [--antre .build/debug/antre] [--pings 2000000]
"""
import argparse, os, re, socket, subprocess, tempfile, time, base64

p = argparse.ArgumentParser()
p.add_argument("--antre", default=".build/debug/antre")
p.add_argument("--pings", type=int, default=2_000_000)
p.add_argument("--clients", type=int, default=1)
a = p.parse_args()


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


tmp = tempfile.mkdtemp(prefix="antre-flood-")
server = subprocess.Popen(
    [a.antre, "serve", "--config", "Assets/halls/demo-always-open.yaml", "--db", tmp + "/db.sqlite",
     "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
port = None
for line in server.stdout:
    m = re.search(r"listening on http://[^:]+:(\d+)", line)
    if m:
        port = int(m.group(1))
        break
time.sleep(1)
before = rss_kb(server.pid)

PING = bytes([0x89, 0x80, 1, 2, 3, 4])  # masked, empty payload
results = []
peak = before
for _ in range(a.clients):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
    time.sleep(0.2)  # the 101 and the snapshot stay unread in the socket buffer
    sent = 0
    batch = PING * 10_000
    started = time.monotonic()
    s.settimeout(10)
    try:
        while sent < a.pings:
            s.sendall(batch)
            sent += 10_000
            if sent % 200_000 == 0:
                peak = max(peak, rss_kb(server.pid))
    except OSError as e:
        results.append(f"closed by the server after {sent:,} pings sent ({type(e).__name__}), "
                       f"{time.monotonic() - started:.1f} s")
    else:
        results.append(f"all {sent:,} pings sent, {time.monotonic() - started:.1f} s")
    peak = max(peak, rss_kb(server.pid))
    s.close()
time.sleep(2)
after = rss_kb(server.pid)
server.terminate()
server.wait()
for r in results:
    print(r)
print(f"VmRSS before {before / 1024:.1f} MB, peak {peak / 1024:.1f} MB, after {after / 1024:.1f} MB "
      f"(after - before = {(after - before) / 1024:+.1f} MB)")
