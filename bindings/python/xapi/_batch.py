"""Batch I/O and receiving into caller memory (re-exported by :mod:`xapi`).

Many datagrams per system call (recvmmsg(2), sendmmsg(2)), each with its
own address and ancillary items, in one native call per batch::

    msgs = xapi.recv_batch(s, 32, 2048, xapi.cmsg_space(20) * 2,
                           timeout=1.0)
    for m in msgs:                  # each an xapi.Message
        print(m.address, m.data[0], [c.kind for c in m.cmsgs])
    n = xapi.send_batch(s, [(b"one", dest), (b"two", dest2,
                                              [xapi.Cmsg.hoplimit(5)])])

A :class:`Batch` keeps the receive buffers between calls (no allocation
per batch but the results); :func:`recv_batch_into` and
:func:`recvmsg_into` write the data into memory the caller owns.
"""

import math as _math
import threading as _threading
import time as _time

from . import _xapi
from . import _wait

__all__ = ["send_batch", "recv_batch", "recv_batch_into", "recvmsg_into",
           "Batch", "BATCH_MAX"]

#: The most messages one batch system call takes (the core's
#: XAPI_BATCH_MAX, sendmmsg's UIO_MAXIOV).
BATCH_MAX = _xapi.CONSTANTS.get("XAPI_BATCH_MAX", 1024)


def send_batch(sock, messages, flags=0):
    """Send many messages with sendmmsg(2); return how many were sent.

    *messages* is any iterable whose items are either a
    ``(buffers, address, cmsgs)`` tuple (``address`` and ``cmsgs`` may be
    left out or None; ``buffers`` is one bytes-like object or an iterable
    of them, gathered in order) or a :class:`Message` (sent to its
    ``address`` with its ``data`` and ``cmsgs``: a received message sent
    back goes to where it came from, from the address its IPV6_PKTINFO
    says it arrived at).  Each message has its own destination and its own
    ancillary items (``Cmsg.udp_segment(n)`` asks for UDP segmentation of
    that message only).

    Every message is checked before any is sent: bad input raises
    TypeError/ValueError/OverflowError and sends nothing.  Errors of the
    kernel part-way follow the kernel: the count of messages sent is
    returned and the error is not raised; a call starting at the refused
    message raises it (OSError).  So send everything with::

        done = 0
        while done < len(msgs):
            done += xapi.send_batch(s, msgs[done:])

    More than :data:`BATCH_MAX` messages go in several system calls (at
    most 2**20 messages per call: more is a ValueError, and an endless
    iterator is not read past that).  The GIL is released around each.
    """
    return _wait.call("send_batch", sock, _wait.POLLOUT, flags,
                      _xapi.send_batch, sock, _wait.replayable(sock, messages),
                      flags)


_INT_MAX = 2147483647


class _RecvBatch:
    """The core's receive batch as SWIG hands it over (a handle): this
    registration gives it its destructor, so the batch is freed with it."""
    __swig_destroy__ = _xapi.delete_recv_batch


_xapi.recv_batch_swigregister(_RecvBatch)


def _timeout_ms(fn, timeout):
    """*timeout* in seconds (None: no timeout) as the core's milliseconds,
    rounded up so that a tiny timeout still waits."""
    if timeout is None:
        return -1
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("%s(): argument 'timeout' must be seconds (int or "
                        "float) or None, not %s" % (fn, type(timeout).__name__))
    if not timeout >= 0:    # negative or NaN
        raise ValueError("%s(): argument 'timeout' must be None or at least 0"
                         % fn)
    if timeout >= _INT_MAX / 1000:
        return _INT_MAX
    return min(_math.ceil(timeout * 1000), _INT_MAX)


_MSG_DONTWAIT = _xapi.CONSTANTS.get("MSG_DONTWAIT", 0x40)


def _receive(call, sock, batch, count, flags, timeout, fn, *into):
    """One receive, EINTR retried (PEP 475) with what is left of the
    timeout; signal handlers run between the attempts.  Without *timeout*
    the socket object's own timeout applies (TimeoutError when it runs
    out); MSG_DONTWAIT never waits."""
    ms = _timeout_ms(fn, timeout)
    expired = BlockingIOError
    if flags & _MSG_DONTWAIT:
        ms = -1                 # take what is queued, never poll
    elif timeout is None:
        t = _wait.sock_timeout(sock)
        if t:                   # settimeout(t): wait as the socket does
            ms = _timeout_ms(fn, t)
            expired = TimeoutError
    deadline = None
    while True:
        try:
            return call(sock, batch, count, *into, flags, ms)
        except BlockingIOError:
            if expired is TimeoutError:
                raise TimeoutError("timed out") from None
            raise
        except InterruptedError:
            if ms > 0:
                if deadline is None:
                    deadline = _time.monotonic() + ms / 1000
                ms = max(0, _math.ceil((deadline - _time.monotonic()) * 1000))


