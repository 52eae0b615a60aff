"""PyXAPI's ``socket_ext`` for Python 3, on top of xapi.

A PyXAPI program runs with only its import changed (and bytes for data)::

    from xapi.socket_ext import *     # was: from socket_ext import *

This module gives everything ``from socket import *`` gives, plus:

- :class:`socket`, a :class:`socket.socket` subclass (same constructor,
  ``fileno=`` included) whose ``sendmsg`` and ``recvmsg`` take PyXAPI's
  argument shapes::

      s.sendmsg([address,] buffers [, cmsgs [, flags]]) -> int
      s.recvmsg(sizes [, ancillary_size [, flags]])
          -> (address, data_tuple, cmsg_tuple, flags)

- :class:`cmsg`, PyXAPI's ancillary data object (``set``, ``set_from_data``,
  ``get``, ``CMSG_DATA``, attributes ``cmsg_len``, ``cmsg_level``,
  ``cmsg_type``, ``cmsg_data`` and ``data``);
- ``CMSG_SPACE``, ``CMSG_LEN``, ``if_nametoindex``, ``if_indextoname``,
  ``if_nameindex``, ``MSG_TRUNC``, ``MSG_CTRUNC`` and every xapi constant
  the socket module lacks.

Errors and end-of-data behave as PyXAPI's (checked against its
Modules/_socket_ext.c and socket_ext.py; docs/python.md lists each point):

- a failed ``sendmsg``/``recvmsg`` system call raises :class:`exterror`
  (PyXAPI's ``socket.exterror``, a ``socket.error``), which is also the
  OSError subclass the errno picks (``BlockingIOError``, ...);
- ``sendmsg`` with no buffers, ``recvmsg`` with no sizes and
  ``cmsg.set`` with empty data raise :class:`exterror`; a size below 1 is
  a TypeError;
- ``sendmsg`` looks the host up with getaddrinfo as PyXAPI did (a name
  that does not resolve is ``socket.gaierror``);
- ``recvmsg``'s data tuple stops at the piece holding the last byte
  received (PyXAPI's tuple shrank the same way; at least one piece);
- ``if_nametoindex`` of an unknown name returns 0 and ``if_indextoname``
  of an unknown index raises RuntimeError, as PyXAPI's did.

Calls in the standard library's shapes keep working on these sockets:
``recvmsg(bufsize, ...)`` with an int first argument is the standard
method, and ``sendmsg(buffers, ancdata, flags, address)`` is accepted too,
so ``socket.send_fds``/``recv_fds`` and asyncio are unaffected.
"""

import socket as _stdsocket
from socket import *  # noqa: F401,F403 - this module extends socket

import xapi as _xapi

__all__ = list(_stdsocket.__all__)


class exterror(OSError):
    """PyXAPI's ``socket.exterror``: a socket.error (OSError) raised by
    sendmsg, recvmsg and cmsg where PyXAPI raised it."""


exterror.__module__ = "xapi.socket_ext"
_MIXED = {}


def _as_exterror(e):
    """OSError *e* as an :class:`exterror` that is still of *e*'s class
    (``BlockingIOError``, ``ConnectionRefusedError``...), errno kept."""
    if isinstance(e, exterror):
        return e
    cls = type(e)
    mixed = _MIXED.get(cls)
    if mixed is None:
        mixed = type(cls.__name__, (exterror, cls),
                     {"__module__": "xapi.socket_ext"})
        _MIXED[cls] = mixed
    new = mixed(*e.args)
    new.__traceback__ = e.__traceback__
    return new

# Every constant of xapi's table that the socket module does not have.
for _name, _value in _xapi.CONSTANTS.items():
    if _name not in globals():
        globals()[_name] = _value
        __all__.append(_name)
del _name, _value

CMSG_SPACE = _xapi.cmsg_space
CMSG_LEN = _xapi.cmsg_len
if_nameindex = _xapi.if_nameindex


def if_nametoindex(name):
    """The index of interface *name*, 0 if there is none (RFC 3493, and
    PyXAPI: no exception)."""
    try:
        return _xapi.if_nametoindex(name)
    except OSError:
        return 0


def if_indextoname(index):
    """The name of interface *index*; RuntimeError (errno, message) if
    there is none, as PyXAPI raised."""
    try:
        return _xapi.if_indextoname(index)
    except OSError as e:
        raise RuntimeError(e.errno, e.strerror) from None
MSG_TRUNC = _xapi.MSG_TRUNC
MSG_CTRUNC = _xapi.MSG_CTRUNC


