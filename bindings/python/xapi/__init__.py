"""xapi: advanced sockets (RFC 3542 ancillary data, scatter/gather I/O).

The Python 3 binding of libxapi.  Every function that takes a socket takes
a :class:`socket.socket` (or anything with ``fileno()``) or an int file
descriptor; it is the same descriptor, so select, selectors and asyncio
work as usual.  Binary data is ``bytes`` both ways (any bytes-like object is
accepted as input) and NUL bytes survive.

Sending and receiving::

    import socket, xapi
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    xapi.sendmsg(s, [b"hello, ", b"world"], ("::1", 9999),
                 [xapi.Cmsg.hoplimit(7), xapi.Cmsg.tclass(0x28)])
    addr, data, cmsgs, flags = xapi.recvmsg(r, (1024,), xapi.cmsg_space(4) * 2)
    for c in cmsgs:
        if c.kind == "hoplimit":
            print("hop limit", c.hoplimit)

Errors: OS errors raise :class:`OSError` (the subclass Python picks for the
errno, e.g. ``ConnectionRefusedError``) with ``.errno`` set; bad arguments
raise :class:`TypeError`, :class:`ValueError` or :class:`OverflowError`
with a message naming the argument.  Addresses that do not parse are a
``ValueError`` raised before any system call.

Every constant of the core's table (``AF_*``, ``SOL_*``, ``IPPROTO_*``,
``IPV6_*``, ``IP_*``, ``MSG_*``, ``SCM_*``, ...) is a module attribute; the
whole table is :data:`CONSTANTS`.
"""

import os as _os
import socket as _socket_module
import types as _types

from . import _xapi

__version__ = _xapi.VERSION

#: Every constant of libxapi's table, name -> value (read-only).
# The core's table, once; the package's modules read it as _xapi.CONSTANTS.
_xapi.CONSTANTS = _xapi.constants()
# The payload encoders other modules of the package use, from the core's
# typed items (the same encoders, ranges and errors).
_xapi._encode_int = lambda value: _xapi.typed_int("hoplimit", value)[2]
_xapi._encode_in6_pktinfo = (
    lambda addr, ifindex: _xapi.typed_pktinfo6(addr, ifindex)[2])
CONSTANTS = _types.MappingProxyType(dict(_xapi.CONSTANTS))
globals().update(CONSTANTS)

from . import _wait  # noqa: E402 - needs _xapi.CONSTANTS
_MSG_DONTWAIT = _wait._MSG_DONTWAIT
from socket import socket as _PlainSocket  # noqa: E402

Message = _xapi.Message
Cmsg = _xapi.Cmsg
MtuInfo = _xapi.MtuInfo
SockErr = _xapi.SockErr
# Addresses of families with no text form (see getsockname).
LinkAddr = _xapi.LinkAddr
NlAddr = _xapi.NlAddr

__all__ = sorted(CONSTANTS) + [
    "Message", "Cmsg", "MtuInfo", "SockErr", "LinkAddr", "NlAddr", "sendmsg", "recvmsg", "build_cmsgs", "parse_cmsgs",
    "cmsg_space", "cmsg_len", "CMSG_SPACE", "CMSG_LEN", "if_nametoindex",
    "if_indextoname", "if_nameindex", "socket", "socket_family", "bind",
    "connect", "listen", "close", "getsockname", "getpeername",
    "setsockopt_int", "getsockopt_int", "setsockopt_bytes",
    "getsockopt_bytes", "errno_name", "CONSTANTS",
]


# ---------------------------------------------------------------- messages

