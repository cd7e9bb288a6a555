"""A modified rule's change page shows its text before and after once each, the changed words marked in them, and
its other changed fields in words (quotes with their place), not a third copy of the text in a table of field paths;
and a rule's attributes in words that keep the letter's conditions."""

from __future__ import annotations

import re
import sys

import pytest

from aztimeline.site.context import Site
from aztimeline.site.pages.changes import render_change
from aztimeline.source import normalise_ws
from aztimeline.validate import load_and_validate

from .conftest import ROOT

STAMP = {"data": "", "data_nl": "", "tool": "", "dirty": False}


@pytest.fixture(scope="module")
def modified(tmp_path_factory: pytest.TempPathFactory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    v = load_and_validate(generate(tmp_path_factory.mktemp("change"), versions=3, provisions=10, change_rate=0.5, seed=4))
    records = [r for recs in v.changes.values() for r in recs if r.kind == "modified" and {f.path for f in r.fields} >= {"summary_nl", "citations"}]
    assert records
    return v, records[0]


def test_the_text_stands_once_on_each_side_with_its_changed_words_marked(modified):
    v, r = modified
    page = render_change(Site(v, "nl", STAMP), r)
    (f,) = [f for f in r.fields if f.path == "summary_nl"]
    kept = max((w.text for w in f.words if w.op == "equal"), key=len).strip()
    assert page.count(kept) == 2  # before and after; the table no longer repeats it
    before, after = page.split('<div class="azt-side azt-after"', 1)
    for w in f.words:
        if w.op == "delete":
            assert f'<del><span class="azt-sr">[geschrapt: </span>{w.text}' in before and w.text.strip() not in after.split("<table>")[0]
        if w.op == "insert":
            assert f'<ins><span class="azt-sr">[ingevoegd: </span>{w.text}' in after
    assert "<code>summary_nl</code>" not in page and "<code>summary_en</code>" not in page


def test_changed_quotations_are_listed_with_where_they_stand(modified):
    v, r = modified
    page = render_change(Site(v, "en", STAMP), r)
    row = page[page.index('<th scope="row">Quotations</th>') :]
    row = row[: row.index("</tr>")]
    (f,) = [f for f in r.fields if f.path == "citations"]
    gone = [c for c in f.before if c not in f.after]
    new = [c for c in f.after if c not in f.before]
    assert gone or new
    shown = re.findall(r'<q lang="nl">([^<]*)</q> — <a href="\.\./\.\./sources/([^/]+)/#(p\d+)">paragraph \d+ \(page \d+\)</a>', row)
    assert [(normalise_ws(c["quote"]), c["source"], c["anchor"]) for c in gone + new] == [(q, s, a) for q, s, a in shown]


@pytest.mark.parametrize(
    "lang, record, words",
    [
        ("nl", "az-2020-11-18.lgbti", "uitgangspunt: bij een gegronde individuele vrees kan daarop niet worden gerekend"),
        ("en", "az-2020-11-18.armenian-ethnicity", "starting point: cannot be relied on where there is a well-founded individual fear"),
        ("nl", "az-2020-11-18.risk-group-critics", "hoeft bij een gegronde vrees niet te worden ingeroepen"),
    ],
)
def test_protection_by_the_authorities_keeps_the_letters_condition(lang: str, record: str, words: str) -> None:
    """Letter, paragraphs 5 and 6: the authorities' protection need not be sought, or cannot be relied on, only where
    the fear is well-founded (and for LHBTI and Armenian ethnicity as a starting point); the attribute says so too,
    so that it cannot be quoted as absolute."""
    v = load_and_validate(ROOT / "policy_versions")
    (r,) = [r for recs in v.changes.values() for r in recs if r.id == record]
    page = render_change(Site(v, lang, STAMP), r)
    label = "Bescherming van de autoriteiten" if lang == "nl" else "Protection by the authorities"
    assert f"<dt>{label}</dt><dd>{words}</dd>" in page


def test_a_record_names_the_publication_its_link_goes_to(built_site):
    """The record "rectificatie van Stcrt. 2021, 1592" was one link to the first publication, which read as the
    address of the rectification (a lawyer's read): the link is on the name of the publication it opens. The
    timeline links an event's record too, where the record gives its publication (it had named the link's form)."""
    link = '<a href="https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html" rel="external">'
    for page, words in (("changes/az-2020-11-18.lgbti", "rectificatie van "), ("en/timeline", "rectification of ")):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert f"{words}{link}Stcrt. 2021, 1592</a>" in html and f"{link}{words}" not in html
    timeline = (built_site / "timeline/index.html").read_text(encoding="utf-8")
    assert 'vindplaats: <a href="https://zoek.officielebekendmakingen.nl/ah-tk-20202021-831.html" rel="external">Aanhangsel' in timeline


@pytest.mark.parametrize("space", [" ", "\n", "\u00a0", "\u2003"])
def test_a_records_link_keeps_a_space_beside_it_of_any_kind(space):
    """The record link put back only a plain space beside the publication's name: after a line break, NBSP or em
    space the words ran into the link (an outside tester). Any space there stands as one."""
    from aztimeline.site.render import ENV

    macro = ENV.from_string('{% import "_common.html.j2" as c %}{{ c.record(f) }}')
    f = {"url": "https://x.example/", "cite_as": "Stcrt. 2021, 1592", "record": f"rectificatie van{space}Stcrt. 2021, 1592{space}(zie)"}
    assert macro.render(f=f) == 'rectificatie van <a href="https://x.example/" rel="external">Stcrt. 2021, 1592</a> (zie)'
