"""The loader reads a commit's files from memory (datafiles.from_memory) by the same rules as the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from aztimeline.datafiles import from_memory
from aztimeline.errors import DataError
from aztimeline.validate import load_and_validate

from .conftest import DATA

LABEL = "0123456789:policy_versions"
E = "azerbaijan/events.yaml"
V = "azerbaijan/versions/az-2020-11-18.yaml"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_data_from_memory_is_the_data_from_the_folder():
    folder = load_and_validate(DATA)
    memory = load_and_validate(Path(LABEL), files=from_memory(Path(LABEL), _files(DATA)))
    assert memory.changes == folder.changes
    for cid, cd in folder.dataset.countries.items():
        other = memory.dataset.countries[cid]
        assert other.country == cd.country and other.versions == cd.versions and other.amendments == cd.amendments
        assert other.events == cd.events
        assert {s: (x.meta, x.raw) for s, x in other.sources.items()} == {s: (x.meta, x.raw) for s, x in cd.sources.items()}


def _replace(files: dict[str, bytes], name: str, old: bytes, new: bytes) -> None:
    assert files[name].count(old) == 1
    files[name] = files[name].replace(old, new)


EDITS = {
    "impossible date": lambda f: _replace(f, E, b"date: 2019-03-16", b"date: 2019-02-30"),
    "quote not verbatim (a line found later)": lambda f: _replace(f, V, b"quote: De verslagperiode van het", b"quote: De verslagtijd van het"),
    "missing raw text": lambda f: f.pop("azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt"),
    "stray file": lambda f: f.__setitem__("azerbaijan/versions/notes.txt", b"notes\n"),
    "stray folder": lambda f: f.__setitem__("azerbaijan/drafts/x.yaml", b"id: x\n"),
    "invalid YAML": lambda f: f.__setitem__(E, b"events: [\n"),
    "no country.yaml": lambda f: f.pop("azerbaijan/country.yaml"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_problems_from_memory_are_the_folders_problems_named_by_the_revision(name, data_copy):
    """The same edit, on disk and in memory, gives the same problems; in memory each names REV:path."""
    files = _files(DATA)
    EDITS[name](files)
    for path in data_copy.rglob("*"):
        if path.is_file():
            path.unlink()
    for rel, data in files.items():
        (data_copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (data_copy / rel).write_bytes(data)
    with pytest.raises(DataError) as on_disk:
        load_and_validate(data_copy)
    with pytest.raises(DataError) as in_memory:
        load_and_validate(Path(LABEL), files=from_memory(Path(LABEL), files))
    def named_by_revision(p: object) -> str:  # paths in the data name the revision; advice on --data stays as it is
        text = str(p).replace("policy_versions/", f"{LABEL}/").replace(f"--data PATH to a {LABEL}/", "--data PATH to a policy_versions/")
        return LABEL + text[len("policy_versions") :] if text.startswith("policy_versions:") else text

    assert [str(p) for p in in_memory.value.problems] == [named_by_revision(p) for p in on_disk.value.problems]
    assert all(str(p).startswith(LABEL) for p in in_memory.value.problems)
