#!/usr/bin/python3
"""py-xapi-gro-recv: the Python binding's GRO path (bench/README.md's
contract, against the ceiling c-raw-recvmmsg): UDP_GRO on the socket, the
sender in GSO mode (64-byte segments, up to 64 per send), and
xapi.Batch(4, 4096, ..., gro=True).recv, which returns one Message per
datagram.  The same per-message work as py-xapi-batch-recv: every
message's hop limit, pktinfo index and pktinfo address as text.  Counts
datagrams.
"""
import os
import socket

import benchlib

xapi = benchlib.import_xapi()

BATCH = 4           # buffers per recvmmsg(2): up to 256 messages
SLOT = 64 * 64      # a whole GRO buffer: 64 datagrams of 64 bytes


def main():
    name = benchlib.scenario("py-xapi-gro-recv")
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    xapi.bind(s, "::1", 0)
    xapi.setsockopt_int(s, xapi.IPPROTO_IPV6, xapi.IPV6_RECVPKTINFO, 1)
    xapi.setsockopt_int(s, xapi.IPPROTO_IPV6, xapi.IPV6_RECVHOPLIMIT, 1)
    xapi.setsockopt_int(s, xapi.SOL_SOCKET, xapi.SO_RCVBUF, 4 << 20)
    xapi.setsockopt_int(s, xapi.SOL_UDP, xapi.UDP_GRO, 1)
    os.environ["XAPI_BENCH_GSO"] = "1"      # the sender inherits it
    ctl = xapi.cmsg_space(20) + xapi.cmsg_space(4) + xapi.cmsg_space(4)
    flags = xapi.MSG_DONTWAIT
    recv = xapi.Batch(BATCH, SLOT, ctl, gro=True).recv
    result = []

    def drain():
        n = 0
        while True:
            try:
                msgs = recv(s, None, flags)
            except BlockingIOError:
                return n
            for m in msgs:
                ifindex = hoplimit = addrtext = None
                for c in m.cmsgs:
                    kind = c.kind
                    if kind == "pktinfo":
                        addrtext, ifindex = c.value
                    elif kind == "hoplimit":
                        hoplimit = c.value
                result.append(hoplimit)  # keep the work observable
            if len(result) > 1024:
                result.clear()
            n += len(msgs)

    benchlib.run_receiver(name, s.getsockname()[1], drain)


if __name__ == "__main__":
    main()
