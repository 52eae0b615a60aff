#!/usr/bin/env python3
"""Tests of xapi's batch I/O and receive-into calls (xapi/_batch.py).

Expected values come from what was sent, from the standard library
(socket.recvmsg_into, socket.CMSG_SPACE, struct) and from the kernel's
documented behaviour (recvmmsg(2), sendmmsg(2), udp(7)), never from xapi.
Run with PYTHONPATH pointing at the build tree's bindings/python.
Set XAPI_LEAK_ITERATIONS to run the leak check longer (default 5000).
"""

import errno
import gc
import os
import select
import socket
import struct
import threading
import time
import unittest

import xapi

LEAK_ITERATIONS = int(os.environ.get("XAPI_LEAK_ITERATIONS", "5000"))
INT = struct.Struct("@i")


def udp6():
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.bind(("::1", 0))
    return s


def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def skip_if_sanitized(test):
    """A sanitizer build's harness sets XAPI_SANITIZER=1 (configure.ac,
    SAN_RUN): ASan keeps freed memory in quarantine, so RSS grows whatever
    the code does, and an RSS check can only be skipped, saying so."""
    if os.environ.get("XAPI_SANITIZER"):
        reason = "RSS says nothing under ASan (freed memory is quarantined)"
        os.write(2, ("SKIP %s: %s\n" % (test.id(), reason)).encode())
        test.skipTest(reason)


def drain(s):
    while select.select([s], [], [], 0)[0]:
        s.recv(65536)


class Base(unittest.TestCase):
    def setUp(self):
        self.tx = udp6()
        self.rx = udp6()
        self.dest = self.rx.getsockname()

    def tearDown(self):
        self.tx.close()
        self.rx.close()


