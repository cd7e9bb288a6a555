"""Generate both editions' pages, downloads, feed and JSON API into staged docs folders."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from ..addresses import page_url
from ..corrections import corrections_for_site
from ..export import export, select_changes
from ..precision import provision_json
from ..provenance import history_for_site
from ..schema import schema_texts
from ..timeline import asof_segments, load_timeline
from ..validate import Validated
from .chrome import atom_feed, print_address
from .context import Site, h
from .labels import LANG_NAME, LANGS, OTHER, T
from .pages import asof, changes, compare, corrections, glossary, home, sources, versions
from .pages import downloads as downloads_page
from .pages import timeline as timeline_page
from .render import ENV, fragment

ASSETS = Path(__file__).parent / "assets"
API_VERSIONS_SCHEMA = Path(__file__).parent / "api-versions.schema.json"
"""The JSON Schema of api/versions.json, written by hand (the file is assembled here, not a model)."""
MAX_NAV_ITEMS = 20
"""Above this many pages in a section (versions, changes, sources), its pages are reached from its index page only:
a longer list would not help anyone find a page, and every page of the site carries the navigation."""


def generate_edition(
    v: Validated, lang: str, stamp: dict[str, Any], *, downloads: bool = True, provenance: Any = None, site_url: str | None = None
) -> Site:
    """Render every generated page and file of one edition (in memory); site_url (checked) gives absolute links."""
    site = Site(v, lang, stamp, site_url=site_url)
    if provenance is not None:
        site.history, site.history_notice, site.corrections = provenance
    site.pages["index.md"] = home.render_home(site)
    site.pages["timeline.md"] = timeline_page.render_timeline(site)
    site.pages["versions/index.md"] = versions.render_versions_index(site)
    for cd in site.countries:
        for vid in cd.versions:
            site.pages[f"versions/{vid}.md"] = versions.render_version(site, vid)
        for sid in cd.sources:
            site.pages[f"sources/{sid}.md"] = sources.render_source(site, sid)
    site.pages["changes/index.md"] = changes.render_changes_index(site)
    for r in site.records():
        site.pages[f"changes/{r.id}.md"] = changes.render_change(site, r)
    site.pages["sources/index.md"] = sources.render_sources_index(site)
    site.pages["asof.md"] = asof.render_asof(site)
    site.pages["compare.md"] = compare.render_compare(site)
    site.pages["glossary.md"] = glossary.render_glossary(site)
    site.pages["corrections.md"] = corrections.render_corrections(site)
    available = _make_downloads(site) if downloads else {}
    site.pages["downloads.md"] = downloads_page.render_downloads(site, available)
    site.files["feed.xml"] = atom_feed(site)
    if lang == "nl":
        site.files.update(api_files(v))
    return site


def _make_downloads(site: Site) -> dict[str, tuple[str, int, int]]:
    """Write the exports the downloads page offers (downloads_page.offered) into the edition, a large one zipped
    (downloads_page.ZIP_OVER); name as offered -> (name as written, its size, the export's own size)."""
    written = {}
    with tempfile.TemporaryDirectory() as tmp:
        for aid in downloads_page.offered(site):
            if aid is None:
                sel = select_changes(site.v)
            else:
                a = next(cd.amendments[aid] for cd in site.countries if aid in cd.amendments)
                sel = select_changes(site.v, version_from=a.version_from, version_to=a.version_to)
            for fmt in downloads_page.DOWNLOAD_FORMATS:
                name = downloads_page.download_name(aid, site.lang, fmt)
                path = Path(tmp) / name.rsplit("/", 1)[1]
                export(site.v, sel, fmt, site.lang, site.stamp, site_url=site.site_url)(path)
                data = path.read_bytes()
                final, raw = name, len(data)
                if len(data) > downloads_page.ZIP_OVER:
                    final, data = name + ".zip", _zipped(path.name, data, site.stamp["made"])
                site.files[final] = data
                written[name] = (final, len(data), raw)
    return written


def _zipped(name: str, data: bytes, made: str) -> bytes:
    """A zip archive holding one file, dated by the build (the data's commit), so two builds give the same bytes."""
    year, month, day = (int(x) for x in made.split("-"))
    info = zipfile.ZipInfo(name, date_time=(year, month, day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr(info, data)
    return buf.getvalue()


API_VERSIONS_FORMAT = 2
"""The shape of api/versions.json: 2 stores each revision of a provision once (1 repeated every provision in every
version, 20 MB at 100 versions)."""


def api_files(v: Validated) -> dict[str, bytes]:
    """The static JSON API: versions (with each provision revision once), changes, as-of periods, and the JSON Schemas."""

    def dump(obj: Any) -> bytes:
        return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")

    versions: list[dict[str, Any]] = []
    revisions: dict[str, dict[str, Any]] = {}
    periods = []
    for cd in v.dataset.countries.values():
        tl = load_timeline(cd, v.changes)
        held: dict[str, list[tuple[Any, str]]] = {}  # provision id -> [(provision, revision key)], in timeline order
        for p in tl.periods:
            ver = cd.versions[p.version]
            refs = []
            for pid, pr in ver.provisions.items():
                known = held.setdefault(pid, [])
                key = next((k for same, k in known if same == pr), None)
                if key is None:  # a text not seen before (an identical text restored later is the same revision)
                    key = f"{cd.country.id}/{pid}/{len(known) + 1}"
                    known.append((pr, key))
                    revisions[key] = {"revision": key, "country": cd.country.id, **provision_json(cd, pid, pr)}
                refs.append(key)
            versions.append(
                {
                    "id": ver.id,
                    "country": cd.country.id,
                    "title_nl": ver.title_nl,
                    "title_en": ver.title_en,
                    "effective_from": p.start.isoformat() if p.start else None,
                    "effective_to": p.end.isoformat() if p.end else None,
                    "effective_from_basis": ver.effective_from_basis,
                    "milestones": ver.milestones.model_dump(mode="json", exclude_none=True),
                    "evidence_base": ver.evidence_base.model_dump(mode="json", exclude_none=True),
                    "provisions": refs,
                }
            )
        for seg in asof_segments(tl):
            a = seg["answer"]
            periods.append(
                {
                    "country": cd.country.id,
                    "from": seg["from"],
                    "to": seg["to"],
                    "version": a["version"]["id"] if a["version"] else None,
                    "start_unknown": a["start_unknown"],
                    "codification": a["codification"]["state"] if a["codification"] else None,
                    "pending": a["pending"],
                    "not_yet_codified": a["not_yet_codified"],
                    "basis": a["basis"],
                    "currency": a["currency"],
                }
            )
    files = {
        "api/versions.json": dump({"format_version": API_VERSIONS_FORMAT, "provisions": revisions, "versions": versions}),
        "api/changes.json": dump([r.model_dump(mode="json") for recs in v.changes.values() for r in recs]),
        "api/periods.json": dump(periods),
    }
    for name, text in schema_texts().items():
        files[f"api/schemas/{name}"] = text.encode("utf-8")
    files[f"api/schemas/{API_VERSIONS_SCHEMA.name}"] = API_VERSIONS_SCHEMA.read_bytes()
    return files


DEVELOPERS_ONLY = frozenset({"benchmarks.md"})
"""Files of docs/ kept in the repository for developers and not published (`make bench` writes benchmarks.md)."""
UNSEARCHED = frozenset({"asof.md", "compare.md"})
"""Pages left out of the search index: the as-of and compare pages repeat the rules and changes that their own pages
hold (search would list every rule once more for each version)."""


def handwritten(docs: Path, lang: str) -> dict[str, bytes]:
    """The hand-written files of one edition: docs/ for Dutch (without en/), docs/en/ for English."""
    root = docs if lang == "nl" else docs / "en"
    out = {}
    for path in sorted(root.rglob("*")):
        rel_path = path.relative_to(root).as_posix()
        if path.is_dir() or (lang == "nl" and rel_path.startswith("en/")) or rel_path in DEVELOPERS_ONLY:
            continue
        out[rel_path] = path.read_bytes()
    return out


def language_switch(page: str, lang: str, other_pages: set[str]) -> str:
    """A link to the same page in the other edition (or its home page when it has no such page)."""
    other = OTHER[lang]
    target = page if page in other_pages else "index.md"
    depth = len([p for p in page_url(page).split("/") if p])
    up = "../" * (depth + (1 if lang == "en" else 0))
    href = up + ("en/" if other == "en" else "") + page_url(target) or "./"
    label = T[lang]["language"]
    return (
        f'<nav class="azt-lang" aria-label="{h(label)}" data-search-exclude><span>{h(label)}:</span> <strong aria-current="true">{h(LANG_NAME[lang])}</strong> \u00b7 '
        f'<a href="{h(href)}" hreflang="{other}" lang="{other}">{h(LANG_NAME[other])}</a></nav>'
    )


def edition_files(v: Validated, stamp: dict[str, Any], docs: Path, *, site_url: str | None = None) -> dict[str, dict[str, bytes]]:
    """Every file of both editions, in memory: lang -> name in the edition -> bytes. site_url as from check_site_url.

    Names under downloads/ are files for the built site, not pages: MkDocs would render a Markdown download as a
    page, so the build puts them into the site after MkDocs ran (see `is_download`).
    """
    hist, notice = history_for_site(v.dataset.root)
    log = corrections_for_site(v.dataset.root)
    sites = {lang: generate_edition(v, lang, stamp, provenance=(hist, notice, log), site_url=site_url) for lang in LANGS}
    assets = {f"assets/{a.name}": a.read_bytes() for a in sorted(ASSETS.iterdir()) if a.is_file()}
    contents = {
        lang: handwritten(docs, lang) | {name: text.encode("utf-8") for name, text in site.pages.items()} | site.files | assets
        for lang, site in sites.items()
    }
    out: dict[str, dict[str, bytes]] = {}
    for lang, files in contents.items():
        other_pages = {n for n in contents[OTHER[lang]] if n.endswith(".md")}
        out[lang] = {}
        for name, data in sorted(files.items()):
            if name.endswith(".md") and not is_download(name):
                text = data.decode("utf-8")
                head = [print_address(site_url, lang, name), language_switch(name, lang, other_pages)]
                if stamp.get("dirty"):
                    head.append(fragment(ENV.get_template("draft_banner.html.j2").render(t=T[lang])))
                if lang == "en":
                    head.append(f'<p class="azt-unofficial" data-search-exclude>{h(T["en"]["unofficial_en"])}</p>')
                text = "\n\n".join(head) + "\n\n" + text
                data = (_front_matter(text, searched=name not in UNSEARCHED) + text).encode("utf-8")
            out[lang][name] = data
    return out


def is_download(name: str) -> bool:
    """A file of an edition that goes into the built site as it is, after MkDocs ran (not a page or a docs file)."""
    return name.startswith("downloads/")


def write_files(files: dict[str, bytes], folder: Path) -> None:
    """Write files (name -> bytes) under folder, making the folders they need."""
    made: set[Path] = set()
    for name, data in files.items():
        path = folder / name
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)


def write_editions(contents: dict[str, dict[str, bytes]], stage: Path) -> dict[str, Path]:
    """Write both editions' files (from edition_files) under stage: the docs folder an engine builds, and the
    downloads beside it (stage/LANG/extra), copied in after the engine ran. Returns lang -> docs folder."""
    out = {}
    for lang, files in contents.items():
        root = stage / lang / "docs"
        root.mkdir(parents=True, exist_ok=True)
        write_files({n: d for n, d in files.items() if not is_download(n)}, root)
        write_files({n: d for n, d in files.items() if is_download(n)}, stage / lang / "extra")
        out[lang] = root
    return out


def _front_matter(text: str, *, searched: bool = True) -> str:
    """Front matter with the page title as written in its heading (and, unless searched, search: exclude).

    Material prints page.meta.title into <title> as it is, but a title from the navigation through
    `striptags`, which turns our character references back into markup. A title in front matter keeps
    data text escaped in the <title> element as everywhere else.
    """
    title = _heading(text)
    if title is None:
        return ""
    hide = "" if searched else "search:\n  exclude: true\n"
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n{hide}---\n\n"


def _heading(text: str) -> str | None:
    """The text of a page's first heading of level 1, as written."""
    return next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), None)


