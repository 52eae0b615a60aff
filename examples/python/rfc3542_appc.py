#!/usr/bin/env python3
"""RFC 3542 Appendix C in Python 3: build a Hop-by-Hop/Destination options
header holding option X (a 4-byte and an 8-byte field, alignment 8n+2) and
option Y (1-, 2- and 4-byte fields, alignment 4n+3), print it in hex, then
parse it back field by field.

The calls are the RFC's, in PyXAPI's shape (xapi.rfc3542): a first pass
without a buffer computes the length, a second one writes the header.  The
result is RFC 2460 Appendix B's drawing, 32 bytes.  The same header in one
call of the idiomatic API is shown at the end.

Run from a build tree:
    PYTHONPATH=BUILD/bindings/python python3 examples/python/rfc3542_appc.py
Send it with setsockopt(IPPROTO_IPV6, IPV6_HOPOPTS, data) (needs
CAP_NET_RAW on Linux).
"""

import struct

import xapi
from xapi.rfc3542 import (inet6_opt, inet6_opt_init, inet6_opt_append,
                          inet6_opt_finish, inet6_opt_set_val, inet6_opt_next,
                          inet6_opt_get_val, error)

# The RFC leaves the option types open; any two unassigned ones will do.
OPT_X = 10
OPT_Y = 20


def build() -> bytes:
    # Pass 1: lengths only.
    currentlen = inet6_opt_init()
    currentlen = inet6_opt_append(currentlen, OPT_X, 12, 8)
    currentlen = inet6_opt_append(currentlen, OPT_Y, 7, 4)
    extlen = inet6_opt_finish(currentlen)

    # Pass 2: the header itself.  Values go in network byte order.
    opt = inet6_opt()
    opt.set(extlen)
    currentlen = inet6_opt_init(opt, extlen)

    currentlen = inet6_opt_append(opt, currentlen, OPT_X, 12, 8)
    offset = inet6_opt_set_val(opt, 0, struct.pack("!I", 0x12345678))
    inet6_opt_set_val(opt, offset, struct.pack("!Q", 0x0102030405060708))

    currentlen = inet6_opt_append(opt, currentlen, OPT_Y, 7, 4)
    offset = inet6_opt_set_val(opt, 0, struct.pack("!B", 0x01))
    offset = inet6_opt_set_val(opt, offset, struct.pack("!H", 0x1331))
    inet6_opt_set_val(opt, offset, struct.pack("!I", 0x01020304))

    inet6_opt_finish(opt, currentlen)
    return opt.data


def parse(data: bytes) -> None:
    opt = inet6_opt()
    opt.set_from_data(data)
    print("nxt %u, len %u (bytes %d)" % (data[0], data[1], (data[1] + 1) * 8))
    currentlen = 0
    while True:
        try:
            currentlen, type_, length = inet6_opt_next(opt, currentlen)
        except error:       # past the last option, as in PyXAPI
            break
        print("received opt %u len %u" % (type_, length))
        if type_ == OPT_X:
            offset, v = inet6_opt_get_val(opt, 0, 4)
            print("  X 4-byte field 0x%08x" % struct.unpack("!I", v)[0])
            offset, v = inet6_opt_get_val(opt, offset, 8)
            print("  X 8-byte field 0x%016x" % struct.unpack("!Q", v)[0])
        elif type_ == OPT_Y:
            offset, v = inet6_opt_get_val(opt, 0, 1)
            print("  Y 1-byte field 0x%02x" % v[0])
            offset, v = inet6_opt_get_val(opt, offset, 2)
            print("  Y 2-byte field 0x%04x" % struct.unpack("!H", v)[0])
            offset, v = inet6_opt_get_val(opt, offset, 4)
            print("  Y 4-byte field 0x%08x" % struct.unpack("!I", v)[0])


def main() -> None:
    data = build()
    print("header (%d bytes):" % len(data))
    for i in range(0, len(data), 8):
        print("  " + data[i:i + 8].hex(" "))
    parse(data)

    same = xapi.opt_build([
        (OPT_X, 8, [struct.pack("!I", 0x12345678),
                    struct.pack("!Q", 0x0102030405060708)]),
        (OPT_Y, 4, [b"\x01", struct.pack("!H", 0x1331),
                    struct.pack("!I", 0x01020304)]),
    ])
    print("xapi.opt_build gives the same bytes:", same == data)
    print("xapi.opt_parse:", xapi.opt_parse(data))


if __name__ == "__main__":
    main()
