#!/usr/bin/env python3
"""owlat.py - a one-way latency probe with socket timestamps.

usage: owlat.py recv PORT [-n COUNT]         print each probe's latency
       owlat.py send HOST PORT [-c COUNT]    send COUNT probes (default 3)

    $ sudo ip netns exec lab-b python3 examples/python/owlat.py recv 7003 -n 3 &
    $ sudo ip netns exec lab-a python3 examples/python/owlat.py send 2001:db8:2::2 7003
    probe 0 left at 1733450000.123456789
    probe 0 one-way 41.3 us

The sender stamps each probe's departure with a transmit timestamp
(SO_TIMESTAMPING with SOF_TIMESTAMPING_TX_SOFTWARE: the kernel's clock as
the packet left for the device), read from the socket's error queue and
matched to the probe by its SOF_TIMESTAMPING_OPT_ID key
(Message.tx_timestamp), then sends that time in a follow-up message, as
PTP's two-step clocks do.  The receiver stamps arrivals with receive
timestamps (SOF_TIMESTAMPING_RX_SOFTWARE, Cmsg.time_ns) and prints arrival
minus departure.  Both clocks must agree (one host, or PTP): the lab's
namespaces share one.  Integer nanoseconds throughout (time_ns): a float
of seconds keeps only about a quarter of a microsecond today.
"""
import select
import socket
import sys

import xapi

WAIT = 5.0


def send(host: str, port: int, count: int) -> int:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    xapi.setsockopt_int(s, xapi.SOL_SOCKET, xapi.SO_TIMESTAMPING,
                        xapi.SOF_TIMESTAMPING_TX_SOFTWARE |
                        xapi.SOF_TIMESTAMPING_SOFTWARE |
                        xapi.SOF_TIMESTAMPING_OPT_ID |
                        xapi.SOF_TIMESTAMPING_OPT_TSONLY)
    sends = 0  # what OPT_ID counts: this socket's datagrams
    for k in range(count):
        xapi.sendmsg(s, [b"probe %d" % k], (host, port))
        m = xapi.recv_errqueue(s, 64, timeout=WAIT)
        tx = m.tx_timestamp if m is not None else None
        if tx is None or tx.key != sends or tx.time_ns is None:
            print("owlat: no transmit timestamp for probe %d" % k,
                  file=sys.stderr)
            return 1
        sends += 2  # the probe and its follow-up
        print("probe %d left at %d.%09d" % (k, tx.time_ns // 10**9,
                                            tx.time_ns % 10**9))
        xapi.sendmsg(s, [b"followup %d %d" % (k, tx.time_ns)], (host, port))
        # the follow-up's own stamp: read and dropped
        xapi.recv_errqueue(s, 64, timeout=WAIT)
    return 0


def recv(port: int, count: int) -> int:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    xapi.bind(s, "::", port)
    xapi.setsockopt_int(s, xapi.SOL_SOCKET, xapi.SO_TIMESTAMPING,
                        xapi.SOF_TIMESTAMPING_RX_SOFTWARE |
                        xapi.SOF_TIMESTAMPING_SOFTWARE)
    print("listening on port %d" % port, flush=True)
    probe, arrival, seen = None, None, 0
    while seen < count:
        if not select.select([s], [], [], WAIT)[0]:
            print("owlat: nothing within %g s" % WAIT, file=sys.stderr)
            return 1
        m = xapi.recvmsg(s, (128,), xapi.cmsg_space(48))
        words = m.data[0].split()
        if words[:1] == [b"probe"]:
            probe = int(words[1])
            arrival = next((c.time_ns for c in m.cmsgs
                            if c.kind == "timestamping"), None)
        elif words[:1] == [b"followup"] and int(words[1]) == probe:
            seen += 1
            if arrival is None:
                print("probe %d: no receive timestamp" % probe)
            else:
                print("probe %d one-way %.1f us"
                      % (probe, (arrival - int(words[2])) / 1e3))
            sys.stdout.flush()
    return 0


def main(argv: list[str]) -> int:
    try:
        if len(argv) in (3, 5) and argv[1] == "recv":
            count = int(argv[4]) if len(argv) == 5 and argv[3] == "-n" else 3
            if len(argv) == 5 and argv[3] != "-n":
                raise ValueError
            return recv(int(argv[2]), count)
        if len(argv) in (4, 6) and argv[1] == "send":
            count = int(argv[5]) if len(argv) == 6 and argv[4] == "-c" else 3
            if len(argv) == 6 and argv[4] != "-c":
                raise ValueError
            return send(argv[2], int(argv[3]), count)
    except ValueError:
        pass
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
