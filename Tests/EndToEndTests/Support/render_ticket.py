#!/usr/bin/env python3
"""Renders ESC/POS bytes to PNG images the way a thermal printer would put them on paper,
through emupos's printer model (PyPI `emupos`, Python 3.13+), one image per ticket.

usage: render_ticket.py --in BYTES --out-prefix PATH [--width-dots 384|576]
Writes PATH-1.png, PATH-2.png, ... (one per cut) and prints each path with the ticket's
text on the following lines, then a line `unknown N` counting commands emupos did not know.
"""
import argparse
from importlib import resources

from emupos.config import _parse_profile
from emupos.printer.escpos.model import PrintModel
from emupos.printer.escpos.tokenizer import Command, Tokenizer

CUTS = {"GS V", "ESC i", "ESC m"}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--in", dest="source", required=True)
    p.add_argument("--out-prefix", required=True)
    p.add_argument("--width-dots", type=int, default=384)
    a = p.parse_args()
    # An Epson TM-T20III's fonts and code pages, on the roll width asked for (58 mm: 384 dots).
    text = (
        resources.files("emupos")
        .joinpath("profiles", "printers", "epson-tm-t20iii.yaml")
        .read_text(encoding="utf-8")
    )
    profile = _parse_profile(text, "epson-tm-t20iii").model_copy(update={"width_dots": a.width_dots})
    model = PrintModel("ticket", profile)
    tokenizer = Tokenizer()
    data = open(a.source, "rb").read()
    unknown = 0
    count = 0

    def finish(boundary):
        nonlocal count
        receipt = model.finish(boundary)
        if receipt is None:
            return
        count += 1
        path = f"{a.out_prefix}-{count}.png"
        with open(path, "wb") as f:
            f.write(receipt.png)
        print(path)
        print(receipt.text.rstrip("\n"))

    for token in tokenizer.feed(data):
        # The cut ends a ticket; the printer handles it, not the print model.
        if isinstance(token, Command) and token.name in CUTS:
            finish("cut")
            continue
        unknown += sum(1 for e in model.process(token) if "unknown" in str(e.type).lower())
    if tokenizer.close() is not None:
        unknown += 1
    finish("connection-closed")
    print(f"unknown {unknown}")


if __name__ == "__main__":
    main()
