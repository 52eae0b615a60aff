"""PyXAPI's ``rfc3542`` module for Python 3, on top of xapi.

A PyXAPI program runs with only its imports changed (and bytes for data)::

    from xapi.socket_ext import *     # was: from socket_ext import *
    from xapi.rfc3542 import *        # was: from rfc3542 import *

It gives PyXAPI's objects, each with ``set``, ``set_from_data``, ``get`` and
the attribute ``data`` (the object as bytes, for ``setsockopt`` or a
``cmsg``), and ``size`` where PyXAPI had it:

- :class:`icmp6_filter`: ``ICMP6_FILTER_SETPASS(t)``, ``SETBLOCK(t)``,
  ``SETPASSALL()``, ``SETBLOCKALL()``, ``WILLPASS(t)``, ``WILLBLOCK(t)``;
- :class:`hoplimit`, :class:`tclass` (4-byte ints), :class:`in6_pktinfo`,
  :class:`nexthop`, :class:`ip6_mtuinfo`;
- :class:`inet6_rth` with ``inet6_rth_space``, ``inet6_rth_init``,
  ``inet6_rth_add``, ``inet6_rth_segments``, ``inet6_rth_reverse``,
  ``inet6_rth_getaddr``;
- :class:`inet6_opt` with the seven ``inet6_opt_*`` functions (the object
  is an optional first argument: without it they only compute lengths, as
  the C functions do with a NULL buffer) and ``IP6OPT_TYPE``;
- every ``IPPROTO_*``, ``IPV6_*``, ``ICMP6_*``, ``IP6OPT_*``,
  ``IP6_ALERT_*``, ``IP6F_*``, ``MLD_*`` and ``ND_*`` constant of xapi's
  table.

Errors and end-of-data behave as PyXAPI's (checked against its
Modules/_rfc3542.c and rfc3542.py; docs/python.md lists each point):

- every failure PyXAPI reported as ``rfc3542.error`` raises
  :class:`error`, a subclass of ValueError (an argument refused with an
  errno, e.g. a full routing header, ENOSPC, or another type than 0 and 4,
  EOPNOTSUPP, is an :class:`error` that is also that OSError);
- ``inet6_opt_next`` and ``inet6_opt_find`` raise :class:`error` past the
  last option (where the C functions return -1), so PyXAPI's
  ``except error: break`` loops end as they did;
- ``inet6_opt_set_val`` with empty data and ``inet6_opt_get_val`` with a
  length below 1 raise :class:`error`;
- ``hoplimit``/``tclass`` ``set_from_data`` of bytes that are not one int
  raise TypeError, as PyXAPI's did;
- a new ``in6_pktinfo``, ``nexthop`` or ``ip6_mtuinfo`` holds a zeroed
  structure (``get()`` gives ``('::', 0)`` / ``'::'``), a new
  ``inet6_rth``/``inet6_opt`` has ``data == b""`` and ``get() is None``,
  a new ``hoplimit``/``tclass`` ``data is None``;
- ``error`` is exported by ``import *``, as PyXAPI's was (it hides
  ``socket.error`` there, as it did).

Differences from PyXAPI, all for Python 3 or for Linux:

- data is ``bytes`` (any bytes-like object is accepted);
- ``hoplimit``/``tclass`` data is 4 bytes, the kernel's int (PyXAPI packed
  a C long, 8 bytes on 64-bit systems, which Linux refuses);
- addresses are numeric only (PyXAPI also looked host names up);
- values out of range raise :class:`error` (PyXAPI's "B" argument format
  silently kept the low 8 bits of an option or ICMPv6 type);
- ``inet6_rth`` also handles the Segment Routing Header (type 4);
- on Linux the ICMPv6 filter's set bits BLOCK (the methods hide that), type
  0 routing headers and ``IPV6_NEXTHOP`` are refused by the kernel: see
  docs/rfc3542-linux.md.
"""

import functools as _functools
import socket as _socket
import types as _types

from . import _xapi
from . import _ipv6

_SIZES = {"int": _xapi.XAPI_SIZEOF_INT,
          "in6_pktinfo": _xapi.XAPI_SIZEOF_IN6_PKTINFO,
          "sockaddr_in6": _xapi.XAPI_SIZEOF_SOCKADDR_IN6,
          "ip6_mtuinfo": _xapi.XAPI_SIZEOF_IP6_MTUINFO,
          "icmp6_filter": _xapi.XAPI_SIZEOF_ICMP6_FILTER}

