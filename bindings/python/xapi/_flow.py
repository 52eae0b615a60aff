"""Original destination, IPv6 flow labels and the drop counter
(re-exported by :mod:`xapi`; ip(7), ipv6(7), socket(7)).

Received items, decoded by the core (no code here but named views):

- ``IP_RECVORIGDSTADDR`` / ``IPV6_RECVORIGDSTADDR`` set to 1: each
  datagram has an ``origdst`` item, an :class:`OrigDst` ``(addr, port)``:
  where it was sent, which for a datagram a TPROXY rule diverted is the
  client's destination, the address a transparent proxy replies from.
- ``IPV6_FLOWINFO`` set to 1: a ``flowinfo`` item, the received header's
  ``tclass << 20 | label`` in host order (the label is
  ``v & IPV6_FLOWINFO_FLOWLABEL``, the traffic class ``v >> 20``).
- ``SO_RXQ_OVFL`` set to 1: once the socket has dropped datagrams, an
  ``rxq_ovfl`` item with the drop count (0..2**32-1, wraps).

Sending with a flow label: set ``IPV6_FLOWINFO_SEND`` to 1 and give the
destination as ``("2001:db8::2/flowinfo=0x12345", port)`` (or the
4-tuple's flowinfo).  While any socket of the namespace holds a label
leased with ``IPV6_FL_S_EXCL``, Linux refuses (EINVAL) a label the
sending socket has not leased with :func:`flowlabel_lease`.
"""

from . import _xapi
from . import _view  # the package's one view helper (defined before this module loads)

__all__ = ["flowlabel_lease", "flowlabel_release", "OrigDst"]

#: The record type of ``origdst`` items: (addr, port).
OrigDst = getattr(_xapi, "OrigDst", None)


def flowlabel_lease(sock, host, label=0, share=None):
    """Lease IPv6 flow label *label* (1..0xfffff; 0: the kernel chooses)
    on *sock* towards *host* (IPv6 text; Linux refuses ``::``), shared as
    *share* (``IPV6_FL_S_EXCL``, ``_PROCESS``, ``_USER`` or, by default,
    ``_ANY``): IPV6_FLOWLABEL_MGR, IPV6_FL_A_GET with IPV6_FL_F_CREATE.
    Returns the label.  ValueError names a bad label, share or host;
    OSError carries the kernel's errors (ERANGE: bit 0x80000 set while
    net.ipv6.flowlabel_state_ranges keeps those; EPERM or EINVAL: the label
    is held under another sharing or destination)."""
    if share is None:
        share = _xapi.CONSTANTS["IPV6_FL_S_ANY"]
    return _xapi.flowlabel_lease(sock, host, label, share)


def flowlabel_release(sock, label):
    """Give a lease back (IPV6_FL_A_PUT); OSError ESRCH if *sock* holds no
    such label."""
    _xapi.flowlabel_release(sock, label)


_xapi.Cmsg.origdst = _view(
    "origdst", "The :class:`OrigDst` (addr, port) of an IP_ORIGDSTADDR or "
    "IPV6_ORIGDSTADDR item.")
_xapi.Cmsg.flowinfo = _view(
    "flowinfo", "tclass << 20 | flow label of an IPV6_FLOWINFO item, in "
    "host order.")
_xapi.Cmsg.rxq_ovfl = _view(
    "rxq_ovfl", "The socket's drop count (0..2**32-1) of an SO_RXQ_OVFL "
    "item.")
