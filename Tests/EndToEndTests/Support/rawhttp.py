#!/usr/bin/env python3
"""Raw bytes to a server, for requests no HTTP library would send.

usage: rawhttp.py PORT HEX [--drip SECONDS] [--wait SECONDS]
Sends the bytes (all at once, or one byte every --drip seconds), then prints what came back
as JSON: {"reply": text, "closed_after": seconds from the first byte, "sent": bytes sent}.
"""
import argparse, json, socket, time

p = argparse.ArgumentParser()
p.add_argument("port", type=int)
p.add_argument("hex")
p.add_argument("--drip", type=float, default=0)
p.add_argument("--wait", type=float, default=5)
a = p.parse_args()
data = bytes.fromhex(a.hex)
s = socket.create_connection(("127.0.0.1", a.port))
start = time.monotonic()
sent = 0
reply = b""
closed = None
if a.drip:
    s.settimeout(a.drip)
    for b in data:
        try:
            s.send(bytes([b]))
            sent += 1
        except OSError:
            break
        try:
            chunk = s.recv(65536)
            if not chunk:
                closed = time.monotonic() - start
                break
            reply += chunk
        except socket.timeout:
            pass
else:
    s.sendall(data)
    sent = len(data)
if closed is None:
    s.settimeout(a.wait)
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                closed = time.monotonic() - start
                break
            reply += chunk
    except (socket.timeout, ConnectionResetError):
        pass
print(json.dumps({"reply": reply.decode("latin-1"), "closed_after": closed, "sent": sent}))