class error(ValueError):
    """PyXAPI's ``rfc3542.error``: what every call of this module raises
    where PyXAPI raised it (a ValueError, so code written for xapi's
    ValueError catches it too)."""


error.__module__ = "xapi.rfc3542"
_MIXED = {}


def _as_error(e):
    """*e* (a ValueError or OSError of the layer below) as an :class:`error`;
    an OSError keeps its class and errno through a subclass of both."""
    if isinstance(e, error):
        return e
    cls = type(e)
    if cls is not ValueError:
        mixed = _MIXED.get(cls)
        if mixed is None:
            mixed = type(cls.__name__, (cls, error),
                         {"__module__": "xapi.rfc3542"})
            _MIXED[cls] = mixed
        cls = mixed
    else:
        cls = error
    new = cls(*e.args)
    new.__traceback__ = e.__traceback__
    return new


def _pyxapi(fn):
    """Wrap *fn* so that its ValueError/OSError is an :class:`error`."""
    @_functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (ValueError, OSError) as e:
            raise _as_error(e) from None
    return call

_PREFIXES = ("IPPROTO_", "IPV6_", "ICMP6_", "IP6OPT_", "IP6_ALERT_", "IP6F_",
             "MLD_", "ND_")
_CONSTANTS = {n: v for n, v in _xapi.CONSTANTS.items()
              if n.startswith(_PREFIXES)}
globals().update(_CONSTANTS)


def _data_arg(data, fn):
    """*data* (any bytes-like object) as a new bytearray: TypeError naming
    the argument for anything else (bytearray(n) of an int would allocate n
    bytes; a str needs an encoding)."""
    return bytearray(_ipv6._bytes_arg(data, fn))


# ------------------------------------------------------------------ filter

class icmp6_filter(_ipv6.Icmp6Filter):
    """An ICMPv6 filter, PyXAPI's ICMP6_FILTER object (a new one passes every
    type).  ``data`` is the struct icmp6_filter for
    ``s.setsockopt(IPPROTO_ICMPV6, ICMP6_FILTER, f.data)``.  On Linux a set
    bit in ``data`` blocks the type; these methods mean what they say."""

    __slots__ = ()

    def ICMP6_FILTER_SETPASS(self, type):
        """Pass ICMPv6 messages of *type* to the application."""
        self.set_pass(type)

    def ICMP6_FILTER_SETBLOCK(self, type):
        """Block ICMPv6 messages of *type*."""
        self.set_block(type)

    def ICMP6_FILTER_SETPASSALL(self):
        """Pass every ICMPv6 message."""
        self.set_pass_all()

    def ICMP6_FILTER_SETBLOCKALL(self):
        """Block every ICMPv6 message."""
        self.set_block_all()

    def ICMP6_FILTER_WILLPASS(self, type):
        """1 if messages of *type* pass, else 0."""
        return int(self.will_pass(type))

    def ICMP6_FILTER_WILLBLOCK(self, type):
        """1 if messages of *type* are blocked, else 0."""
        return int(self.will_block(type))

    def set_from_data(self, data):
        """Set the filter from its 32 bytes (as getsockopt gives them)."""
        self._buf[:] = _ipv6._filter_bytes(data, "icmp6_filter.set_from_data")

    def get(self):
        """The filter's 32 bytes (the same as ``data``)."""
        return self.data


# ---------------------------------------------------- options with values

# Received payloads repeat (a flow's hop limit, the address it arrives
# at): what the core decoded from a payload's bytes is kept, keyed by the
# bytes, so set_from_data and get of the same bytes decode once.  The
# values are immutable (ints, tuples of str and int).
_INTS = {}
_PKTINFOS = {}
_MEMO_MAX = 256


def _fast(fn):
    """Mark a method that raises PyXAPI's errors itself (its slow path is
    a method wrapped with _pyxapi): _wrap_all leaves it unwrapped, so a
    memo hit costs one call."""
    fn._pyxapi_done = True
    return fn


def _remember(memo, data, value):
    """Keep *value* as *data*'s decoding (in a memo of bounded size) and
    return it."""
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    memo[data] = value
    return value

