#!/usr/bin/env python3
"""Socket timeouts and signals: xapi's calls honour settimeout() as the
socket module does (TimeoutError, BlockingIOError for 0), retry EINTR
after running signal handlers (PEP 475) and let a handler's exception
through, and MSG_DONTWAIT never waits, timeout= or not.

The reference behaviour is the socket module's own, measured here on the
same sockets (socket.recvmsg with the same timeout)."""

import signal
import socket
import threading
import time
import unittest

import xapi
from xapi import socket_ext


def pair():
    r = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    r.bind(("::1", 0))
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    return r, s, r.getsockname()[:2]


class Base(unittest.TestCase):
    def setUp(self):
        self.r, self.s, self.dest = pair()
        self.addCleanup(self.r.close)
        self.addCleanup(self.s.close)

    def send_later(self, delay, data=b"late"):
        t = threading.Timer(delay, lambda: self.s.sendto(data, self.dest))
        t.start()
        self.addCleanup(t.join)
        self.addCleanup(t.cancel)

    def timed(self, fn, *args, **kw):
        t0 = time.monotonic()
        try:
            return fn(*args, **kw), time.monotonic() - t0
        except BaseException as e:
            e.elapsed = time.monotonic() - t0
            raise


def ext_recvmsg(sock, flags=0):
    """socket_ext's recvmsg on *sock*'s descriptor (same timeout)."""
    e = socket_ext.socket(sock.family, sock.type, fileno=sock.fileno())
    try:
        e.settimeout(sock.gettimeout())
        return e.recvmsg((64,), 0, flags)
    finally:
        e.detach()


RECEIVERS = {
    "recvmsg": lambda sock, **kw: xapi.recvmsg(sock, (64,), **kw),
    "recv_batch": lambda sock, **kw: xapi.recv_batch(sock, 4, 64, **kw),
    "recvmsg_into": lambda sock, **kw: xapi.recvmsg_into(
        sock, bytearray(64), **kw),
    "Batch.recv": lambda sock, **kw: xapi.Batch(4, 64).recv(sock, **kw),
    "socket_ext.recvmsg": ext_recvmsg,
}


class TestSocketTimeout(Base):

    def test_stdlib_reference(self):
        # What every call below must match: the socket module's own.
        self.r.settimeout(0.2)
        with self.assertRaises(TimeoutError):
            self.r.recvmsg(64)
        self.r.settimeout(0)
        self.assertRaises(BlockingIOError, self.r.recvmsg, 64)

    def test_idle_socket_times_out(self):
        self.r.settimeout(0.2)
        for name, recv in RECEIVERS.items():
            with self.subTest(name):
                with self.assertRaises(TimeoutError) as cm:
                    self.timed(recv, self.r)
                self.assertGreaterEqual(cm.exception.elapsed, 0.19)
                self.assertLess(cm.exception.elapsed, 2.0)

    def test_socket_ext_socket_times_out(self):
        e = socket_ext.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        with e:
            e.bind(("::1", 0))
            e.settimeout(0.2)
            with self.assertRaises(TimeoutError):
                e.recvmsg((64,))

    def test_data_arriving_within_the_timeout(self):
        self.r.settimeout(5)
        for name, recv in RECEIVERS.items():
            with self.subTest(name):
                self.send_later(0.1)
                res, elapsed = self.timed(recv, self.r)
                self.assertGreaterEqual(elapsed, 0.05)
                self.assertLess(elapsed, 4)
                self.assertTrue(res)

    def test_zero_is_non_blocking(self):
        self.r.settimeout(0)
        for name, recv in RECEIVERS.items():
            with self.subTest(name):
                self.assertRaises(BlockingIOError, recv, self.r)

    def test_gettimeout_none_blocks_in_the_kernel(self):
        self.assertIsNone(self.r.gettimeout())
        self.send_later(0.2)
        m, elapsed = self.timed(xapi.recvmsg, self.r, (64,))
        self.assertEqual(m.data, (b"late",))
        self.assertGreaterEqual(elapsed, 0.15)

    def test_dontwait_never_waits(self):
        dontwait = xapi.MSG_DONTWAIT
        self.r.settimeout(5)
        for name, recv in RECEIVERS.items():
            with self.subTest(name):
                with self.assertRaises(BlockingIOError) as cm:
                    self.timed(recv, self.r, flags=dontwait)
                self.assertLess(cm.exception.elapsed, 1)
        # timeout= of the batch calls must not make MSG_DONTWAIT wait
        self.r.settimeout(None)
        for name in ("recv_batch", "Batch.recv"):
            with self.subTest(name + " timeout="):
                with self.assertRaises(BlockingIOError) as cm:
                    self.timed(RECEIVERS[name], self.r, flags=dontwait,
                               timeout=5)
                self.assertLess(cm.exception.elapsed, 1)

    def test_explicit_timeout_beats_the_sockets(self):
        self.r.settimeout(30)
        with self.assertRaises(BlockingIOError) as cm:
            self.timed(xapi.recv_batch, self.r, 1, 64, timeout=0.1)
        self.assertLess(cm.exception.elapsed, 5)

    def test_send_on_a_socket_with_timeout(self):
        self.s.settimeout(1)
        self.assertEqual(xapi.sendmsg(self.s, iter([b"a", b"b"]), self.dest,
                                      iter(())), 2)
        self.assertEqual(xapi.send_batch(self.s, iter([(b"c", self.dest)])),
                         1)
        self.assertEqual(self.r.recv(8), b"ab")
        self.assertEqual(self.r.recv(8), b"c")

    def test_full_send_buffer_times_out(self):
        a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
        with a, b:
            a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1024)
            a.settimeout(0.2)
            with self.assertRaises(TimeoutError):
                for _ in range(100000):
                    xapi.sendmsg(a, [b"x" * 512])


