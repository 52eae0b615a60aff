"""RFC 3542 in xapi's idiomatic API (re-exported by the xapi package).

Everything here is also ``xapi.NAME``:

- ICMPv6 type filters: :class:`Icmp6Filter`, :func:`set_icmp6_filter`,
  :func:`get_icmp6_filter`;
- routing headers, type 0 and the Segment Routing Header (type 4):
  :func:`rth_space`, :func:`rth_build`, :func:`rth_segments`,
  :func:`rth_getaddr`, :func:`rth_reverse`, :func:`rth_reverse_into`, and the
  whole-SRH :func:`srh_build` / :func:`srh_parse` (:class:`SrhInfo`);
- Hop-by-Hop and Destination options: :func:`opt_build`, :func:`opt_parse`,
  :func:`opt_find`, :func:`ip6opt_type`, :func:`ip6opt_mutable`,
  :func:`router_alert`;
- path MTU and next hop: :func:`get_pathmtu` (:class:`MtuInfo`),
  :func:`decode_mtuinfo`, :func:`nexthop`.

Headers are ``bytes`` in and out (any bytes-like object is accepted); the
parsing calls build their whole result in one native call.  Malformed header
bytes raise :class:`ValueError` saying what is wrong; a routing header of a
type xapi does not handle (not 0 or 4) raises :class:`OSError` with errno
``EOPNOTSUPP``; socket calls raise :class:`OSError` with the kernel's errno.

Linux notes (see docs/rfc3542-linux.md): a set bit in the kernel's ICMPv6
filter BLOCKS a type (:class:`Icmp6Filter` hides that); Linux refuses type 0
routing headers; an SRH is accepted only as the sticky ``IPV6_RTHDR`` socket
option; ``IPV6_NEXTHOP`` is not implemented by the kernel.
"""

import collections as _collections
import itertools as _itertools

from . import _xapi

__all__ = [
    "Icmp6Filter", "set_icmp6_filter", "get_icmp6_filter",
    "rth_space", "rth_build", "rth_segments", "rth_getaddr", "rth_reverse",
    "rth_reverse_into", "srh_build", "srh_parse", "SrhInfo",
    "opt_build", "opt_parse", "opt_find", "ip6opt_type", "ip6opt_mutable",
    "router_alert", "get_pathmtu", "decode_mtuinfo", "nexthop",
]

_FILTER_SIZE = 32


# --------------------------------------------------------- ICMPv6 filters

def _bytes_arg(data, fn, contiguous=False):
    """Any bytes-like *data* as bytes; TypeError naming the argument for
    anything else (a str needs an encoding, an int is not a buffer) and,
    with *contiguous*, for a non-contiguous buffer."""
    if isinstance(data, str):
        raise TypeError("%s(): argument 'data' must be a bytes-like object, "
                        "not str" % fn)
    try:
        view = memoryview(data)
    except TypeError:
        raise TypeError("%s(): argument 'data' must be a bytes-like object, "
                        "not %s" % (fn, type(data).__name__)) from None
    with view:
        if contiguous and not view.c_contiguous:
            raise TypeError("%s(): argument 'data' must be a contiguous "
                            "buffer" % fn)
        return view.tobytes()


def _is_buffer(obj):
    """True for an object with the buffer protocol (bytes-like)."""
    try:
        memoryview(obj).release()
    except TypeError:
        return False
    return True


def _writable(buf, fn, arg):
    """A writable, contiguous memoryview of *buf* (cast to bytes):
    TypeError naming *arg* for anything else."""
    try:
        view = memoryview(buf)
    except TypeError:
        raise TypeError("%s(): argument '%s' must be a writable bytes-like "
                        "object (bytearray, memoryview), not %s"
                        % (fn, arg, type(buf).__name__)) from None
    if view.readonly or not view.c_contiguous:
        what = "read-only" if view.readonly else "non-contiguous"
        view.release()
        raise TypeError("%s(): argument '%s' must be a writable contiguous "
                        "buffer (bytearray, memoryview), not a %s %s"
                        % (fn, arg, what, type(buf).__name__))
    return view.cast("B")


def _bounded_list(items, limit):
    """*items* as a list of at most *limit* + 1 elements (an endless
    iterator ends); sequences and str/bytes-like objects pass unchanged,
    for the shape typemap to accept or refuse."""
    if isinstance(items, (str, bytes, bytearray, memoryview)) or \
            not hasattr(items, "__iter__") or hasattr(items, "__len__"):
        return items
    return list(_itertools.islice(items, limit + 1))


def _filter_bytes(data, fn):
    """The 32 bytes of a struct icmp6_filter from bytes-like *data*:
    TypeError (naming 'data') for anything else, ValueError for another
    length."""
    raw = _bytes_arg(data, fn, contiguous=True)
    if len(raw) != _FILTER_SIZE:
        raise ValueError("%s(): argument 'data': a filter is %d bytes, not %d"
                         % (fn, _FILTER_SIZE, len(raw)))
    return raw


