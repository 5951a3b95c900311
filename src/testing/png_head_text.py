#!/usr/bin/env python3
"""Print the text chunks of a PNG that come BEFORE its first IDAT, as JSON {keyword: text}.

Standard library only, and independent of the studio's code: it reads chunks in order and stops at
the first IDAT, as Pillow does before load() and as AUTOMATIC1111's PNG-info path does.
Usage: png_head_text.py FILE.png
"""
import json
import struct
import sys
import zlib


def head_text(data: bytes) -> dict:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    texts = {}
    at = 8
    while at + 8 <= len(data):
        length, ctype = struct.unpack(">I4s", data[at:at + 8])
        if ctype in (b"IDAT", b"IEND"):
            break
        body = data[at + 8:at + 8 + length]
        crc = struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0]
        if zlib.crc32(ctype + body) != crc:
            raise ValueError("bad CRC in %s" % ctype.decode("latin-1"))
        if ctype in (b"tEXt", b"zTXt", b"iTXt"):
            keyword, _, rest = body.partition(b"\0")
            key = keyword.decode("latin-1")
            if ctype == b"tEXt":
                texts[key] = rest.decode("latin-1")
            elif ctype == b"zTXt":
                texts[key] = zlib.decompress(rest[1:]).decode("latin-1")
            else:
                compressed = rest[0] == 1
                _lang, _, rest = rest[2:].partition(b"\0")
                _translated, _, text = rest.partition(b"\0")
                texts[key] = (zlib.decompress(text) if compressed else text).decode("utf-8")
        at += 12 + length
    return texts


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        json.dump(head_text(f.read()), sys.stdout, ensure_ascii=False)
