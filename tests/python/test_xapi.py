#!/usr/bin/env python3
"""Tests of the Python API of xapi beyond the shared matrix.

Expected values come from the standard library (socket.CMSG_SPACE,
socket.recvmsg, struct) or from the kernel's behaviour, never from xapi.
Run with PYTHONPATH pointing at the build tree's bindings/python.
Set XAPI_LEAK_ITERATIONS to run the leak check longer (default 20000).
"""

import array
import asyncio
import errno
import gc
import os
import select
import socket
import struct
import sys
import threading
import unittest

import xapi

LEAK_ITERATIONS = int(os.environ.get("XAPI_LEAK_ITERATIONS", "20000"))


def udp6_pair():
    a = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    b = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    b.bind(("::1", 0))
    return a, b


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


class TestConstants(unittest.TestCase):
    def test_same_as_socket_module(self):
        for name in ("AF_INET6", "SOCK_DGRAM", "IPPROTO_IPV6", "IPV6_HOPLIMIT",
                     "IPV6_RECVHOPLIMIT", "IPV6_TCLASS", "IPV6_PKTINFO",
                     "IP_TTL", "IP_TOS", "MSG_TRUNC",
                     "MSG_CTRUNC", "SOL_SOCKET", "SCM_RIGHTS"):
            self.assertEqual(getattr(xapi, name), getattr(socket, name), name)

    def test_table_is_exported(self):
        self.assertGreater(len(xapi.CONSTANTS), 50)
        for name, value in xapi.CONSTANTS.items():
            self.assertEqual(getattr(xapi, name), value)


