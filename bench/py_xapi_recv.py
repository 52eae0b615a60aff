#!/usr/bin/python3
"""py-xapi-recvmsg and py-xapi-batch-recv: the Python binding's receive
scenarios (bench/README.md's contract), against py-socket-recvmsg.

Same socket set-up and the same per-message result as the peer: the hop
limit, the pktinfo interface index and the pktinfo address as text.  xapi
decodes the items in C in the same native call as the receive, so the
loop only reads the typed views.

  py-xapi-recvmsg     xapi.recvmsg, one datagram per call
  py-xapi-batch-recv  xapi.Batch(64, ...).recv: up to 64 per call, the
                      receive buffers allocated once
"""
import socket

import benchlib

xapi = benchlib.import_xapi()

BATCH = 64


def main():
    name = benchlib.scenario("py-xapi-recvmsg", "py-xapi-batch-recv")
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    xapi.bind(s, "::1", 0)
    xapi.setsockopt_int(s, xapi.IPPROTO_IPV6, xapi.IPV6_RECVPKTINFO, 1)
    xapi.setsockopt_int(s, xapi.IPPROTO_IPV6, xapi.IPV6_RECVHOPLIMIT, 1)
    xapi.setsockopt_int(s, xapi.SOL_SOCKET, xapi.SO_RCVBUF, 4 << 20)
    ctl = xapi.cmsg_space(20) + xapi.cmsg_space(4)
    flags = xapi.MSG_DONTWAIT
    result = []

    def take(m):
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

    if name == "py-xapi-recvmsg":
        recvmsg, sizes = xapi.recvmsg, (128,)

        def drain():
            n = 0
            while True:
                try:
                    m = recvmsg(s, sizes, ctl, flags)
                except BlockingIOError:
                    return n
                take(m)
                n += 1
    else:
        recv = xapi.Batch(BATCH, 128, ctl).recv

        def drain():
            n = 0
            while True:
                try:
                    msgs = recv(s, None, flags)
                except BlockingIOError:
                    return n
                for m in msgs:
                    take(m)
                n += len(msgs)

    benchlib.run_receiver(name, s.getsockname()[1], drain)


if __name__ == "__main__":
    main()