class TestSendBatch(Base):
    def test_three_forms_of_message(self):
        other = udp6()
        self.addCleanup(other.close)
        self.rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
        other.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
        msgs = [
            (b"one\0", self.dest),                             # 2-tuple
            ([b"tw", bytearray(b"o"), memoryview(b"!")],       # gather
             other.getsockname(), [xapi.Cmsg.hoplimit(9)]),
            [b"three", self.dest, [(socket.IPPROTO_IPV6,
                                    socket.IPV6_HOPLIMIT, INT.pack(3))]],
        ]
        self.assertEqual(xapi.send_batch(self.tx, iter(msgs)), 3)
        anc = socket.CMSG_SPACE(INT.size)
        data, items, _, _ = self.rx.recvmsg(64, anc)
        self.assertEqual(data, b"one\0")
        self.assertEqual(INT.unpack(items[0][2])[0], 64)   # loopback default
        data, items, _, _ = self.rx.recvmsg(64, anc)
        self.assertEqual((data, INT.unpack(items[0][2])[0]), (b"three", 3))
        data, items, _, _ = other.recvmsg(64, anc)
        self.assertEqual((data, INT.unpack(items[0][2])[0]), (b"two!", 9))

    def test_connected_and_empty(self):
        self.tx.connect(self.dest)
        self.assertEqual(xapi.send_batch(self.tx, []), 0)
        self.assertEqual(xapi.send_batch(self.tx, [(b"a",), (b"",)]), 2)
        self.assertEqual(self.rx.recv(8), b"a")
        self.assertEqual(self.rx.recv(8), b"")

    def test_received_messages_echo_back(self):
        # A Message sent as it is goes back where it came from.
        xapi.send_batch(self.tx, [(b"ping", self.dest)])
        got = xapi.recv_batch(self.rx, 4, 64, timeout=2)
        self.assertEqual(xapi.send_batch(self.rx, got), 1)
        self.assertEqual(self.tx.recvfrom(64), (b"ping", self.dest))

    def test_more_than_one_kernel_call(self):
        self.rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        n = xapi.BATCH_MAX + 10
        self.assertEqual(xapi.send_batch(self.tx, [(b"%d" % i, self.dest)
                                                    for i in range(n)]), n)
        seen = []
        while len(seen) < n:
            seen += [m.data[0] for m in
                     xapi.recv_batch(self.rx, 256, 16, timeout=2)]
        self.assertEqual(seen, [b"%d" % i for i in range(n)])

    def test_error_part_way_follows_the_kernel(self):
        bad = (socket.IPPROTO_IPV6, socket.IPV6_HOPLIMIT, b"\0")  # not an int
        msgs = [(b"one", self.dest), (b"two", self.dest, [bad]),
                (b"three", self.dest)]
        self.assertEqual(xapi.send_batch(self.tx, msgs), 1)
        with self.assertRaises(OSError) as cm:
            xapi.send_batch(self.tx, msgs[1:])
        self.assertEqual(cm.exception.errno, errno.EINVAL)
        self.assertEqual(xapi.send_batch(self.tx, msgs[2:]), 1)
        got = [m.data[0] for m in xapi.recv_batch(self.rx, 8, 16, timeout=2)]
        self.assertEqual(got, [b"one", b"three"])

    def test_bad_input_sends_nothing(self):
        d = self.dest
        for msgs, exc in (
                (5, TypeError), (b"abc", TypeError), ("abc", TypeError),
                ([5], TypeError), ([()], TypeError),
                ([(b"a", d, [], 1)], TypeError),
                ([(b"ok", d), (5, d)], TypeError),
                ([(b"ok", d), ([b"ok", 5], d)], TypeError),
                ([(b"ok", d), ("text", d)], TypeError),
                ([(b"ok", d), (b"x", d, [42])], TypeError),
                ([(b"ok", d), (b"x", ("::1", 70000))], ValueError),
                ([(b"ok", d), (b"x", ("not an address", 1))], ValueError),
                ([(b"ok", d), (b"x", ("::1\0", 1))], ValueError),
                ([(b"ok", d), ([b""] * (xapi.CONSTANTS.get("IOV_MAX", 1024)
                                        + 1), d)], ValueError)):
            with self.subTest(msgs=repr(msgs)[:60]):
                self.assertRaises(exc, xapi.send_batch, self.tx, msgs)
        self.assertRaises(TypeError, xapi.send_batch, self.tx, [(b"x", d)],
                          "0")
        self.assertRaises(OverflowError, xapi.send_batch, self.tx,
                          [(b"x", d)], 1 << 40)
        self.assertFalse(select.select([self.rx], [], [], 0.05)[0])

    def test_input_changing_while_read(self):
        # An __index__ that empties the lists being read: xapi works on
        # its own copies, so nothing it still reads goes away.
        msgs, pieces, items = [], [b"a", b"b"], []

        class Level:
            def __index__(self):
                msgs.clear()
                pieces.clear()
                items.clear()
                return socket.IPPROTO_IPV6
        items.append((Level(), socket.IPV6_HOPLIMIT, INT.pack(9)))
        msgs += [(pieces, self.dest, items), (b"second", self.dest)]
        self.assertEqual(xapi.send_batch(self.tx, msgs), 2)
        self.assertEqual(self.rx.recv(16), b"ab")
        self.assertEqual(self.rx.recv(16), b"second")
        items.append((Level(), socket.IPV6_HOPLIMIT, INT.pack(9)))
        pieces += [b"c", b"d"]
        self.assertEqual(xapi.sendmsg(self.tx, pieces, self.dest, items), 2)
        self.assertEqual(self.rx.recv(16), b"cd")

    def test_bad_descriptors(self):
        fd = os.open(os.devnull, os.O_RDONLY)
        self.addCleanup(os.close, fd)
        with self.assertRaises(OSError) as cm:
            xapi.send_batch(fd, [(b"x",)])
        self.assertEqual(cm.exception.errno, errno.ENOTSOCK)
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        closed = s.detach()
        os.close(closed)
        with self.assertRaises(OSError) as cm:
            xapi.send_batch(closed, [(b"x", self.dest)])
        self.assertEqual(cm.exception.errno, errno.EBADF)
        self.assertRaises(ValueError, xapi.send_batch, -1, [(b"x",)])
        self.assertRaises(TypeError, xapi.send_batch, "sock", [(b"x",)])

    def test_reused_descriptor_number_is_asked_again(self):
        # A descriptor number's remembered family goes stale when the
        # number is closed and reused for a socket of another family: the
        # destinations are parsed again, once per call, for the new one.
        rx4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.addCleanup(rx4.close)
        rx4.bind(("127.0.0.1", 0))
        dest4 = rx4.getsockname()
        for send in (lambda fd, d: xapi.sendmsg(fd, [b"x"], d),
                     lambda fd, d: xapi.send_batch(fd, [(b"x", d),
                                                        (b"x", tuple(list(d)))])):
            s6 = udp6()
            fd = s6.fileno()
            send(fd, self.dest)
            self.assertEqual(self.rx.recv(8), b"x")
            s6.close()
            s4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            self.addCleanup(s4.close)
            if s4.fileno() != fd:
                self.skipTest("descriptor number not reused")
            send(fd, dest4)
            self.assertEqual(rx4.recv(8), b"x")

    def test_udp_segment_per_message(self):
        seg = xapi.Cmsg.udp_segment(100)
        self.assertEqual((seg.level, seg.type, seg.data),
                         (xapi.SOL_UDP, xapi.UDP_SEGMENT, struct.pack("@H", 100)))
        self.assertRaises(ValueError, xapi.Cmsg.udp_segment, 65536)
        self.assertRaises(TypeError, xapi.Cmsg.udp_segment, "100")
        try:
            n = xapi.send_batch(self.tx, [(b"x" * 250, self.dest, [seg]),
                                          (b"y" * 250, self.dest)])
        except OSError as e:   # a kernel without UDP GSO
            self.skipTest("UDP_SEGMENT refused: %s" % e)
        self.assertEqual(n, 2)
        got = [m.data[0] for m in xapi.recv_batch(self.rx, 8, 512, timeout=2)]
        # udp(7): the first send leaves as 100 + 100 + 50 bytes, the
        # second, without the item, whole.
        self.assertEqual(got, [b"x" * 100, b"x" * 100, b"x" * 50, b"y" * 250])