class cmsg(object):
    """An ancillary data item, as in PyXAPI (type name CMSGType there).

    Attributes: ``cmsg_len``, ``cmsg_level``, ``cmsg_type``, ``cmsg_data``
    (the payload, bytes) and ``data`` (the item as it sits in a control
    buffer: the raw cmsghdr, the payload and its padding).
    """

    # data is laid out by the core when first read (a received item's
    # cmsghdr is seldom wanted): _raw is None or unset until then.
    __slots__ = ("cmsg_len", "cmsg_level", "cmsg_type", "cmsg_data", "_raw")

    def __init__(self):
        self.cmsg_len = 0
        self.cmsg_level = 0
        self.cmsg_type = 0
        self.cmsg_data = b""
        self._raw = b""

    @property
    def data(self):
        """The item as it sits in a control buffer (bytes)."""
        try:
            raw = self._raw
        except AttributeError:      # a received item: never laid out
            raw = None
        if raw is None:
            raw = self._raw = _xapi.build_cmsgs(
                [(self.cmsg_level, self.cmsg_type, self.cmsg_data)])
        return raw

    @data.setter
    def data(self, raw):
        self._raw = raw

    def set(self, level, type, data):
        """Set the item: originating protocol, protocol-specific type and
        the raw payload (a bytes-like object)."""
        if isinstance(data, (bytes, bytearray, memoryview)) and not len(data):
            raise exterror("set: data are empty")
        raw = _xapi.build_cmsgs([(level, type, data)])
        self.cmsg_level = level
        self.cmsg_type = type
        self.cmsg_data = bytes(data)
        self.cmsg_len = _CMSG_HDR + len(self.cmsg_data)
        self._raw = raw

    def set_from_data(self, raw):
        """Set the item from raw bytes: one cmsghdr and its payload (what
        ``data`` holds).  ValueError if they do not hold exactly one item."""
        # 1: XAPI_ITEMS_STRICT_HEADERS, a lying cmsg_len is refused but an
        # item with a malformed payload keeps its bytes.
        items = _xapi._xapi.parse_cmsgs(raw, 1)
        if len(items) != 1:
            raise ValueError("set_from_data(): expected one item, found %d"
                             % len(items))
        self._from_item(items[0])
        self._raw = None

    def _from_item(self, item):
        self.cmsg_level, self.cmsg_type, self.cmsg_data = item[:3]
        self.cmsg_len = _CMSG_HDR + len(self.cmsg_data)
        self._raw = None

    def get(self):
        """((cmsg_len, cmsg_level, cmsg_type), payload)"""
        return ((self.cmsg_len, self.cmsg_level, self.cmsg_type),
                self.cmsg_data)

    def CMSG_DATA(self):
        """The payload (the same bytes as ``cmsg_data``)."""
        return self.cmsg_data

    def __repr__(self):
        return "cmsg(%d, %d, %d, %r)" % (self.cmsg_len, self.cmsg_level,
                                         self.cmsg_type, self.cmsg_data)


# CMSG_LEN(n) is the header's aligned size plus n.
_CMSG_HDR = _xapi.cmsg_len(0)
_new_cmsg = object.__new__

CMSGType = cmsg


def _items(cmsgs):
    """PyXAPI cmsg objects (and anything xapi takes) as xapi items."""
    return [(c.cmsg_level, c.cmsg_type, c.cmsg_data) if isinstance(c, cmsg)
            else c for c in cmsgs]


def _is_address(arg):
    # PyXAPI: an address is (host, port[, ...]) with a str host, or a str
    # path; buffers are a sequence of bytes-like objects.
    if isinstance(arg, str):
        return True
    return isinstance(arg, tuple) and len(arg) >= 2 and isinstance(arg[0], str)


