#!/usr/bin/env python3
"""opts_send.py - Hop-by-Hop and Destination options (RFC 8200 4.3, 4.6)
sent as ancillary data (RFC 3542 section 9) and read back by the receiver.

usage: opts_send.py send DEST PORT     a datagram with both headers
       opts_send.py recv PORT          print the options of one datagram

    $ sudo ip netns exec lab-b python3 examples/python/opts_send.py recv 7002 &
    $ sudo ip netns exec lab-a python3 examples/python/opts_send.py send 2001:db8:2::2 7002
    hopopts 05:0000
    dstopts 1e:78617069

The hop-by-hop header is a Router Alert (RFC 2711, value 0:
xapi.router_alert); the destination options header is built with
xapi.opt_build and holds one option of type 0x1e (an RFC 4727
experimental type whose top bits 00 say "skip if unrecognised") with the
4 bytes "xapi".  The receiver walks each header with xapi.opt_parse and
prints "TYPE:HEX" per option.  Linux needs CAP_NET_RAW to send either
header.
"""
import select
import socket
import sys

import xapi

WAIT = 5.0
OPT_EXPERIMENTAL = 0x1e


def send(dest: str, port: int) -> int:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    hbh = xapi.router_alert(0)
    dst = xapi.opt_build([(OPT_EXPERIMENTAL, 1, b"xapi")])
    xapi.sendmsg(s, [b"options"], (dest, port),
                 [(xapi.IPPROTO_IPV6, xapi.IPV6_HOPOPTS, hbh),
                  (xapi.IPPROTO_IPV6, xapi.IPV6_DSTOPTS, dst)])
    return 0


def recv(port: int) -> int:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    xapi.bind(s, "::", port)
    for opt in (xapi.IPV6_RECVHOPOPTS, xapi.IPV6_RECVDSTOPTS):
        xapi.setsockopt_int(s, xapi.IPPROTO_IPV6, opt, 1)
    # xapi's calls do not apply socket timeouts: wait with select.
    if not select.select([s], [], [], WAIT)[0]:
        print("nothing within %.0f s" % WAIT)
        return 1
    m = xapi.recvmsg(s, [1500], 512)
    names = {xapi.IPV6_HOPOPTS: "hopopts", xapi.IPV6_DSTOPTS: "dstopts"}
    seen = 0
    for c in m.cmsgs:
        if c.level == xapi.IPPROTO_IPV6 and c.type in names:
            opts = xapi.opt_parse(c.data)
            print(" ".join([names[c.type]] + ["%02x:%s" % (t, d.hex())
                                               for t, d in opts]))
            seen += 1
    return 0 if seen else 1


def main(argv: list[str]) -> int:
    try:
        if len(argv) == 4 and argv[1] == "send":
            return send(argv[2], int(argv[3]))
        if len(argv) == 3 and argv[1] == "recv":
            return recv(int(argv[2]))
    except ValueError as e:
        print("opts_send.py: %s" % e, file=sys.stderr)
        return 2
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
