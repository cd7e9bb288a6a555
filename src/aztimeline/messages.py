"""Message catalogues: the interface text of the site and of the exports, in Dutch and English, kept as TOML beside
the package that shows it (messages.toml) so that translators and editors change it without touching code."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def catalogue(package: str) -> dict[str, Any]:
    """A package's message catalogue, its messages.toml: tables of (Dutch, English) pairs, each array a tuple."""
    text = resources.files(package).joinpath("messages.toml").read_text(encoding="utf-8")
    return _tuples(tomllib.loads(text))


def _tuples(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def by_lang(table: dict[Any, Any]) -> dict[str, dict[Any, Any]]:
    """A table whose entries are (Dutch, English) pairs, or tables of them, as one table per language."""
    return {lang: _pick(table, i) for i, lang in enumerate(("nl", "en"))}


def _pick(table: dict[Any, Any], i: int) -> dict[Any, Any]:
    return {k: _pick(v, i) if isinstance(v, dict) else v[i] for k, v in table.items()}
