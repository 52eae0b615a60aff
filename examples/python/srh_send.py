#!/usr/bin/env python3
"""srh_send.py - a datagram through a Segment Routing Header (RFC 8754).

usage: srh_send.py send DEST VIA PORT [TEXT]    send one datagram via VIA
       srh_send.py recv PORT                    print one datagram's SRH

    $ sudo ip netns exec lab-b python3 examples/python/srh_send.py recv 7001 &
    $ sudo ip netns exec lab-a python3 examples/python/srh_send.py send 2001:db8:2::2 2001:db8:1::1 7001
    rthdr type 4 segments_left 0 segments 2001:db8:2::2,2001:db8:1::1
    data: through R

The sender builds the SRH with xapi.srh_build (the segment list in wire
order: Segment List[0] is the final segment, the destination) and sets it
as the sticky IPV6_RTHDR option: Linux takes an SRH only that way, not as
an ancillary item (EINVAL; docs/rfc3542-linux.md).  The receiver asks for
IPV6_RECVRTHDR and parses the item with xapi.srh_parse.  The nodes on the
path need net.ipv6.conf.*.seg6_enabled=1 (the lab sets it).
"""
import select
import socket
import sys

import xapi

WAIT = 5.0


def send(dest: str, via: str, port: int, text: str) -> int:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    srh = xapi.srh_build([dest, via], segments_left=1)
    xapi.setsockopt_bytes(s, xapi.IPPROTO_IPV6, xapi.IPV6_RTHDR, srh)
    xapi.sendmsg(s, [text.encode()], (dest, port))
    return 0


def recv(port: int) -> int:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    xapi.bind(s, "::", port)
    xapi.setsockopt_int(s, xapi.IPPROTO_IPV6, xapi.IPV6_RECVRTHDR, 1)
    # xapi's calls do not apply socket timeouts: wait with select.
    if not select.select([s], [], [], WAIT)[0]:
        print("nothing within %.0f s" % WAIT)
        return 1
    m = xapi.recvmsg(s, [1500], 512)
    found = False
    for c in m.cmsgs:
        if (c.level, c.type) == (xapi.IPPROTO_IPV6, xapi.IPV6_RTHDR):
            h = xapi.srh_parse(c.data)
            print("rthdr type %d segments_left %d segments %s"
                  % (c.data[2], h.segments_left, ",".join(h.segments)))
            found = True
    if not found:
        print("no routing header")
    print("data: %s" % m.data[0].decode(errors="replace"))
    return 0 if found else 1


def main(argv: list[str]) -> int:
    try:
        if len(argv) in (5, 6) and argv[1] == "send":
            return send(argv[2], argv[3], int(argv[4]),
                        argv[5] if len(argv) == 6 else "through R")
        if len(argv) == 3 and argv[1] == "recv":
            return recv(int(argv[2]))
    except ValueError as e:
        print("srh_send.py: %s" % e, file=sys.stderr)
        return 2
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
