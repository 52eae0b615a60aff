"""PyXAPI-compatible RFC 3542 module (``from xapi import rfc3542``)."""

from . import _xapi  # noqa: F401
