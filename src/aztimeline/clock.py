"""Times from outside: SOURCE_DATE_EPOCH, read in this one place."""

from __future__ import annotations

import datetime as dt
import os

from .errors import UsageError
from .textrules import brief

EPOCH_MAX = 7_258_118_399
"""2199-12-31 23:59:59 UTC: the last second of the last day the data can hold (yamlload.DATE_MAX)."""

MAX_DIGITS = 4_300
"""The most digits Python's int() reads by default."""


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH in seconds, or None when it is unset.

    Raises UsageError (one line, exit 2 on the command line) for anything but plain decimal digits of a time from
    1970 to 2199: "", "abc", "²", "-5", "1.5" and 99999999999999 are refused rather than guessed at. MkDocs reads
    the variable too, with int(), so what passes here must pass there: set but empty is refused, not taken as unset,
    and so are more than MAX_DIGITS digits (Python's int() limit), however many of them are leading zeros.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_DIGITS or int(raw) > EPOCH_MAX:
        raise UsageError(
            f"SOURCE_DATE_EPOCH={brief(raw)} is not a time aztimeline accepts: write whole seconds since 1970-01-01 UTC "
            f"in plain digits, from 0 to {EPOCH_MAX} (2199-12-31), or unset it"
        )
    return int(raw)


def build_time() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, when set (reproducible builds); UsageError when it cannot be one."""
    seconds = source_date_epoch()
    return None if seconds is None else dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
