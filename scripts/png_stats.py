"""Checks that a PNG screenshot of an rtcost report shows its charts (standard library only).

Decodes 8-bit RGB/RGBA PNGs, counts distinct colours and pixels in the chart palette's hues, and
exits non-zero when the page is blank or the charts are missing.
"""
import struct
import sys
import zlib

PALETTE = [(0x1F, 0x77, 0xB4), (0xD6, 0x27, 0x28), (0x2C, 0xA0, 0x2C), (0x17, 0xBE, 0xCF)]


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "unsupported PNG type"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
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
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main(path):
    width, height, channels, rows = decode(path)
    colours, chart_pixels = set(), 0
    for row in rows:
        for x in range(0, width * channels, channels):
            pixel = tuple(row[x : x + 3])
            colours.add(pixel)
            if any(sum(abs(a - b) for a, b in zip(pixel, c)) < 40 for c in PALETTE):
                chart_pixels += 1
    print(f"{path}: {width}x{height}, {len(colours)} distinct colours, {chart_pixels} chart-coloured pixels")
    if len(colours) < 50 or chart_pixels < 2000:
        print("the screenshot looks blank: the charts did not render", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1])
