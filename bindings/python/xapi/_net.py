"""The error queue and network namespaces (re-exported by :mod:`xapi`).

Sockets in other network namespaces::

    a = xapi.socket_netns("lab-a", socket.AF_INET6, socket.SOCK_DGRAM)

The error queue (ip(7) ``IP_RECVERR``, ipv6(7) ``IPV6_RECVERR``)::

    xapi.setsockopt_int(a, xapi.IPPROTO_IPV6, xapi.IPV6_RECVERR, 1)
    ...
    m = xapi.recv_errqueue(a, timeout=2)
    if m is not None:
        for c in m.cmsgs:
            if c.kind == "sock_err":
                e = c.sock_err      # SockErr(errno, origin, type, code, ...)
"""

import math as _math
import os as _os
import select as _select
import socket as _socket

from . import _xapi

__all__ = ["socket_netns", "recv_errqueue", "wait_errqueue", "icmp_ext_offset"]


def socket_netns(netns, family, type, proto=0):
    """Create a socket in network namespace *netns*; return a socket.socket.

    *netns* names a namespace as ip-netns(8) does (``"lab-a"`` means
    ``/run/netns/lab-a``) or, if it contains a ``/``, is the path of a
    namespace file (``/proc/PID/ns/net``); str, bytes and path-like
    objects are accepted.  Only the calling thread enters the namespace,
    for the time it takes to create the socket (the GIL is released
    meanwhile); the socket stays in that namespace for its whole life, so
    one process can talk from several namespaces at once.

    Needs CAP_SYS_ADMIN (PermissionError otherwise).  A namespace that
    does not exist is FileNotFoundError; a file that is not a network
    namespace is OSError EINVAL.  An empty name, ``"."`` or ``".."`` is a
    ValueError.
    """
    if isinstance(netns, (str, bytes)) or hasattr(netns, "__fspath__"):
        name = _os.fspath(netns)
    else:
        raise TypeError("socket_netns(): argument 'netns' must be str, bytes "
                        "or os.PathLike, not %s" % netns.__class__.__name__)
    if name in ("", ".", "..", b"", b".", b".."):
        raise ValueError("socket_netns(): argument 'netns' must name a "
                         "namespace, not %r" % (name,))
    fd = _xapi.socket_netns(name, family, type, proto)
    try:
        return _socket.socket(family, type, proto, fileno=fd)
    except BaseException:
        _os.close(fd)
        raise


def wait_errqueue(sock, timeout=None):
    """Wait until *sock* has something on its error queue (POLLERR).

    *timeout* in seconds (None: no limit).  Returns True when an error is
    queued, False on timeout.  The GIL is released while waiting.  A
    descriptor that is closed or not a socket is OSError (EBADF,
    ENOTSOCK), as for every other call."""
    return _wait_errqueue("wait_errqueue", sock, timeout)


def _wait_errqueue(fn, sock, timeout):
    """wait_errqueue for the public function *fn* (named in errors)."""
    ms = _timeout_ms(fn, timeout)
    # The descriptor checked as every xapi call checks it (TypeError,
    # OverflowError, OSError EBADF / ENOTSOCK): poll alone would take a
    # pipe or /dev/null and report nothing.
    _xapi.socket_family(sock)
    p = _select.poll()
    p.register(sock, 0)          # POLLERR is always reported
    for _fd, ev in p.poll(ms):
        if ev & (_select.POLLERR | _select.POLLNVAL):
            if ev & _select.POLLNVAL:
                raise OSError(9, "%s(): bad descriptor" % fn)
            return True
    return False


def _timeout_ms(fn, timeout):
    """Seconds (int or float, >= 0, or None: no limit) as poll(2)'s
    milliseconds, rounded up; inf is no limit, NaN a ValueError."""
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("%s(): argument 'timeout' must be a number or None, "
                        "not %s" % (fn, type(timeout).__name__))
    if timeout < 0 or (isinstance(timeout, float) and _math.isnan(timeout)):
        raise ValueError("%s(): argument 'timeout' must be None or at least "
                         "0, not %r" % (fn, timeout))
    if timeout >= 2**31 / 1000:   # past poll's limit (and inf): no limit
        return None
    return _math.ceil(timeout * 1000)