class Icmp6Filter:
    """An ICMPv6 type filter (RFC 3542 section 3.2) for a raw ICMPv6 socket.

    A new filter passes every type.  The methods speak of passing and
    blocking; the 32 bytes in :attr:`data` have Linux's layout, in which a
    SET bit BLOCKS the type (BSD's layout is the other way round), so hand
    ``data`` to the kernel as it is::

        f = xapi.Icmp6Filter.block_all()
        f.set_pass(xapi.ICMP6_ECHO_REPLY)
        xapi.set_icmp6_filter(sock, f)

    Types are ints 0..255 (ValueError otherwise, TypeError for non-ints).
    Filters compare equal when their bits are equal.
    """

    __slots__ = ("_buf",)

    def __init__(self, data=None):
        """A filter passing every type, or one made from *data* (the 32
        bytes of a struct icmp6_filter, as :attr:`data` gives them)."""
        self._buf = bytearray(_FILTER_SIZE)
        if data is not None:
            self._buf[:] = _filter_bytes(data, "Icmp6Filter")

    @classmethod
    def pass_all(cls):
        """A new filter passing every type (ICMP6_FILTER_SETPASSALL)."""
        f = cls()
        f._buf[:] = _xapi.icmp6_filter_make(0, ())
        return f

    @classmethod
    def block_all(cls):
        """A new filter blocking every type (ICMP6_FILTER_SETBLOCKALL)."""
        f = cls()
        f._buf[:] = _xapi.icmp6_filter_make(1, ())
        return f

    @classmethod
    def from_bytes(cls, data):
        """The filter whose struct icmp6_filter is *data* (32 bytes)."""
        return cls(data)

    def set_pass(self, type):
        """Let ICMPv6 messages of *type* through (ICMP6_FILTER_SETPASS)."""
        self._buf[:] = _xapi.icmp6_filter_update(self._buf, 1, (type,))

    def set_block(self, type):
        """Block ICMPv6 messages of *type* (ICMP6_FILTER_SETBLOCK)."""
        self._buf[:] = _xapi.icmp6_filter_update(self._buf, 0, (type,))

    def set_pass_all(self):
        """Let every type through (ICMP6_FILTER_SETPASSALL)."""
        self._buf[:] = _xapi.icmp6_filter_make(0, ())

    def set_block_all(self):
        """Block every type (ICMP6_FILTER_SETBLOCKALL)."""
        self._buf[:] = _xapi.icmp6_filter_make(1, ())

    def will_pass(self, type):
        """True if messages of *type* pass (ICMP6_FILTER_WILLPASS)."""
        return _xapi.icmp6_filter_test(self._buf, type)

    def will_block(self, type):
        """True if messages of *type* are blocked (ICMP6_FILTER_WILLBLOCK)."""
        return not _xapi.icmp6_filter_test(self._buf, type)

    @property
    def data(self):
        """The filter as the kernel takes it: 32 bytes (Linux layout: type t
        is bit t & 31 of 32-bit host-order word t >> 5; set means blocked)."""
        return bytes(self._buf)

    def __bytes__(self):
        """The same 32 bytes as :attr:`data`."""
        return bytes(self._buf)

    def __eq__(self, other):
        """Equal to another Icmp6Filter with the same bits."""
        if not isinstance(other, Icmp6Filter):
            return NotImplemented
        return self._buf == other._buf

    __hash__ = None

    def __repr__(self):
        """Which types pass, e.g. ``Icmp6Filter(<passes only [129]>)``."""
        passing = _xapi.icmp6_filter_types(self._buf, 1)
        if len(passing) == 256:
            return "Icmp6Filter(<passes every type>)"
        if len(passing) > 128:
            blocked = _xapi.icmp6_filter_types(self._buf, 0)
            return "Icmp6Filter(<passes every type but %r>)" % blocked
        return "Icmp6Filter(<passes only %r>)" % passing


def set_icmp6_filter(sock, f):
    """Install filter *f* (an :class:`Icmp6Filter` or its 32 bytes) on a raw
    ICMPv6 socket (setsockopt IPPROTO_ICMPV6, ICMP6_FILTER).  OSError as the
    kernel says (ENOPROTOOPT on a socket that is not raw ICMPv6)."""
    if isinstance(f, Icmp6Filter):
        data = f._buf
    elif isinstance(f, str) or not _is_buffer(f):
        raise TypeError("set_icmp6_filter(): argument 'f' must be an "
                        "Icmp6Filter or its 32 bytes, not %s"
                        % type(f).__name__)
    else:
        data = f
    _xapi.icmp6_filter_install(sock, data)