def sendmsg(sock, buffers, address=None, cmsgs=(), flags=0):
    """Send one message gathered from *buffers*; return the bytes sent.

    *buffers* is an iterable of bytes-like objects (bytes, bytearray,
    memoryview, ...), sent as one message in order.  *address* is None for
    a connected socket, ``(host, port)`` for IPv4, ``(host, port)`` or
    ``(host, port, flowinfo, scope_id)`` for IPv6, or a str path for
    AF_UNIX (a leading ``'@'`` names the abstract namespace); it is parsed
    for the socket's own family, and text that does not parse raises
    ValueError.  *cmsgs* is an iterable of :class:`Cmsg` or
    ``(level, type, data)`` tuples, sent as ancillary data in order.

    A socket object's timeout (``settimeout``) applies as for
    ``socket.sendmsg``: TimeoutError when the send buffer stays full that
    long, BlockingIOError at once with ``settimeout(0)`` or
    ``MSG_DONTWAIT``.  EINTR is retried after signal handlers run
    (PEP 475); a handler's exception ends the call.
    """
    # The common case in one native call: a plain socket.socket's timeout
    # is its C member (what its gettimeout() returns); without a timeout
    # (or with MSG_DONTWAIT) nothing is waited for or replayed.
    t = sock.timeout if type(sock) is _socket_socket else _wait.sock_timeout(sock)
    if not t or flags & _wait._MSG_DONTWAIT:
        return _xapi_sendmsg(sock, buffers, address, cmsgs, flags)
    return _wait.call("sendmsg", sock, _wait.POLLOUT, flags, _xapi.sendmsg,
                      sock, _wait.replayable(sock, buffers), address,
                      _wait.replayable(sock, cmsgs), flags)


_socket_socket = _socket_module.socket
_xapi_sendmsg = _xapi.sendmsg


# recvmsg(sock, sizes, ancsize=0, flags=0, fds="int") is the native call
# itself (swig/python/typemaps.i, the receive shape): no Python frame on
# the per-message path.  A call that needs Python (a socket timeout to wait
# out, or fds="socket") is handed to _recvmsg_wait below.
recvmsg = _xapi.recvmsg
_native_recvmsg = _xapi.recvmsg


def _recvmsg_wait(sock, sizes, ancsize, flags, fds):
    """The part of recvmsg that needs Python (the native call hands it the
    call's arguments): the socket's timeout waited out as the socket
    module does (then the native call with MSG_DONTWAIT, which never
    comes back here), the received descriptors as objects."""
    if fds != "int" and fds != "socket":
        raise ValueError("recvmsg(): fds must be 'int' or 'socket', not %r"
                         % (fds,))
    if _wait.sock_timeout(sock) and not flags & _MSG_DONTWAIT:
        msg = _wait.call("recvmsg", sock, _wait.POLLIN, flags,
                         _native_recvmsg, sock,
                         _wait.replayable(sock, sizes), ancsize,
                         flags | _MSG_DONTWAIT)
    else:
        msg = _native_recvmsg(sock, sizes, ancsize, flags)
    if fds == "int":
        return msg
    return _owned_fds(msg)


_xapi._recvmsg_wait = _recvmsg_wait


def _fd_object(fd):
    import os
    import socket as _socket
    import stat
    if stat.S_ISSOCK(os.fstat(fd).st_mode):
        return _socket.socket(fileno=fd)
    import fcntl
    mode = {os.O_RDONLY: "rb", os.O_WRONLY: "wb"}.get(
        fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE, "r+b")
    return open(fd, mode, buffering=0)


def _owned_fds(msg):
    """msg with the descriptors of its SCM_RIGHTS items as objects that
    own them (each descriptor is owned by exactly one object, even when
    making one fails half-way: the rest are closed then)."""
    import os
    items = []
    pending = [fd for c in msg.cmsgs if c.kind == "fds" for fd in c.value]
    try:
        for c in msg.cmsgs:
            if c.kind != "fds":
                items.append(c)
                continue
            objs = []
            for fd in c.value:
                objs.append(_fd_object(fd))
                pending.remove(fd)
            items.append(_xapi.struct_replace(c, 3, tuple(objs)))
    except BaseException:
        for fd in pending:
            os.close(fd)
        raise
    return _xapi.struct_replace(msg, 2, tuple(items))


def build_cmsgs(cmsgs):
    """Return the control buffer (bytes) holding *cmsgs* in order.

    Each item is a :class:`Cmsg` or a ``(level, type, data)`` tuple; the
    layout is the kernel's (``CMSG_SPACE`` steps, zeroed padding).
    """
    return _xapi.build_cmsgs(cmsgs)


