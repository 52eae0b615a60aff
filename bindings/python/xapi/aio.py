"""asyncio coroutines for xapi's socket calls.

::

    import asyncio, socket, xapi, xapi.aio

    async def main():
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        s.setblocking(False)
        s.bind(("::1", 9999))
        m = await xapi.aio.recvmsg(s, (2048,), xapi.cmsg_space(4))
        await xapi.aio.sendmsg(s, [b"echo: ", m.data[0]], m.address)
        for m in await xapi.aio.recv_batch(s, 32, 2048):
            ...

Each coroutine tries the call at once with ``MSG_DONTWAIT`` and, when the
socket is not ready (EAGAIN), waits for it with ``loop.add_reader`` /
``loop.add_writer`` and tries again: nothing blocks the event loop, the
socket may be blocking or not, and its ``settimeout`` is not used (use
``asyncio.wait_for`` or ``asyncio.timeout`` for a time limit: cancelling
the coroutine removes the reader/writer).  *loop* defaults to the running
loop; it must be a loop with add_reader (the default selector loop on
Linux).  Results and errors are those of the functions of the same name in
:mod:`xapi`.
"""

import asyncio as _asyncio

from . import _xapi
from . import _batch

__all__ = ["recvmsg", "sendmsg", "recv_batch", "send_batch",
           "recvmsg_into"]

_MSG_DONTWAIT = _xapi.CONSTANTS["MSG_DONTWAIT"]


def _fileno(sock):
    if isinstance(sock, int) and not isinstance(sock, bool):
        return sock
    return sock.fileno()


async def _io(loop, sock, writing, native, *args):
    """Run ``native(*args)`` (non-blocking) until it is not EAGAIN, waiting
    for *sock* on *loop* in between."""
    if loop is None:
        loop = _asyncio.get_running_loop()
    fd = _fileno(sock)
    while True:
        try:
            return native(*args)
        except (BlockingIOError, InterruptedError):
            pass
        ready = loop.create_future()

        def wake():
            if not ready.done():
                ready.set_result(None)
        if writing:
            loop.add_writer(fd, wake)
        else:
            loop.add_reader(fd, wake)
        try:
            await ready
        finally:
            if writing:
                loop.remove_writer(fd)
            else:
                loop.remove_reader(fd)


async def recvmsg(sock, sizes, ancsize=0, flags=0, *, loop=None):
    """``await recvmsg(sock, sizes, ancsize=0, flags=0)`` -> Message, as
    :func:`xapi.recvmsg`, waiting on the event loop instead of blocking."""
    return await _io(loop, sock, False, _xapi.recvmsg, sock,
                     sizes, ancsize, flags | _MSG_DONTWAIT)


async def sendmsg(sock, buffers, address=None, cmsgs=(), flags=0, *,
                  loop=None):
    """``await sendmsg(sock, buffers, address=None, cmsgs=(), flags=0)`` ->
    bytes sent, as :func:`xapi.sendmsg`, waiting on the event loop while
    the send buffer is full."""
    buffers = list(buffers) if not isinstance(buffers, (list, tuple)) \
        else buffers
    cmsgs = list(cmsgs) if not isinstance(cmsgs, (list, tuple)) else cmsgs
    return await _io(loop, sock, True, _xapi.sendmsg, sock, buffers, address,
                     cmsgs, flags | _MSG_DONTWAIT)


async def recv_batch(sock, count, size, ancsize=0, flags=0, *, gro=False,
                     loop=None):
    """``await recv_batch(sock, count, size, ancsize=0, flags=0)`` -> list
    of Message: waits until at least one datagram is queued, then takes up
    to *count* of those queued (recvmmsg(2) with MSG_DONTWAIT).  ``gro``
    as for :func:`xapi.recv_batch` (UDP_GRO buffers split)."""
    return await _io(loop, sock, False, _batch.recv_batch, sock, count, size,
                     ancsize, flags | _MSG_DONTWAIT, None, gro)


async def recvmsg_into(sock, buffers, ancsize=0, flags=0, *, loop=None):
    """``await recvmsg_into(sock, buffers, ancsize=0, flags=0)`` ->
    (nbytes, address, cmsgs, flags), as :func:`xapi.recvmsg_into`."""
    return await _io(loop, sock, False, _batch.recvmsg_into, sock, buffers,
                     ancsize, flags | _MSG_DONTWAIT)


async def send_batch(sock, messages, flags=0, *, loop=None):
    """``await send_batch(sock, messages, flags=0)`` -> messages sent, as
    :func:`xapi.send_batch`, waiting while the send buffer is full."""
    messages = list(messages) if not isinstance(messages, (list, tuple)) \
        else messages
    return await _io(loop, sock, True, _batch.send_batch, sock, messages,
                     flags | _MSG_DONTWAIT)
