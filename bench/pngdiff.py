#!/usr/bin/env python3
"""Compares two folders of PNG tiles of the same names (z_x_y.png) pixel by pixel and prints, per zoom, the
worst tile's share of differing pixels: a pixel differs when any RGBA channel differs by more than
THRESHOLD (24 of 255, as OverviewContract: anti-aliased edges of a simplified outline move by a fraction of
a pixel, which changes a channel by a few levels, a wrongly filled pixel by far more). Last line:
PNGDIFF worst=<share> tile=<name>. Decodes PNG itself (zlib and the five row filters), so it needs nothing
beyond Python."""
import os, struct, sys, zlib

THRESHOLD = 24


def decode(path):
    data = open(path, "rb").read()
    pos, idat, palette, trns = 8, b"", None, None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"PLTE":
            palette = [tuple(body[i:i + 3]) for i in range(0, len(body), 3)]
        elif kind == b"tRNS":
            trns = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    if colour == 3:   # palette (the server's empty tile: 1 bit, transparent)
        stride = (width * depth + 7) // 8
        pixels, prev = [], bytearray(stride)
        for row in range(height):
            line = unfilter(raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)]), prev, 1)
            prev = line
            for x in range(width):
                index = (line[x * depth // 8] >> (8 - depth - (x * depth) % 8)) & ((1 << depth) - 1)
                r, g, b = palette[index]
                a = trns[index] if trns and index < len(trns) else 255
                pixels.append((r, g, b, a))
        return width, height, pixels
    channels = {6: 4, 2: 3}[colour]
    stride = width * channels
    pixels, prev = [], bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        line = unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), prev, channels)
        prev = line
        for x in range(width):
            px = tuple(line[x * channels:(x + 1) * channels])
            pixels.append(px if channels == 4 else px + (255,))
    return width, height, pixels


def unfilter(kind, line, prev, bpp):
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = prev[i]
        corner = prev[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 255
        elif kind == 2:
            line[i] = (line[i] + up) & 255
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
    return line


def share(a, b):
    wa, ha, pa = decode(a)
    wb, hb, pb = decode(b)
    if (wa, ha) != (wb, hb):
        return 1.0
    differing = sum(1 for p, q in zip(pa, pb) if max(abs(x - y) for x, y in zip(p, q)) > THRESHOLD)
    return differing / (wa * ha)


left, right = sys.argv[1], sys.argv[2]
worst, worst_tile, per_zoom = 0.0, "", {}
for name in sorted(os.listdir(left)):
    s = share(os.path.join(left, name), os.path.join(right, name))
    z = name.split("_")[0]
    per_zoom[z] = max(per_zoom.get(z, 0.0), s)
    if s >= worst:
        worst, worst_tile = s, name
for z in sorted(per_zoom, key=int):
    print(f"z{z}: worst tile differs in {per_zoom[z] * 100:.2f} % of pixels")
print(f"PNGDIFF worst={worst:.4f} tile={worst_tile}")
