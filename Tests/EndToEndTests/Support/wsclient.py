#!/usr/bin/env python3
"""An independent WebSocket client for Antre's end-to-end tests (PyPI `websockets`).

usage: wsclient.py URL [--send JSON]... [--count N] [--timeout S] [--origin O] [--raw-binary]
Prints one line per received text message, then `CLOSED code reason` if the server closed.
"""
import argparse, asyncio, json, sys

import websockets


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("--send", action="append", default=[])
    p.add_argument("--send-binary", action="store_true")
    p.add_argument("--send-bytes", help="hex bytes sent as one raw text frame payload")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--timeout", type=float, default=5.0)
    p.add_argument("--origin")
    a = p.parse_args()
    kwargs = {"max_size": 2**22, "open_timeout": a.timeout}
    if a.origin:
        kwargs["origin"] = a.origin
    try:
        ws = await websockets.connect(a.url, **kwargs)
    except websockets.exceptions.InvalidStatus as e:
        print(f"REJECTED {e.response.status_code}", flush=True)
        return
    got = 0
    try:
        for m in a.send:
            await ws.send(m)
        if a.send_binary:
            await ws.send(b"\x00\x01\x02")
        if a.send_bytes:
            # Bytes sent as a text frame skip the library's UTF-8 check: invalid text on purpose.
            await ws.send(bytes.fromhex(a.send_bytes), text=True)
        while got < a.count:
            msg = await asyncio.wait_for(ws.recv(), timeout=a.timeout)
            print(msg if isinstance(msg, str) else "BINARY " + msg.hex(), flush=True)
            got += 1
        await ws.close()
    except websockets.exceptions.ConnectionClosed as e:
        rcvd = e.rcvd
        print(f"CLOSED {rcvd.code if rcvd else 1006} {rcvd.reason if rcvd else ''}", flush=True)
    except asyncio.TimeoutError:
        print("TIMEOUT", flush=True)


asyncio.run(main())