class _Option(object):
    """Common part of the objects holding one option's payload."""

    __slots__ = ("data",)
    size = 0

    def __init__(self):
        self.data = None

    def __repr__(self):
        return "<%s object, %r>" % (type(self).__name__, self.get())


class _IntOption(_Option):
    __slots__ = ()
    size = _SIZES["int"]
    _what = "value"

    def set(self, i):
        """Set the value (an int 0..255)."""
        if isinstance(i, bool) or not isinstance(i, int):
            raise TypeError("%s.set(): argument must be int, not %s"
                            % (type(self).__name__, type(i).__name__))
        if not 0 <= i <= 255:
            raise ValueError("%s.set(): invalid %s %d (0..255)"
                             % (type(self).__name__, self._what, i))
        self.data = _xapi._encode_int(i)

    @_fast
    def set_from_data(self, data):
        """Set from the raw payload (the kernel's 4-byte int); TypeError
        for anything else, as PyXAPI ("invalid data")."""
        if type(data) is not bytes or data not in _INTS:
            data = self._decode_new(data)
        self.data = data

    @_pyxapi
    def _decode_new(self, data):
        try:
            value = _xapi.rfc3542_decode_int(data)
        except ValueError:
            raise TypeError("%s.set_from_data: invalid data"
                            % type(self).__name__) from None
        data = bytes(data)
        _remember(_INTS, data, value)
        return data

    @_fast
    def get(self):
        """The value, an int (None before set)."""
        data = self.data
        try:
            # One subscript (a thread clearing the memo in between cannot
            # make it fail): cheaper than a dict.get call.  Whatever is
            # not a key, unhashable or not, is decoded anew.
            return _INTS[data]
        except (KeyError, TypeError):
            return self._get_new(data)

    @_pyxapi
    def _get_new(self, data):
        if data is None:
            return None
        value = _xapi.rfc3542_decode_int(data)
        return _remember(_INTS, bytes(data), value)


class hoplimit(_IntOption):
    """A hop limit (IPV6_HOPLIMIT, IPV6_UNICAST_HOPS): set(int),
    set_from_data(bytes), get() -> int; ``data`` (4 bytes), ``size``."""

    __slots__ = ()
    _what = "hop limit"


class tclass(_IntOption):
    """A traffic class (IPV6_TCLASS): set(int), set_from_data(bytes),
    get() -> int; ``data`` (4 bytes), ``size``."""

    __slots__ = ()
    _what = "traffic class value"


class in6_pktinfo(_Option):
    """Packet information (IPV6_PKTINFO): set(addr, ifindex),
    set_from_data(bytes), get() -> (addr, ifindex); ``data``, ``size``."""

    __slots__ = ()
    size = _SIZES["in6_pktinfo"]

    def __init__(self):
        """A zeroed struct in6_pktinfo (get() gives ('::', 0)), as PyXAPI."""
        self.data = bytes(self.size)

    def set(self, addr, ifindex):
        """Source/destination IPv6 address (str) and interface index."""
        fn = "in6_pktinfo.set"
        if not isinstance(addr, str):
            raise TypeError("%s(): argument 'addr' must be str, not %s"
                            % (fn, type(addr).__name__))
        if isinstance(ifindex, bool) or not isinstance(ifindex, int):
            raise TypeError("%s(): argument 'ifindex' must be int, not %s"
                            % (fn, type(ifindex).__name__))
        if not 0 <= ifindex <= 0xFFFFFFFF:
            raise ValueError("%s(): argument 'ifindex' must be in "
                             "0..4294967295, not %d" % (fn, ifindex))
        try:
            self.data = _xapi._encode_in6_pktinfo(addr, ifindex)
        except ValueError:
            raise ValueError("%s(): argument 'addr' is not an IPv6 address: "
                             "%r" % (fn, addr)) from None

    @_fast
    def set_from_data(self, data):
        """Set from a struct in6_pktinfo (20 bytes)."""
        if type(data) is not bytes or data not in _PKTINFOS:
            data = self._decode_new(data)
        self.data = data

    @_pyxapi
    def _decode_new(self, data):
        value = tuple(_xapi.rfc3542_decode_pktinfo(data))
        data = bytes(data)
        _remember(_PKTINFOS, data, value)
        return data

    @_fast
    def get(self):
        """(address, interface index), or None before set."""
        data = self.data
        try:
            # One subscript (a thread clearing the memo in between cannot
            # make it fail): cheaper than a dict.get call.  Whatever is
            # not a key, unhashable or not, is decoded anew.
            return _PKTINFOS[data]
        except (KeyError, TypeError):
            return self._get_new(data)

    @_pyxapi
    def _get_new(self, data):
        if data is None:
            return None
        value = tuple(_xapi.rfc3542_decode_pktinfo(data))
        return _remember(_PKTINFOS, bytes(data), value)