def parse_cmsgs(data):
    """Parse a control buffer into a tuple of :class:`Cmsg`.

    Raises ValueError for a ``cmsg_len`` shorter than its header or running
    past the end of *data*, and for a known item (hop limit, traffic class,
    TTL, TOS, packet info) whose payload is malformed.  Trailing bytes
    shorter than a header are ignored, as the kernel leaves them.
    """
    return _xapi.parse_cmsgs(data)


def cmsg_space(n):
    """CMSG_SPACE(n): bytes one item with an n-byte payload takes in a
    control buffer (header, payload and padding)."""
    return _xapi.cmsg_space(n)


def cmsg_len(n):
    """CMSG_LEN(n): the cmsg_len of an item with an n-byte payload."""
    return _xapi.cmsg_len(n)


CMSG_SPACE = cmsg_space
CMSG_LEN = cmsg_len


# ---------------------------------------------------------- ancillary items

def _check_range(what, value, low, high):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be int, not %s" % (what, type(value).__name__))
    if not low <= value <= high:
        raise ValueError("%s must be in %d..%d, not %d" % (what, low, high, value))


def _ifindex(what, ifindex):
    if isinstance(ifindex, str):
        return if_nametoindex(ifindex)
    _check_range(what, ifindex, 0, 0xFFFFFFFF)
    return ifindex


def _cmsg_new(cls, level, type=None, data=b""):
    # Cmsg(level, type, data); the struct-sequence form (sequence, dict)
    # is what copy and pickle hand back.
    if type is None or isinstance(type, dict):
        if not isinstance(level, tuple) or len(level) < 3:
            raise TypeError("Cmsg() takes (level, type, data)")
        level, type, data = level[:3]
    return _xapi.make_cmsg(level, type, data)


class _TypedItem:
    """On the class, a constructor (``Cmsg.hoplimit(7)``); on an item, the
    typed view (``item.hoplimit`` -> 7), which raises ValueError for an
    item of another kind or a malformed one (no typed view)."""

    def __init__(self, kind, constructor):
        self.kind = kind
        self.constructor = constructor
        self.__doc__ = constructor.__doc__

    def __get__(self, item, owner=None):
        if item is None:
            return self.constructor
        if item.kind != self.kind:
            raise ValueError("item (level %d, type %d) has no %s view"
                             % (item.level, item.type, self.kind))
        return item.value


def _int_item(kind, level, type, low, high, doc):
    def make(value):
        _check_range(kind, value, low, high)
        return _xapi.typed_int(kind, value)
    make.__name__ = kind
    make.__doc__ = doc
    return _TypedItem(kind, make)


def _pktinfo6(addr, ifindex=0):
    """Cmsg.pktinfo6(addr, ifindex): an IPV6_PKTINFO item (source address,
    outgoing interface; *ifindex* may be an interface name)."""
    return _xapi.typed_pktinfo6(addr, _ifindex("ifindex", ifindex))


def _pktinfo4(ifindex=0, spec_dst="0.0.0.0", addr="0.0.0.0"):
    """Cmsg.pktinfo4(ifindex, spec_dst='0.0.0.0', addr='0.0.0.0'): an
    IP_PKTINFO item (interface, ipi_spec_dst, ipi_addr)."""
    return _xapi.typed_pktinfo4(_ifindex("ifindex", ifindex), spec_dst, addr)


def _view(kind, doc):
    def get(item):
        if item.kind != kind:
            raise ValueError("item (level %d, type %d) has no %s view"
                             % (item.level, item.type, kind))
        return item.value
    get.__name__ = kind
    get.__doc__ = doc
    return property(get)


