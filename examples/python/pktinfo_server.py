#!/usr/bin/env python3
"""pktinfo_server.py - a UDP server that answers each query from the
address the query was sent to.

usage: pktinfo_server.py [-p PORT] [-n COUNT]          serve
       pktinfo_server.py -q SERVER [-p PORT] TEXT      ask once

    $ sudo ip netns exec lab-b python3 examples/python/pktinfo_server.py -p 7000 -n 1
    query from 2001:db8:1::2 to 2001:db8:2::3 ifindex 32
    $ sudo ip netns exec lab-a python3 examples/python/pktinfo_server.py -q 2001:db8:2::3 -p 7000 hi
    answer from 2001:db8:2::3: hi

A socket bound to :: would answer from whatever source address the
routing table picks, and a client that sent to another address of the
host would drop the answer.  RFC 3542 section 6: IPV6_RECVPKTINFO tells
the server each query's destination address and interface; an
IPV6_PKTINFO item with the same values, sent with the answer, sets its
source.  The server reads queries in batches (xapi.recv_batch, one system
call for all that are queued) and sends the answers in one batch too
(xapi.send_batch), each with its own destination and pktinfo item.
"""
import argparse
import select
import socket
import sys

import xapi

BATCH = 16
WAIT = 5.0


def serve(port: int, count: int) -> int:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    xapi.bind(s, "::", port)
    xapi.setsockopt_int(s, xapi.IPPROTO_IPV6, xapi.IPV6_RECVPKTINFO, 1)
    anc = xapi.cmsg_space(20)
    served = 0
    while count == 0 or served < count:
        want = BATCH if count == 0 else min(BATCH, count - served)
        # MSG_WAITFORONE: wait for the first query, take whatever else is
        # queued, return.
        queries = xapi.recv_batch(s, want, 1500, anc, xapi.MSG_WAITFORONE)
        answers = []
        for q in queries:
            info = [c.pktinfo for c in q.cmsgs if c.kind == "pktinfo"]
            if not info:
                continue
            dst, ifindex = info[0]
            print("query from %s to %s ifindex %d" % (q.address[0], dst,
                                                      ifindex), flush=True)
            answers.append((q.data, q.address,
                            [xapi.Cmsg.pktinfo6(dst, ifindex)]))
        done = 0
        while done < len(answers):
            try:
                done += xapi.send_batch(s, answers[done:])
            except OSError as e:    # one bad answer: skip it, send the rest
                print("answer to %s: %s" % (answers[done][1][0], e),
                      file=sys.stderr)
                done += 1
        served += len(queries)
    return 0


def ask(server: str, port: int, text: str) -> int:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    xapi.sendmsg(s, [text.encode()], (server, port))
    # xapi's calls do not apply socket timeouts: wait with select.
    if not select.select([s], [], [], WAIT)[0]:
        print("no answer within %.0f s" % WAIT)
        return 1
    m = xapi.recvmsg(s, [1500])
    print("answer from %s: %s" % (m.address[0],
                                  m.data[0].decode(errors="replace")))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(prog="pktinfo_server.py")
    ap.add_argument("-p", dest="port", type=int, default=7000)
    ap.add_argument("-n", dest="count", type=int, default=0,
                    help="exit after COUNT queries (default: never)")
    ap.add_argument("-q", dest="server", help="ask SERVER once, print the answer")
    ap.add_argument("text", nargs="?", default="hello")
    a = ap.parse_args()
    if not 0 < a.port < 65536 or a.count < 0:
        ap.error("bad PORT or COUNT")
    if a.server:
        return ask(a.server, a.port, a.text)
    return serve(a.port, a.count)


if __name__ == "__main__":
    sys.exit(main())