class TestConnect(unittest.TestCase):

    def test_connect_with_timeout(self):
        srv = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        srv.bind(("::1", 0))
        srv.listen(1)
        c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        port = srv.getsockname()[1]
        with srv, c:
            c.settimeout(2)
            self.assertIsNone(xapi.connect(c, "::1", port))
            self.assertEqual(c.getpeername()[:2], srv.getsockname()[:2])
        # refused: the error of the connection, as socket.connect gives it
        c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        with c:
            c.settimeout(2)
            self.assertRaises(ConnectionRefusedError, xapi.connect, c, "::1",
                              port)


class TestSignals(Base):
    """PEP 475 with signal.setitimer and a handler."""

    def setUp(self):
        super().setUp()
        self.hits = 0
        old = signal.signal(signal.SIGALRM, self.handler)
        self.addCleanup(signal.signal, signal.SIGALRM, old)
        self.addCleanup(signal.setitimer, signal.ITIMER_REAL, 0)
        self.raise_from_handler = False

    def handler(self, signum, frame):
        self.hits += 1
        if self.raise_from_handler:
            raise KeyboardInterrupt("from the handler")

    def test_eintr_retried_after_the_handler_runs(self):
        for name, recv in RECEIVERS.items():
            for timeout in (None, 5):
                with self.subTest(name, timeout=timeout):
                    self.r.settimeout(timeout)
                    self.hits = 0
                    # interrupts every 50 ms; data after 0.4 s
                    signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
                    self.send_later(0.4)
                    kw = {"flags": xapi.MSG_WAITFORONE} \
                        if "atch" in name else {}
                    res = recv(self.r, **kw)
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    self.assertTrue(res)
                    self.assertGreaterEqual(self.hits, 3)

    def test_handler_exception_propagates(self):
        self.raise_from_handler = True
        for name, recv in RECEIVERS.items():
            for timeout in (None, 5):
                with self.subTest(name, timeout=timeout):
                    self.r.settimeout(timeout)
                    signal.setitimer(signal.ITIMER_REAL, 0.1)
                    with self.assertRaises(KeyboardInterrupt) as cm:
                        self.timed(recv, self.r)
                    self.assertLess(cm.exception.elapsed, 3)

    def test_timeout_still_counts_across_signals(self):
        self.r.settimeout(0.3)
        signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
        with self.assertRaises(TimeoutError) as cm:
            self.timed(xapi.recvmsg, self.r, (64,))
        self.assertGreaterEqual(self.hits, 2)
        self.assertLess(cm.exception.elapsed, 3)


if __name__ == "__main__":
    unittest.main(verbosity=1)