def get_icmp6_filter(sock):
    """The filter installed on a raw ICMPv6 socket, as an
    :class:`Icmp6Filter` (getsockopt ICMP6_FILTER)."""
    return Icmp6Filter(_xapi.icmp6_filter_fetch(sock))


# --------------------------------------------------------- routing headers

def rth_space(type, segments):
    """inet6_rth_space(): bytes a routing header of *type* (0 or 4, e.g.
    ``IPV6_RTHDR_TYPE_0``, ``IPV6_RTHDR_TYPE_4``) with *segments* addresses
    takes.  ValueError where RFC 3542 returns 0 (another type, type 0 with
    0..127 segments, type 4 with 1..127)."""
    return _xapi.rth_space(type, segments)


def rth_build(type, addrs):
    """A whole routing header of *type* (0 or 4) visiting *addrs* (IPv6
    address strings, in path order: the first is visited first), built with
    inet6_rth_init and one inet6_rth_add per address: Segments Left is the
    number of addresses, Next Header 0 (the kernel fills it in).  For an SRH
    the list is stored reversed on the wire, as RFC 8754 lays it out; see
    :func:`srh_build` to control every field.  Returns bytes.  TypeError
    if *addrs* is not an iterable of str (a str itself is refused),
    ValueError for more than 127 addresses or one that is not IPv6 text,
    OSError EOPNOTSUPP for another routing type."""
    if isinstance(addrs, (str, bytes, bytearray, memoryview)) or \
            not hasattr(addrs, "__iter__"):
        raise TypeError("rth_build(): argument 'addrs' must be an iterable "
                        "of IPv6 address strings, not %s"
                        % addrs.__class__.__name__)   # type is an argument
    addrs = list(_itertools.islice(addrs, 128))   # an endless iterator ends
    if len(addrs) > 127:
        raise ValueError("rth_build(): argument 'addrs' holds more than 127 "
                         "addresses")
    return _xapi.rth_build(type, addrs)


def rth_segments(b):
    """inet6_rth_segments(): how many addresses the routing header *b*
    holds (type 0: Hdr Ext Len / 2; SRH: Last Entry + 1)."""
    return _xapi.rth_segments(b)


def rth_getaddr(b, i):
    """inet6_rth_getaddr(): address *i* of routing header *b*, in path order
    (0 is the first segment visited), as a str.  ValueError if *i* is out of
    range."""
    return _xapi.rth_getaddr(b, i)


def rth_reverse(b):
    """inet6_rth_reverse(): the header for the reverse path, as new bytes
    (addresses reversed, Segments Left set to their number, every other
    field copied)."""
    return _xapi.rth_reverse(b)


def rth_reverse_into(buf, out=None):
    """inet6_rth_reverse() into a writable buffer: *out*, or *buf* itself
    (in place) when *out* is None.  TypeError for a read-only buffer,
    ValueError if *out* is too small."""
    _reverse_into(buf, buf if out is None else out, "rth_reverse_into")


def _reverse_into(buf, out, fn):
    """inet6_rth_reverse(buf, out): the reversed header written at the
    start of the writable buffer *out* (which may be *buf*)."""
    view = _writable(out, fn, "buf" if out is buf else "out")
    with view:
        rev = _xapi.rth_reverse(buf)
        if len(rev) > len(view):
            raise ValueError("%s(): argument 'out' holds %d bytes, the "
                             "reversed header is %d" % (fn, len(view),
                                                        len(rev)))
        view[:len(rev)] = rev


def _rth_add_into(buf, addr, fn="inet6_rth_add"):
    """inet6_rth_add() on the writable buffer *buf*, in place."""
    view = _writable(buf, fn, "buf")
    with view:
        new = _xapi.rth_add(view, addr)
        view[:len(new)] = new


def _rth_init_into(buf, type, segments, fn="inet6_rth_init"):
    """inet6_rth_init() into the writable buffer *buf*."""
    view = _writable(buf, fn, "buf")
    with view:
        new = _xapi.rth_init(type, segments)
        if len(new) > len(view):
            raise ValueError("%s(): argument 'buf' holds %d bytes, the "
                             "header is %d" % (fn, len(view), len(new)))
        view[:len(new)] = new


# ------------------------------------------------- Segment Routing Header

SrhInfo = _collections.namedtuple(
    "SrhInfo", "next_header segments_left last_entry flags tag segments tlv")
SrhInfo.__doc__ = """A parsed Segment Routing Header (RFC 8754 section 2).

segments is a list of address strings in WIRE order: segments[0] is Segment
List[0], the LAST segment of the path; tlv is the bytes after the list
(b"" for none)."""


