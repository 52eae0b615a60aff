#!/usr/bin/env python3
"""PyXAPI compatibility: the socket_ext examples of PyXAPI's README, ported
to Python 3 with only the import changed and bytes for data.

Expected values come from the README itself (what the examples print) or,
where the README shows 32-bit numbers, from the socket module
(socket.CMSG_SPACE, socket.CMSG_LEN) and struct.
"""

import errno
import socket as stdsocket
import struct
import unittest

from xapi.socket_ext import *  # noqa: F401,F403 - the README's import


class TestImport(unittest.TestCase):
    def test_everything_socket_gives(self):
        import xapi.socket_ext as ext
        for name in stdsocket.__all__:
            self.assertTrue(hasattr(ext, name), name)
        self.assertTrue(issubclass(socket, stdsocket.socket))  # noqa: F405
        for name in ("cmsg", "CMSG_SPACE", "CMSG_LEN", "if_nametoindex",
                     "if_indextoname", "if_nameindex", "MSG_TRUNC", "MSG_CTRUNC"):
            self.assertIn(name, ext.__all__)


class TestStream(unittest.TestCase):
    """README: send via a TCP connected socket, then scatter receive."""

    def setUp(self):
        self.listener = stdsocket.socket(stdsocket.AF_INET, stdsocket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        host, port = self.listener.getsockname()
        s = socket(AF_INET, SOCK_STREAM)  # noqa: F405
        s.connect((host, port))
        self.s = s
        self.peer, _ = self.listener.accept()

    def tearDown(self):
        self.s.close()
        self.peer.close()
        self.listener.close()

    def test_sendmsg_one_string(self):
        self.s.sendmsg((b"This is a test",))
        self.assertEqual(self.peer.recv(64), b"This is a test")

    def test_sendmsg_gather(self):
        self.s.sendmsg((b"This is ", b"a test"))
        self.assertEqual(self.peer.recv(64), b"This is a test")

    def test_recvmsg(self):
        self.peer.sendall(b"This is a test")
        addr, data, adata, flags = self.s.recvmsg((14,))
        self.assertEqual(data, (b"This is a test",))
        self.assertEqual(adata, ())
        self.assertFalse(flags & MSG_TRUNC)  # noqa: F405
        self.assertFalse(flags & MSG_CTRUNC)  # noqa: F405

    def test_recvmsg_scatter(self):
        self.peer.sendall(b"This is a test")
        addr, data, adata, flags = self.s.recvmsg((12, 2))
        self.assertEqual(data, (b"This is a te", b"st"))
        self.assertEqual(adata, ())

    def test_accept_gives_socket_ext_sockets(self):
        srv = socket(AF_INET6, SOCK_STREAM)  # noqa: F405
        with srv:
            srv.bind(("::1", 0))
            srv.listen(1)
            c = stdsocket.create_connection(srv.getsockname()[:2])
            conn, _ = srv.accept()
            with c, conn:
                self.assertIsInstance(conn, socket)  # noqa: F405
                c.sendall(b"x")
                self.assertEqual(conn.recvmsg((1,))[1], (b"x",))

    def test_fileno_constructor(self):
        dup = socket(fileno=self.s.dup().detach())  # noqa: F405
        with dup:
            dup.sendmsg((b"dup",))
            self.assertEqual(self.peer.recv(8), b"dup")


class TestCmsg(unittest.TestCase):
    """README: ancillary data objects."""

    def test_set_get(self):
        ttl = struct.pack("L", 1)
        c = cmsg()  # noqa: F405
        c.set(SOL_IP, IP_TTL, ttl)  # noqa: F405
        # README (32-bit BSD): ((16, 0, 4), '\x01\x00\x00\x00'); the length
        # is the platform's CMSG_LEN of the payload and IP_TTL its value.
        self.assertEqual(c.get(), ((stdsocket.CMSG_LEN(len(ttl)), 0, stdsocket.IP_TTL), ttl))
        self.assertEqual(c.CMSG_DATA(), ttl)
        self.assertEqual(struct.unpack("L", c.CMSG_DATA())[0], 1)
        self.assertEqual((c.cmsg_len, c.cmsg_level, c.cmsg_type, c.cmsg_data),
                         (stdsocket.CMSG_LEN(len(ttl)), 0, stdsocket.IP_TTL, ttl))
        self.assertEqual(c.cmsg_data, c.CMSG_DATA())
        # data: the raw cmsghdr (size_t len, int level, int type) + payload
        hdr = struct.pack("@Nii", stdsocket.CMSG_LEN(len(ttl)), SOL_IP, IP_TTL)  # noqa: F405
        self.assertEqual(c.data[:len(hdr) + len(ttl)], hdr + ttl)

    def test_set_from_data(self):
        c = cmsg()  # noqa: F405
        c.set(IPPROTO_IPV6, IPV6_HOPLIMIT, struct.pack("@i", 16))  # noqa: F405
        d = cmsg()  # noqa: F405
        d.set_from_data(c.data)
        self.assertEqual(d.get(), c.get())
        self.assertRaises(ValueError, d.set_from_data, b"\xff" * 24)

    def test_cmsg_space_len(self):
        n = struct.calcsize("L")
        self.assertEqual(CMSG_SPACE(n), stdsocket.CMSG_SPACE(n))  # noqa: F405
        self.assertEqual(CMSG_LEN(n), stdsocket.CMSG_LEN(n))  # noqa: F405
        self.assertEqual(CMSG_SPACE(4), stdsocket.CMSG_SPACE(4))  # noqa: F405
        self.assertEqual(CMSG_LEN(4), stdsocket.CMSG_LEN(4))  # noqa: F405


class TestDatagrams(unittest.TestCase):
    """README: sending with ancillary data and receiving IP_TTL."""

    def test_ttl_received(self):
        r = socket(AF_INET, SOCK_DGRAM)  # noqa: F405
        s = socket(AF_INET, SOCK_DGRAM)  # noqa: F405
        with r, s:
            r.bind(("127.0.0.1", 0))
            host, port = r.getsockname()
            r.setsockopt(SOL_IP, IP_RECVTTL, 1)  # noqa: F405
            # The kernel's IP_TTL item is an int (the README's 'L' was 4
            # bytes on its 32-bit platform).
            c = cmsg()  # noqa: F405
            c.set(SOL_IP, IP_TTL, struct.pack("i", 3))  # noqa: F405
            s.sendmsg((host, port), (b"This is ", b"a test"), (c,))
            alen = CMSG_SPACE(struct.calcsize("i"))  # noqa: F405
            addr, data, adata, flags = r.recvmsg((1024,), alen)
            self.assertEqual(data, (b"This is a test",))
            self.assertEqual(addr, ("127.0.0.1", s.getsockname()[1]))
            ttls = [struct.unpack("i", a.cmsg_data)[0] for a in adata
                    if a.cmsg_level == SOL_IP and a.cmsg_type == IP_TTL]  # noqa: F405
            self.assertEqual(ttls, [3])
            self.assertFalse(flags & MSG_CTRUNC)  # noqa: F405

    def test_hoplimit_and_pktinfo(self):
        r = socket(AF_INET6, SOCK_DGRAM)  # noqa: F405
        s = socket(AF_INET6, SOCK_DGRAM)  # noqa: F405
        with r, s:
            r.bind(("::1", 0))
            r.setsockopt(IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1)  # noqa: F405
            r.setsockopt(IPPROTO_IPV6, IPV6_RECVPKTINFO, 1)  # noqa: F405
            ch = cmsg()  # noqa: F405
            ch.set(IPPROTO_IPV6, IPV6_HOPLIMIT, struct.pack("i", 16))  # noqa: F405
            s.sendmsg(r.getsockname()[:2], (b"This is ", b"a test"), (ch,))
            alen = CMSG_SPACE(4) + CMSG_SPACE(20)  # noqa: F405
            addr, data, adata, flags = r.recvmsg((1024,), alen)
            got = {a.cmsg_type: a.cmsg_data for a in adata
                   if a.cmsg_level == IPPROTO_IPV6}  # noqa: F405
            self.assertEqual(struct.unpack("i", got[IPV6_HOPLIMIT])[0], 16)  # noqa: F405
            pk = got[IPV6_PKTINFO]  # noqa: F405
            self.assertEqual(stdsocket.inet_ntop(AF_INET6, pk[:16]), "::1")  # noqa: F405
            self.assertEqual(if_indextoname(struct.unpack("I", pk[16:])[0]), "lo")  # noqa: F405

    def test_truncation_flags(self):
        r = socket(AF_INET6, SOCK_DGRAM)  # noqa: F405
        s = socket(AF_INET6, SOCK_DGRAM)  # noqa: F405
        with r, s:
            r.bind(("::1", 0))
            s.sendmsg(r.getsockname()[:2], (b"0123456789",))
            addr, data, adata, flags = r.recvmsg((4,))
            self.assertEqual(data, (b"0123",))
            self.assertTrue(flags & MSG_TRUNC)  # noqa: F405

    def test_standard_library_shapes_still_work(self):
        # socket.send_fds/recv_fds call sendmsg/recvmsg in the stdlib shapes.
        a, b = stdsocket.socketpair(AF_UNIX, SOCK_DGRAM)  # noqa: F405
        a = socket(fileno=a.detach())  # noqa: F405
        b = socket(fileno=b.detach())  # noqa: F405
        with a, b:
            stdsocket.send_fds(a, [b"fd"], [a.fileno()])
            msg, fds, flags, addr = stdsocket.recv_fds(b, 16, 1)
            self.assertEqual(msg, b"fd")
            self.assertEqual(len(fds), 1)
            import os
            os.close(fds[0])


class TestPyXAPIErrors(unittest.TestCase):
    """End-of-data and errors as PyXAPI's Modules/_socket_ext.c and
    socket_ext.py gave them (docs/python.md, "PyXAPI, exactly")."""

    def setUp(self):
        self.r = socket(AF_INET, SOCK_DGRAM)  # noqa: F405
        self.r.bind(("127.0.0.1", 0))
        self.s = socket(AF_INET, SOCK_DGRAM)  # noqa: F405
        self.dest = self.r.getsockname()
        self.addCleanup(self.r.close)
        self.addCleanup(self.s.close)

    def test_exterror_is_a_socket_error(self):
        import xapi.socket_ext as ext
        self.assertIn("exterror", ext.__all__)
        self.assertTrue(issubclass(exterror, stdsocket.error))  # noqa: F405

    def test_os_errors_are_exterror_and_keep_their_class(self):
        self.r.setblocking(False)
        with self.assertRaises(exterror) as cm:  # noqa: F405
            self.r.recvmsg((10,))
        self.assertIsInstance(cm.exception, BlockingIOError)
        self.assertEqual(cm.exception.errno, errno.EAGAIN)
        u = socket(AF_INET, SOCK_DGRAM)  # noqa: F405
        with u:
            with self.assertRaises(exterror) as cm:  # noqa: F405
                u.sendmsg((b"x",))  # not connected, no address
            self.assertEqual(cm.exception.errno, errno.EDESTADDRREQ)

    def test_empty_arguments(self):
        self.assertRaises(exterror, self.s.sendmsg, self.dest, ())  # noqa: F405
        self.assertRaises(exterror, self.r.recvmsg, ())  # noqa: F405
        self.assertRaises(TypeError, self.r.recvmsg, (0,))
        self.assertRaises(TypeError, self.r.recvmsg, (4, -1))
        self.assertRaises(exterror, cmsg().set, SOL_IP, IP_TTL, b"")  # noqa: F405

    def test_data_tuple_ends_with_the_last_piece_filled(self):
        # _recvmsg resized the tuple to the pieces that got bytes
        self.s.sendmsg(self.dest, (b"hello",))
        _addr, data, _ad, _fl = self.r.recvmsg((3, 3, 8))
        self.assertEqual(data, (b"hel", b"lo"))
        self.s.sendmsg(self.dest, (b"abc",))
        self.assertEqual(self.r.recvmsg((3, 3))[1], (b"abc",))
        self.s.sendto(b"", self.dest)
        self.assertEqual(self.r.recvmsg((3, 3))[1], (b"",))

    def test_host_names_are_looked_up(self):
        self.s.sendmsg(("localhost", self.dest[1]), (b"by name",))
        self.assertEqual(self.r.recvmsg((16,))[1], (b"by name",))
        self.assertRaises(stdsocket.gaierror, self.s.sendmsg,
                          ("no-such-host.invalid", 9), (b"x",))

    def test_interface_functions(self):
        self.assertEqual(if_nametoindex("no-such-if0"), 0)  # noqa: F405
        with self.assertRaises(RuntimeError):
            if_indextoname(2**31 - 1)  # noqa: F405


class TestInterfaces(unittest.TestCase):
    """README: RFC 3493 interface functions."""

    def test_if_functions(self):
        lo = if_nametoindex("lo")  # noqa: F405
        self.assertEqual(lo, stdsocket.if_nametoindex("lo"))
        self.assertEqual(if_indextoname(lo), "lo")  # noqa: F405
        self.assertIn((lo, "lo"), if_nameindex())  # noqa: F405
        self.assertEqual(sorted(if_nameindex()), sorted(stdsocket.if_nameindex()))  # noqa: F405


if __name__ == "__main__":
    unittest.main(verbosity=1)