class TestCmsgLayout(unittest.TestCase):
    def test_space_and_len_match_socket_module(self):
        for n in (0, 1, 4, 8, 12, 20, 100, 4096):
            self.assertEqual(xapi.cmsg_space(n), socket.CMSG_SPACE(n))
            self.assertEqual(xapi.CMSG_LEN(n), socket.CMSG_LEN(n))

    def test_space_errors(self):
        self.assertRaises(OverflowError, xapi.cmsg_space, -1)
        self.assertRaises(OverflowError, xapi.cmsg_space, 1 << 40)
        self.assertRaises(TypeError, xapi.cmsg_space, "4")

    def test_build_matches_struct(self):
        # struct cmsghdr { size_t len; int level; int type; } + payload,
        # padded to the alignment of size_t.
        hdr = struct.Struct("@Nii")
        data = b"\x00\x01\x00"
        want = hdr.pack(socket.CMSG_LEN(3), 1, 99) + data
        want += bytes(socket.CMSG_SPACE(3) - len(want))
        self.assertEqual(xapi.build_cmsgs([(1, 99, data)]), want)
        self.assertEqual(xapi.build_cmsgs([(1, 99, bytearray(data))]), want)
        self.assertEqual(xapi.build_cmsgs([(1, 99, memoryview(data))]), want)

    def test_parse_round_trip(self):
        items = [xapi.Cmsg.hoplimit(64), xapi.Cmsg.tclass(0x28),
                 xapi.Cmsg(65535, 7, b"\x00\x00raw\x00")]
        parsed = xapi.parse_cmsgs(xapi.build_cmsgs(items))
        self.assertEqual(parsed, tuple(items))
        self.assertEqual(parsed[0].hoplimit, 64)
        self.assertEqual(parsed[1].tclass, 0x28)
        self.assertIsNone(parsed[2].kind)
        self.assertEqual(parsed[2].data, b"\x00\x00raw\x00")

    def test_typed_views(self):
        h = xapi.Cmsg.hoplimit(7)
        self.assertEqual((h.level, h.type), (socket.IPPROTO_IPV6, socket.IPV6_HOPLIMIT))
        self.assertEqual(h.data, struct.pack("@i", 7))
        self.assertEqual(h.hoplimit, 7)
        self.assertRaises(ValueError, lambda: h.tclass)
        self.assertRaises(ValueError, lambda: h.pktinfo)
        level, typ, data = h  # unpacks like the socket module's items
        self.assertEqual(level, socket.IPPROTO_IPV6)
        t = xapi.Cmsg.ttl(5)
        self.assertEqual((t.level, t.type, t.ttl), (socket.IPPROTO_IP, socket.IP_TTL, 5))
        self.assertEqual(xapi.Cmsg.tos(0x10).tos, 0x10)
        p = xapi.Cmsg.pktinfo6("::1", 1)
        self.assertEqual(p.data, socket.inet_pton(socket.AF_INET6, "::1") + struct.pack("@I", 1))
        self.assertEqual(p.pktinfo, ("::1", 1))
        p4 = xapi.Cmsg.pktinfo4(1, "127.0.0.1")
        self.assertEqual(p4.data, struct.pack("@i4s4s", 1, socket.inet_aton("127.0.0.1"),
                                              socket.inet_aton("0.0.0.0")))
        self.assertEqual(p4.spec_dst, "127.0.0.1")

    def test_constructor_ranges(self):
        for ctor, bad in ((xapi.Cmsg.hoplimit, 256), (xapi.Cmsg.hoplimit, -2),
                          (xapi.Cmsg.tclass, 256), (xapi.Cmsg.ttl, 0),
                          (xapi.Cmsg.ttl, 256), (xapi.Cmsg.tos, -1)):
            self.assertRaises(ValueError, ctor, bad)
        self.assertRaises(TypeError, xapi.Cmsg.hoplimit, "7")
        self.assertRaises(ValueError, xapi.Cmsg.pktinfo6, "not-an-address", 0)
        self.assertRaises(ValueError, xapi.Cmsg.pktinfo4, 0, "300.1.1.1")

    def test_parse_errors(self):
        lying = struct.pack("@Nii", 200, 41, 52) + b"\x07\0\0\0\0\0\0\0"
        self.assertRaises(ValueError, xapi.parse_cmsgs, lying)
        bad_payload = struct.pack("@Nii", socket.CMSG_LEN(2), 41, 52) + b"\x07\0" + bytes(6)
        self.assertRaises(ValueError, xapi.parse_cmsgs, bad_payload)
        self.assertRaises(TypeError, xapi.parse_cmsgs, "text")
        self.assertEqual(xapi.parse_cmsgs(b""), ())

    def test_build_errors(self):
        self.assertRaises(TypeError, xapi.build_cmsgs, [42])
        self.assertRaises(TypeError, xapi.build_cmsgs, [(41, 52)])
        self.assertRaises(TypeError, xapi.build_cmsgs, [(41, 52, "text")])
        self.assertRaises(TypeError, xapi.build_cmsgs, [("41", 52, b"")])
        self.assertRaises(OverflowError, xapi.build_cmsgs, [(1 << 40, 52, b"")])
        self.assertRaises(TypeError, xapi.build_cmsgs, 5)