def nav(site_pages: set[str], lang: str, titles: dict[str, str], order: list[str] | None = None) -> list[Any]:
    """The navigation of one edition; order lists generated pages in reading order (versions by date)."""
    t = T[lang]
    rank = {name: i for i, name in enumerate(order or [])}

    def entry(name: str) -> dict[str, str]:
        return {titles.get(name, name): name}

    def section(prefix: str) -> list[Any] | str:
        """The section's index page with its pages, or (with many) the index page alone, as a plain link."""
        children = sorted(
            (n for n in site_pages if n.startswith(prefix + "/") and n != f"{prefix}/index.md"), key=lambda n: (rank.get(n, len(rank)), n)
        )
        if len(children) > MAX_NAV_ITEMS:
            return f"{prefix}/index.md"
        return [f"{prefix}/index.md", *(entry(n) for n in children)]

    names = ("about.md", "method.md", "reading.md", "cite.md", "editors.md", "threat-model.md", "api.md", "cli.md")
    about = [entry(n) for n in names if n in site_pages]
    out: list[Any] = [
        {t["home"]: "index.md"},
        {t["asof"]: "asof.md"},
        {t["timeline"]: "timeline.md"},
        {t["versions"]: section("versions")},
        {t["changes"]: section("changes")},
        {t["sources"]: section("sources")},
        {t["compare"]: "compare.md"},
        {t["downloads"]: "downloads.md"},
        {t["corrections"]: "corrections.md"},
        {t["glossary"]: "glossary.md"},
    ]
    if about:
        out.append({t["about"]: about})
    return out


def reading_order(v: Validated) -> list[str]:
    """Generated pages in reading order: versions by date, then change pages in record order."""
    out = []
    for cd in v.dataset.countries.values():
        tl = load_timeline(cd, v.changes)
        out += [f"versions/{p.version}.md" for p in tl.periods]
    out += [f"changes/{r.id}.md" for recs in v.changes.values() for r in recs]
    return out


def titles(files: dict[str, bytes]) -> dict[str, str]:
    """The first heading of every page (name -> bytes) that has one, for navigation labels.

    The heading is kept exactly as written, with data text still escaped as character references:
    MkDocs and Material put navigation titles into the page without escaping them again.
    """
    headings = {name: _heading(data.decode("utf-8")) for name, data in files.items() if name.endswith(".md")}
    return {name: title for name, title in headings.items() if title is not None}
