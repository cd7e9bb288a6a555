"""aztimeline: a versioned policy timeline with verified change records and a static site."""

from __future__ import annotations

__version__ = "0.1.0"