#: The most UDP_GRO_CNT_MAX: datagrams Linux coalesces into one buffer.
_GRO_SEGMENTS = 64


def _gro_batch(count, size, ancsize, gro, fn):
    """A core receive batch, splitting coalesced UDP_GRO buffers when
    *gro* is true (room for count * 64 segments per call)."""
    if not isinstance(gro, bool):
        raise TypeError("%s(): argument 'gro' must be bool, not %s"
                        % (fn, type(gro).__name__))
    batch = _xapi.recv_batch_new(count, size, ancsize)
    if gro:
        _xapi.recv_batch_split(batch, count * _GRO_SEGMENTS)
    return batch


def recv_batch(sock, count, size, ancsize=0, flags=0, timeout=None,
               gro=False):
    """Receive up to *count* datagrams with one recvmmsg(2) call.

    Each datagram gets one buffer of *size* bytes and *ancsize* bytes of
    ancillary space (:func:`cmsg_space`).  Returns a list of
    :class:`Message` (``address``, ``data`` (a tuple of one bytes, cut to
    what arrived), ``cmsgs`` decoded, ``flags`` with MSG_TRUNC /
    MSG_CTRUNC per message, ``nbytes``), all built in the same native call.

    *timeout* (seconds) waits up to that long for the first datagram, then
    takes what is queued without waiting further; BlockingIOError (EAGAIN)
    if nothing came in time.  Without *timeout*, a socket object's own
    timeout (``settimeout(t)``) does the same but raises TimeoutError, as
    the socket module does.  ``MSG_DONTWAIT`` in *flags* never waits, even
    with a *timeout*.  With ``timeout=None`` the call blocks as the
    socket and *flags* say, as recvmmsg(2) does: on a blocking socket it
    waits for all *count* datagrams unless *flags* has ``MSG_WAITFORONE``
    (return after the first) or ``MSG_DONTWAIT`` (take what is queued).

    *count* is 1..BATCH_MAX; count * size and count * ancsize are limited
    to 2**30 bytes.  The buffers are allocated per call; a :class:`Batch`
    keeps them instead.  The GIL is released while waiting.

    ``gro=True`` splits coalesced buffers: with UDP_GRO set on the socket
    (``setsockopt_int(s, SOL_UDP, UDP_GRO, 1)``) Linux hands over up to 64
    datagrams of one flow in one buffer with a ``gro`` item (the segment
    size); each is then returned as a Message of its own (its bytes, the
    buffer's address and items; the last segment may be shorter), so the
    list may hold up to count * 64 Messages.  *size* must hold a whole
    buffer (64 * the segment size, at most 65535).  A buffer that was not
    coalesced (no item, or at most one segment) stays one Message; a
    truncated one marks the segments that lost bytes with MSG_TRUNC.
    """
    batch = _gro_batch(count, size, ancsize, gro, "recv_batch")
    return _receive(_xapi.recv_batch_recv, sock, batch, count, flags, timeout,
                    "recv_batch")


def recv_batch_into(sock, buffer, slot, count, ancsize=0, flags=0,
                    timeout=None):
    """Receive up to *count* datagrams into slots of one writable *buffer*.

    Datagram i is written at ``buffer[i * slot:]``, at most *slot* bytes
    (*buffer*, a bytearray, memoryview or other writable buffer, must hold
    count * slot bytes).  Returns a list of ``(nbytes, address, cmsgs,
    flags)``, one per datagram received; its data is
    ``buffer[i * slot:i * slot + min(nbytes, slot)]`` (with MSG_TRUNC in
    *flags* nbytes is the datagram's full length).  *timeout* and *flags*
    as for :func:`recv_batch`.
    """
    batch = _xapi.recv_batch_new(count, 0, ancsize)
    return _receive(_xapi.recv_batch_recv_into, sock, batch, count, flags,
                    timeout, "recv_batch_into", buffer, slot)


def recvmsg_into(sock, buffers, ancsize=0, flags=0):
    """Receive one message into caller memory, like socket.recvmsg_into.

    *buffers* is one writable buffer (bytearray, memoryview, array...) or
    an iterable of them, filled in order.  Returns ``(nbytes, address,
    cmsgs, flags)`` with the items decoded as :func:`recvmsg` decodes
    them.  A read-only buffer (bytes) is a TypeError.
    """
    batch = _xapi.recv_batch_new(1, 0, ancsize)

    def once():
        while True:
            try:
                return _xapi.recvmsg_into(sock, batch, buffers, flags)[0]
            except InterruptedError:
                pass
    return _wait.call("recvmsg_into", sock, _wait.POLLIN, flags, once)


