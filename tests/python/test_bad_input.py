#!/usr/bin/env python3
"""Bad input to the RFC 3542, lab and batch entry points of the Python
binding: every call must raise the documented exception (TypeError,
ValueError or OverflowError naming the argument; OSError with the kernel's
errno), never crash, hang or leak.

Each test here was a crash, a hang, a wrong exception or a silent success
found by feeding these calls wrong types, endless iterables, lying lengths
and objects that misbehave (an __index__ that changes a list being read, a
fileno() that raises), under ASan/UBSan and valgrind.  Expected bytes are
worked out by hand from RFC 2460 / RFC 3542 section 10, not taken from
xapi.
"""

import errno
import gc
import itertools
import os
import socket
import struct
import tracemalloc
import unittest

import xapi
import xapi.rfc3542 as rfc3542

C = xapi.CONSTANTS


def options_header(options):
    """An options header of align-1 options, laid out by hand (RFC 2460
    section 4.2, RFC 3542 section 10): Next Header 0, Hdr Ext Len, the
    options back to back, then one PadN (or Pad1) to a multiple of 8."""
    body = b"".join(bytes([t, len(d)]) + d for t, d in options)
    used = 2 + len(body)
    pad = -used % 8
    if pad == 1:
        body += b"\x00"
    elif pad:
        body += bytes([1, pad - 2]) + bytes(pad - 2)
    total = used + pad
    return bytes([0, total // 8 - 1]) + body


class Sockets(unittest.TestCase):
    def setUp(self):
        self.s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        self.s.bind(("::1", 0))
        self.s.setblocking(False)
        self.addCleanup(self.s.close)
        self.dest = self.s.getsockname()[:2]
        self.devnull = os.open(os.devnull, os.O_RDWR)
        self.addCleanup(os.close, self.devnull)

    def assertArgError(self, exc, arg, fn, *args, **kw):
        """fn(*args) raises exactly exc, and its message names arg."""
        with self.assertRaises(exc) as cm:
            fn(*args, **kw)
        self.assertIs(type(cm.exception), exc)
        self.assertIn(arg, str(cm.exception))
        return cm.exception


class FilenoRaises:
    def fileno(self):
        raise RuntimeError("fileno failed")


class FilenoReturns:
    def __init__(self, value):
        self.value = value

    def fileno(self):
        return self.value


class TestDescriptors(Sockets):
    """Every socket argument of the new entry points."""

    def calls(self):
        s = self.s
        return {
            "get_pathmtu": lambda k: xapi.get_pathmtu(k),
            "get_icmp6_filter": lambda k: xapi.get_icmp6_filter(k),
            "set_icmp6_filter": lambda k: xapi.set_icmp6_filter(
                k, xapi.Icmp6Filter()),
            "recv_errqueue": lambda k: xapi.recv_errqueue(k),
            "wait_errqueue": lambda k: xapi.wait_errqueue(k, 0),
            "send_batch": lambda k: xapi.send_batch(k, [(b"x", self.dest)]),
            "recv_batch": lambda k: xapi.recv_batch(k, 2, 8, timeout=0),
            "recv_batch_into": lambda k: xapi.recv_batch_into(
                k, bytearray(16), 8, 2, timeout=0),
            "recvmsg_into": lambda k: xapi.recvmsg_into(
                k, bytearray(8), flags=socket.MSG_DONTWAIT),
            "Batch.recv": lambda k: xapi.Batch(2, 8).recv(k, timeout=0),
        }, s

    def test_wrong_types(self):
        calls, _ = self.calls()
        for name, call in calls.items():
            for bad in (None, "3", b"3", 3.0, True, object(),
                        FilenoReturns("3"), FilenoReturns(None)):
                with self.subTest(call=name, sock=bad):
                    self.assertArgError(TypeError, "'sock'", call, bad)

    def test_negative_and_huge_numbers(self):
        calls, _ = self.calls()
        for name, call in calls.items():
            with self.subTest(call=name):
                self.assertArgError(ValueError, "'sock'", call, -1)
                self.assertArgError(OverflowError, "'sock'", call, 2**31)
                self.assertArgError(OverflowError, "'sock'", call, 2**70)
                self.assertArgError(OverflowError, "'sock'", call,
                                    FilenoReturns(2**40))

    def test_closed_socket_object_is_ebadf(self):
        # A closed socket.socket answers fileno() -1: the socket module's
        # own calls say OSError EBADF, so do these (it was a ValueError
        # about "file descriptor cannot be a negative integer").
        closed = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        closed.close()
        calls, _ = self.calls()
        for name, call in calls.items():
            with self.subTest(call=name):
                e = self.assertArgError(OSError, "'sock'", call, closed)
                self.assertEqual(e.errno, errno.EBADF)

    def test_fileno_exception_passes_through(self):
        calls, _ = self.calls()
        for name, call in calls.items():
            with self.subTest(call=name):
                with self.assertRaises(RuntimeError) as cm:
                    call(FilenoRaises())
                self.assertEqual(str(cm.exception), "fileno failed")

    def test_not_a_socket_is_enotsock(self):
        # wait_errqueue used to poll /dev/null and answer False.
        calls, _ = self.calls()
        for name, call in calls.items():
            with self.subTest(call=name):
                with self.assertRaises(OSError) as cm:
                    call(self.devnull)
                self.assertEqual(cm.exception.errno, errno.ENOTSOCK)

    def test_closed_number_is_ebadf(self):
        fd = os.dup(self.devnull)
        os.close(fd)
        calls, _ = self.calls()
        for name, call in calls.items():
            with self.subTest(call=name):
                with self.assertRaises(OSError) as cm:
                    call(fd)
                self.assertEqual(cm.exception.errno, errno.EBADF)

    def test_public_name_in_messages(self):
        # Wrappers named their private helper (_send_batch, _socket_netns).
        e = self.assertArgError(TypeError, "'flags'", xapi.send_batch,
                                self.s, [], "0")
        self.assertTrue(str(e).startswith("send_batch()"), str(e))
        e = self.assertArgError(TypeError, "'flags'", xapi.recvmsg_into,
                                self.s, bytearray(1), 0, None)
        self.assertTrue(str(e).startswith("recvmsg_into()"), str(e))
        e = self.assertArgError(TypeError, "'family'", xapi.socket_netns,
                                "lab-none", "x", socket.SOCK_DGRAM)
        self.assertTrue(str(e).startswith("socket_netns()"), str(e))


class Evil:
    """An int whose __index__ first runs some code."""

    def __init__(self, value, action):
        self.value = value
        self.action = action

    def __index__(self):
        self.action()
        return self.value


class TestOptionsBuild(unittest.TestCase):
    def test_options_list_changed_by_index(self):
        # opt_build walked the caller's list by a length read before the
        # __index__ of a type ran: emptying it there read freed memory
        # (ASan: SEGV in xapi_py_opt_build).
        opts = []
        opts.extend([(Evil(5, opts.clear), 1, b"ab"), (6, 1, b"cd")])
        self.assertEqual(xapi.opt_build(opts),
                         options_header([(5, b"ab"), (6, b"cd")]))

    def test_data_pieces_changed_by_index(self):
        # The same with the list of one option's data pieces (UBSan: load
        # of a null pointer).
        pieces = [b"a", b"a", b"a"]
        built = xapi.opt_build([(5, 1, pieces),
                                (Evil(6, pieces.clear), 1, b"x")])
        self.assertEqual(built, options_header([(5, b"aaa"), (6, b"x")]))

    def test_expected_layout(self):
        # The hand layout itself, against RFC 3542 section 10's example
        # arithmetic: 2 + (2 + 2) + (2 + 2) = 10, padded to 16.
        self.assertEqual(options_header([(5, b"ab"), (6, b"cd")]),
                         bytes.fromhex("0001 0502 6162 0602 6364 0104 0000 0000"))

    def test_endless_iterables(self):
        self.assertArgError = Sockets.assertArgError.__get__(self)
        self.assertArgError(ValueError, "options", xapi.opt_build,
                            itertools.repeat((5, 1, b"x")))
        self.assertArgError(ValueError, "holds more than 255 items", xapi.opt_build,
                            [(5, 1, itertools.repeat(b"x"))])
        self.assertArgError(ValueError, "segments", xapi.srh_build,
                            itertools.repeat("::1"), 0)
        self.assertArgError(ValueError, "'addrs'", xapi.rth_build, 0,
                            itertools.repeat("::1"))

    def test_buffers_are_not_sequences(self):
        # A memoryview is a sequence of ints: it used to reach the length
        # check ("an SRH holds 1..32 segments, not 64").
        self.assertArgError = Sockets.assertArgError.__get__(self)
        for bad in (memoryview(b"::1"), bytearray(b"::1"), b"::1"):
            self.assertArgError(TypeError, "'segments'", xapi.srh_build,
                                bad, 0)
            self.assertArgError(TypeError, "'options'", xapi.opt_build, bad)
            self.assertArgError(TypeError, "'addrs'", xapi.rth_build, 0, bad)
        # A str was split into one-letter "addresses".
        self.assertArgError(TypeError, "'addrs'", xapi.rth_build, 0, "::1")
        self.assertArgError(TypeError, "'addrs'", xapi.rth_build, 0, None)
        self.assertArgError(TypeError, "'addrs'", xapi.rth_build, 0, 5)

    def test_lists_take_any_iterable(self):
        # One reader for every list argument: a generator is a list.
        addrs = ["2001:db8::1", "2001:db8::2"]
        self.assertEqual(xapi.rth_build(0, iter(addrs)),
                         xapi.rth_build(0, addrs))
        self.assertEqual(xapi.srh_build(iter(addrs), 0),
                         xapi.srh_build(addrs, 0))

    def test_iteration_error_passes_through(self):
        def gen():
            yield (5, 1, b"x")
            raise KeyError("midway")
        with self.assertRaises(KeyError):
            xapi.opt_build(gen())


class TestFilters(Sockets):
    def test_filter_data(self):
        for bad in (5, 2**40, "x" * 32, [0] * 32, object()):
            with self.subTest(data=bad):
                self.assertArgError(TypeError, "'data'", xapi.Icmp6Filter, bad)
                self.assertArgError(TypeError, "'data'",
                                    rfc3542.icmp6_filter().set_from_data, bad)
        nc = memoryview(bytearray(64))[::2]
        self.assertArgError(TypeError, "'data'", xapi.Icmp6Filter, nc)
        self.assertArgError(ValueError, "'data'", xapi.Icmp6Filter, bytes(31))

    def test_filter_set_from_none(self):
        # set_from_data(None) silently made a pass-all filter.
        f = rfc3542.icmp6_filter()
        f.ICMP6_FILTER_SETBLOCKALL()
        self.assertArgError(TypeError, "'data'", f.set_from_data, None)
        self.assertEqual(f.ICMP6_FILTER_WILLBLOCK(128), 1)

    def test_set_filter_names_f(self):
        self.assertArgError(TypeError, "'f'", xapi.set_icmp6_filter,
                            self.s, "x" * 32)


class TestRfc3542Module(unittest.TestCase):
    def setUp(self):
        self.assertArgError = Sockets.assertArgError.__get__(self)

    def test_set_from_data_int_does_not_allocate(self):
        # bytearray(2**40): a MemoryError, or an ASan abort
        # (allocation-size-too-big), for inet6_rth and inet6_opt.
        for obj in (rfc3542.inet6_rth(), rfc3542.inet6_opt()):
            for bad in (2**40, 64, -1, None, "abcdefgh"):
                with self.subTest(obj=type(obj).__name__, data=bad):
                    self.assertArgError(TypeError, "'data'",
                                        obj.set_from_data, bad)

    def test_set_from_data_lying_lengths(self):
        # Type 0, Hdr Ext Len 4 (two addresses) but only 8 bytes given;
        # an options header whose option runs past the end.
        # PyXAPI raised rfc3542.error (a ValueError in xapi) for both.
        self.assertArgError(rfc3542.error, "malformed",
                            rfc3542.inet6_rth().set_from_data,
                            bytes([0, 4, 0, 2, 0, 0, 0, 0]))
        opt = rfc3542.inet6_opt()
        opt.set_from_data(bytes([0, 0, 5, 9, 0, 0, 0, 0]))
        self.assertArgError(rfc3542.error, "malformed",
                            rfc3542.inet6_opt_next, opt, 0)

    def test_in6_pktinfo_set_names_its_arguments(self):
        p = rfc3542.in6_pktinfo()
        e = self.assertArgError(rfc3542.error, "'addr'", p.set, "nope", 0)
        self.assertIn("in6_pktinfo.set()", str(e))
        self.assertArgError(TypeError, "'addr'", p.set, b"::1", 0)
        self.assertArgError(TypeError, "'ifindex'", p.set, "::1", "1")
        self.assertArgError(rfc3542.error, "'ifindex'", p.set, "::1", -1)
        self.assertEqual(p.get(), ("::", 0))  # PyXAPI's zeroed struct


class TestBatchBad(Sockets):
    def test_iteration_error_not_masked(self):
        # A TypeError raised by the caller's generator was replaced by
        # "argument 'messages' must be an iterable of messages".
        def gen():
            yield (b"x", self.dest)
            raise TypeError("from the generator")
        with self.assertRaises(TypeError) as cm:
            xapi.send_batch(self.s, gen())
        self.assertEqual(str(cm.exception), "from the generator")

    def test_nothing_sent_when_input_is_bad(self):
        def gen():
            yield (b"x", self.dest)
            raise KeyError("midway")
        with self.assertRaises(KeyError):
            xapi.send_batch(self.s, gen())
        with self.assertRaises(BlockingIOError):
            self.s.recv(8)

    def test_endless_iterables(self):
        msg = (b"x", self.dest)
        self.assertArgError(ValueError, "'messages'", xapi.send_batch, self.s,
                            itertools.repeat(msg))
        self.assertArgError(ValueError, "buffers", xapi.send_batch, self.s,
                            [(itertools.repeat(b"x"), self.dest)])
        self.assertArgError(ValueError, "buffers", xapi.sendmsg, self.s,
                            itertools.repeat(b"x"), self.dest)
        self.assertArgError(ValueError, "sizes", xapi.recvmsg, self.s,
                            itertools.repeat(1))
        self.assertArgError(ValueError, "buffers", xapi.recvmsg_into, self.s,
                            (bytearray(1) for _ in itertools.count()))
        hop = xapi.Cmsg.hoplimit(5)
        self.assertArgError(ValueError, "'cmsgs' holds more than", xapi.sendmsg, self.s,
                            [b"x"], self.dest, itertools.repeat(hop))
        with self.assertRaises(BlockingIOError):
            self.s.recv(8)

    def test_recvmsg_arguments_in_cpython_words(self):
        e = self.assertArgError(TypeError, "'sizes'", xapi.recvmsg, self.s)
        self.assertIn("missing required argument", str(e))
        self.assertArgError(TypeError, "at most 5 arguments", xapi.recvmsg,
                            self.s, [1], 0, 0, "int", 6)
        self.assertArgError(TypeError, "'bogus'", xapi.recvmsg, self.s, [1],
                            bogus=1)
        self.assertArgError(TypeError, "'sizes'", xapi.recvmsg, self.s, 5)

    def test_unix_address_must_be_str(self):
        u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.addCleanup(u.close)
        e = self.assertArgError(TypeError, "'address'", xapi.sendmsg, u,
                                [b"x"], ("::1", 9))
        self.assertIn("must be str", str(e))

    def test_cmsgs_message_names_function(self):
        e = self.assertArgError(TypeError, "'cmsgs'", xapi.send_batch, self.s,
                                [(b"x", self.dest, 5)])
        self.assertTrue(str(e).startswith("send_batch()"), str(e))

    def test_writable_buffers(self):
        nc = memoryview(bytearray(16))[::2]
        e = self.assertArgError(TypeError, "'buffers'", xapi.recvmsg_into,
                                self.s, nc)
        self.assertIn("non-contiguous", str(e))   # it said "read-only"
        e = self.assertArgError(TypeError, "'buffers'", xapi.recvmsg_into,
                                self.s, b"12345678")
        self.assertIn("read-only", str(e))
        e = self.assertArgError(TypeError, "buffers[1]", xapi.recvmsg_into,
                                self.s, [bytearray(4), b"1234"])
        self.assertIn("read-only", str(e))
        for bad in (b"x" * 16, nc, None, 16):
            self.assertArgError(TypeError, "'buffer'", xapi.recv_batch_into,
                                self.s, bad, 8, 2, timeout=0)
        self.assertArgError(ValueError, "count * slot",
                            xapi.recv_batch_into, self.s, bytearray(15), 8, 2)
        e = self.assertArgError(TypeError, "'buf'", xapi.rth_reverse_into,
                                memoryview(bytearray(24))[::1][::2])
        self.assertIn("non-contiguous", str(e))

    def test_buffer_cannot_be_resized_while_held(self):
        buf = bytearray(16)
        dest = self.dest
        s = self.s

        class Sneaky:
            def fileno(self):
                # Runs before the view is taken: resizing here is allowed
                # and the new size is what gets checked.
                del buf[8:]
                return s.fileno()
        self.assertArgError(ValueError, "count * slot", xapi.recv_batch_into,
                            Sneaky(), buf, 8, 2, timeout=0)
        xapi.send_batch(s, [(b"abc", dest)])
        res = xapi.recv_batch_into(s, buf, 8, 1, timeout=1)
        self.assertEqual(res[0][0], 3)
        self.assertEqual(bytes(buf[:3]), b"abc")

    def test_sizes_and_counts(self):
        # The core checks the limits: "bad argument count: ..."
        self.assertArgError(ValueError, "count", xapi.Batch, 0, 8)
        self.assertArgError(ValueError, "count", xapi.Batch,
                            xapi.BATCH_MAX + 1, 8)
        self.assertArgError(ValueError, "'size'", xapi.Batch, 1, -1)
        self.assertArgError(ValueError, "ancsize", xapi.Batch, 1, 8, 2**40)
        self.assertArgError(ValueError, "'count'", xapi.recv_batch, self.s,
                            2**70, 8)
        self.assertArgError(ValueError, "'slot'", xapi.recv_batch_into,
                            self.s, bytearray(8), -1, 1)
        self.assertArgError(ValueError, "count", xapi.Batch(2, 8).recv,
                            self.s, 3)

    def test_timeouts(self):
        for t in (-1, -0.001, float("nan"), -10**400):
            with self.subTest(timeout=t):
                self.assertArgError(ValueError, "'timeout'", xapi.recv_batch,
                                    self.s, 1, 8, timeout=t)
                self.assertArgError(ValueError, "'timeout'",
                                    xapi.wait_errqueue, self.s, t)
        for t in ("1", b"1", True, [1]):
            self.assertArgError(TypeError, "'timeout'", xapi.recv_batch,
                                self.s, 1, 8, timeout=t)
            self.assertArgError(TypeError, "'timeout'", xapi.wait_errqueue,
                                self.s, t)
        # Huge but finite: no OverflowError from the conversion.
        self.assertFalse(xapi.wait_errqueue(self.s, 1e-9))

    def test_udp_segment(self):
        for bad in (None, "1", 1.0, True):
            self.assertArgError(TypeError, "'size'", xapi.Cmsg.udp_segment,
                                bad)
        for bad in (-1, 65536, 2**70):
            self.assertArgError(ValueError, "'size'", xapi.Cmsg.udp_segment,
                                bad)


class TestNetBad(Sockets):
    def test_recv_errqueue_arguments(self):
        # flags was OR-ed before any check ("unsupported operand type(s)");
        # size went through as sizes[].
        self.assertArgError(TypeError, "'flags'", xapi.recv_errqueue, self.s,
                            flags=None)
        self.assertArgError(TypeError, "'size'", xapi.recv_errqueue, self.s,
                            size="8")
        self.assertArgError(ValueError, "'size'", xapi.recv_errqueue, self.s,
                            size=-1)
        self.assertArgError(TypeError, "'timeout'", xapi.recv_errqueue,
                            self.s, timeout="1")
        with self.assertRaises(BlockingIOError):
            xapi.recv_errqueue(self.s)
        self.assertIsNone(xapi.recv_errqueue(self.s, timeout=0.001))

    def test_socket_netns_arguments(self):
        for bad in (None, 5, memoryview(b"lab")):
            self.assertArgError(TypeError, "'netns'", xapi.socket_netns, bad,
                                socket.AF_INET6, socket.SOCK_DGRAM)
        for bad in ("", ".", "..", b""):
            self.assertArgError(ValueError, "'netns'", xapi.socket_netns, bad,
                                socket.AF_INET6, socket.SOCK_DGRAM)
        self.assertArgError(ValueError, "'netns'", xapi.socket_netns, "a\0b",
                            socket.AF_INET6, socket.SOCK_DGRAM)
        self.assertArgError(OverflowError, "'type'", xapi.socket_netns, "x",
                            socket.AF_INET6, 2**40)


class TestCmsgViews(unittest.TestCase):
    def setUp(self):
        self.assertArgError = Sockets.assertArgError.__get__(self)

    def test_malformed_payloads_have_no_view(self):
        v6, v4 = C["IPPROTO_IPV6"], C["IPPROTO_IP"]
        cases = [
            (v6, C["IPV6_PATHMTU"], b"short", "pathmtu"),
            (v6, C["IPV6_PATHMTU"], bytes(200), "pathmtu"),
            (v6, C["IPV6_RECVERR"], bytes(3), "sock_err"),
            (v4, C["IP_RECVERR"], bytes(15), "sock_err"),
            (C["SOL_UDP"], C["UDP_GRO"], b"\x01", "gro"),
        ]
        for level, type_, data, view in cases:
            with self.subTest(view=view, data=data):
                c = xapi.Cmsg(level, type_, data)
                self.assertIsNone(c.kind)
                self.assertEqual(c.data, data)
                self.assertArgError(ValueError, view, getattr, c, view)

    def test_lying_cmsg_len(self):
        for length in (0, 15, 17 + 100, 2**31, 2**63):
            buf = struct.pack("@Nii", length, C["IPPROTO_IPV6"],
                              C["IPV6_HOPLIMIT"]) + struct.pack("@i", 1)
            with self.subTest(cmsg_len=length):
                self.assertArgError(ValueError, "cmsg_len", xapi.parse_cmsgs,
                                    buf)


class TestNoLeaks(Sockets):
    """Error paths give back what they took (buffer views, tuples, C
    memory): tracemalloc sees every PyMem and object allocation."""

    def error_calls(self):
        s, dest = self.s, self.dest
        nc = memoryview(bytearray(64))[::2]
        return [
            lambda: xapi.opt_build([(5, 1, [b"a", b"b"]), (5, 3, b"x")]),
            lambda: xapi.opt_build([(5, 1, b"a" * 200), (6, 1, b"b" * 200)]),
            lambda: xapi.srh_build(["::1", "::2", "nope"], 0),
            lambda: xapi.srh_build(["::1"], 0, tlv=b"\x05" * 8),
            lambda: xapi.send_batch(s, [(b"x", dest), ([b"a", nc], dest)]),
            lambda: xapi.send_batch(s, [(b"x", dest, [(41, 8, b"1234")]),
                                        (b"y", ("nope", 1))]),
            lambda: xapi.sendmsg(s, [b"x"], dest, [(41, 8, b"1234"), None]),
            lambda: xapi.recvmsg_into(s, [bytearray(4), b"ro"]),
            lambda: xapi.recvmsg_into(s, [bytearray(4)] * 20, 4096,
                                      socket.MSG_DONTWAIT),
            lambda: xapi.recv_batch_into(s, bytearray(8), 8, 2),
            lambda: xapi.recv_batch(s, 8, 2048, 512, timeout=0),
            lambda: xapi.Batch(4, 64, 64).recv(s, timeout=0),
            lambda: xapi.rth_reverse_into(bytes(24)),
            lambda: xapi.rth_reverse(bytes([0, 4, 0, 2]) + bytes(20)),
            lambda: rfc3542.inet6_rth().set_from_data(b"\x00\x02\x00"),
            lambda: xapi.get_pathmtu(s),
            lambda: xapi.recv_errqueue(s),
        ]

    def test_error_paths_do_not_grow(self):
        calls = self.error_calls()

        def run(n):
            for _ in range(n):
                for call in calls:
                    try:
                        call()
                    except (TypeError, ValueError, OverflowError, OSError):
                        pass
        run(50)
        tracemalloc.start()
        try:
            run(20)
            gc.collect()    # cyclic garbage (tracebacks) is not a leak
            before = tracemalloc.get_traced_memory()[0]
            run(1000)
            gc.collect()
            after = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        self.assertLess(after - before, 64 * 1024,
                        "error paths kept %d bytes" % (after - before))


if __name__ == "__main__":
    unittest.main()