class TestMessages(unittest.TestCase):
    def test_round_trip_against_socket_module(self):
        a, b = udp6_pair()
        with a, b:
            payload = [b"\x00abc", bytearray(b"\x00\x00"), memoryview(b"xyz\x00")[1:]]
            n = xapi.sendmsg(a, payload, b.getsockname())
            self.assertEqual(n, 9)
            data, anc, flags, addr = b.recvmsg(64)
            self.assertEqual(data, b"\x00abc\x00\x00yz\x00")
            self.assertEqual(addr[1], a.getsockname()[1])

    def test_receive_matches_socket_module(self):
        a, b = udp6_pair()
        with a, b:
            b.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
            a.sendmsg([b"hello"], [(socket.IPPROTO_IPV6, socket.IPV6_HOPLIMIT,
                                    struct.pack("@i", 9))], 0, b.getsockname())
            m = xapi.recvmsg(b, (3, 10), socket.CMSG_SPACE(4))
            addr, data, cmsgs, flags = m
            self.assertEqual(data, (b"hel", b"lo"))
            self.assertEqual(m.nbytes, 5)
            self.assertEqual(addr, ("::1",) + a.getsockname()[1:])
            self.assertEqual(len(cmsgs), 1)
            self.assertEqual(cmsgs[0].hoplimit, 9)
            self.assertEqual(cmsgs[0].data, struct.pack("@i", 9))
            self.assertEqual(flags & (socket.MSG_TRUNC | socket.MSG_CTRUNC), 0)

    def test_items_interoperate_with_socket_module(self):
        # A received Cmsg is a (level, type, data) tuple socket.sendmsg takes.
        a, b = udp6_pair()
        with a, b:
            b.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVTCLASS, 1)
            a.sendmsg([b"t"], [xapi.Cmsg.tclass(0x28)], 0, b.getsockname())
            data, anc, flags, addr = b.recvmsg(8, socket.CMSG_SPACE(4))
            self.assertEqual(anc, [(socket.IPPROTO_IPV6, socket.IPV6_TCLASS,
                                    struct.pack("@i", 0x28))])

    def test_trunc_reallen(self):
        a, b = udp6_pair()
        with a, b:
            xapi.sendmsg(a, [b"A" * 100], b.getsockname())
            m = xapi.recvmsg(b, [6, 4], 0, xapi.MSG_TRUNC)
            self.assertEqual(m.data, (b"A" * 6, b"A" * 4))
            self.assertEqual(m.nbytes, 100)
            self.assertTrue(m.flags & socket.MSG_TRUNC)

    def test_no_sizes(self):
        a, b = udp6_pair()
        with a, b:
            xapi.sendmsg(a, [b"abc"], b.getsockname())
            m = xapi.recvmsg(b, ())
            self.assertEqual(m.data, ())
            self.assertTrue(m.flags & socket.MSG_TRUNC)

    def test_unix_addresses(self):
        name = "@xapi-test-%d" % os.getpid()
        a = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        b = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        with a, b:
            xapi.bind(b, name, 0)
            self.assertEqual(b.getsockname(), b"\0" + name[1:].encode())
            self.assertEqual(xapi.getsockname(b), name)
            xapi.sendmsg(a, [b"\0x"], name)
            m = xapi.recvmsg(b, [4])
            self.assertEqual(m.data, (b"\0x",))
            self.assertIn(m.address, (None, ""))  # an unnamed sender

    def test_ipv4_address_form(self):
        a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        with a, b:
            xapi.bind(b, "127.0.0.1", 0)
            a.bind(("127.0.0.1", 0))
            self.assertEqual(xapi.getsockname(b), b.getsockname())
            xapi.sendmsg(a, [b"4"], b.getsockname())
            self.assertEqual(xapi.recvmsg(b, [1]).address, a.getsockname())

    def test_stream_has_no_address(self):
        srv = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        with srv:
            srv.bind(("::1", 0))
            srv.listen(1)
            c = socket.create_connection(srv.getsockname()[:2])
            s, _ = srv.accept()
            with c, s:
                xapi.sendmsg(c, [b"abc", b"\x00", b"def"])
                m = xapi.recvmsg(s, [3, 4])
                self.assertIsNone(m.address)
                self.assertEqual(m.data, (b"abc", b"\x00def"))
                self.assertEqual(xapi.getpeername(s), c.getsockname())

    def test_int_descriptor_and_fileno_object(self):
        a, b = udp6_pair()
        with a, b:
            class Wrapper:
                def fileno(self):
                    return a.fileno()
            xapi.sendmsg(Wrapper(), [b"w"], b.getsockname())
            self.assertEqual(xapi.recvmsg(b.fileno(), [1]).data, (b"w",))

    def test_argument_errors(self):
        a, b = udp6_pair()
        with a, b:
            to = b.getsockname()
            cases = [
                (TypeError, lambda: xapi.sendmsg(a, 5, to)),
                (TypeError, lambda: xapi.sendmsg(a, b"bytes", to)),
                (TypeError, lambda: xapi.sendmsg(a, [b"ok", 5], to)),
                (TypeError, lambda: xapi.sendmsg(a, [b"ok"], to, [42])),
                (TypeError, lambda: xapi.sendmsg(a, [b"ok"], to, [(41, 52, None)])),
                (TypeError, lambda: xapi.sendmsg(a, [b"ok"], "::1")),
                (ValueError, lambda: xapi.sendmsg(a, [b"ok"], ("::1", 70000))),
                (ValueError, lambda: xapi.sendmsg(a, [b"ok"], ("no-such", 1))),
                (TypeError, lambda: xapi.sendmsg(a, [b"ok"], (1, 1))),
                (TypeError, lambda: xapi.sendmsg("sock", [b"ok"], to)),
                (ValueError, lambda: xapi.sendmsg(-1, [b"ok"], to)),
                (ValueError, lambda: xapi.sendmsg(a, [b""] * 2000, to)),
                (OverflowError, lambda: xapi.sendmsg(a, [b"ok"], to, (), 1 << 40)),
                (TypeError, lambda: xapi.recvmsg(a, "abc")),
                (TypeError, lambda: xapi.recvmsg(a, 8)),
                (TypeError, lambda: xapi.recvmsg(a, [8.0])),
                (ValueError, lambda: xapi.recvmsg(a, [8, -1])),
                (ValueError, lambda: xapi.recvmsg(a, [1 << 40])),
                (ValueError, lambda: xapi.recvmsg(a, [1 << 29, 1 << 29, 1])),
                (ValueError, lambda: xapi.recvmsg(a, [8], -1)),
                (ValueError, lambda: xapi.recvmsg(a, [8], 1 << 40)),
                (TypeError, lambda: xapi.recvmsg(a, [8], "1")),
                (ValueError, lambda: xapi.bind(a, "not-an-address", 0)),
                (ValueError, lambda: xapi.bind(a, "::1", 70000)),
                (ValueError, lambda: xapi.bind(a, "::1\0", 0)),
                (TypeError, lambda: xapi.bind(a, 1, 0)),
            ]
            for exc, fn in cases:
                with self.assertRaises(exc):
                    fn()

    def test_os_errors(self):
        fd = os.open(os.devnull, os.O_RDONLY)
        try:
            with self.assertRaises(OSError) as cm:
                xapi.recvmsg(fd, [8], 0, socket.MSG_DONTWAIT)
            self.assertEqual(cm.exception.errno, errno.ENOTSOCK)
        finally:
            os.close(fd)
        a, b = udp6_pair()
        with a, b:
            with self.assertRaises(BlockingIOError):
                xapi.recvmsg(b, [8], 0, socket.MSG_DONTWAIT)
            with self.assertRaises(OSError) as cm:
                xapi.sendmsg(a, [b"x"], b.getsockname(), [(41, 9999, b"\0" * 4)])
            self.assertEqual(cm.exception.errno, errno.EINVAL)
        with self.assertRaises(OSError) as cm:
            xapi.if_nametoindex("nosuchif0")
        self.assertEqual(cm.exception.errno, errno.ENODEV)
        srv = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        with srv, c:
            srv.bind(("::1", 0))
            with self.assertRaises(ConnectionRefusedError):
                xapi.connect(c, "::1", srv.getsockname()[1])

    def test_gil_released_while_waiting(self):
        a, b = udp6_pair()
        with a, b:
            result = []
            t = threading.Thread(target=lambda: result.append(xapi.recvmsg(b, [16])))
            t.start()
            # If recvmsg held the GIL, this thread could not run until it
            # returned, and nothing would ever be sent.
            xapi.sendmsg(a, [b"from main"], b.getsockname())
            t.join(5)
            self.assertFalse(t.is_alive())
            self.assertEqual(result[0].data, (b"from main",))

    def test_asyncio_readiness(self):
        a, b = udp6_pair()
        b.setblocking(False)

        async def main():
            loop = asyncio.get_running_loop()
            fut = loop.create_future()
            loop.add_reader(b.fileno(), lambda: fut.done() or fut.set_result(
                xapi.recvmsg(b, [16], 0, socket.MSG_DONTWAIT)))
            xapi.sendmsg(a, [b"async"], b.getsockname())
            try:
                return await asyncio.wait_for(fut, 5)
            finally:
                loop.remove_reader(b.fileno())

        with a, b:
            self.assertEqual(asyncio.run(main()).data, (b"async",))


