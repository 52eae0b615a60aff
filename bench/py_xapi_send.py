#!/usr/bin/python3
"""py-xapi-sendmsg and py-xapi-batch-send: the Python binding's send
scenarios (README.md, item 3), against py-socket-sendmsg.

64-byte datagrams to a socket of this process that nobody reads, each with
its destination and a hop-limit item, all built before the timed loop.

  py-xapi-sendmsg     xapi.sendmsg, one datagram per call
  py-xapi-batch-send  xapi.send_batch, 32 datagrams per call, each with
                      its own destination and item
"""
import socket
import time

import benchlib

xapi = benchlib.import_xapi()

BATCH = 32


def main():
    name = benchlib.scenario("py-xapi-sendmsg", "py-xapi-batch-send")
    sink = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    xapi.bind(sink, "::1", 0)
    dest = xapi.getsockname(sink)
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    payload = [b"p" * 64]
    items = [xapi.Cmsg.hoplimit(7)]
    count = benchlib.COUNT
    if name == "py-xapi-sendmsg":
        sendmsg = xapi.sendmsg
        rss0 = benchlib.rss_kb()
        t0 = time.perf_counter()
        for _ in range(count):
            sendmsg(s, payload, dest, items)
        t1 = time.perf_counter()
    else:
        send_batch = xapi.send_batch
        batch = [(payload, dest, items)] * BATCH
        rounds, rest = divmod(count, BATCH)
        rss0 = benchlib.rss_kb()
        t0 = time.perf_counter()
        for _ in range(rounds):
            done = send_batch(s, batch)
            while done < BATCH:             # the kernel may stop part-way
                done += send_batch(s, batch[done:])
        if rest:
            send_batch(s, batch[:rest])
        t1 = time.perf_counter()
    benchlib.report(name, count, t1 - t0, rss0)


if __name__ == "__main__":
    main()
