#!/usr/bin/env python3
"""traceroute6.py - the path to an IPv6 host, read from the error queue.

usage: traceroute6.py [-m MAXHOPS] [-p PORT] DEST

    $ sudo ip netns exec lab-a python3 examples/python/traceroute6.py 2001:db8:2::2
    1 2001:db8:1::1
    2 2001:db8:2::2

UDP probes go out with hop limits 1, 2, 3, ... (an IPV6_HOPLIMIT item per
probe, RFC 3542 6.3).  Each router where a probe's hop limit runs out sends
ICMPv6 Time Exceeded (RFC 4443 3.3); the destination, where no one listens
on the port, answers Destination Unreachable, port unreachable (3.1).
With IPV6_RECVERR set (ipv6(7)) the kernel puts each of these on the
socket's error queue, with the sender's address as the "offender":
xapi.recv_errqueue() returns it, decoded (Cmsg.sock_err).  No raw socket,
no privileges needed.  Prints "HOP ADDR" per hop ("HOP *" when nothing
answered); exits 0 when the destination answered, 1 otherwise, 2 for bad
usage.
"""
import argparse
import socket
import sys

import xapi

TIME_EXCEEDED, DEST_UNREACH = 3, 1    # ICMPv6 types (RFC 4443)
WAIT = 2.0


def main() -> int:
    ap = argparse.ArgumentParser(prog="traceroute6.py")
    ap.add_argument("-m", dest="maxhops", type=int, default=30,
                    help="largest hop limit to try (default 30)")
    ap.add_argument("-p", dest="port", type=int, default=33434,
                    help="UDP port of the probes (default 33434)")
    ap.add_argument("dest", help="IPv6 address")
    a = ap.parse_args()
    if not 1 <= a.maxhops <= 255:
        ap.error("MAXHOPS must be in 1..255")
    try:
        socket.inet_pton(socket.AF_INET6, a.dest)
    except OSError:
        ap.error("%s: not an IPv6 address" % a.dest)

    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    xapi.setsockopt_int(s, xapi.IPPROTO_IPV6, xapi.IPV6_RECVERR, 1)
    for hops in range(1, a.maxhops + 1):
        xapi.sendmsg(s, [b"probe %d" % hops], (a.dest, a.port),
                     [xapi.Cmsg.hoplimit(hops)])
        m = xapi.recv_errqueue(s, timeout=WAIT)
        errs = [c.sock_err for c in m.cmsgs if c.kind == "sock_err"] if m else []
        if not errs:
            print("%d *" % hops)
            continue
        e = errs[0]
        print("%d %s" % (hops, e.offender or "?"))
        if e.origin == xapi.SO_EE_ORIGIN_ICMP6 and e.type == TIME_EXCEEDED:
            continue
        if e.origin == xapi.SO_EE_ORIGIN_ICMP6 and e.type == DEST_UNREACH \
                and e.code == 4:
            return 0                    # port unreachable: the destination
        print("stopped: %s (ICMPv6 type %d code %d)"
              % (xapi.errno_name(e.errno), e.type, e.code))
        return 1
    return 1


if __name__ == "__main__":
    sys.exit(main())