class TestInterfaces(unittest.TestCase):
    def test_against_socket_module(self):
        self.assertEqual(xapi.if_nametoindex("lo"), socket.if_nametoindex("lo"))
        self.assertEqual(xapi.if_indextoname(socket.if_nametoindex("lo")), "lo")
        self.assertEqual(sorted(xapi.if_nameindex()), sorted(socket.if_nameindex()))

    def test_errors(self):
        with self.assertRaises(OSError) as cm:
            xapi.if_indextoname(999999)
        self.assertEqual(cm.exception.errno, errno.ENXIO)
        self.assertRaises(OverflowError, xapi.if_indextoname, -1)
        self.assertRaises(TypeError, xapi.if_nametoindex, 5)


class TestSockopts(unittest.TestCase):
    def test_int_and_bytes(self):
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        with s:
            xapi.setsockopt_int(s, socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, 17)
            self.assertEqual(s.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS), 17)
            self.assertEqual(xapi.getsockopt_int(s, socket.IPPROTO_IPV6,
                                                 socket.IPV6_UNICAST_HOPS), 17)
            xapi.setsockopt_bytes(s, socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS,
                                  array.array("i", [33]))
            self.assertEqual(xapi.getsockopt_bytes(s, socket.IPPROTO_IPV6,
                                                   socket.IPV6_UNICAST_HOPS, 16),
                             s.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, 16))
            self.assertRaises(TypeError, xapi.setsockopt_bytes, s, 41, 16, 5)