def recv_errqueue(sock, size=2048, ancsize=512, flags=0, timeout=0):
    """Receive one message from the socket's error queue (MSG_ERRQUEUE).

    Returns a :class:`Message`: ``data`` holds (up to *size* bytes of) the
    datagram that failed, ``address`` where it was going, and ``cmsgs`` the
    IPV6_RECVERR / IP_RECVERR item, whose ``.sock_err`` view is a
    :class:`SockErr` (errno, origin, type, code, info, data, offender);
    with ``MSG_ERRQUEUE`` set ``flags`` in the result.  Set IPV6_RECVERR
    (or IP_RECVERR) on the socket first.

    Reading the error queue never blocks: with the default *timeout* 0 an
    empty queue raises BlockingIOError (EAGAIN).  A *timeout* in seconds
    (or None: no limit) waits for POLLERR first and returns None if
    nothing was queued in time.
    """
    for name, value in (("size", size), ("flags", flags)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("recv_errqueue(): argument '%s' must be int, not "
                            "%s" % (name, type(value).__name__))
    if not 0 <= size <= 2**30:
        raise ValueError("recv_errqueue(): argument 'size' must be in "
                         "0..%d, not %d" % (2**30, size))
    if timeout is None or timeout != 0:
        if not _wait_errqueue("recv_errqueue", sock, timeout):
            return None
    # An error queue read never waits in Linux: MSG_DONTWAIT says so to
    # the native call, which then leaves the socket's timeout alone.
    return _xapi.recvmsg(sock, (size,), ancsize,
                         flags | _xapi.CONSTANTS["MSG_ERRQUEUE"]
                         | _xapi.CONSTANTS["MSG_DONTWAIT"])


# ------------------------------------------------------- ICMP extensions

def icmp_ext_offset(family, data):
    """Where the RFC 4884 extension structure starts in the ICMP
    (*family* AF_INET) or ICMPv6 (AF_INET6) message *data*: 8 plus its
    length field, or 0 when it has none.  ValueError for a length that
    lies or another family."""
    return _xapi.icmp_ext_offset(family, data)


#: One record of an ICMP extension structure (the core's record table).
IcmpExt = _xapi.IcmpExt
__all__ += ["IcmpExt"]

# The parses give their records through the RECORDS shape (swig/xapi.i,
# at most XAPI_RECORDS_MAX): each gives a list of IcmpExt records, built
# from the core's record table.
if hasattr(_xapi, "icmp_ext_parse"):
    def icmp_ext_parse(family, data):
        """The records of the ICMP (AF_INET) or ICMPv6 (AF_INET6) message
        *data* (a raw socket's view; IPv4 without its IP header): one
        IcmpExt per MPLS label stack entry (class_num 1: label, tc, s,
        ttl), per interface information object (class_num 2: role,
        ifindex, addr, name, mtu) and per other object (offset, length),
        in order; [] without an extension.  ValueError for bytes that
        lie (RFC 4884 length, version, checksum, object lengths)."""
        return _xapi.icmp_ext_parse(family, data)

    def icmp_ext_parse_struct(data):
        """The records of an extension structure alone: the error queue's
        bytes from the offset the kernel gives with IP_RECVERR_RFC4884
        (ee_data's low 16 bits)."""
        return _xapi.icmp_ext_parse_struct(data)

    def icmp_ext_parse_errqueue(ee_data, data):
        """The records of an error-queue message read on a socket with
        IP_RECVERR_RFC4884 / IPV6_RECVERR_RFC4884 set: *ee_data* is the
        error item's ``sock_err.data``, which the kernel fills with the
        extension's offset in *data* (the bytes read) and its verdict;
        [] when the offset is 0, ValueError when the kernel marked the
        structure invalid.  Offsets are from the start of *data*."""
        return _xapi.icmp_ext_parse_errqueue(ee_data, data)

    __all__ += ["icmp_ext_parse", "icmp_ext_parse_struct",
                "icmp_ext_parse_errqueue"]