class Batch:
    """Receive buffers kept for many :meth:`recv` calls.

    ``Batch(count, size, ancsize=0)`` allocates, once, room for *count*
    datagrams of *size* bytes with *ancsize* bytes of ancillary space
    each; :meth:`recv` then allocates nothing but its results.  A Batch is
    used by one call at a time: a second thread calling recv while the
    first waits gets RuntimeError (give each thread its own Batch).
    """

    __slots__ = ("count", "size", "ancsize", "gro", "_state", "_lock")

    def __init__(self, count, size, ancsize=0, gro=False):
        """Allocate room for *count* (1..BATCH_MAX) datagrams of *size*
        bytes and *ancsize* ancillary bytes each (TypeError / ValueError
        naming the argument otherwise).  ``gro=True``: :meth:`recv` splits
        UDP_GRO-coalesced buffers into one Message per datagram, as
        :func:`recv_batch` does (up to count * 64 Messages per call; any
        more a lying kernel announced are returned by the next call)."""
        self._state = _gro_batch(count, size, ancsize, gro, "Batch")
        self._lock = _threading.Lock()
        self.count, self.size, self.ancsize = count, size, ancsize
        self.gro = gro

    def recv(self, sock, count=None, flags=0, timeout=None):
        """Like :func:`recv_batch` with this batch's buffers: up to *count*
        (default: all of the batch's) datagrams -> list of Message."""
        if not self._lock.acquire(False):
            raise RuntimeError("Batch.recv(): this Batch is in use by another "
                               "thread (use one Batch per thread)")
        try:
            return _receive(_xapi.recv_batch_recv, sock, self._state,
                            self.count if count is None else count, flags,
                            timeout, "Batch.recv")
        finally:
            self._lock.release()

    def send(self, sock, messages, flags=0):
        """Same as :func:`send_batch` (a send needs no buffers of its own)."""
        return send_batch(sock, messages, flags)

    def __repr__(self):
        """``xapi.Batch(count, size, ancsize[, gro=True])``."""
        return "xapi.Batch(%d, %d, %d%s)" % (self.count, self.size,
                                             self.ancsize,
                                             ", gro=True" if self.gro else "")


# ---- UDP segmentation offload items (udp(7)) ----------------------------

def _udp_segment(size):
    """Cmsg.udp_segment(size): a (SOL_UDP, UDP_SEGMENT) item asking the
    kernel to cut this one send into datagrams of *size* bytes (0..65535;
    0 turns segmentation off for the message).  Its payload is a 16-bit
    integer, as the kernel requires."""
    if isinstance(size, bool) or not isinstance(size, int):
        raise TypeError("Cmsg.udp_segment(): argument 'size' must be int, "
                        "not %s" % type(size).__name__)
    if not 0 <= size <= 65535:
        raise ValueError("Cmsg.udp_segment(): argument 'size' must be in "
                         "0..65535, not %d" % size)
    c = _xapi.CONSTANTS
    return _xapi.make_cmsg(c["SOL_UDP"], c["UDP_SEGMENT"],
                            _xapi.encode_udp_segment(size, 8))


def _gro_view(item):
    """The segment size of a (SOL_UDP, UDP_GRO) item: the received buffer
    holds datagrams of that size coalesced, the last one maybe shorter."""
    if item.kind != "gro":
        raise ValueError("item (level %d, type %d) has no gro view"
                         % (item.level, item.type))
    return item.value


def _fragsize_view(item):
    """The size of the largest fragment of a datagram the kernel reassembled
    (an IPV6_RECVFRAGSIZE / IP_RECVFRAGSIZE item)."""
    if item.kind != "fragsize":
        raise ValueError("item (level %d, type %d) has no fragsize view"
                         % (item.level, item.type))
    return item.value


_xapi.Cmsg.udp_segment = staticmethod(_udp_segment)
_xapi.Cmsg.gro = property(_gro_view)
_xapi.Cmsg.fragsize = property(_fragsize_view)


# ---- timestamps (SO_TIMESTAMP, SO_TIMESTAMPNS, SO_TIMESTAMPING) ---------
# The core decodes the stamps (Timestamp(sec, nsec), Timestamping(sw_sec,
# sw_nsec, legacy_sec, legacy_nsec, hw_sec, hw_nsec)); these name them in
# Python's two natural forms: float seconds, as time.time() gives, and
# integer nanoseconds, as time.time_ns() gives (exact).

