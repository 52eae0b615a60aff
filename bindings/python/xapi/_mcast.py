"""Multicast groups and sending options (re-exported by :mod:`xapi`).

A receiver joins by address text and interface name; the core builds the
RFC 3678 ``struct group_req`` / ``group_source_req`` and picks the level
(IPPROTO_IP or IPPROTO_IPV6) from the group's family::

    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.bind(("ff3e::1234", 5000))
    xapi.mcast_join(s, "ff3e::1234", "eth0")                  # any source
    xapi.mcast_join(s, "ff3e::1234", "eth0", source="2001:db8::1")  # SSM
    xapi.mcast_block(s, "ff3e::1234", "eth0", "2001:db8::9")
    xapi.mcast_leave(s, "ff3e::1234", "eth0")

A sender picks the interface, hop limit (TTL) and loopback::

    xapi.mcast_set_if(s, "eth0")
    xapi.mcast_set_hops(s, 8)
    xapi.mcast_set_loop(s, False)

*ifname* is an interface name (looked up in the socket's own network
namespace), an index (int or digits), or None / "" for the kernel's
choice.  Bad text raises ValueError naming the argument (``group``,
``source``, ``ifname``, ``hops``, ``loop``); an unknown interface name is
OSError ENODEV, naming ``ifname``; the rest is the kernel's OSError
(EADDRINUSE for a second join, EADDRNOTAVAIL for leaving what was not
joined).
"""

from . import _xapi

__all__ = ["mcast_join", "mcast_leave", "mcast_block", "mcast_unblock",
           "mcast_set_if", "mcast_set_hops", "mcast_get_hops",
           "mcast_set_loop", "mcast_get_loop"]


def _ifname(ifname):
    # An index may be given as an int; the core takes text.  bool is an
    # int in Python but never an interface.
    if ifname is None:
        return ""
    if isinstance(ifname, int) and not isinstance(ifname, bool):
        if ifname < 0:
            raise ValueError("bad argument ifname: index %d is negative"
                             % ifname)
        return str(ifname)
    return ifname


def mcast_join(sock, group, ifname=None, source=None):
    """Join *group* on *ifname*; with *source*, only that source
    (MCAST_JOIN_GROUP / MCAST_JOIN_SOURCE_GROUP)."""
    _xapi.mcast_join(sock, group, _ifname(ifname), source)


def mcast_leave(sock, group, ifname=None, source=None):
    """Leave *group* (or drop *source* from a source-specific join)."""
    _xapi.mcast_leave(sock, group, _ifname(ifname), source)


def mcast_block(sock, group, ifname, source):
    """Stop receiving *source*'s datagrams to an any-source *group*."""
    _xapi.mcast_block(sock, group, _ifname(ifname), source)


def mcast_unblock(sock, group, ifname, source):
    """Undo :func:`mcast_block`."""
    _xapi.mcast_unblock(sock, group, _ifname(ifname), source)


def mcast_set_if(sock, ifname=None):
    """The interface multicast leaves by (None: the routing table's)."""
    _xapi.mcast_set_if(sock, _ifname(ifname))


def mcast_set_hops(sock, hops):
    """IPV6_MULTICAST_HOPS / IP_MULTICAST_TTL: -1 (default 1) or 0..255."""
    _xapi.mcast_set_hops(sock, hops)


def mcast_get_hops(sock):
    return _xapi.mcast_get_hops(sock)


def mcast_set_loop(sock, loop):
    """IPV6_MULTICAST_LOOP / IP_MULTICAST_LOOP: True to hear our own."""
    _xapi.mcast_set_loop(sock, int(loop))


def mcast_get_loop(sock):
    return bool(_xapi.mcast_get_loop(sock))
