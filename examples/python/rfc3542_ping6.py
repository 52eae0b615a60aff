#!/usr/bin/env python3
"""A one-shot ping6 with RFC 3542's ICMPv6 filter and received hop limit.

Opens a raw ICMPv6 socket (needs root or CAP_NET_RAW), installs a filter
that lets only Echo Replies through (xapi.Icmp6Filter hides that Linux's
filter bits mean "block"), asks for the hop limit of what arrives
(IPV6_RECVHOPLIMIT), sends one Echo Request (RFC 4443 4.1; the kernel
computes the checksum) and prints the reply with its hop limit.

    PYTHONPATH=BUILD/bindings/python python3 examples/python/rfc3542_ping6.py [ADDR]

ADDR defaults to ::1.
"""

import os
import select
import socket
import struct
import sys
import time

import xapi


def main(argv: list[str]) -> int:
    dest = argv[1] if len(argv) > 1 else "::1"
    ident, seq = os.getpid() & 0xffff, 1
    with socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                       socket.IPPROTO_ICMPV6) as s:
        f = xapi.Icmp6Filter.block_all()
        f.set_pass(xapi.ICMP6_ECHO_REPLY)
        xapi.set_icmp6_filter(s, f)
        xapi.setsockopt_int(s, xapi.IPPROTO_IPV6, xapi.IPV6_RECVHOPLIMIT, 1)

        request = struct.pack("!BBHHH", xapi.ICMP6_ECHO_REQUEST, 0, 0, ident,
                              seq) + b"xapi ping6"
        start = time.monotonic()
        xapi.sendmsg(s, [request], (dest, 0))
        deadline = start + 2
        while time.monotonic() < deadline:
            if not select.select([s], [], [], deadline - time.monotonic())[0]:
                break
            addr, data, cmsgs, _flags = xapi.recvmsg(s, [1500],
                                                     xapi.cmsg_space(4))
            reply = data[0]
            kind, _code, _sum, rid, rseq = struct.unpack("!BBHHH", reply[:8])
            if kind != xapi.ICMP6_ECHO_REPLY or (rid, rseq) != (ident, seq):
                continue  # someone else's reply: the filter passes them all
            hops = [c.hoplimit for c in cmsgs if c.kind == "hoplimit"]
            print("%d bytes from %s: icmp_seq=%d hlim=%s time=%.3f ms"
                  % (len(reply), addr[0], rseq, hops[0] if hops else "?",
                     (time.monotonic() - start) * 1000))
            return 0
    print("no reply from %s" % dest)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