class socket(_stdsocket.socket):
    """socket.socket with PyXAPI's sendmsg and recvmsg."""

    __slots__ = ()

    def accept(self):
        """accept() -> (socket object, address info), the new socket being
        of this class too (socket.socket.accept would make a plain one)."""
        fd, addr = self._accept()
        sock = type(self)(self.family, self.type, self.proto, fileno=fd)
        # As socket.socket.accept: a listener with a timeout gives blocking
        # sockets unless a default timeout is set.
        if _stdsocket.getdefaulttimeout() is None and self.gettimeout():
            sock.setblocking(True)
        return sock, addr

    def sendmsg(self, *args):
        """sendmsg([address,] buffers [, cmsgs [, flags]]) -> bytes sent

        *buffers* is a sequence of bytes-like objects (gathered into one
        message), *cmsgs* a sequence of :class:`cmsg` objects (or xapi
        items), *address* a (host, port) tuple or a unix path for an
        unconnected socket."""
        if args and _is_address(args[0]):
            if not 2 <= len(args) <= 4:
                raise TypeError("sendmsg([address,] buffers [, cmsgs "
                                "[, flags]]): bad argument count")
            address, buffers, cmsgs, flags = args + ((), 0)[len(args) - 2:]
        else:
            if not 1 <= len(args) <= 4:
                raise TypeError("sendmsg([address,] buffers [, cmsgs "
                                "[, flags]]): bad argument count")
            # Also the standard library's shape: (buffers, ancdata, flags,
            # address), as socket.send_fds uses it.
            buffers, cmsgs, flags, address = args + ((), 0, None)[len(args) - 1:]
        buffers = list(buffers)
        if not buffers:
            raise exterror("sendmsg: no data to send")
        address = self._resolve(address)
        try:
            return _xapi.sendmsg(self, buffers, address, _items(cmsgs or ()),
                                 flags)
        except OSError as e:
            raise _as_exterror(e) from None

    def _resolve(self, address):
        """PyXAPI's front end: (host, port[, flowinfo, scope_id]) looked up
        with getaddrinfo for the socket's family (host names too)."""
        if (not isinstance(address, tuple) or len(address) < 2
                or self.family not in (AF_INET, AF_INET6)
                or not isinstance(address[0], str)):
            return address
        host = address[0]
        try:
            _stdsocket.inet_pton(self.family, host.split("%")[0])
            return address      # numeric: xapi parses it (scope included)
        except (OSError, ValueError):
            pass
        ai = _stdsocket.getaddrinfo(host, address[1], self.family,
                                    SOCK_DGRAM)[0][4]
        return ai[:2] + tuple(address[2:])

    def recvmsg(self, sizes, ancsize=0, flags=0):
        """recvmsg(sizes [, ancillary_size [, flags]])
        -> (address, data, cmsgs, flags)

        *sizes* is a sequence of ints (each at least 1), the scatter
        pieces; *data* is a tuple of bytes, one per size up to the piece
        holding the last byte received (as PyXAPI's); *cmsgs* a tuple of
        :class:`cmsg`.  OS errors raise :class:`exterror`.
        With an int first argument this is socket.socket.recvmsg."""
        if isinstance(sizes, int):
            return super().recvmsg(sizes, ancsize, flags)
        if sizes is not _sizes_checked[0]:
            sizes = _check_sizes(sizes)
        try:
            # (timeout first: flags may be an IntFlag, whose & is slow)
            if not self.timeout or flags & _DONTWAIT:
                # No socket timeout to honour: the native call itself.
                m = _native_recvmsg(self, sizes, ancsize, flags)
            else:
                m = _xapi.recvmsg(self, sizes, ancsize, flags)
        except OSError as e:
            raise _as_exterror(e) from None
        address, data, items, mflags = m
        if len(sizes) > 1:
            # PyXAPI's tuple ends with the piece holding the last byte.
            got, keep = m.nbytes, len(sizes)
            for i, size in enumerate(sizes):
                got -= size
                if got <= 0:
                    keep = i + 1
                    break
            data = data[:keep]
        if not items:
            return address, data, (), mflags
        # xapi's received items as new PyXAPI cmsg objects (each caller
        # gets its own: they are mutable).
        adata = []
        for level, type, payload in items:
            c = _new_cmsg(cmsg)
            c.cmsg_level = level
            c.cmsg_type = type
            c.cmsg_data = payload
            c.cmsg_len = _CMSG_HDR + len(payload)
            adata.append(c)
        return address, data, tuple(adata), mflags


_native_recvmsg = _xapi._xapi.recvmsg
_DONTWAIT = _xapi.MSG_DONTWAIT
# The last sizes tuple found good: a program passes the same one (often a
# constant) on every call.
_sizes_checked = [None]


def _check_sizes(sizes):
    """PyXAPI's checks of recvmsg's sizes; the sizes as a tuple."""
    sizes = tuple(sizes)
    if not sizes:
        raise exterror("recvmsg: scatter/gather array is empty")
    for n in sizes:
        if isinstance(n, bool) or not isinstance(n, int) or n <= 0:
            raise TypeError("recvmsg: arg1 must be a tuple of positive "
                            "integers")
    if all(type(n) is int for n in sizes):
        _sizes_checked[0] = sizes
    return sizes


__all__ += ["exterror", "socket", "cmsg", "CMSGType", "CMSG_SPACE", "CMSG_LEN",
            "if_nametoindex", "if_indextoname", "if_nameindex", "MSG_TRUNC",
            "MSG_CTRUNC"]
__all__ = sorted(set(__all__))