class TestSharedResults(unittest.TestCase):
    """xapi shares immutable results between calls (the last destination
    parsed, recent received items and source addresses): never at the cost
    of a wrong value."""

    def test_destination_per_call(self):
        a, b = udp6_pair()
        c = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        c.bind(("::1", 0))
        for s in (a, b, c):
            self.addCleanup(s.close)
        db, dc = b.getsockname(), c.getsockname()
        for dest, rx, payload in ((db, b, b"1"), (dc, c, b"2"), (db, b, b"3"),
                                  (tuple(dc), c, b"4")):
            xapi.sendmsg(a, [payload], dest)
            self.assertEqual(rx.recv(8), payload)
        # The same tuple object on a socket of another family is parsed
        # for that family: an IPv4 text on an IPv6 socket is refused.
        v4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        v4.bind(("127.0.0.1", 0))
        self.addCleanup(v4.close)
        dest4 = v4.getsockname()
        tx4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.addCleanup(tx4.close)
        xapi.sendmsg(tx4, [b"v4"], dest4)
        self.assertEqual(v4.recv(8), b"v4")
        self.assertRaises(ValueError, xapi.sendmsg, a, [b"x"], dest4)

        class Port:
            """A port whose __index__ changes: never cached."""
            calls = 0

            def __index__(self):
                Port.calls += 1
                return int(db[1] if Port.calls % 2 else dc[1])
        weird = ("::1", Port())
        xapi.sendmsg(a, [b"odd"], weird)
        xapi.sendmsg(a, [b"even"], weird)
        self.assertEqual(b.recv(8), b"odd")
        self.assertEqual(c.recv(8), b"even")

    def test_received_items_and_sources(self):
        a, b = udp6_pair()
        c = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        c.bind(("::1", 0))
        for s in (a, b, c):
            self.addCleanup(s.close)
        a.bind(("::1", 0))
        xapi.setsockopt_int(b, xapi.IPPROTO_IPV6, xapi.IPV6_RECVHOPLIMIT, 1)
        dest = b.getsockname()
        seen = []
        for sender, hl in ((a, 5), (c, 5), (a, 6), (a, 5), (c, 200)):
            xapi.sendmsg(sender, [b"x"], dest, [xapi.Cmsg.hoplimit(hl)])
            m = xapi.recvmsg(b, [8], xapi.cmsg_space(4))
            self.assertEqual(m.cmsgs[0].hoplimit, hl)
            self.assertEqual(m.cmsgs[0].data, struct.pack("@i", hl))
            self.assertEqual(m.address, sender.getsockname())
            seen.append(m)
        # Equal items may be one object; different ones never are.
        self.assertIsNot(seen[0].cmsgs[0], seen[2].cmsgs[0])
        # A whole control buffer equal to the last one's gives its items
        # again; one that differs (in its length, or in one byte of its
        # last item) is read anew.
        xapi.setsockopt_int(b, xapi.IPPROTO_IPV6, xapi.IPV6_RECVPKTINFO, 1)
        ctl = xapi.cmsg_space(20) + xapi.cmsg_space(4)
        for hl, anc, kinds in ((7, ctl, ["pktinfo", "hoplimit"]),
                               (7, ctl, ["pktinfo", "hoplimit"]),
                               (8, ctl, ["pktinfo", "hoplimit"]),
                               (8, xapi.cmsg_space(20), ["pktinfo"]),
                               (8, 0, [])):
            xapi.sendmsg(a, [b"y"], dest, [xapi.Cmsg.hoplimit(hl)])
            m = xapi.recvmsg(b, [8], anc)
            self.assertEqual([c.kind for c in m.cmsgs], kinds)
            if len(kinds) == 2:
                self.assertEqual(m.cmsgs[1].hoplimit, hl)
            if kinds:
                self.assertEqual(m.cmsgs[0].value,
                                 ("::1", xapi.if_nametoindex("lo")))


