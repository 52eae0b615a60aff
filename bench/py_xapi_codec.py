#!/usr/bin/python3
"""py-xapi-codec: the same rounds as py-plain-codec (README.md, "Codec
scenarios") with the binding's RFC 3542 calls: xapi.opt_build /
xapi.opt_parse for the Destination Options header, xapi.rth_build (one
inet6_rth_init, then inet6_rth_add per segment) and xapi.rth_segments /
xapi.rth_getaddr for the SRH.  Before timing, both sides' bytes and
parses are compared; a difference exits 1."""
import sys
import time

import benchlib
import py_plain_codec as plain

xapi = benchlib.import_xapi()


def one_round(opt_build=xapi.opt_build, opt_parse=xapi.opt_parse,
              rth_build=xapi.rth_build, rth_segments=xapi.rth_segments,
              rth_getaddr=xapi.rth_getaddr, opts=plain.OPTS,
              segments=plain.SEGMENTS):
    acc = 0
    h = opt_build(opts)
    for typ, data in opt_parse(h):
        acc += typ + data[0] + len(data)
    r = rth_build(4, segments)
    acc += len([rth_getaddr(r, i) for i in range(rth_segments(r))])
    return acc


def main():
    h = xapi.opt_build(plain.OPTS)
    r = xapi.rth_build(4, plain.SEGMENTS)
    if (h != plain.opt_build(plain.OPTS) or
            [tuple(o) for o in xapi.opt_parse(h)] != plain.opt_parse(h) or
            r != plain.srh_build(plain.SEGMENTS) or
            [xapi.rth_getaddr(r, i) for i in range(xapi.rth_segments(r))] !=
            plain.srh_parse(r) or one_round() != plain.one_round()):
        sys.exit("py-xapi-codec: xapi and the plain code disagree")
    count = plain.COUNT
    rss0 = benchlib.rss_kb()
    t0 = time.perf_counter()
    for _ in range(count):
        one_round()
    t1 = time.perf_counter()
    benchlib.report("py-xapi-codec", count, t1 - t0, rss0)


if __name__ == "__main__":
    main()