class nexthop(_Option):
    """A next hop address (IPV6_NEXTHOP, a struct sockaddr_in6): set(addr),
    set_from_data(bytes), get() -> addr; ``data``, ``size``.  Linux does not
    implement IPV6_NEXTHOP: sending it fails (docs/rfc3542-linux.md)."""

    __slots__ = ()
    size = _SIZES["sockaddr_in6"]

    def __init__(self):
        """A zeroed AF_INET6 struct sockaddr_in6 (get() gives '::'), as
        PyXAPI."""
        self.data = _ipv6.nexthop("::")

    def set(self, addr):
        """The next hop's IPv6 address ("fe80::1%eth0" sets the scope)."""
        self.data = _ipv6.nexthop(addr)

    def set_from_data(self, data):
        """Set from a struct sockaddr_in6 (28 bytes)."""
        _xapi.nexthop_decode(data)
        self.data = bytes(data)

    def get(self):
        """The next hop address (str), or None before set."""
        if self.data is None:
            return None
        return _xapi.nexthop_decode(self.data)[0]


class ip6_mtuinfo(_Option):
    """Path MTU information (IPV6_PATHMTU, struct ip6_mtuinfo):
    set(addr, mtu), set_from_data(bytes), get() -> (addr, mtu); ``data``,
    ``size``.  Linux's getsockopt leaves the address unset: get() gives ""
    for it, which reads '::'."""

    __slots__ = ()
    size = _SIZES["ip6_mtuinfo"]

    def __init__(self):
        """A zeroed struct ip6_mtuinfo (get() gives ('::', 0)), as PyXAPI."""
        self.data = bytes(self.size)

    def set(self, addr, mtu):
        """Destination address (str) and path MTU."""
        fn = "ip6_mtuinfo.set"
        _ipv6._str_arg(addr, fn, "addr")
        if isinstance(mtu, bool) or not isinstance(mtu, int):
            raise TypeError("%s(): argument 'mtu' must be int, not %s"
                            % (fn, type(mtu).__name__))
        if not 0 <= mtu <= 0xFFFFFFFF:
            raise ValueError("%s(): argument 'mtu' must be in 0..4294967295"
                             % fn)
        self.data = _xapi.mtuinfo_encode(addr, mtu)

    def set_from_data(self, data):
        """Set from a struct ip6_mtuinfo (32 bytes)."""
        _xapi.mtuinfo_decode(data)
        self.data = bytes(data)

    def get(self):
        """(destination address, path MTU), or None before set."""
        if self.data is None:
            return None
        _addr, _ifindex, mtu = _xapi.mtuinfo_decode(self.data)
        # As PyXAPI: the sin6_addr bytes whatever the family says (Linux's
        # getsockopt leaves the family 0 and the address zero: '::').
        return _socket.inet_ntop(_socket.AF_INET6, self.data[8:24]), mtu


# ---------------------------------------------------------- routing header