class TestRecvBatch(Base):
    def send(self, *payloads, cmsgs=()):
        for p in payloads:
            self.tx.sendmsg([p], list(cmsgs), 0, self.dest)

    def test_messages_and_items(self):
        self.rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
        self.rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
        for hl, p in ((3, b"a\0b"), (4, b"cc")):
            self.send(p, cmsgs=[(socket.IPPROTO_IPV6, socket.IPV6_HOPLIMIT,
                                 INT.pack(hl))])
        anc = socket.CMSG_SPACE(20) + socket.CMSG_SPACE(4)
        got = xapi.recv_batch(self.rx, 8, 64, anc, timeout=2)
        self.assertIsInstance(got, list)
        self.assertEqual(len(got), 2)
        for m, (hl, p) in zip(got, ((3, b"a\0b"), (4, b"cc"))):
            self.assertIsInstance(m, xapi.Message)
            self.assertEqual(m.data, (p,))
            self.assertEqual(m.nbytes, len(p))
            self.assertEqual(m.address[:2], self.tx.getsockname()[:2])
            self.assertEqual(m.flags, 0)
            kinds = {c.kind: c for c in m.cmsgs}
            self.assertEqual(kinds["hoplimit"].hoplimit, hl)
            self.assertEqual(kinds["pktinfo"].pktinfo,
                             ("::1", socket.if_nametoindex("lo")))

    def test_truncation_is_per_message(self):
        self.send(b"abcd", b"abcdefghij", b"\0\1")
        got = xapi.recv_batch(self.rx, 3, 4, timeout=2)
        self.assertEqual([m.data[0] for m in got], [b"abcd", b"abcd", b"\0\1"])
        self.assertEqual([bool(m.flags & socket.MSG_TRUNC) for m in got],
                         [False, True, False])
        self.send(b"abcdefghij")
        (m,) = xapi.recv_batch(self.rx, 1, 4, flags=socket.MSG_TRUNC, timeout=2)
        self.assertEqual((m.nbytes, m.data), (10, (b"abcd",)))

    def test_ctrunc_keeps_first_item(self):
        self.rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
        self.rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
        self.send(b"m1", b"m2")
        got = xapi.recv_batch(self.rx, 2, 16, socket.CMSG_SPACE(20), timeout=2)
        for m in got:
            self.assertTrue(m.flags & socket.MSG_CTRUNC)
            self.assertEqual([c.kind for c in m.cmsgs], ["pktinfo"])

    def test_partial_dontwait_and_timeout(self):
        self.send(b"1", b"2", b"3")
        got = xapi.recv_batch(self.rx, 8, 8, flags=socket.MSG_DONTWAIT)
        self.assertEqual([m.data[0] for m in got], [b"1", b"2", b"3"])
        self.assertRaises(BlockingIOError, xapi.recv_batch, self.rx, 8, 8,
                          flags=socket.MSG_DONTWAIT)
        t0 = time.monotonic()
        with self.assertRaises(OSError) as cm:
            xapi.recv_batch(self.rx, 8, 8, timeout=0.05)
        self.assertEqual(cm.exception.errno, errno.EAGAIN)
        self.assertGreaterEqual(time.monotonic() - t0, 0.04)
        self.send(b"w")
        got = xapi.recv_batch(self.rx, 8, 8, flags=xapi.MSG_WAITFORONE)
        self.assertEqual(len(got), 1)

    def test_batch_object_reuse(self):
        b = xapi.Batch(4, 8, socket.CMSG_SPACE(4))
        self.rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
        self.send(b"AAAAAAAA", b"BB", b"C", b"D", b"E")
        first = b.recv(self.rx, timeout=2)
        self.assertEqual([m.data[0] for m in first], [b"AAAAAAAA", b"BB", b"C", b"D"])
        second = b.recv(self.rx, count=2, timeout=2)
        self.assertEqual([m.data[0] for m in second], [b"E"])
        # The first results are the caller's: not overwritten by the reuse.
        self.assertEqual(first[1].data, (b"BB",))
        self.assertEqual(first[0].cmsgs[0].hoplimit, 64)
        self.assertRaises(ValueError, b.recv, self.rx, 5)
        self.assertRaises(ValueError, b.recv, self.rx, 0)

    def test_gil_released_while_waiting(self):
        ticks = []
        stop = threading.Event()

        def tick():
            while not stop.is_set():
                ticks.append(1)
                time.sleep(0.005)
        t = threading.Thread(target=tick)
        t.start()
        try:
            self.assertRaises(BlockingIOError, xapi.recv_batch, self.rx, 4, 8,
                              timeout=0.3)
        finally:
            stop.set()
            t.join()
        self.assertGreater(len(ticks), 10)

    def test_bad_arguments(self):
        r = self.rx
        for args, kw, exc in (
                ((0, 8), {}, ValueError), ((-1, 8), {}, ValueError),
                ((1 << 40, 8), {}, ValueError),
                ((xapi.BATCH_MAX + 1, 8), {}, ValueError),
                ((2, -1), {}, ValueError), ((2, 1 << 40), {}, ValueError),
                ((1024, 1 << 29), {}, ValueError),         # 2**39 in all
                ((2, 8, -1), {}, ValueError), ((2, 8, 1 << 40), {}, ValueError),
                (("2", 8), {}, TypeError), ((2, 8.0), {}, TypeError),
                ((2, 8), {"timeout": -1}, ValueError),
                ((2, 8), {"timeout": float("nan")}, ValueError),
                ((2, 8), {"timeout": "1"}, TypeError),
                ((2, 8), {"flags": 1 << 40}, OverflowError)):
            with self.subTest(args=args, kw=kw):
                self.assertRaises(exc, xapi.recv_batch, r, *args, **kw)
        self.assertRaises(TypeError, xapi.recv_batch, "r", 2, 8)
        self.assertRaises(TypeError, xapi.Batch, 2, "8")
        self.assertRaises(ValueError, xapi.Batch, 0, 8)

    def test_bad_descriptors(self):
        fd = os.open(os.devnull, os.O_RDONLY)
        self.addCleanup(os.close, fd)
        with self.assertRaises(OSError) as cm:
            xapi.recv_batch(fd, 2, 8, flags=socket.MSG_DONTWAIT)
        self.assertEqual(cm.exception.errno, errno.ENOTSOCK)
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        closed = s.detach()
        os.close(closed)
        with self.assertRaises(OSError) as cm:
            xapi.recv_batch(closed, 2, 8, timeout=0)
        self.assertEqual(cm.exception.errno, errno.EBADF)


