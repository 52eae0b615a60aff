#!/usr/bin/python3
"""py-socket-recvmsg: the Python peer, no xapi.  socket.recvmsg with
IPV6_RECVPKTINFO and IPV6_RECVHOPLIMIT; items decoded with struct, the
pktinfo address to text with socket.inet_ntop, as xapi's typed view
gives it."""
import socket
import struct

import benchlib

PKTINFO = struct.Struct("=16sI")
INT = struct.Struct("=i")


def main():
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.bind(("::1", 0))
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    ctl = socket.CMSG_SPACE(PKTINFO.size) + socket.CMSG_SPACE(INT.size)
    recvmsg = s.recvmsg
    flags = socket.MSG_DONTWAIT
    lvl, t_pi, t_hl = (socket.IPPROTO_IPV6, socket.IPV6_PKTINFO,
                       socket.IPV6_HOPLIMIT)
    ntop, af = socket.inet_ntop, socket.AF_INET6
    result = []

    def drain():
        n = 0
        while True:
            try:
                data, items, mflags, addr = recvmsg(128, ctl, flags)
            except BlockingIOError:
                return n
            ifindex = hoplimit = addrtext = None
            for level, typ, payload in items:
                if level == lvl and typ == t_pi:
                    a, ifindex = PKTINFO.unpack(payload)
                    addrtext = ntop(af, a)
                elif level == lvl and typ == t_hl:
                    hoplimit = INT.unpack(payload)[0]
            result.append(hoplimit)  # keep the work observable
            if len(result) > 1024:
                result.clear()
            n += 1

    benchlib.run_receiver("py-socket-recvmsg", s.getsockname()[1], drain)


if __name__ == "__main__":
    main()