def srh_build(segments, segments_left, next_header=0, flags=0, tag=0,
              tlv=b""):
    """A whole Segment Routing Header (RFC 8754 section 2, routing type 4)
    as bytes.  *segments* are IPv6 address strings in WIRE order, Segment
    List[0] first (the final segment first); Last Entry is set to
    ``len(segments) - 1``.  *tlv* (bytes-like, a multiple of 8 bytes, each
    TLV well formed) follows the list.  ValueError for 0 or more than 32
    segments, *segments_left* above their number, bad TLVs, fields out of
    range (next_header and flags 0..255, tag 0..65535).

    For Linux's sticky IPV6_RTHDR, Segment List[0] is replaced by the
    socket's destination (see docs/rfc3542-linux.md)."""
    return _xapi.srh_encode(_bounded_list(segments, 32), segments_left,
                            next_header, flags, tag, tlv)


def srh_parse(b):
    """Parse a Segment Routing Header into an :class:`SrhInfo`.  ValueError
    for malformed bytes (truncated, Last Entry past Hdr Ext Len, Segments
    Left above the segments, bad TLVs, another routing type) or more than 32
    segments.  Bytes past the header's own length are ignored."""
    d = _xapi.srh_decode(b)
    return SrhInfo(d["next_header"], d["segments_left"], d["last_entry"],
                   d["flags"], d["tag"], d["segments"], d["tlv"])


# -------------------------------------------- Hop-by-Hop, Destination options

def opt_build(options):
    """A whole Hop-by-Hop or Destination options header, as bytes.

    *options* is an iterable of ``(type, align, data)``: option *type*
    (2..255), alignment *align* (1, 2, 4 or 8: RFC 2460's xn+y, placed so
    the option ends on a multiple of align) and *data*, a bytes-like object
    or a sequence of bytes-like pieces written one after another (one
    inet6_opt_set_val each).  The layout is RFC 3542 section 10's:
    inet6_opt_init, inet6_opt_append per option, inet6_opt_finish, after a
    lengths-only pass that sizes the header.  Next Header is 0 (the kernel
    fills it in).  ValueError for bad types, alignments, more than 255 data
    bytes or a header over 2048 bytes."""
    return _xapi.opt_build(options)


def opt_parse(b):
    """Every option of the options header *b*, in order, as a list of
    ``(type, data)`` with data as bytes; Pad1 and PadN are skipped.
    ValueError for a malformed header (an option or the header running past
    the end)."""
    return _xapi.opt_parse(b)


def opt_find(b, type):
    """The data (bytes) of the first option of *type* in options header
    *b*, or None if there is none (inet6_opt_find)."""
    r = _xapi.opt_find(b, type)
    return None if r is None else r[1]


def ip6opt_type(t):
    """IP6OPT_TYPE(t): the action bits of option type *t* (0x00 skip, 0x40
    discard, 0x80 discard and send ICMP, 0xc0 discard and send ICMP unless
    multicast)."""
    return _xapi.ip6opt_type(t)


def ip6opt_mutable(t):
    """True if option type *t* has the "may change en route" bit (0x20)."""
    return bool(_xapi.ip6opt_mutable(t))


def router_alert(value):
    """An 8-byte Hop-by-Hop options header holding one Router Alert option
    (RFC 2711) with *value* (0 MLD, 1 RSVP, 2 active networks; 0..65535),
    ready for IPV6_HOPOPTS."""
    return _xapi.router_alert(value)


# ------------------------------------------------------ path MTU, next hop

# One type for path MTU information wherever it comes from (getsockopt,
# an IPV6_PATHMTU item's .pathmtu view, decode_mtuinfo): the struct
# sequence the C layer defines, (addr, ifindex, mtu); addr is "" when the
# kernel leaves it unset, as Linux's getsockopt does.
MtuInfo = _xapi.MtuInfo


def get_pathmtu(sock):
    """getsockopt(IPPROTO_IPV6, IPV6_PATHMTU) on a connected socket, as an
    :class:`MtuInfo`.  OSError ENOTCONN on an unconnected socket."""
    return MtuInfo(_xapi.get_pathmtu(sock))


def decode_mtuinfo(data):
    """An IPV6_PATHMTU item's payload (struct ip6_mtuinfo) as an
    :class:`MtuInfo`; ValueError if it is not one."""
    return MtuInfo(_xapi.mtuinfo_decode(data))


def nexthop(addr):
    """The IPV6_NEXTHOP payload for *addr* (a struct sockaddr_in6 with port
    0, as bytes; "fe80::1%eth0" sets the scope).  Linux does not implement
    IPV6_NEXTHOP: sending it fails (see docs/rfc3542-linux.md)."""
    return _xapi.nexthop(_str_arg(addr, "nexthop", "addr"))


def _str_arg(s, fn, arg):
    """*s* if it is a str; TypeError naming *arg* otherwise (bytes are not
    taken as an address)."""
    if not isinstance(s, str):
        raise TypeError("%s(): argument '%s' must be str, not %s"
                        % (fn, arg, type(s).__name__))
    return s