_NS = 1000000000


def _stamp_pair(item, hardware):
    v = item.value
    if item.kind in ("timestamp", "timestampns") and not hardware:
        return v.sec, v.nsec
    if item.kind == "timestamping":
        return (v.hw_sec, v.hw_nsec) if hardware else (v.sw_sec, v.sw_nsec)
    raise ValueError("item (level %d, type %d) has no %s timestamp view"
                     % (item.level, item.type,
                        "hardware" if hardware else "software"))


def _time_ns_view(item):
    """The stamp of an SO_TIMESTAMP / SO_TIMESTAMPNS item, or the software
    stamp (ts[0]) of an SO_TIMESTAMPING one, as integer nanoseconds since
    the epoch (CLOCK_REALTIME, like time.time_ns()); None for a
    timestamping item whose software stamp was not taken (all zero)."""
    sec, nsec = _stamp_pair(item, False)
    if item.kind == "timestamping" and sec == 0 and nsec == 0:
        return None
    return sec * _NS + nsec


def _time_view(item):
    """.time_ns as float seconds (like time.time(); a float keeps about a
    quarter of a microsecond at today's dates: use .time_ns to compare)."""
    ns = _time_ns_view(item)
    return None if ns is None else ns / _NS


def _hw_time_ns_view(item):
    """The raw hardware stamp (ts[2]) of an SO_TIMESTAMPING item in integer
    nanoseconds (the NIC's clock), or None when the interface took none
    (loopback, or SOF_TIMESTAMPING_RAW_HARDWARE not asked for)."""
    sec, nsec = _stamp_pair(item, True)
    return None if sec == 0 and nsec == 0 else sec * _NS + nsec


def _hw_time_view(item):
    """.hw_time_ns as float seconds, or None."""
    ns = _hw_time_ns_view(item)
    return None if ns is None else ns / _NS


_xapi.Cmsg.time_ns = property(_time_ns_view)
_xapi.Cmsg.time = property(_time_view)
_xapi.Cmsg.hw_time_ns = property(_hw_time_ns_view)
_xapi.Cmsg.hw_time = property(_hw_time_view)


class TxTimestamp(tuple):
    """A transmit timestamp matched to its send: ``key`` (the send's
    SOF_TIMESTAMPING_OPT_ID key: for UDP the number of datagrams sent
    before it), ``tstype`` (SCM_TSTAMP_SND, _SCHED or _ACK), ``time_ns``
    and ``hw_time_ns`` (integer nanoseconds or None), ``time`` and
    ``hw_time`` (float seconds or None)."""
    __slots__ = ()

    def __new__(cls, key, tstype, time_ns, hw_time_ns):
        return tuple.__new__(cls, (key, tstype, time_ns, hw_time_ns))

    key = property(lambda self: self[0])
    tstype = property(lambda self: self[1])
    time_ns = property(lambda self: self[2])
    hw_time_ns = property(lambda self: self[3])
    time = property(lambda self: None if self[2] is None else self[2] / _NS)
    hw_time = property(
        lambda self: None if self[3] is None else self[3] / _NS)

    def __repr__(self):
        return ("xapi.TxTimestamp(key=%d, tstype=%d, time_ns=%r, "
                "hw_time_ns=%r)" % self)


def _stamp_ns(sec, nsec):
    return None if sec == 0 and nsec == 0 else sec * _NS + nsec


def tx_timestamp(cmsgs):
    """The transmit timestamp among one error-queue message's items (a
    Message's ``.cmsgs``, or the Message itself), or None.  The kernel
    queues, per stamped send, a message holding an SCM_TIMESTAMPING item
    (the stamps) and an IP_RECVERR / IPV6_RECVERR item (a SockErr with
    origin SO_EE_ORIGIN_TIMESTAMPING, info the SCM_TSTAMP_* type and data
    the OPT_ID key); the core pairs the two (xapi_tx_timestamp_of)."""
    if isinstance(cmsgs, _xapi.Message):
        cmsgs = cmsgs.cmsgs
    for r in _xapi.tx_timestamp_of(cmsgs):
        return TxTimestamp(r.key, r.tstype, _stamp_ns(r.sec, r.nsec),
                           _stamp_ns(r.hw_sec, r.hw_nsec))
    return None


_xapi.Message.tx_timestamp = property(tx_timestamp)
__all__ += ["tx_timestamp", "TxTimestamp"]
#: The record types of the two timestamp views.
Timestamp = _xapi.Timestamp
Timestamping = _xapi.Timestamping
__all__ += ["Timestamp", "Timestamping"]
