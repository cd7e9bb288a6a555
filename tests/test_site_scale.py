"""A site with many versions keeps its pages small: the generated pages of synthetic data (benchmarks/synth.py) above
the limits of site/pages (400 provisions over all versions, 100 change records), read as Markdown before MkDocs."""

from __future__ import annotations

import re
import sys

import pytest

from aztimeline.provenance import build_stamp
from aztimeline.site.generate import MAX_NAV_ITEMS, generate_edition, nav
from aztimeline.site.pages.asof import ASOF_FULL_UP_TO
from aztimeline.site.pages.compare import PAIRS_UP_TO_CHANGES
from aztimeline.site.pages.versions import FULL_VERSION_PAGES_UP_TO
from aztimeline.validate import load_and_validate

from .conftest import ROOT


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    data = generate(tmp_path_factory.mktemp("large"), versions=6, provisions=80, change_rate=0.3, seed=3)
    v = load_and_validate(data)
    cd = next(iter(v.dataset.countries.values()))
    assert sum(len(x.provisions) for x in cd.versions.values()) > max(FULL_VERSION_PAGES_UP_TO, ASOF_FULL_UP_TO)
    assert sum(len(r) for r in v.changes.values()) > PAIRS_UP_TO_CHANGES
    return v, generate_edition(v, "nl", build_stamp(data), downloads=False)


def test_a_version_page_links_an_unchanged_provision_to_where_it_stands_in_full(large) -> None:
    v, site = large
    cd = next(iter(v.dataset.countries.values()))
    order = [p.version for p in site.timelines[cd.country.id].periods]
    first, second = order[0], order[1]
    page = site.pages[f"versions/{second}.md"]
    unchanged = [pid for pid, p in cd.versions[second].provisions.items() if cd.versions[first].provisions.get(pid) == p]
    assert unchanged
    for pid in unchanged:
        item = page[page.index(f'<li id="prov-{pid}">') :]
        item = item[: item.index("</li>")]
        assert f'href="../{first}/#prov-{pid}"' in item
        block = page[: page.index(f'<li id="prov-{pid}">')]
        block = block[block.rindex("<div") :]
        assert block.startswith('<div class="azt-carried" data-search-exclude>')  # searched once, on the version that brought it
        assert "</div>" not in block
    assert len(page) < len(site.pages[f"versions/{first}.md"]) / 2  # the first version shows every provision in full


def test_the_as_of_and_compare_pages_link_to_the_rules_and_changes_instead_of_carrying_them(large) -> None:
    v, site = large
    cd = next(iter(v.dataset.countries.values()))
    asof = site.pages["asof.md"]
    assert 'class="azt-rules"' not in asof and 'class="azt-rule"' not in asof
    periods = re.findall(r'<p class="azt-to-rules[^"]*"><a href="\.\./versions/([^/]+)/">', asof)
    assert sorted(set(periods)) == sorted(cd.versions)  # each period's rules: its version page
    compare = site.pages["compare.md"]
    assert 'class="azt-pair"' not in compare
    steps = re.findall(r'<li><a href="\.\./changes/#([^"]+)">', compare)
    assert sorted(steps) == sorted(cd.amendments)  # each step between neighbours: its transition's changes
    for aid in cd.amendments:
        assert f"{{: #{aid} }}" in site.pages["changes/index.md"]  # the anchor those links open


def test_the_navigation_lists_a_sections_pages_only_while_few() -> None:
    few = {"versions/index.md", "versions/a.md", "versions/b.md"}
    many = {"changes/index.md", *(f"changes/c{i:03}.md" for i in range(MAX_NAV_ITEMS + 1))}
    items = {k: v for entry in nav(few | many | {"sources/index.md"}, "nl", {}) for k, v in entry.items()}
    assert items["Versies"] == ["versions/index.md", {"versions/a.md": "versions/a.md"}, {"versions/b.md": "versions/b.md"}]
    assert items["Wijzigingen"] == "changes/index.md"
    assert items["Bronnen"] == ["sources/index.md"]


def test_search_leaves_out_what_pages_repeat() -> None:
    from aztimeline.site.generate import UNSEARCHED, _front_matter

    assert {"asof.md", "compare.md"} <= UNSEARCHED
    assert "search:\n  exclude: true" in _front_matter("# Geldend op datum\n", searched=False)

