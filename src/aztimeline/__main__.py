"""`python -m aztimeline`, the same as the `aztimeline` command."""

from .cli import run

run()