class inet6_rth(object):
    """A routing header (type 0, or 4 for the Segment Routing Header).

    set(type, segments) makes an empty header with room for *segments*
    addresses; set(type, [segments,] addr, addr, ...) also adds the
    addresses in path order.  set_from_data(bytes) takes a received header,
    get() returns ((nxt, len, type, segleft, reserved), addr, ...) for type
    0 (for an SRH: (nxt, len, type, segleft, last_entry, flags, tag)),
    addresses in path order; ``data`` is the header as bytes."""

    __slots__ = ("_buf",)

    def __init__(self):
        """An empty object: set() or set_from_data() fills it."""
        self._buf = None

    def set(self, type, *args):
        """set(type, segments) or set(type, [segments,] addr [, addr...])"""
        if not args:
            raise TypeError("set() takes at least 2 arguments (1 given)")
        if isinstance(args[0], int) and not isinstance(args[0], bool):
            segments, addrs = args[0], args[1:]
        else:
            segments, addrs = len(args), args
        if len(addrs) > segments:
            raise ValueError("set(): %d addresses do not fit %d segments"
                             % (len(addrs), segments))
        buf = bytearray(_xapi.rth_init(type, segments))
        for a in addrs:
            _ipv6._rth_add_into(buf, a, "set")
        self._buf = buf

    def set_from_data(self, data):
        """Set from a whole routing header (bytes), checked first."""
        buf = _data_arg(data, "inet6_rth.set_from_data")
        _xapi.rth_segments(buf)
        if len(buf) != (buf[1] + 1) * 8:
            raise error("set_from_data: routing header has bad length (%d "
                        "bytes, its length field says %d)"
                        % (len(buf), (buf[1] + 1) * 8))
        self._buf = buf

    def get(self):
        """((header fields), addr, ...) as above, or None before set."""
        if self._buf is None:
            return None
        d = _xapi.rth_parse(self._buf)
        if d["type"] == 0:
            fields = (d["next_header"], d["hdr_ext_len"], d["type"],
                      d["segments_left"], d["reserved"])
        else:
            fields = (d["next_header"], d["hdr_ext_len"], d["type"],
                      d["segments_left"], d["last_entry"], d["flags"],
                      d["tag"])
        return (fields,) + tuple(d["segments"])

    @property
    def data(self):
        """The header as bytes (b"" before set, as PyXAPI)."""
        return b"" if self._buf is None else bytes(self._buf)

    def __repr__(self):
        return "<inet6_rth object, %r>" % (self.get(),)


def _rth_buf(r, fn):
    if isinstance(r, inet6_rth):
        if r._buf is None:
            raise ValueError("%s(): the inet6_rth object is not set" % fn)
        return r._buf
    return r


def inet6_rth_space(type, segments):
    """Bytes a routing header of *type* with *segments* addresses takes;
    0 if refused (another type, too many segments), as in RFC 3542."""
    try:
        return _xapi.rth_space(type, segments)
    except ValueError:
        return 0


def inet6_rth_init(r, type, segments):
    """Initialize inet6_rth *r* as an empty header of *type* with room for
    *segments* addresses; returns *r*."""
    if not isinstance(r, inet6_rth):
        raise TypeError("inet6_rth_init(): argument 1 must be inet6_rth, not "
                        "%s" % r.__class__.__name__)
    r.set(type, segments)
    return r


def inet6_rth_add(r, addr):
    """Add *addr* (str) as the next segment of inet6_rth *r*."""
    if not isinstance(r, inet6_rth):
        raise TypeError("inet6_rth_add(): argument 1 must be inet6_rth, not "
                        "%s" % type(r).__name__)
    _ipv6._rth_add_into(_rth_buf(r, "inet6_rth_add"), addr)


def inet6_rth_segments(r):
    """The number of segments of *r* (an inet6_rth or header bytes)."""
    return _xapi.rth_segments(_rth_buf(r, "inet6_rth_segments"))


def inet6_rth_reverse(inp, out):
    """Write the reverse of routing header *inp* into inet6_rth *out*; the
    two may be the same object (reversal in place)."""
    if not isinstance(out, inet6_rth):
        raise TypeError("inet6_rth_reverse(): argument 2 must be inet6_rth, "
                        "not %s" % type(out).__name__)
    src = _rth_buf(inp, "inet6_rth_reverse")
    if out is inp:
        _ipv6._reverse_into(src, src, "inet6_rth_reverse")
    else:
        out._buf = bytearray(_xapi.rth_reverse(src))


def inet6_rth_getaddr(r, index):
    """Address *index* (path order, from 0) of *r*, as a str."""
    return _xapi.rth_getaddr(_rth_buf(r, "inet6_rth_getaddr"), index)


# ----------------------------------------------------------------- options

