#!/usr/bin/python3
"""py-socket-sendmsg: the Python send peer, no xapi.  socket.sendmsg of
64-byte datagrams to a socket of its own that nobody reads, each with its
destination and a hop-limit item (README.md, item 3)."""
import socket
import struct
import time

import benchlib


def main():
    sink = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    sink.bind(("::1", 0))
    dest = sink.getsockname()
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    payload = [b"p" * 64]
    items = [(socket.IPPROTO_IPV6, socket.IPV6_HOPLIMIT, struct.pack("=i", 7))]
    sendmsg = s.sendmsg
    count = benchlib.COUNT
    rss0 = benchlib.rss_kb()
    t0 = time.perf_counter()
    for _ in range(count):
        sendmsg(payload, items, 0, dest)
    t1 = time.perf_counter()
    benchlib.report("py-socket-sendmsg", count, t1 - t0, rss0)


if __name__ == "__main__":
    main()
