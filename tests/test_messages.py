"""The message catalogues (src/aztimeline/*/messages.toml): what an editor's slip there looks like to the user."""

from __future__ import annotations

import shutil

import pytest

from aztimeline.errors import DataError
from aztimeline.messages import by_lang, read_catalogue

from .conftest import ROOT, run_subprocess

GOOD = """# a comment
[t]
home = ['Start', 'Home']
page_of = [['pagina ', ' van '], ['page ', ' of ']]

[t.deeper]
open = ['heden', 'now']

[glossary]
terms = [['asiel', 'asylum'], ['land', 'country']]

[number_words]
nl = ['geen', 'één']
en = ['no', 'one']
"""


def test_a_catalogue_is_read_as_tables_of_pairs():
    tables = read_catalogue(GOOD, "messages.toml")
    assert by_lang(tables["t"])["en"] == {"home": "Home", "page_of": ("page ", " of "), "deeper": {"open": "now"}}
    assert tables["glossary"]["terms"] == (("asiel", "asylum"), ("land", "country"))
    assert tables["number_words"]["nl"] == ("geen", "één")


def test_every_entry_that_is_not_a_pair_is_named_with_its_line():
    text = GOOD.replace("home = ['Start', 'Home']", "home = ['Start']").replace("open = ['heden', 'now']", "open = 'heden'")
    text = text.replace("['land', 'country']", "['land']")
    with pytest.raises(DataError) as err:
        read_catalogue(text, "site/messages.toml")
    assert [str(p) for p in err.value.problems] == [
        "site/messages.toml:3: t.home: must be a pair of texts ['Dutch', 'English'], not ['Start']",
        "site/messages.toml:7: t.deeper.open: must be a pair of texts ['Dutch', 'English'], not 'heden'",
        "site/messages.toml:10: glossary.terms: each item must be a pair ['Dutch', 'English']",
    ]


def test_a_syntax_error_is_one_located_problem():
    with pytest.raises(DataError) as err:
        read_catalogue(GOOD.replace("home = ['Start', 'Home']", "home = ['Start', 'Home'"), "site/messages.toml")
    (problem,) = err.value.problems
    assert (problem.file, problem.line) == ("site/messages.toml", 4)
    assert problem.message.startswith("not valid TOML here or just above (Unclosed array)")


def test_a_broken_catalogue_stops_the_command_with_the_problem_and_no_traceback(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src/aztimeline", src / "aztimeline")  # the package, with one entry that lost its English
    site = src / "aztimeline/site/messages.toml"
    site.write_text(site.read_text(encoding="utf-8").replace("home = ['Start', 'Home']", "home = ['Start']"), encoding="utf-8")
    r = run_subprocess(
        "build", "--output", str(tmp_path / "site"), env={"PYTHONPATH": str(src), "PYTHONPYCACHEPREFIX": str(tmp_path / "pyc")}
    )
    assert r.code == 2
    assert r.err.splitlines() == [
        f"{site}:9: t.home: must be a pair of texts ['Dutch', 'English'], not ['Start']",
        "aztimeline: 1 problem found; nothing was written",
    ]
    assert "Traceback" not in r.err and not (tmp_path / "site").exists()
