#!/usr/bin/env python3
"""Segment Routing Header (RFC 8754) from Python: build one, read it back in
path order and in wire order, and install it as Linux's sticky IPV6_RTHDR.

Linux takes an SRH only as a socket option (not as ancillary data) and
replaces Segment List[0] with the socket's destination, so List[0] is a
placeholder here; see docs/rfc3542-linux.md.  No privilege is needed.

    PYTHONPATH=BUILD/bindings/python python3 examples/python/rfc3542_srh.py
"""

import socket

import xapi


def main() -> None:
    # Wire order: Segment List[0] is the LAST segment of the path.
    srh = xapi.srh_build(["2001:db8::ff", "2001:db8::2", "2001:db8::1"],
                         segments_left=2, tag=0x1234)
    print("SRH, %d bytes: %s" % (len(srh), srh.hex()))
    info = xapi.srh_parse(srh)
    print("wire order:", info.segments)
    print("path order:", [xapi.rth_getaddr(srh, i)
                          for i in range(xapi.rth_segments(srh))])
    back = xapi.rth_reverse(srh)
    print("reversed, path order:", [xapi.rth_getaddr(back, i)
                                    for i in range(xapi.rth_segments(back))])

    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s:
        xapi.setsockopt_bytes(s, xapi.IPPROTO_IPV6, xapi.IPV6_RTHDR, srh)
        back = xapi.getsockopt_bytes(s, xapi.IPPROTO_IPV6, xapi.IPV6_RTHDR,
                                     len(srh))
        print("sticky IPV6_RTHDR reads back the same:", back == srh)
        try:
            xapi.sendmsg(s, [b"x"], ("::1", 9),
                         [(xapi.IPPROTO_IPV6, xapi.IPV6_RTHDR, srh)])
        except OSError as e:
            print("as ancillary data Linux says:", e.strerror)


if __name__ == "__main__":
    main()