class TestReceiveInto(Base):
    def test_recvmsg_into_like_socket_module(self):
        self.rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
        payload = b"\0\xff\0\0a"
        anc = socket.CMSG_SPACE(4)
        for _ in range(2):
            self.tx.sendto(payload, self.dest)
        want_buf = bytearray(16)
        want = self.rx.recvmsg_into([want_buf], anc)
        buf = bytearray(16)
        nbytes, addr, cmsgs, flags = xapi.recvmsg_into(self.rx, buf, anc)
        self.assertEqual((nbytes, flags, addr), (want[0], want[2], want[3]))
        self.assertEqual(buf, want_buf)
        self.assertEqual([(c.level, c.type, c.data) for c in cmsgs], want[1])

    def test_pieces_and_truncation(self):
        self.tx.sendto(b"abcdefgh", self.dest)
        a, b = bytearray(3), bytearray(2)
        nbytes, _, _, flags = xapi.recvmsg_into(self.rx, [a, memoryview(b)])
        self.assertEqual((nbytes, bytes(a), bytes(b)), (5, b"abc", b"de"))
        self.assertTrue(flags & socket.MSG_TRUNC)
        self.tx.sendto(b"abcdef", self.dest)
        buf = bytearray(2)
        nbytes, _, _, flags = xapi.recvmsg_into(self.rx, buf, 0,
                                                socket.MSG_TRUNC)
        self.assertEqual((nbytes, bytes(buf)), (6, b"ab"))

    def test_recv_batch_into_slots(self):
        self.rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
        for p in (b"\0\xff\0", b"longer_than_8", b""):
            self.tx.sendto(p, self.dest)
        buf = bytearray(b"\xee" * 32)
        got = xapi.recv_batch_into(self.rx, buf, 8, 4, socket.CMSG_SPACE(4),
                                   timeout=2)
        self.assertEqual([(n, f & socket.MSG_TRUNC != 0) for n, _, _, f in got],
                         [(3, False), (8, True), (0, False)])
        self.assertEqual(bytes(buf[0:3]), b"\0\xff\0")
        self.assertEqual(bytes(buf[8:16]), b"longer_t")
        self.assertEqual(bytes(buf[24:32]), b"\xee" * 8)   # untouched slot
        self.assertEqual([c[0].hoplimit for _, _, c, _ in got], [64] * 3)
        # A memoryview slice works as the buffer too.
        self.tx.sendto(b"mv", self.dest)
        big = bytearray(64)
        got = xapi.recv_batch_into(self.rx, memoryview(big)[16:], 4, 2,
                                   timeout=2)
        self.assertEqual((got[0][0], bytes(big[16:18])), (2, b"mv"))

    def test_bad_buffers(self):
        self.tx.sendto(b"x", self.dest)
        for bad in (b"readonly", memoryview(b"ro"), "text", 5, None,
                    [bytearray(1), b"ro"]):
            with self.subTest(bad=bad):
                self.assertRaises(TypeError, xapi.recvmsg_into, self.rx, bad)
                if not isinstance(bad, list):
                    self.assertRaises(TypeError, xapi.recv_batch_into,
                                      self.rx, bad, 1, 1)
        buf = bytearray(8)
        self.assertRaises(ValueError, xapi.recv_batch_into, self.rx, buf, 8, 2)
        self.assertRaises(ValueError, xapi.recv_batch_into, self.rx, buf, -1, 1)
        self.assertRaises(ValueError, xapi.recv_batch_into, self.rx, buf, 1, 0)
        self.assertRaises(ValueError, xapi.recvmsg_into, self.rx, buf, -1)
        # Nothing was consumed by the refused calls.
        self.assertEqual(self.rx.recv(8, socket.MSG_DONTWAIT), b"x")

    def test_buffer_is_locked_while_receiving(self):
        buf = bytearray(8)
        done = []

        def receive():
            done.append(xapi.recv_batch_into(self.rx, buf, 8, 1, timeout=2))
        t = threading.Thread(target=receive)
        t.start()
        time.sleep(0.1)
        with self.assertRaises(BufferError):
            buf.extend(b"resizing a buffer the kernel writes into")
        self.tx.sendto(b"late", self.dest)
        t.join()
        self.assertEqual(done[0][0][0], 4)
        self.assertEqual(bytes(buf[:4]), b"late")


