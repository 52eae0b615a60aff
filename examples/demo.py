#!/usr/bin/env python3
"""xapi demo: one datagram over IPv6 loopback carrying a hop limit and a
traffic class as ancillary data; the receiver prints what the kernel says
about it: the packet info (destination address and interface), the hop
limit and the traffic class, each decoded by xapi.

Run from a build tree:
    PYTHONPATH=BUILD/bindings/python python3 examples/demo.py
"""

import socket

import xapi


def main() -> None:
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as rx, \
         socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as tx:
        xapi.bind(rx, "::1", 0)
        for option in (xapi.IPV6_RECVPKTINFO, xapi.IPV6_RECVHOPLIMIT,
                       xapi.IPV6_RECVTCLASS):
            xapi.setsockopt_int(rx, xapi.IPPROTO_IPV6, option, 1)

        sent = xapi.sendmsg(tx, [b"hello, ", b"xapi"], xapi.getsockname(rx),
                            [xapi.Cmsg.hoplimit(7), xapi.Cmsg.tclass(0x28)])
        print("sent %d bytes with hop limit 7 and traffic class 0x28" % sent)

        ancsize = xapi.cmsg_space(20) + 2 * xapi.cmsg_space(4)
        address, data, cmsgs, flags = xapi.recvmsg(rx, [1024], ancsize)
        print("received %r from %s port %d" % (b"".join(data), address[0],
                                               address[1]))
        if flags & xapi.MSG_CTRUNC:
            print("ancillary data truncated")
        for item in cmsgs:
            if item.kind == "pktinfo":
                addr, ifindex = item.pktinfo
                print("pktinfo: address %s, interface %s (index %d)"
                      % (addr, xapi.if_indextoname(ifindex), ifindex))
            elif item.kind == "hoplimit":
                print("hop limit: %d" % item.hoplimit)
            elif item.kind == "tclass":
                print("traffic class: %#04x" % item.tclass)
            else:
                print("item level %d type %d: %r"
                      % (item.level, item.type, item.data))


if __name__ == "__main__":
    main()
