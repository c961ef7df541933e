#!/usr/bin/env python3
"""A fake raw-TCP (port 9100) ESC/POS printer for Antre's end-to-end tests.

usage: fake_printer.py --out FILE [--status ok|paper_out] [--status-file PATH]
Prints `listening PORT` once it accepts connections. Appends every byte it receives to FILE,
except the real-time status requests `DLE EOT n`, which it answers at once with one status
byte as an Epson printer would: healthy, or out of paper (which also sets the offline bits).
With --status-file, each answer reads the status from that file (one of the names above), so
a test can take the paper out and put it back while the box runs; --status is the start.
"""
import argparse, socket, sys, threading

REPLIES = {
    "ok": {1: 0x16, 2: 0x12, 3: 0x12, 4: 0x12},
    "paper_out": {1: 0x1E, 2: 0x32, 3: 0x12, 4: 0x72},
}
DLE, EOT = 0x10, 0x04


def serve(conn, out, status, lock):
    pending = b""  # a DLE, or DLE EOT, split across reads
    with conn:
        while True:
            data = conn.recv(65536)
            if not data:
                return
            data = pending + data
            pending = b""
            kept = bytearray()
            i = 0
            while i < len(data):
                b = data[i]
                if b == DLE and i + 1 >= len(data):
                    pending = data[i:]
                    break
                if b == DLE and data[i + 1] == EOT:
                    if i + 2 >= len(data):
                        pending = data[i:]
                        break
                    n = data[i + 2]
                    replies = REPLIES[status()]
                    if n in replies:
                        conn.sendall(bytes([replies[n]]))
                        i += 3
                        continue
                kept.append(b)
                i += 1
            if kept:
                with lock:
                    with open(out, "ab") as f:
                        f.write(kept)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--status", choices=REPLIES, default="ok")
    p.add_argument("--status-file")
    a = p.parse_args()
    open(a.out, "ab").close()
    if a.status_file:
        with open(a.status_file, "w") as f:
            f.write(a.status)

    def status():
        if not a.status_file:
            return a.status
        try:
            with open(a.status_file) as f:
                name = f.read().strip()
            return name if name in REPLIES else a.status
        except OSError:
            return a.status

    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    print(f"listening {server.getsockname()[1]}", flush=True)
    lock = threading.Lock()
    while True:
        conn, _ = server.accept()
        threading.Thread(
            target=serve, args=(conn, a.out, status, lock), daemon=True
        ).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