class TestLeaks(Base):
    def test_flat_rss(self):
        skip_if_sanitized(self)
        self.rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
        self.rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
        anc = socket.CMSG_SPACE(20) + socket.CMSG_SPACE(4)
        batch = xapi.Batch(8, 64, anc)
        buf = bytearray(8 * 64)
        msgs = [([b"leak\0", b"check"], self.dest, [xapi.Cmsg.hoplimit(5)]),
                (b"x" * 100, self.dest)] * 4

        def round_trip():
            xapi.send_batch(self.tx, msgs)
            xapi.recv_batch(self.rx, 4, 64, anc, timeout=1)
            batch.recv(self.rx, 2, timeout=1)
            xapi.recv_batch_into(self.rx, buf, 64, 1, anc, timeout=1)
            xapi.recvmsg_into(self.rx, [buf], anc, socket.MSG_DONTWAIT)
            for bad in ([(5, self.dest)], [(b"x", ("::1", 1 << 20))]):
                try:
                    xapi.send_batch(self.tx, bad)
                except (TypeError, ValueError):
                    pass
            try:
                xapi.recv_batch(self.rx, 2, 8, flags=socket.MSG_DONTWAIT)
            except BlockingIOError:
                pass
        for _ in range(200):
            round_trip()
        gc.collect()
        before = rss_kib()
        for _ in range(LEAK_ITERATIONS):
            round_trip()
        gc.collect()
        grown = rss_kib() - before
        self.assertLess(grown, 2048, "RSS grew by %d KiB" % grown)


if __name__ == "__main__":
    unittest.main()
