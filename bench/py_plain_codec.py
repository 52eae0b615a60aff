#!/usr/bin/python3
"""py-plain-codec: the Python codec peer, no xapi (README.md, "Codec
scenarios").  One round builds the Destination Options header and walks
it, builds the SRH and parses it, with struct, bytes and socket.inet_pton
/ inet_ntop only, written from RFC 8200 4.2 (and Appendix B's alignment
rule) and RFC 8754 2."""
import socket
import sys
import time

import benchlib

OPTS = ((0x1e, 4, bytes([1, 2, 3, 4])),
        (0x3e, 8, bytes(range(0x11, 0x19))))
SEGMENTS = ("2001:db8::1", "2001:db8::2", "2001:db8::3")  # path order
COUNT = benchlib.CODEC_COUNT


def opt_build(options):
    """Options (type, align, data) laid out by RFC 8200 Appendix B: Pad1 or
    PadN before each option so that its data starts on a multiple of its
    alignment (here each data length equals its alignment, so it also ends
    on one), then padding to a multiple of 8 bytes."""
    buf = bytearray(b"\0\0")
    for typ, align, data in options:
        pad = (align - (len(buf) + 2) % align) % align
        if pad == 1:
            buf.append(0)                       # Pad1
        elif pad > 1:
            buf += bytes((1, pad - 2)) + bytes(pad - 2)   # PadN
        buf += bytes((typ, len(data))) + data
    pad = -len(buf) % 8
    if pad == 1:
        buf.append(0)
    elif pad > 1:
        buf += bytes((1, pad - 2)) + bytes(pad - 2)
    buf[1] = len(buf) // 8 - 1                 # Hdr Ext Len
    return bytes(buf)


def opt_parse(b):
    """[(type, data)] of the options, Pad1 and PadN skipped."""
    end = (b[1] + 1) * 8
    if end > len(b):
        raise ValueError("header longer than its buffer")
    out, off = [], 2
    while off < end:
        typ = b[off]
        if typ == 0:
            off += 1
            continue
        if off + 2 > end or off + 2 + b[off + 1] > end:
            raise ValueError("option runs past the header")
        n = b[off + 1]
        if typ != 1:
            out.append((typ, b[off + 2:off + 2 + n]))
        off += 2 + n
    return out


def srh_build(path):
    """An SRH visiting *path* in order, Segments Left = len(path) (one per
    segment added, as RFC 3542's rth_add counts), list reversed on the wire."""
    n = len(path)
    head = bytes((0, 2 * n, 4, n, n - 1, 0, 0, 0))
    return head + b"".join(socket.inet_pton(socket.AF_INET6, a)
                           for a in reversed(path))


def srh_parse(b):
    """The segments in path order, as text."""
    if len(b) < 8 or (b[1] + 1) * 8 > len(b) or b[2] != 4:
        raise ValueError("not an SRH")
    n = b[4] + 1
    if 8 + 16 * n > (b[1] + 1) * 8:
        raise ValueError("Last Entry past the header")
    ntop, af = socket.inet_ntop, socket.AF_INET6
    return [ntop(af, b[8 + 16 * (n - 1 - i):24 + 16 * (n - 1 - i)])
            for i in range(n)]


def one_round():
    acc = 0
    h = opt_build(OPTS)
    for typ, data in opt_parse(h):
        acc += typ + data[0] + len(data)
    r = srh_build(SEGMENTS)
    acc += len(srh_parse(r))
    return acc


WANT_OPT = bytes.fromhex("00021e04010203040104000000003e08"
                         "1112131415161718")


def main():
    if opt_build(OPTS) != WANT_OPT:
        sys.exit("py-plain-codec: options header differs from README.md's")
    rss0 = benchlib.rss_kb()
    t0 = time.perf_counter()
    for _ in range(COUNT):
        one_round()
    t1 = time.perf_counter()
    benchlib.report("py-plain-codec", COUNT, t1 - t0, rss0)


if __name__ == "__main__":
    main()
