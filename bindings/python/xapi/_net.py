"""xapi's _net topic (re-exported by the xapi package)."""

from . import _xapi  # noqa: F401

__all__ = []
