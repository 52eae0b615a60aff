"""Socket timeouts for xapi's calls, as the socket module applies them.

A :class:`socket.socket` with a timeout (``settimeout(t)``) is non-blocking
at the system level; the socket module then waits with poll(2) for at most
*t* seconds and raises TimeoutError.  xapi does the same for the socket
objects passed to it: :func:`call` runs the native call, and when the
descriptor is not ready (BlockingIOError) waits for it for what is left of
the socket's timeout.  ``settimeout(0)`` (non-blocking) raises
BlockingIOError at once, ``settimeout(None)`` (blocking) blocks in the
kernel, and ``MSG_DONTWAIT`` never waits whatever the timeout.

EINTR: poll is retried after signal handlers run (PEP 475); a handler
that raises ends the call with its exception.  The native calls do the
same for blocking sockets.
"""

import itertools as _itertools
import math as _math
import select as _select
import time as _time

from . import _xapi

POLLIN = _select.POLLIN
POLLOUT = _select.POLLOUT
_MSG_DONTWAIT = _xapi.CONSTANTS.get("MSG_DONTWAIT", 0x40)


def sock_timeout(sock):
    """The timeout of *sock* in seconds (``sock.gettimeout()``), or None for
    a descriptor number, a blocking socket or an object without one."""
    get = getattr(sock, "gettimeout", None)
    if get is None:
        return None
    try:
        t = get()
    except Exception:  # a closed or odd object: the native call will say
        return None
    if isinstance(t, (int, float)) and not isinstance(t, bool):
        return t
    return None


def wait(sock, events, seconds):
    """Wait up to *seconds* for *events* on *sock*; True if it is ready.
    poll(2) retries EINTR itself with the time left (PEP 475)."""
    p = _select.poll()
    p.register(sock, events | _select.POLLERR)
    return bool(p.poll(max(0, _math.ceil(seconds * 1000))))


# The most items an argument is read to when a call may be repeated (the
# core refuses more than that anyway).
_READ_MAX = 2**20 + 1


def replayable(sock, items):
    """*items* as a list when *sock* has a timeout (the call may run twice:
    an iterator would be spent), read to at most 2**20 + 1 items; else
    *items* unchanged."""
    if (sock_timeout(sock) and items is not None
            and not isinstance(items, (list, tuple, bytes, bytearray,
                                       memoryview, str))):
        try:
            return list(_itertools.islice(items, _READ_MAX))
        except TypeError:
            return items    # not iterable: the native call says so
    return items


def call(fn, sock, events, flags, native, *args):
    """``native(*args)`` with *sock*'s timeout honoured (see the module
    docstring); TimeoutError("timed out") when it runs out.  *fn* names
    the public function in messages.  As the socket module does, it waits
    for the descriptor first, then calls, and waits again if the call
    still finds nothing (another reader was faster)."""
    t = sock_timeout(sock)
    if not t or flags & _MSG_DONTWAIT:
        # None: blocking in the kernel (EINTR retried natively); 0: the
        # descriptor is non-blocking, BlockingIOError at once.
        return native(*args)
    deadline = _time.monotonic() + t
    while True:
        left = deadline - _time.monotonic()
        if left <= 0 or not wait(sock, events, left):
            raise TimeoutError("%s(): timed out" % fn)
        try:
            return native(*args)
        except BlockingIOError:
            continue
        except InterruptedError:
            # Only when a handler did not raise (PEP 475): try again.
            continue
