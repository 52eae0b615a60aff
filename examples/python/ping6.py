#!/usr/bin/env python3
"""ping6.py - ICMPv6 echo (RFC 4443 4.1) on a raw socket, the RFC 3542 way.

usage: ping6.py [-c COUNT] DEST

    $ sudo ip netns exec lab-a python3 examples/python/ping6.py -c 2 2001:db8:2::2
    reply from 2001:db8:2::2: seq=1 hlim=63 time=0.082 ms
    reply from 2001:db8:2::2: seq=2 hlim=63 time=0.061 ms

An ICMPv6 filter (RFC 3542 3.2) lets only Echo Replies reach the socket, so
the loop never sees neighbour discovery or other traffic; IPV6_RECVHOPLIMIT
gives each reply's hop limit as an ancillary item.  The kernel computes the
ICMPv6 checksum of a raw IPPROTO_ICMPV6 socket by itself.  Needs
CAP_NET_RAW.  Exits 0 when every request was answered, 1 otherwise, 2 for
bad usage.
"""
import argparse
import os
import select
import socket
import struct
import sys
import time

import xapi

ECHO_REQUEST, ECHO_REPLY = 128, 129
ECHO = struct.Struct("!BBHHH")   # type, code, checksum, identifier, sequence
WAIT = 2.0                       # seconds per reply


def main() -> int:
    ap = argparse.ArgumentParser(prog="ping6.py",
                                 description="ICMPv6 echo with xapi")
    ap.add_argument("-c", dest="count", type=int, default=4,
                    help="echo requests to send (default 4)")
    ap.add_argument("dest", help="IPv6 address to ping")
    a = ap.parse_args()
    if a.count < 1:
        ap.error("COUNT must be at least 1")
    try:
        socket.inet_pton(socket.AF_INET6, a.dest)
    except OSError:
        ap.error("%s: not an IPv6 address" % a.dest)

    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    f = xapi.Icmp6Filter.block_all()
    f.set_pass(ECHO_REPLY)
    xapi.set_icmp6_filter(s, f)
    xapi.setsockopt_int(s, xapi.IPPROTO_IPV6, xapi.IPV6_RECVHOPLIMIT, 1)
    ident = os.getpid() & 0xffff
    anc = xapi.cmsg_space(4)
    answered = 0
    for seq in range(1, a.count + 1):
        request = ECHO.pack(ECHO_REQUEST, 0, 0, ident, seq) + b"xapi ping6"
        sent = time.monotonic()
        xapi.sendmsg(s, [request], (a.dest, 0))
        deadline = sent + WAIT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                print("no reply to seq=%d within %.0f s" % (seq, WAIT))
                break
            # xapi's calls do not apply socket timeouts: wait with select.
            if not select.select([s], [], [], left)[0]:
                continue
            m = xapi.recvmsg(s, [1500], anc)
            data = m.data[0]
            if len(data) < ECHO.size:
                continue
            typ, _code, _sum, rid, rseq = ECHO.unpack_from(data)
            if typ != ECHO_REPLY or rid != ident or rseq != seq:
                continue            # someone else's reply, or a late one
            hlim = next((c.hoplimit for c in m.cmsgs
                         if c.kind == "hoplimit"), -1)
            print("reply from %s: seq=%d hlim=%d time=%.3f ms"
                  % (m.address[0], seq, hlim,
                     (time.monotonic() - sent) * 1000))
            answered += 1
            break
        if seq < a.count:
            time.sleep(0.2)
    return 0 if answered == a.count else 1


if __name__ == "__main__":
    sys.exit(main())