def _fds(fds):
    """Cmsg.fds(fds): an SCM_RIGHTS item (level SOL_SOCKET) passing the
    descriptors *fds* over a unix socket: ints or objects with fileno()
    (sockets, files), 1..253 of them.  The kernel duplicates them into the
    receiver; sending one that is not open is OSError EBADF."""
    if isinstance(fds, int) or hasattr(fds, "fileno"):
        fds = (fds,)
    return _xapi.typed_fds(fds)


def _creds(pid=None, uid=None, gid=None):
    """Cmsg.creds(pid=os.getpid(), uid=os.getuid(), gid=os.getgid()): an
    SCM_CREDENTIALS item (level SOL_SOCKET).  Linux lets a process claim
    another pid only with CAP_SYS_ADMIN and other ids only with
    CAP_SETUID / CAP_SETGID (sendmsg raises PermissionError)."""
    import os
    return _xapi.typed_creds(os.getpid() if pid is None else pid,
                             os.getuid() if uid is None else uid,
                             os.getgid() if gid is None else gid)


def _tsflags(flags):
    """Cmsg.tsflags(flags): an SO_TIMESTAMPING item (level SOL_SOCKET)
    asking for transmit timestamps for this one send (Linux 4.13), e.g.
    ``Cmsg.tsflags(SOF_TIMESTAMPING_TX_SOFTWARE)``; the socket's
    SO_TIMESTAMPING option still says what is reported.  Only the
    SOF_TIMESTAMPING_TX_* generation flags are allowed (ValueError naming
    ``flags`` otherwise, where the kernel would fail the send with
    EINVAL).  Send-only: the item has no received view."""
    return _xapi.typed_tsflags(flags)


Cmsg.__new__ = staticmethod(_cmsg_new)
Cmsg.fds = _TypedItem("fds", _fds)
Cmsg.creds = _TypedItem("creds", _creds)
Cmsg.hoplimit = _int_item(
    "hoplimit", IPPROTO_IPV6, IPV6_HOPLIMIT, -1, 255,
    "Cmsg.hoplimit(n): an IPV6_HOPLIMIT item (0..255; -1: the default).")
Cmsg.tclass = _int_item(
    "tclass", IPPROTO_IPV6, IPV6_TCLASS, -1, 255,
    "Cmsg.tclass(n): an IPV6_TCLASS item (0..255; -1: the default).")
Cmsg.ttl = _int_item(
    "ttl", IPPROTO_IP, IP_TTL, 1, 255,
    "Cmsg.ttl(n): an IP_TTL item (1..255).")
Cmsg.tos = _int_item(
    "tos", IPPROTO_IP, IP_TOS, 0, 255,
    "Cmsg.tos(n): an IP_TOS item (0..255).")
Cmsg.pktinfo6 = staticmethod(_pktinfo6)
Cmsg.pktinfo4 = staticmethod(_pktinfo4)
Cmsg.tsflags = staticmethod(_tsflags)
Cmsg.pktinfo = _view(
    "pktinfo", "(address, ifindex) of an IPV6_PKTINFO or IP_PKTINFO item (for "
    "IP_PKTINFO the address is ipi_addr; ipi_spec_dst is ``spec_dst``).")
Cmsg.pathmtu = _view(
    "pathmtu", "The :class:`MtuInfo` (addr, ifindex, mtu) of an IPV6_PATHMTU "
    "item (RFC 3542 section 11.3).")
Cmsg.sock_err = _view(
    "sock_err", "The :class:`SockErr` (errno, origin, type, code, info, data, "
    "offender) of an IPV6_RECVERR or IP_RECVERR item from the error queue.")


# --------------------------------------------------- sockets and addresses

def socket(family, type, proto=0):
    """Create a socket (close-on-exec) and return its descriptor (an int).

    Python code usually wants :class:`socket.socket` instead; every xapi
    function takes either."""
    return _xapi.socket(family, type, proto)


def socket_family(sock):
    """The socket's address family (SO_DOMAIN)."""
    return _xapi.socket_family(sock)


def bind(sock, host, port):
    """Bind to *host* (text: '192.0.2.1', '::1', 'fe80::1%eth0', a unix
    path or '@abstract') and *port*, parsed for the socket's family."""
    return _xapi.bind(sock, host, port)


