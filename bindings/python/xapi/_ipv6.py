"""xapi's _ipv6 topic (re-exported by the xapi package)."""

from . import _xapi  # noqa: F401

__all__ = []