class inet6_opt(object):
    """A Hop-by-Hop or Destination options header being built or parsed.

    set(extlen) makes a zeroed buffer of *extlen* bytes (PyXAPI: then call
    inet6_opt_init(opt, extlen)); set_from_data(bytes) takes a received
    header; get() returns (next header, hdr ext len); ``data`` is the
    buffer as bytes.  The object remembers the option that inet6_opt_append,
    inet6_opt_next or inet6_opt_find last reached: inet6_opt_set_val and
    inet6_opt_get_val work on its data."""

    __slots__ = ("_buf", "_data")

    def __init__(self):
        """An empty object: set() or set_from_data() fills it."""
        self._buf = None
        self._data = None  # (offset, length) of the current option's data

    def set(self, extlen):
        """A new zeroed buffer of *extlen* bytes (2..2048)."""
        if isinstance(extlen, bool) or not isinstance(extlen, int):
            raise TypeError("set(): argument must be int, not %s"
                            % type(extlen).__name__)
        if not 2 <= extlen <= 2048:
            raise ValueError("set(): extlen must be in 2..2048, not %d"
                             % extlen)
        self._buf = bytearray(extlen)
        self._data = None

    def set_from_data(self, data):
        """Take a received header (a positive multiple of 8 bytes)."""
        buf = _data_arg(data, "inet6_opt.set_from_data")
        if not buf or len(buf) % 8 or len(buf) > 2048:
            raise ValueError("set_from_data(): an options header is a "
                             "multiple of 8 bytes, 8..2048, not %d" % len(buf))
        self._buf = buf
        self._data = None

    def get(self):
        """(next header, hdr ext len), or None before set."""
        if self._buf is None:
            return None
        if len(self._buf) < 2:
            return None
        return (self._buf[0], self._buf[1])

    @property
    def data(self):
        """The header as bytes (b"" before set, as PyXAPI)."""
        return b"" if self._buf is None else bytes(self._buf)

    def __repr__(self):
        return "<inet6_opt object, %r>" % (self.data,)


def _split_opt(args, n, fn):
    """PyXAPI's optional first argument: (opt or None, the other args)."""
    if len(args) == n + 1:
        opt = args[0]
        if not isinstance(opt, inet6_opt):
            raise TypeError("%s(): argument 1 must be inet6_opt, not %s"
                            % (fn, type(opt).__name__))
        if opt._buf is None:
            raise ValueError("%s(): the inet6_opt object is not set "
                             "(call its set() first)" % fn)
        return opt, args[1:]
    if len(args) == n:
        return None, args
    raise TypeError("%s() takes %d or %d arguments (%d given)"
                    % (fn, n, n + 1, len(args)))


def _need_opt(opt, fn):
    if not isinstance(opt, inet6_opt):
        raise TypeError("%s(): argument 1 must be inet6_opt, not %s"
                        % (fn, type(opt).__name__))
    if opt._buf is None:
        raise ValueError("%s(): the inet6_opt object is not set" % fn)


def inet6_opt_init(*args):
    """inet6_opt_init([opt, extlen]) -> int

    Without arguments: the length of an empty header (2).  With an
    inet6_opt and *extlen* (a multiple of 8): also writes the header's
    length field."""
    if not args:
        return _xapi.inet6_opt_init(None, 0)
    if len(args) != 2:
        raise TypeError("inet6_opt_init() takes 0 or 2 arguments (%d given)"
                        % len(args))
    opt, extlen = args
    _need_opt(opt, "inet6_opt_init")
    return _xapi.inet6_opt_init(opt._buf, extlen)


def inet6_opt_append(*args):
    """inet6_opt_append([opt,] offset, type, len, align) -> int

    The header's length after adding option *type* with *len* data bytes
    and alignment *align* (1, 2, 4, 8).  With an inet6_opt it also writes
    the padding and the option, whose data becomes the object's current
    option for inet6_opt_set_val."""
    opt, (offset, type_, length, align) = _split_opt(args, 4,
                                                     "inet6_opt_append")
    if opt is None:
        return _xapi.inet6_opt_append(None, 0, offset, type_, length,
                                      align)[0]
    r, dataoff = _xapi.inet6_opt_append(opt._buf, len(opt._buf), offset,
                                        type_, length, align)
    opt._data = (dataoff, length)
    return r


def inet6_opt_finish(*args):
    """inet6_opt_finish([opt,] offset) -> int

    The header's final length (padded to a multiple of 8); with an
    inet6_opt it also writes the padding."""
    opt, (offset,) = _split_opt(args, 1, "inet6_opt_finish")
    if opt is None:
        return _xapi.inet6_opt_finish(None, 0, offset)
    r = _xapi.inet6_opt_finish(opt._buf, len(opt._buf), offset)
    opt._data = None
    return r


