"""What the downloads page offers with many transitions: every change in every format and language, the latest
transitions one by one in every format, older ones as the Word memo; and the page says so."""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile

import pytest

from aztimeline.export import FORMATS
from aztimeline.provenance import build_stamp
from aztimeline.site.generate import generate_edition
from aztimeline.site.pages.downloads import DOWNLOAD_FORMATS, RECENT_TRANSITIONS, ZIP_OVER, size_words
from aztimeline.validate import load_and_validate

from .conftest import ROOT


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    data = generate(tmp_path_factory.mktemp("downloads"), versions=RECENT_TRANSITIONS + 3, provisions=8, change_rate=0.3, seed=2)
    v = load_and_validate(data)
    stamp = build_stamp(data)
    return v, {lang: generate_edition(v, lang, stamp) for lang in ("nl", "en")}


def test_every_export_format_is_offered():
    assert sorted(DOWNLOAD_FORMATS) == sorted(FORMATS)


def test_many_transitions_offer_the_whole_set_and_the_latest_transitions_in_every_format(editions):
    v, sites = editions
    cd = next(iter(v.dataset.countries.values()))
    order = [aid for aid in sites["nl"].timelines[cd.country.id].order if v.changes.get(aid)]
    assert len(order) > RECENT_TRANSITIONS
    recent = order[-RECENT_TRANSITIONS:]
    for lang, site in sites.items():
        names = {n.removesuffix(".zip") for n in site.files if n.startswith("downloads/")}
        whole = {f"downloads/aztimeline-{lang}.{fmt}" for fmt in FORMATS}
        per = {f"downloads/aztimeline-{aid}-{lang}.{fmt}" for aid in recent for fmt in FORMATS}
        assert names == whole | per


def test_a_large_file_is_offered_zipped_and_the_archive_holds_the_export(editions, monkeypatch):
    """Small here, so the rule is checked at a limit the whole set's JSON passes (its 100-version size is 12 MB)."""
    from aztimeline.site.pages import downloads

    v, sites = editions
    every = sorted(r.id for recs in v.changes.values() for r in recs)
    for lang, site in sites.items():
        assert all(len(data) <= ZIP_OVER or name.endswith(".zip") for name, data in site.files.items() if name.startswith("downloads/"))
        whole = json.loads(site.files[f"downloads/aztimeline-{lang}.json"])  # the whole set: every change
        assert whole["lang"] == lang and sorted(c["id"] for c in whole["changes"]) == every
        assert all(rid in site.files[f"downloads/aztimeline-{lang}.md"].decode("utf-8") for rid in every)
    monkeypatch.setattr(downloads, "ZIP_OVER", 50_000)
    site = generate_edition(v, "nl", build_stamp(v.dataset.root))
    big = "downloads/aztimeline-nl.json"
    assert big not in site.files
    with zipfile.ZipFile(io.BytesIO(site.files[big + ".zip"])) as archive:
        assert archive.namelist() == ["aztimeline-nl.json"]
        assert archive.read("aztimeline-nl.json") == sites["nl"].files[big]  # the export itself, unchanged
        assert archive.infolist()[0].date_time[:3] == tuple(int(x) for x in site.stamp["made"].split("-"))
    page = site.pages["downloads.md"]
    assert '<a href="aztimeline-nl.json.zip" download>aztimeline-nl.json.zip</a>' in page
    unpacked = size_words(len(sites["nl"].files[big]), "nl")
    assert f"Als zip-archief, want het bestand is groot: uitpakken geeft aztimeline-nl.json ({unpacked})." in page
    assert 'href="aztimeline-nl.md" download' in page  # the small ones stay as they are


def test_the_page_links_every_file_with_its_size_and_says_what_is_offered(editions):
    _, sites = editions
    for lang, site in sites.items():
        page = site.pages["downloads.md"]
        linked = set(re.findall(r'<a href="([^"]+)" download>', page))
        assert linked == {n.removeprefix("downloads/") for n in site.files if n.startswith("downloads/")}
        for name in linked:
            assert f'{name}</a> <span class="azt-muted">({size_words(len(site.files["downloads/" + name]), lang)})' in page
    assert "De 5 meest recente overgangen staan ook elk apart klaar, in elk formaat, om door te sturen." in sites["nl"].pages["downloads.md"]
    assert "De wijzigingen van de 2 oudere overgangen staan in de bestanden met alle wijzigingen hierboven" in sites["nl"].pages["downloads.md"]
    assert "The 5 most recent transitions are also offered one by one, in every format, to forward." in sites["en"].pages["downloads.md"]


def test_sizes_are_written_as_readers_write_them():
    assert (size_words(16_449, "nl"), size_words(1_234_567, "nl"), size_words(1_234_567, "en"), size_words(80, "en")) == (
        "16 kB",
        "1,2 MB",
        "1.2 MB",
        "1 kB",
    )
