"""The exception hierarchy. Library code raises these; the CLI and the site build translate them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in the data: file, line, dotted field path and a message saying how to fix it."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = self.field or "(file)"
        return f"{where}: {field}: {self.message}"


class AztimelineError(Exception):
    """Base class of every error aztimeline raises on purpose."""


class DataError(AztimelineError):
    """The data in policy_versions/ is invalid; carries every problem found in one run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        self.note = ""  # what to do, where the problems' own advice cannot be followed (a past revision's)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(AztimelineError):
    """A command was called with a value that cannot be used (an unknown version, a bad date); one message per value,
    so a command reports every bad option of one run at once."""

    def __init__(self, *messages: str) -> None:
        self.messages = messages
        super().__init__("; ".join(messages))


class OutputError(AztimelineError):
    """An output could not be written (an existing file without --force, an unwritable folder)."""


class HistoryError(AztimelineError):
    """The data's git history cannot be read (a missing or damaged object, a repository git refuses)."""