def inet6_opt_set_val(opt, offset, val):
    """Write *val* (bytes-like) at *offset* of the current option's data
    (the one inet6_opt_append last added); returns offset + len(val).
    ValueError if it would run past the option's data."""
    _need_opt(opt, "inet6_opt_set_val")
    if opt._data is None:
        raise ValueError("inet6_opt_set_val(): no option appended yet "
                         "(call inet6_opt_append(opt, ...) first)")
    if isinstance(val, (bytes, bytearray, memoryview)) and not len(val):
        raise error("inet6_opt_set_val: data are empty")
    dataoff, length = opt._data
    return _xapi.inet6_opt_set_val(opt._buf, dataoff, length, offset, val)


def inet6_opt_next(opt, offset):
    """The option after *offset* (0 for the first), Pad1/PadN skipped:
    (next offset, type, len).  Its data becomes the object's current
    option for inet6_opt_get_val.  :class:`error` past the last option
    (where the C function returns -1) and for a malformed header, as
    PyXAPI::

        while True:
            try:
                offset, type, len = inet6_opt_next(opt, offset)
            except error:
                break
    """
    _need_opt(opt, "inet6_opt_next")
    nxt, o = _xapi.inet6_opt_next(opt._buf, len(opt._buf), offset)
    if o is None:
        raise error("inet6_opt_next failed: no option after offset %d"
                    % offset)
    type_, data, dataoff = o
    opt._data = (dataoff, len(data))
    return nxt, type_, len(data)


def inet6_opt_find(opt, offset, type):
    """Like inet6_opt_next, for the next option of *type*:
    (next offset, len); :class:`error` if there is none (the C function's
    -1), as PyXAPI."""
    _need_opt(opt, "inet6_opt_find")
    nxt, o = _xapi.inet6_opt_find(opt._buf, len(opt._buf), offset, type)
    if o is None:
        raise error("inet6_opt_find failed: no option of type %d after "
                    "offset %d" % (type, offset))
    _type, data, dataoff = o
    opt._data = (dataoff, len(data))
    return nxt, len(data)


def inet6_opt_get_val(opt, offset, vallen):
    """*vallen* bytes at *offset* of the current option's data (the one
    inet6_opt_next/find last reached): (offset + vallen, bytes).
    ValueError if that runs past the option's data."""
    _need_opt(opt, "inet6_opt_get_val")
    if opt._data is None:
        raise ValueError("inet6_opt_get_val(): no current option (call "
                         "inet6_opt_next or inet6_opt_find first)")
    if (isinstance(vallen, int) and not isinstance(vallen, bool)
            and vallen <= 0):
        raise error("inet6_opt_get_val: last argument must be a positive "
                    "integer")
    dataoff, length = opt._data
    return tuple(_xapi.inet6_opt_get_val(opt._buf, dataoff, length, offset,
                                         vallen))


def IP6OPT_TYPE(o):
    """The high-order bits (action) of option type *o*: o & 0xc0."""
    return _ipv6.ip6opt_type(o)


__all__ = sorted(_CONSTANTS) + [
    "error", "icmp6_filter", "hoplimit", "tclass", "in6_pktinfo", "nexthop",
    "ip6_mtuinfo", "inet6_rth", "inet6_rth_space", "inet6_rth_init",
    "inet6_rth_add", "inet6_rth_segments", "inet6_rth_reverse",
    "inet6_rth_getaddr", "inet6_opt", "inet6_opt_init", "inet6_opt_append",
    "inet6_opt_finish", "inet6_opt_set_val", "inet6_opt_next",
    "inet6_opt_find", "inet6_opt_get_val", "IP6OPT_TYPE",
]


# Every public call and method raises error where PyXAPI raised
# rfc3542.error (ValueError and the core's argument OSErrors, translated).
def _wrap_all():
    g = globals()
    for name in __all__:
        obj = g[name]
        if isinstance(obj, type) and not issubclass(obj, BaseException):
            done = set()
            for klass in obj.__mro__:
                for attr, val in list(vars(klass).items()):
                    if (attr.startswith("_") or attr in done
                            or not isinstance(val, _types.FunctionType)
                            or getattr(val, "_pyxapi_done", False)):
                        continue
                    done.add(attr)
                    setattr(obj, attr, _pyxapi(val))
        elif callable(obj) and not isinstance(obj, type):
            g[name] = _pyxapi(obj)


_wrap_all()
del _wrap_all
