#!/usr/bin/env python3
"""Tests of the issue 10 pieces in Python: the origdst, flowinfo and
rxq_ovfl views, flow labels given in address text or a 4-tuple, and
xapi.flowlabel_lease / flowlabel_release.

Expected values come from the kernel's layouts (struct packs of
sockaddr_in, a big-endian flowinfo word) and from what the kernel
delivers over loopback, read with the standard library's socket.recvmsg
where it can.  Run with PYTHONPATH pointing at the build tree's
bindings/python.
"""

import errno
import socket
import struct
import unittest

import xapi

IPV6_FLOWINFO = 11       # <linux/in6.h>
IPV6_FLOWINFO_SEND = 33
IPV6_AUTOFLOWLABEL = 70


def item(level, ctype, payload):
    data = struct.pack("=QiI", 16 + len(payload), level, ctype) + payload
    return data + bytes(-len(data) % 8)


class Views(unittest.TestCase):
    def test_origdst(self):
        sin = struct.pack("=H", socket.AF_INET) + struct.pack(">H", 4660) \
            + socket.inet_aton("192.0.2.7") + bytes(8)
        c, = xapi.parse_cmsgs(item(socket.IPPROTO_IP, 20, sin))
        self.assertEqual(c.kind, "origdst")
        self.assertEqual(c.origdst, ("192.0.2.7", 4660))
        self.assertIsInstance(c.origdst, xapi.OrigDst)
        self.assertEqual(c.origdst.port, 4660)
        self.assertRaises(ValueError, xapi.parse_cmsgs,
                          item(socket.IPPROTO_IP, 20, sin[:15]))

    def test_flowinfo_and_rxq_ovfl(self):
        c, = xapi.parse_cmsgs(item(socket.IPPROTO_IPV6, IPV6_FLOWINFO,
                                   struct.pack(">I", 0x0b812345)))
        self.assertEqual(c.flowinfo, 0x0b812345)
        self.assertEqual(c.flowinfo & xapi.IPV6_FLOWINFO_FLOWLABEL, 0x12345)
        c, = xapi.parse_cmsgs(item(socket.SOL_SOCKET, xapi.SO_RXQ_OVFL,
                                   struct.pack("=I", 0xffffffff)))
        self.assertEqual(c.rxq_ovfl, 4294967295)
        with self.assertRaises(ValueError):
            c.flowinfo


class FlowLabels(unittest.TestCase):
    def setUp(self):
        self.rx = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        self.rx.bind(("::1", 0))
        self.rx.setsockopt(socket.IPPROTO_IPV6, IPV6_FLOWINFO, 1)
        self.rx.settimeout(5)
        self.tx = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        self.tx.setsockopt(socket.IPPROTO_IPV6, IPV6_FLOWINFO_SEND, 1)
        self.port = self.rx.getsockname()[1]

    def tearDown(self):
        self.rx.close()
        self.tx.close()

    def received_flowinfo(self):
        # The standard library's recvmsg, not xapi's: an independent read.
        _data, anc, _flags, _addr = self.rx.recvmsg(64, 64)
        for level, ctype, payload in anc:
            if (level, ctype) == (socket.IPPROTO_IPV6, IPV6_FLOWINFO):
                return struct.unpack(">I", payload)[0]
        return None

    def test_suffix_in_a_2_tuple(self):
        xapi.sendmsg(self.tx, [b"a"], ("::1/flowinfo=0x12345", self.port))
        self.assertEqual(self.received_flowinfo(), 0x12345)

    def test_4_tuple(self):
        xapi.sendmsg(self.tx, [b"b"], ("::1", self.port, 0x54321, 0))
        self.assertEqual(self.received_flowinfo(), 0x54321)

    def test_bad_suffix(self):
        for host in ("::1/flowinfo=0x10000000", "::1/flow=1", "::1/"):
            self.assertRaises(ValueError, xapi.sendmsg, self.tx, [b"c"],
                              (host, self.port))

    def test_lease(self):
        label = xapi.flowlabel_lease(self.tx, "::1")
        self.assertTrue(1 <= label <= 0xfffff)
        xapi.flowlabel_release(self.tx, label)
        with self.assertRaises(OSError) as cm:
            xapi.flowlabel_release(self.tx, label)
        self.assertEqual(cm.exception.errno, errno.ESRCH)
        self.assertRaises(ValueError, xapi.flowlabel_lease, self.tx, "::1",
                          0x100000)
        self.assertRaises(ValueError, xapi.flowlabel_lease, self.tx, "::")


if __name__ == "__main__":
    unittest.main()
