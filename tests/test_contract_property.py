"""The contract as a property: any data set that validate accepts builds, and exports in all five formats.

Hypothesis writes generated text (any printable Unicode of the Basic Multilingual Plane, markup and quotes
included) into titles and summaries, and generated dates (anywhere in the documented range) into events, of a
copy of the real data. Whatever validate accepts must then build and export without an exception. Example
counts are small: each build runs MkDocs twice.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from aztimeline.dates import DATE_MAX, DATE_MIN
from aztimeline.errors import DataError
from aztimeline.yamlload import forbidden_char

from .conftest import DATA, ROOT

A = "azerbaijan/versions/az-2020-11-18.yaml"
B = "azerbaijan/versions/az-before-2020-11-18.yaml"
E = "azerbaijan/events.yaml"

TEXT = st.text(st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(
    lambda t: t.strip() and forbidden_char(t) is None
)
SHORT = TEXT.filter(lambda t: len(t) <= 300)
DATES = st.dates(min_value=DATE_MIN, max_value=DATE_MAX)


def _quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar; \u escapes keep the stream printable


def _write(tmp: Path, title: str, summary: str, event_title: str, day: dt.date) -> Path:
    data = tmp / "policy_versions"
    shutil.copytree(DATA, data)
    for name in (A, B):  # the same provision title in both versions: unchanged, so it needs no justification
        version = data / name
        text = version.read_text(encoding="utf-8").replace("    title_en: No decision moratorium\n", f"    title_en: {_quoted(title)}\n", 1)
        version.write_text(text, encoding="utf-8")
    version = data / A
    text = version.read_text(encoding="utf-8")
    text = text.replace("title_en: Policy after the letter of 18 November 2020\n", f"title_en: {_quoted(summary)}\n", 1)
    version.write_text(text, encoding="utf-8")
    events = data / E
    etext = events.read_text(encoding="utf-8")
    etext = etext.replace("    date: 2019-03-16\n", f"    date: {day.isoformat()}\n", 1)
    etext = etext.replace(
        "    title_en: President Aliyev's Novruz pardon for more than four hundred prisoners\n",
        f"    title_en: {_quoted(event_title)}\n",
        1,
    )
    events.write_text(etext, encoding="utf-8")
    return data


def _validated(data: Path, *, in_hypothesis: bool = True):
    from aztimeline.validate import load_and_validate

    try:
        return load_and_validate(data)
    except DataError as exc:
        if not in_hypothesis:
            raise
        note(f"refused: {exc}")
        return None


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=SHORT, summary=SHORT, event_title=SHORT, day=DATES)
def test_whatever_validates_builds(tmp_path_factory, title, summary, event_title, day):
    from aztimeline.site.build import build_site

    tmp = tmp_path_factory.mktemp("prop-build")
    data = _write(tmp, title, summary, event_title, day)
    if _validated(data) is None:
        return
    out = build_site(data, tmp / "site", root=ROOT)
    assert (out / "index.html").is_file() and (out / "en/index.html").is_file()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=SHORT, summary=SHORT, event_title=SHORT, day=DATES, lang=st.sampled_from(["nl", "en"]))
def test_whatever_validates_exports_in_every_format(tmp_path_factory, title, summary, event_title, day, lang):
    from aztimeline.export import FORMATS, export, select_changes
    from aztimeline.provenance import build_stamp

    tmp = tmp_path_factory.mktemp("prop-export")
    data = _write(tmp, title, summary, event_title, day)
    v = _validated(data)
    if v is None:
        return
    sel = select_changes(v)
    for fmt in FORMATS:
        out = tmp / f"export.{fmt}"
        export(v, sel, fmt, lang, build_stamp(data))(out)
        assert out.stat().st_size > 0, fmt


def test_the_generated_data_sets_are_accepted():
    """The property tests prove something only if validate accepts what they generate: check a hard example."""
    import tempfile

    hard = "<script>\u00e9\u4e2d\u0645 {{ x }} \t*[a](javascript:1)* \u2028 ' \" \\"
    assert forbidden_char(hard) is None
    with tempfile.TemporaryDirectory() as tmp:
        data = _write(Path(tmp), hard, hard, hard, DATE_MAX)
        assert _validated(data, in_hypothesis=False) is not None
