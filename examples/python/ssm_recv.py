#!/usr/bin/env python3
"""ssm_recv.py - a source-specific multicast receiver (RFC 4607), and a
sender to try it with.

usage: ssm_recv.py recv GROUP IFNAME SOURCE PORT [COUNT]
       ssm_recv.py send GROUP IFNAME PORT TEXT [FROM]

    $ sudo ip netns exec lab-b python3 examples/python/ssm_recv.py recv ff3e::8000:db8 b-r 2001:db8:2::1 7010 &
    $ sudo ip netns exec lab-r python3 examples/python/ssm_recv.py send ff3e::8000:db8 r-b 7010 other 2001:db8:1::1
    $ sudo ip netns exec lab-r python3 examples/python/ssm_recv.py send ff3e::8000:db8 r-b 7010 hello 2001:db8:2::1
    joined ff3e::8000:db8 from 2001:db8:2::1 on b-r
    from 2001:db8:2::1: hello
    left

The join is xapi.mcast_join(sock, group, ifname, source=...): address
text and an interface name, no struct group_source_req to pack; IPv4
groups (232.1.2.3) work the same way.  The receiver prints COUNT
(default 1) datagrams and leaves; only SOURCE's reach it.  The sender
sends TEXT by IFNAME with hop limit 8, bound to FROM if given.
"""
import select
import socket
import sys

from typing import Optional

import xapi

WAIT = 5.0


def family_of(text: str) -> int:
    return socket.AF_INET6 if ":" in text else socket.AF_INET


def recv(group: str, ifname: str, source: str, port: int, count: int) -> None:
    with socket.socket(family_of(group), socket.SOCK_DGRAM) as s:
        xapi.mcast_join(s, group, ifname, source=source)
        s.bind((group, port))   # only this group's datagrams to port
        print("joined %s from %s on %s" % (group, source, ifname), flush=True)
        for _ in range(count):
            if not select.select([s], [], [], WAIT)[0]:
                sys.exit("ssm_recv.py: nothing from %s within %g s"
                         % (source, WAIT))
            data, addr = s.recvfrom(1500)
            print("from %s: %s" % (addr[0], data.decode(errors="replace")),
                  flush=True)
        xapi.mcast_leave(s, group, ifname, source=source)
        print("left")


def send(group: str, ifname: str, port: int, text: str,
         source: Optional[str] = None) -> None:
    with socket.socket(family_of(group), socket.SOCK_DGRAM) as s:
        if source:
            s.bind((source, 0))
        xapi.mcast_set_if(s, ifname)
        xapi.mcast_set_hops(s, 8)
        s.sendto(text.encode(), (group, port))


def main(argv: list[str]) -> int:
    try:
        if len(argv) in (6, 7) and argv[1] == "recv":
            recv(argv[2], argv[3], argv[4], int(argv[5]),
                 int(argv[6]) if len(argv) == 7 else 1)
            return 0
        if len(argv) in (6, 7) and argv[1] == "send":
            send(argv[2], argv[3], int(argv[4]), argv[5],
                 argv[6] if len(argv) == 7 else None)
            return 0
    except ValueError as e:
        # A bad group, source or interface: the core names the argument.
        print("ssm_recv.py: %s" % e, file=sys.stderr)
        return 2
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
