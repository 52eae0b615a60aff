#!/usr/bin/env python3
"""fdpass.py - a parent hands a bound UDP socket to a child over a unix
socket (SCM_RIGHTS); the child, which never bound anything, answers a
datagram through it, and sees who sent it (SCM_CREDENTIALS).

    usage: fdpass.py

The parent listens on an abstract unix name and starts the child (this
script again, with "child NAME"); the child connects with SO_PASSCRED set,
and the parent sends it one message carrying the UDP socket.  The child
receives it as a socket.socket (xapi.recvmsg(..., fds="socket")),
close-on-exec, answers a datagram on it and exits.
"""

import os
import socket
import subprocess
import sys

import xapi


def child(name: str, parent_pid: int) -> None:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
    xapi.connect(s, name, 0)
    msg = xapi.recvmsg(s, [64], 256, fds="socket")
    s.close()
    udp, sender = None, None
    for c in msg.cmsgs:
        if c.kind == "fds":
            udp = c.value[0]
        elif c.kind == "creds":
            sender = c.value.pid
    if udp is None:
        sys.exit("fdpass.py: child: no descriptor arrived")
    print("child: received a UDP socket from %s"
          % ("my parent" if sender == parent_pid else "someone else"),
          flush=True)
    udp.settimeout(5)
    data, peer = udp.recvfrom(64)
    print("child: datagram %r" % data.decode(), flush=True)
    xapi.sendmsg(udp, [b"hello back"], peer)
    udp.close()


def parent() -> int:
    name = "@xapi-fdpass-%d" % os.getpid()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    xapi.bind(listener, name, 0)
    listener.listen(1)
    proc = subprocess.Popen([sys.executable, __file__, "child", name,
                             str(os.getpid())])
    conn, _ = listener.accept()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    bound = udp.getsockname()
    # The socket goes to the child; the parent keeps no copy.
    xapi.sendmsg(conn, [b"here"], None, [xapi.Cmsg.fds([udp])])
    udp.close()
    conn.close()
    listener.close()
    peer = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    peer.settimeout(5)
    peer.sendto(b"hello", bound)
    reply, sender = peer.recvfrom(64)
    print("parent: answer %r from %s" % (
        reply.decode(), "the socket it handed over" if sender == bound
        else "another socket"), flush=True)
    peer.close()
    return proc.wait()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child":
        child(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 1:
        sys.exit(parent())
    else:
        print("usage: fdpass.py", file=sys.stderr)
        sys.exit(2)