class TestLeaks(unittest.TestCase):
    """RSS stays flat over many calls, error paths included."""

    def test_flat_rss(self):
        skip_if_sanitized(self)
        a, b = udp6_pair()
        b.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
        b.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
        to = b.getsockname()
        items = [xapi.Cmsg.hoplimit(9), (41, 67, bytearray(4))]
        control = xapi.build_cmsgs(items)
        buf = bytearray(b"\x00" * 100)
        bad_calls = (
            lambda: xapi.sendmsg(a, [b"ok", 5], to),
            lambda: xapi.sendmsg(a, [memoryview(buf)], ("bad", 1)),
            lambda: xapi.sendmsg(a, [buf], to, [items[0], 42]),
            lambda: xapi.sendmsg(a, [buf], to, [(41, 9999, buf)]),
            lambda: xapi.recvmsg(b, [8, -1]),
            lambda: xapi.recvmsg(b, [8], 0, socket.MSG_DONTWAIT),
            lambda: xapi.parse_cmsgs(control[:-9] + b"\xff"),
            lambda: xapi.parse_cmsgs(b"\xff" * 24),
            lambda: xapi.getsockopt_bytes(-5, 41, 16, 8),
            lambda: xapi.bind(a, "nope", 1),
        )

        def one_round():
            xapi.sendmsg(a, [b"\x00ab", memoryview(buf)[:10]], to, items)
            m = xapi.recvmsg(b, [2, 4, 64], 256)
            assert m.nbytes == 13 and len(m.cmsgs) == 2, m
            xapi.parse_cmsgs(control)
            for bad in bad_calls:
                try:
                    bad()
                except (OSError, ValueError, TypeError, OverflowError):
                    pass
                else:
                    raise AssertionError("no error")

        with a, b:
            for _ in range(2000):
                one_round()
            gc.collect()
            before = rss_kib()
            for _ in range(LEAK_ITERATIONS):
                one_round()
            gc.collect()
            after = rss_kib()
            # Even 16 bytes leaked per round would show as several hundred KiB.
            self.assertLess(after - before, 256,
                            "RSS grew from %d to %d KiB" % (before, after))
            self.assertEqual(sys.getrefcount(buf), 2)  # no view left behind
            buf.append(0)  # resizable again: every export was released


if __name__ == "__main__":
    unittest.main(verbosity=1)
