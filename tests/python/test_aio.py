#!/usr/bin/env python3
"""xapi.aio: coroutines on loop.add_reader/add_writer that never block
the event loop, give the results of the xapi functions of the same name,
and clean up when cancelled."""

import asyncio
import socket
import unittest

import xapi
import xapi.aio


class TestAio(unittest.TestCase):
    def setUp(self):
        self.r = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        self.r.bind(("::1", 0))
        self.s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        self.dest = self.r.getsockname()[:2]
        self.addCleanup(self.r.close)
        self.addCleanup(self.s.close)

    def run_async(self, coro):
        return asyncio.run(asyncio.wait_for(coro, 10))

    def test_recvmsg_waits_without_blocking_the_loop(self):
        self.r.setsockopt(socket.IPPROTO_IPV6, xapi.IPV6_RECVHOPLIMIT, 1)
        ticks = []

        async def ticker():
            for i in range(5):
                ticks.append(i)
                await asyncio.sleep(0.02)

        async def main():
            t = asyncio.ensure_future(ticker())
            loop = asyncio.get_running_loop()
            loop.call_later(0.15, lambda: xapi.sendmsg(
                self.s, [b"hel", b"lo"], self.dest, [xapi.Cmsg.hoplimit(9)]))
            m = await xapi.aio.recvmsg(self.r, (64,), xapi.cmsg_space(4))
            await t
            return m

        # a blocking socket: MSG_DONTWAIT keeps the loop running
        self.assertIsNone(self.r.gettimeout())
        m = self.run_async(main())
        self.assertEqual(m.data, (b"hello",))
        self.assertEqual([c.hoplimit for c in m.cmsgs], [9])
        self.assertEqual(m.address[1], self.s.getsockname()[1])
        self.assertEqual(ticks, [0, 1, 2, 3, 4])

    def test_sendmsg_and_recv_batch(self):
        async def main():
            for i in range(3):
                n = await xapi.aio.sendmsg(self.s, [b"m%d" % i], self.dest)
                self.assertEqual(n, 2)
            return await xapi.aio.recv_batch(self.r, 8, 64)

        msgs = self.run_async(main())
        self.assertEqual([m.data[0] for m in msgs], [b"m0", b"m1", b"m2"])

    def test_recv_batch_waits_for_the_first(self):
        async def main():
            asyncio.get_running_loop().call_later(
                0.1, lambda: self.s.sendto(b"x", self.dest))
            return await xapi.aio.recv_batch(self.r, 8, 64)

        self.assertEqual([m.data[0] for m in self.run_async(main())], [b"x"])

    def test_send_batch_and_recvmsg_into(self):
        async def main():
            n = await xapi.aio.send_batch(self.s, [(b"abc", self.dest)])
            buf = bytearray(8)
            res = await xapi.aio.recvmsg_into(self.r, buf)
            return n, res, buf

        n, res, buf = self.run_async(main())
        self.assertEqual(n, 1)
        self.assertEqual(res[0], 3)
        self.assertEqual(bytes(buf[:3]), b"abc")

    def test_full_send_buffer_waits_for_room(self):
        a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
        with a, b:
            a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1024)

            async def main():
                sent = 0
                loop = asyncio.get_running_loop()
                # fill the buffer, then drain it from a callback
                while True:
                    try:
                        xapi.sendmsg(a, [b"x" * 256], flags=xapi.MSG_DONTWAIT)
                        sent += 1
                    except BlockingIOError:
                        break

                def drain():
                    for _ in range(sent):
                        b.recv(512)
                loop.call_later(0.1, drain)
                return await xapi.aio.sendmsg(a, [b"y" * 256])

            self.assertEqual(self.run_async(main()), 256)

    def test_cancel_removes_the_reader(self):
        async def main():
            loop = asyncio.get_running_loop()
            with self.assertRaises(asyncio.TimeoutError):
                await asyncio.wait_for(xapi.aio.recvmsg(self.r, (8,)), 0.1)
            # the descriptor is free for another reader
            loop.add_reader(self.r.fileno(), lambda: None)
            loop.remove_reader(self.r.fileno())
            self.s.sendto(b"after", self.dest)
            return await xapi.aio.recvmsg(self.r, (8,))

        self.assertEqual(self.run_async(main()).data, (b"after",))

    def test_errors_are_raised(self):
        async def main():
            await xapi.aio.sendmsg(self.s, [b"x"])  # no destination

        with self.assertRaises(OSError):
            self.run_async(main())


if __name__ == "__main__":
    unittest.main(verbosity=1)