def connect(sock, host, port):
    """Connect to *host* and *port*, parsed for the socket's family.

    A socket object's timeout applies as for ``socket.connect``: with
    ``settimeout(t)`` the call waits up to *t* seconds for the connection
    (TimeoutError), with ``settimeout(0)`` it raises BlockingIOError
    (EINPROGRESS) and the connection goes on."""
    t = _wait.sock_timeout(sock)
    if not t:
        return _xapi.connect(sock, host, port)
    try:
        return _xapi.connect(sock, host, port)
    except (BlockingIOError, InterruptedError):
        pass
    if not _wait.wait(sock, _wait.POLLOUT, t):
        raise TimeoutError("connect(): timed out")
    err = _xapi.getsockopt_int(sock, CONSTANTS["SOL_SOCKET"],
                               CONSTANTS["SO_ERROR"])
    if err:
        raise OSError(err, _os.strerror(err))
    return None


def listen(sock, backlog=8):
    """Listen for connections."""
    return _xapi.listen(sock, backlog)


def close(fd):
    """Close a descriptor made by :func:`socket` (not a socket.socket:
    use its close())."""
    return _xapi.close(fd)


def getsockname(sock):
    """The socket's own address: (host, port), (host, port, flowinfo,
    scope_id), a unix path ('@name' for abstract names), or None.

    Every family comes back, never an error (the same forms as a
    received Message.address): AF_PACKET as :class:`LinkAddr` (ifindex,
    protocol in host order, pkttype, hatype, addr: sll_halen bytes),
    AF_NETLINK as :class:`NlAddr` (pid, groups), any other family, and an
    address malformed for its family (an abstract name holding a NUL), as
    the sockaddr's bytes, family field included."""
    return _xapi.getsockname(sock)


def getpeername(sock):
    """The peer's address, in the same forms as :func:`getsockname`."""
    return _xapi.getpeername(sock)


def setsockopt_int(sock, level, name, value):
    """Set an integer socket option."""
    return _xapi.setsockopt_int(sock, level, name, value)


def getsockopt_int(sock, level, name):
    """Read an integer socket option."""
    return _xapi.getsockopt_int(sock, level, name)


def setsockopt_bytes(sock, level, name, data):
    """Set a socket option from a bytes-like object."""
    return _xapi.setsockopt_bytes(sock, level, name, data)


def getsockopt_bytes(sock, level, name, size):
    """Read a socket option as bytes (at most *size* bytes, 0..2**20)."""
    return _xapi.getsockopt_bytes(sock, level, name, size)


# -------------------------------------------------------------- interfaces

def if_nametoindex(name):
    """RFC 3493: the index of interface *name* (OSError ENODEV if none)."""
    return _xapi.if_nametoindex(name)


def if_indextoname(index):
    """RFC 3493: the name of interface *index* (OSError ENXIO if none)."""
    return _xapi.if_indextoname(index)


def if_nameindex():
    """RFC 3493: every interface, as a list of (index, name)."""
    return _xapi.if_nameindex()


def errno_name(err):
    """The symbolic name of an errno value ('EBADF'), or None."""
    return _xapi.errno_name(err)


# ------------------------------------------------------------------ topics
# The idiomatic API of each topic lives in a module of its own (RFC 3542
# objects, the error queue and namespaces, batches); their public names
# are this package's too.  xapi.rfc3542 is the PyXAPI-compatible module.
from . import _ipv6, _net, _batch, _flow, _mcast  # noqa: E402

for _m in (_ipv6, _net, _batch, _flow, _mcast):
    globals().update({_n: getattr(_m, _n) for _n in _m.__all__})
    __all__ += list(_m.__all__)
del _m


def __getattr__(name):
    """``xapi.aio`` (the asyncio coroutines) is imported on first use, so
    that ``import xapi`` does not import asyncio."""
    if name == "aio":
        import importlib
        return importlib.import_module(".aio", __name__)
    raise AttributeError("module 'xapi' has no attribute %r" % name)
