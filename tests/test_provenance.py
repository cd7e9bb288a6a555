"""Provenance with real git repositories under tmp_path, with a fixed author and fixed dates."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from aztimeline.corrections import corrections_log, editorial_diff, review_diff
from aztimeline.provenance import build_stamp, file_histories, history, opened
from aztimeline.validate import load_and_validate

from .conftest import DATA, ROOT, add_version_2025, edit, run_subprocess

AUTHOR = {
    "GIT_AUTHOR_NAME": "Editor One",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor One",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
}


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.n = 0
        root.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        day = f"2021-01-{10 + self.n:02d}T12:00:00+00:00"
        env = {**os.environ, **AUTHOR, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
        return subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True).stdout

    def commit(self, message: str) -> str:
        self.n += 1
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


def data_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A repository under tmp_path whose first commit holds today's data; the working directory is its root."""
    r = Repo(tmp_path / "work")
    shutil.copytree(DATA, r.root / "policy_versions")
    r.commit("Add the policy before and after 18 November 2020")
    monkeypatch.chdir(r.root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return r


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return data_repo(tmp_path, monkeypatch)


A = "policy_versions/azerbaijan/versions/az-2020-11-18.yaml"
SUMMARY = "An asylum application is assessed only against the main territory of Azerbaijan"


def test_clean_and_dirty_build_stamps(repo):
    clean = build_stamp(repo.root / "policy_versions")
    assert clean["git"] == "ok" and not clean["dirty"]
    assert clean["commit"] == repo.git("rev-parse", "HEAD").strip()
    assert clean["commit_date"] == "2021-01-11T12:00:00+00:00" and clean["made"] == "2021-01-11"
    # a later commit of something else does not make the data newer: the stamp names the data's last commit
    (repo.root / "README.md").write_text("Notes\n", encoding="utf-8")
    repo.commit("Notes, not data")
    assert build_stamp(repo.root / "policy_versions") == clean
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    dirty = build_stamp(repo.root / "policy_versions")
    assert dirty["dirty"] and dirty["data"].endswith("+ uncommitted changes")
    repo.commit("Correct the summary")
    newer = build_stamp(repo.root / "policy_versions")
    assert newer["commit"] == repo.git("rev-parse", "HEAD").strip() and newer["commit_date"] == "2021-01-13T12:00:00+00:00"


def test_dirty_site_shows_a_draft_banner_and_release_is_refused(repo, cli):
    from aztimeline.site.build import build_site

    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    out = repo.root / "site"
    build_site(repo.root / "policy_versions", out, root=ROOT)
    for page in ("index.html", "changes/az-2020-11-18.lgbti/index.html", "en/versions/az-2020-11-18/index.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert "azt-draft" in text and ("CONCEPT" in text or "DRAFT" in text)
    r = cli("build", "--release", "--output", str(repo.root / "site2"))
    assert r.code == 2
    assert r.err.strip() == (
        f"aztimeline: error: --release refused: {repo.root / 'policy_versions'} has uncommitted changes; "
        "commit them (or build without --release for a draft)"
    )
    assert not (repo.root / "site2").exists()


def test_release_outside_git_is_refused(data_copy, cli):
    r = cli("build", "--release", "--output", str(data_copy.parent / "site"))
    assert (r.code, r.out) == (2, "")
    assert r.err.strip() == "aztimeline: error: --release needs the data in a git checkout, so the site can name the commit of its data"
    assert not (data_copy.parent / "site").exists()


def test_dirty_export_says_draft(repo, cli):
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    out = repo.root / "x.md"
    assert cli("export", "--format", "md", "--output", str(out), "--lang", "en").code == 0
    text = out.read_text()
    assert "**DRAFT: made from data that is not (fully) committed to git (commit " in text and "+ uncommitted changes" in text


def test_a_memo_dated_before_the_data_was_last_edited_or_after_today_says_so(repo, cli):
    """A memo's statuses are those of its date: --memo-date 2020-12-07 for 2026-12-07 wrote "nog niet opgenomen in de
    Vc" without a word (a liaison's read). The data here was last edited on 11 January 2021."""
    for day, noted in (("2020-12-07", True), ("2021-01-11", False), ("2021-02-01", False)):
        r = cli("export", "--format", "json", "--output", "x.json", "--force", "--memo-date", day)
        assert r.code == 0 and r.out == "wrote x.json (8 changes, json)\n"
        note = (
            f"note: the memo is dated {day}, before the data was last edited (2021-01-11); its statuses are those of "
            f"{day}: if that is a slip, export again with --memo-date YYYY-MM-DD\n"
        )
        assert r.err == (note if noted else "")
    # and after today: 2062 for 2026 was taken without a word (a liaison's read)
    later = dt.date.today() + dt.timedelta(days=1)
    r = cli("export", "--format", "json", "--output", "x.json", "--force", "--memo-date", later.isoformat())
    assert r.code == 0 and r.err == (
        f"note: the memo is dated {later}, after today ({dt.date.today()}); its statuses are those the data gives for {later}: if "
        "that is a slip, export again with --memo-date YYYY-MM-DD\n"
    )
    r = cli("export", "--format", "md", "--output", "y.md", "--memo-date", "1899-12-31")
    assert r.code == 2 and not Path("y.md").exists()
    assert r.err == "aztimeline: error: --memo-date: 1899-12-31 is outside the dates the data can hold (1900-01-01 to 2199-12-31); check the year\n"


def test_history_of_one_file_named_as_the_list_names_it(repo, cli):
    """`history` lists azerbaijan/events.yaml, and `history azerbaijan/events.yaml` said "not found" (found by an
    outside tester): a name is looked for from the current folder, then from the data folder."""
    listed = cli("history").out.splitlines()
    assert "azerbaijan/events.yaml" in listed
    by_list, by_path = cli("history", "azerbaijan/events.yaml"), cli("history", "policy_versions/azerbaijan/events.yaml")
    assert by_list.code == 0 and by_list.out == by_path.out and by_list.out.startswith("azerbaijan/events.yaml\n")
    assert cli("history", "azerbaijan/nope.yaml").err == "aztimeline: error: azerbaijan/nope.yaml not found\n"


def test_history_follows_renames(repo, cli):
    (repo.root / "policy_versions/azerbaijan/events.yaml").write_text(
        (repo.root / "policy_versions/azerbaijan/events.yaml").read_text() + "\n", encoding="utf-8"
    )
    repo.commit("Events: trailing newline")
    repo.git("mv", "policy_versions/azerbaijan/events.yaml", "policy_versions/azerbaijan/old-events.yaml")
    repo.commit("Rename events")
    with opened(repo.root) as r:
        assert r is not None
        versions = file_histories(r, "policy_versions/azerbaijan")["policy_versions/azerbaijan/old-events.yaml"]
    assert [v.message for v in versions] == [
        "Add the policy before and after 18 November 2020",
        "Events: trailing newline",
        "Rename events",
    ]
    assert [v.path.rsplit("/", 1)[1] for v in versions] == ["events.yaml", "events.yaml", "old-events.yaml"]
    assert {v.author for v in versions} == {"Editor One"}
    assert [v.date[:10] for v in versions] == ["2021-01-11", "2021-01-12", "2021-01-13"]


@pytest.mark.parametrize("odd", ["ev\nents.yaml", b"ev\xe9nts.yaml"])
def test_a_rename_through_a_name_git_cannot_write_as_one_text_line_is_a_removal_and_an_addition(repo, odd):
    """GitPython reads a raw diff line by line, as UTF-8, in a thread: such a name printed that thread's traceback and
    the rename of the same commit went missing (found from outside)."""
    folder = repo.root / "policy_versions/azerbaijan"
    name = os.fsdecode(odd) if isinstance(odd, bytes) else odd
    (folder / "events.yaml").rename(folder / name)
    repo.commit("Move events away")
    (folder / name).rename(folder / "events.yaml")
    repo.commit("Move events back")
    r = run_subprocess("history", "policy_versions/azerbaijan/events.yaml", "--format", "json", cwd=repo.root)
    assert (r.code, r.err) == (0, "")
    ((_, entries),) = json.loads(r.out).items()
    assert [e["message"] for e in entries] == ["Add the policy before and after 18 November 2020", "Move events away", "Move events back"]


def test_history_command(repo, cli):
    r = cli("history", A, "--format", "json")
    assert r.code == 0
    ((name, entries),) = json.loads(r.out).items()
    assert name == "azerbaijan/versions/az-2020-11-18.yaml"
    assert entries[0]["author"] == "Editor One" and entries[0]["message"] == "Add the policy before and after 18 November 2020"
    # the editorial history of the data: a file outside it (code commits) or a folder is refused, not listed
    # (found by an outside tester: `history README.md` listed code commits, `history policy_versions` printed ".")
    (repo.root / "README.md").write_text("x\n", encoding="utf-8")
    for path in ("README.md", "policy_versions"):
        r = cli("history", path)
        assert (r.code, r.out) == (2, "")
        assert r.err.splitlines() == [
            f"aztimeline: error: {path} is not a data file in {repo.root / 'policy_versions'}; give one of its files, or no PATH for "
            "every data file"
        ]


def test_history_lists_no_hidden_file_as_data(repo, cli):
    """`history` listed committed hidden files (azerbaijan/versions/.draft.yaml) as data files, which the loader never
    reads (found by an outside tester's second round)."""
    hidden = repo.root / "policy_versions/azerbaijan/versions/.draft.yaml"
    hidden.write_text("x: 1\n", encoding="utf-8")
    repo.git("add", "-f", str(hidden))
    repo.commit("A draft, hidden")
    files = set(json.loads(cli("history", "--format", "json").out))
    assert "azerbaijan/versions/az-2020-11-18.yaml" in files and not any("/." in f or f.startswith(".") for f in files)


def test_review_diff_of_a_correction_is_editorial(repo, cli):
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    changes, a, b = review_diff(repo.root / "policy_versions", "HEAD")
    assert (a, b) == ("HEAD", "working tree")
    assert [c.describe() for c in changes] == ["summary_en of provision az-2020-11-18/assessment-main-territory corrected"]
    r = cli("diff", "--rev", "HEAD")
    assert r.code == 0
    assert "  summary_en of provision az-2020-11-18/assessment-main-territory corrected" in r.out.splitlines()
    assert (
        r.out.splitlines()[0]
        == "Differences in the data from HEAD to working tree (between git revisions; `aztimeline changes` lists policy changes):"
    )


def test_review_diff_between_two_revisions_of_a_policy_change(repo, cli):
    first = repo.git("rev-parse", "HEAD").strip()
    # a policy change: the letter's version gains a provision, with its justification
    edit(repo.root / A, "  assessment-main-territory:\n", "  assessment-main-territory-copy:\n")
    edit(
        repo.root / "policy_versions/azerbaijan/amendments/az-2020-11-18.yaml",
        "  assessment-main-territory:\n",
        "  assessment-main-territory-copy:\n",
        count=3,  # its justification, its note and its reason
    )
    second = repo.commit("Rename a provision id")
    r = cli("diff", "--rev", first, "--rev", second, "--format", "json")
    doc = json.loads(r.out)
    described = {(c["kind"], c["id"], c["change"]) for c in doc["editorial_changes"]}
    assert ("provision", "az-2020-11-18/assessment-main-territory", "removed") in described
    assert ("provision", "az-2020-11-18/assessment-main-territory-copy", "added") in described


def test_review_diff_text_shows_a_long_value_where_it_changed(repo, cli):
    """Both sides of a correction late in a long summary were cut before it, and looked the same (an editor's read)."""
    edit(repo.root / A, "mensenrechten, en die door", "mensenrechten, of als blogger, en die door")
    r = cli("diff", "--rev", "HEAD")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    at = lines.index("  summary_nl of provision az-2020-11-18/risk-group-critics corrected")
    assert lines[at + 1 : at + 3] == [
        "    - ...gebied van mensenrechten, en die door significante kritiek op de...",
        "    + ...gebied van mensenrechten, of als blogger, en die door significan...",
    ]


def test_review_diff_text_shows_a_quote_added_to_a_list_as_added(repo, cli):
    """A quote added to a change's justification read as a quote replaced: both lists were shown from where they first
    differ (a new editor's read). A list is shown by what joined it and what left it, as the Corrections page does."""
    amendment = repo.root / "policy_versions/azerbaijan/amendments/az-2020-11-18.yaml"
    first = "      quote: Bepaalde groepen kunnen hierdoor niet op bescherming van de autoriteiten rekenen.\n"
    added = (
        "    - source: kamerbrief-2020-11-18\n      anchor: p3\n      quote: Er zijn evenmin internationale organisaties aanwezig in"
        " Azerbeidzjan die bescherming aan deze groepen kunnen bieden.\n"
    )
    edit(amendment, first, first + added)
    lines = cli("diff", "--rev", "HEAD").out.splitlines()
    at = lines.index("  justifications.risk-group-critics of amendment az-2020-11-18 corrected")
    assert lines[at + 1 :] == ['    + {"source": "kamerbrief-2020-11-18", "anchor": "p3", "quote": "Er zijn evenmin internationale organisaties a...']


def test_review_diff_text_gives_each_item_that_left_or_joined_a_list_its_own_line(repo, cli):
    """A list from which one quote left and another joined came out on one line, the two joined by a written-out
    "\\x0a" (the terminal filter escapes a line break inside one printed text)."""
    amendment = repo.root / "policy_versions/azerbaijan/amendments/az-2020-11-18.yaml"
    first = "      quote: Bepaalde groepen kunnen hierdoor niet op bescherming van de autoriteiten rekenen.\n"
    other = (
        "      quote: Er zijn evenmin internationale organisaties aanwezig in Azerbeidzjan die bescherming aan deze groepen"
        " kunnen bieden.\n"
    )
    assert first in amendment.read_text(encoding="utf-8")
    edit(amendment, first, other)
    lines = cli("diff", "--rev", "HEAD").out.splitlines()
    at = lines.index("  justifications.risk-group-critics of amendment az-2020-11-18 corrected")
    assert lines[at + 1 :] == [
        '    - {"source": "kamerbrief-2020-11-18", "anchor": "p3", "quote": "Bepaalde groepen kunnen hierdoor niet op besc...',
        '    + {"source": "kamerbrief-2020-11-18", "anchor": "p3", "quote": "Er zijn evenmin internationale organisaties a...',
    ]


def test_corrections_log_lists_corrections_not_new_versions(repo):
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    repo.commit("Correct a summary")
    log, notice = corrections_log(repo.root / "policy_versions")
    assert notice is None
    assert [c.commit.message for c in log] == ["Correct a summary"]
    assert [ch.describe() for ch in log[0].changes] == ["summary_en of provision az-2020-11-18/assessment-main-territory corrected"]


def test_a_new_search_for_later_changes_is_an_update_not_a_correction(repo, cli):
    """Moving currency.checked_until to a new version's date, as validate asks, stood on the public Corrections page as
    "currency.checked_until: corrected" (an editor's read). A search that reaches later replaces the record of the
    one before (its dates, basis and fact): `diff` says updated, and the Corrections page leaves it out; a correction
    of that record without a new search is still one."""
    country = repo.root / "policy_versions/azerbaijan/country.yaml"
    add_version_2025(repo.root / "policy_versions")
    edit(country, "A search of public records up to 2025 (done", "A search of public records up to 31 March 2025 (done")
    # the new search's own fact in place of the old one's ("facts corrected" had stood on the Corrections page)
    country.write_text(country.read_text(encoding="utf-8").replace("fact-search-up-to-2025", "fact-search-2025-03"), encoding="utf-8")
    lines = cli("diff", "--rev", "HEAD").out.splitlines()
    assert "  currency.checked_until of country azerbaijan updated" in lines
    assert "  currency.basis_en of country azerbaijan updated" in lines
    assert "  facts of country azerbaijan updated" in lines and not [line for line in lines if "corrected" in line]
    repo.commit("Letter of 14 March 2025, and the search for later changes up to its date")
    edit(country, "Absence in a search is not proof of absence.\n", "Absence in a search is no proof of absence.\n")
    repo.commit("Correct the basis of the search")
    # a search that reaches later again and finds a development: it is added to the list, an update; a published
    # fact rewritten in the same commit is still a correction (an outside tester: pointing the search at a published
    # fact and rewriting that had hidden it)
    edit(country, "checked_until: 2025-03-31", "checked_until: 2025-06-30")
    found = "    - id: later-report\n      date: 2025-05-01\n      title_nl: Nieuw ambtsbericht\n      title_en: New country report\n"
    edit(country, "    - id: wbv-2022-1\n", found + "      fact: fact-wbv-2022-1\n    - id: wbv-2022-1\n")
    edit(country, "which replaced paragraph C7/5 as a whole.", "which replaced paragraph C7/5 in part.")
    edit(country, "\n  fact: fact-search-2025-03\n", "\n  fact: fact-wbv-2021-2\n")  # the search now names the rewritten fact
    lines = cli("diff", "--rev", "HEAD").out.splitlines()
    assert "  currency.known_later of country azerbaijan updated" in lines and "  facts of country azerbaijan corrected" in lines
    repo.commit("Search up to June 2025; and WBV 2021/2 replaced C7/5 in part")
    log, _ = corrections_log(repo.root / "policy_versions")
    assert [(c.commit.message, [ch.describe() for ch in c.changes]) for c in log] == [
        ("Correct the basis of the search", ["currency.basis_en of country azerbaijan corrected"]),
        ("Search up to June 2025; and WBV 2021/2 replaced C7/5 in part", ["facts of country azerbaijan corrected"]),
    ]


def test_a_commit_that_no_longer_validates_is_left_out_without_a_warning(repo, caplog):
    """Rules grow stricter over time, so old commits stop validating: that is normal, and says nothing on a build."""
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    edit(repo.root / A, "effective_from: 2020-11-18", "effective_from: 2020-11-31")  # not a date: never publishable
    repo.commit("Work in progress")
    edit(repo.root / A, "effective_from: 2020-11-31", "effective_from: 2020-11-18")
    repo.commit("Correct the date")
    log, _ = corrections_log(repo.root / "policy_versions")
    assert [c.commit.message for c in log] == ["Correct the date"]
    from aztimeline.site.build import build_site

    with caplog.at_level(logging.WARNING, logger="aztimeline"):
        build_site(repo.root / "policy_versions", repo.root / "site", root=ROOT)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_corrections_page_on_the_site(repo):
    from aztimeline.site.build import build_site

    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    repo.commit("Correct a summary")
    out = repo.root / "site"
    build_site(repo.root / "policy_versions", out, root=ROOT)
    page = (out / "en/corrections/index.html").read_text(encoding="utf-8")
    what = "Provision <code>az-2020-11-18/assessment-main-territory</code>, field <code>summary_en</code>: corrected"
    assert "Correct a summary" in page and what in page
    version = (out / "en/versions/az-2020-11-18/index.html").read_text(encoding="utf-8")
    assert "Editor One: Correct a summary" in version and "Editor One: Add the policy before and after 18 November 2020" in version
    page_nl = (out / "corrections/index.html").read_text(encoding="utf-8")
    assert "Onderdeel <code>az-2020-11-18/assessment-main-territory</code>, veld <code>summary_en</code>: gecorrigeerd" in page_nl
    assert "Correct a summary" not in page_nl and "Engelse editie" in page_nl
    # our English text keeps its language on the Dutch page: one text, the corrected word marked
    assert re.search(r'<span lang="en"><del><span class="azt-sr">\[geschrapt: </span>An<span class="azt-sr">\]</span></del><ins>.{0,60}Any', page_nl)
    # The Dutch edition names the editor and the commit, but not the (English) commit subject.
    version_nl = (out / "versions/az-2020-11-18/index.html").read_text(encoding="utf-8")
    assert "Editor One" in version_nl and "Correct a summary" not in version_nl


def test_scaffold_a_new_version_and_validate_it(repo, cli, tmp_path):
    letter = tmp_path / "2021-12-07 Landenbeleid Azerbeidzjan.txt"
    letter.write_text("Datum 7 december 2021\n\nHet uitgangspunt voor alleenstaande minderjarigen wordt aangepast.\n", encoding="utf-8")
    r = cli("new-version", "--from", "az-2020-11-18", "--source", str(letter), "--date", "2021-12-07")
    assert r.code == 0, r.err
    base = "policy_versions/azerbaijan"
    assert r.out.splitlines()[:4] == [
        f"wrote {base}/sources/2021-12-07-landenbeleid-azerbeidzjan.txt",
        f"wrote {base}/sources/2021-12-07-landenbeleid-azerbeidzjan.yaml",
        f"wrote {base}/versions/az-2021-12-07.yaml",
        f"wrote {base}/amendments/az-2021-12-07.yaml",
    ]
    v = cli("validate")
    assert v.code == 2
    scaffold = (repo.root / f"{base}/versions/az-2021-12-07.yaml").read_text(encoding="utf-8").splitlines()
    provisions_line = scaffold.index("provisions:") + 1  # the message points at the key that holds the unchanged provisions
    assert scaffold[11].strip() == "date: 2021-12-07"
    # the titles write the date out, as every page does ("Beleid na de brief van 2021-12-07": an editor's read)
    assert scaffold[5:7] == ["title_nl: Beleid na de brief van 7 december 2021", "title_en: Policy after the letter of 7 December 2021"]
    country = (repo.root / f"{base}/country.yaml").read_text(encoding="utf-8").splitlines()
    known = country.index("    - id: letter-2021-12-07") + 1
    dated = (repo.root / f"{base}/sources/2021-12-07-landenbeleid-azerbeidzjan.yaml").read_text(encoding="utf-8").splitlines().index("date: 2021-12-07") + 1
    assert v.err.splitlines() == [
        # the letter was listed as known but not recorded as a version: every answer then listed it twice over (a new
        # editor's read)
        f"{base}/country.yaml:{known}: currency.known_later[1]: letter-2021-12-07 is dated 2021-12-07, the date of "
        "2021-12-07-landenbeleid-azerbeidzjan, the instrument of version az-2021-12-07: it is now recorded as version "
        "az-2021-12-07; remove it from known_later",
        f"{base}/sources/2021-12-07-landenbeleid-azerbeidzjan.yaml:{dated}: date: given without an evidence quote; add "
        "metadata_evidence.date with the source's words that hold it, or record the date as unknown",
        f"{base}/versions/az-2021-12-07.yaml:12: milestones.announced.date: a known date needs its source: add citations or a fact, or write unknown",
        f"{base}/versions/az-2021-12-07.yaml:{provisions_line}: provisions: az-2021-12-07 has the same provisions as az-2020-11-18: record what the instrument changes, then justify each change in {base}/amendments/az-2021-12-07.yaml",
        "aztimeline: 4 problems found; nothing was written",
    ]
    # the editor fills in the source's date and the announced date's source, one change and its justification, and
    # takes the letter out of the developments known later
    known_later = "\n".join(country[known - 1 : country.index("    - id: wbv-2022-1")]) + "\n"
    edit(repo.root / f"{base}/country.yaml", known_later, "")
    quote = "{source: 2021-12-07-landenbeleid-azerbeidzjan, anchor: p1, quote: Datum 7 december 2021}"
    edit(repo.root / f"{base}/sources/2021-12-07-landenbeleid-azerbeidzjan.yaml", "metadata_evidence: {}", f"metadata_evidence: {{date: [{quote}]}}")
    path = repo.root / f"{base}/versions/az-2021-12-07.yaml"
    edit(
        path,
        "  announced:\n    date: 2021-12-07\n",
        f"  announced:\n    date: 2021-12-07\n    citations:\n    - {quote}\n",
    )
    edit(path, "  decision-moratorium:\n", "  decision-moratorium-x:\n")
    am = repo.root / f"{base}/amendments/az-2021-12-07.yaml"
    edit(
        am,
        "justifications: {}\n",
        "justifications:\n  decision-moratorium: [{source: 2021-12-07-landenbeleid-azerbeidzjan, anchor: p2, quote: uitgangspunt}]\n"
        "  decision-moratorium-x: [{source: 2021-12-07-landenbeleid-azerbeidzjan, anchor: p2, quote: uitgangspunt}]\n",
    )
    ok = cli("validate")
    assert ok.code == 0, ok.err
    assert ok.out.startswith("valid: 1 country, 3 versions, 10 changes")
    # long text is folded (>-), as the data's own files write it, not a quoted value run over lines; a tab before a
    # key far below such a value had been reported as a quote left open there (an editor's read)
    assert not [line for line in scaffold if re.fullmatch(r'\s*(- )?[\w-]+: ["\'][^"\']*', line)]
    assert "    quote: >-" in scaffold
    edit(path, "  lgbti:\n", "\t lgbti:\n")
    tab = cli("validate")
    assert tab.code == 2 and "invalid YAML: a tab at column 1, where YAML allows only spaces; indent with spaces" in tab.err, tab.err


def test_new_version_refuses_an_old_version(repo, cli, tmp_path):
    letter = tmp_path / "brief.txt"
    letter.write_text("Tekst.\n")
    r = cli("new-version", "--from", "az-before-2020-11-18", "--source", str(letter), "--date", "2021-12-07")
    assert (
        r.code == 2 and r.err.strip() == "aztimeline: error: az-before-2020-11-18 already has a next version; start from the latest version"
    )


def test_shallow_clone_omits_history_with_a_notice(repo, tmp_path, cli, monkeypatch):
    (repo.root / "policy_versions/azerbaijan/events.yaml").write_text(
        (repo.root / "policy_versions/azerbaijan/events.yaml").read_text() + "\n", encoding="utf-8"
    )
    repo.commit("second")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    monkeypatch.chdir(clone)
    files, notice = history(clone / "policy_versions")
    assert notice == "this is a shallow clone: history before its first commit is omitted"
    assert all(len(v) == 1 for v in files.values())
    r = cli("history", "policy_versions/azerbaijan/events.yaml")
    assert r.code == 0 and r.err.strip() == "aztimeline: this is a shallow clone: history before its first commit is omitted"
    assert build_stamp(clone / "policy_versions")["git"] == "shallow"


def test_a_shallow_clone_that_stops_after_the_last_change_of_the_data_says_its_data_commit_may_be_too_new(repo, tmp_path, cli, monkeypatch):
    """A shallow clone whose one commit changed only the README named that commit, and its date, as the data's last
    change, in every export and on every page, without a word (found by an outside tester): where a shallow clone
    stops, every file looks just added. It now says so, and a release build needs the whole history."""
    events = repo.root / "policy_versions/azerbaijan/events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    repo.commit("The data's last change")
    (repo.root / "README.md").write_text("Notes\n", encoding="utf-8")
    repo.commit("Notes, not data")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    monkeypatch.chdir(clone)
    head = repo.git("rev-parse", "HEAD").strip()
    r = cli("export", "--format", "json", "--output", "x.json")
    assert r.code == 0 and r.err == (
        f"aztimeline: warning: this is a shallow clone, and its first commit ({head[:10]}) is the last that shows the data "
        "changing: the data's last change may be older, so the data commit and date named may be too new; run git fetch "
        "--unshallow\n"
    )
    b = cli("build", "--release", "--output", str(tmp_path / "site"))
    assert b.code == 2 and b.err.splitlines()[-1] == (
        "aztimeline: error: --release needs the data's whole git history, and this is a shallow clone; run git fetch --unshallow"
    )
    assert not (tmp_path / "site").exists()
    # a clone deep enough to hold the data's last change names it, without a warning
    deep = tmp_path / "deeper"
    subprocess.run(["git", "clone", "-q", "--depth", "3", f"file://{repo.root}", str(deep)], check=True)
    monkeypatch.chdir(deep)
    r = cli("export", "--format", "json", "--output", "x.json")
    assert r.code == 0 and r.err == ""
    assert build_stamp(deep / "policy_versions")["commit"] == repo.git("rev-parse", "HEAD~1").strip()


def test_no_git_at_all(tmp_path, cli, monkeypatch):
    shutil.copytree(DATA, tmp_path / "policy_versions")
    monkeypatch.chdir(tmp_path)
    r = cli("history")
    assert r.code == 0 and r.err.strip() == "aztimeline: no git history here (not a git checkout, or no commit yet); history is omitted"
    d = cli("diff", "--rev", "HEAD")
    assert d.code == 2 and d.err.strip() == "aztimeline: error: not a git checkout, or no commit yet; review diffs need the data's git history"
    assert build_stamp(tmp_path / "policy_versions")["data"] == "working copy, not in git"


def test_unknown_revision(repo, cli):
    r = cli("diff", "--rev", "nope")
    assert r.code == 2 and r.err.strip() == "aztimeline: error: unknown revision 'nope'; give a commit, tag or branch (see git log)"


@pytest.mark.parametrize("rev", ["HEAD^{/--output=x}", "HEAD^{/Add the policy}", ":/--help", "--help", "-x"])
def test_a_revision_is_never_an_option_on_a_git_command_line(repo, cli, monkeypatch, rev):
    """The threat model said a revision is never put on a git command line, but GitPython gives a search by message
    (REV^{/text}, :/text) to `git rev-parse --verify` (an outside tester's read). What keeps it from being read as an
    option is that the argument begins with a full commit sha or ":/"; the threat model now says that."""
    import git

    commands: list[list[str]] = []
    execute = git.cmd.Git.execute

    def record(self, command, *args, **kwargs):
        commands.append([str(part) for part in command])
        return execute(self, command, *args, **kwargs)

    monkeypatch.setattr(git.cmd.Git, "execute", record)
    r = cli("diff", f"--rev={rev}")
    assert r.code == 0 or (r.code, len(r.err.splitlines())) == (2, 1), r.err
    if "/" not in rev:  # resolved by GitPython alone
        assert not any(rev in c[1:] for c in commands), commands
    else:  # the searched text, after a full sha or ":/", in one argument
        [search] = [c for c in commands if any(rev.rsplit("/", 1)[1].rstrip("}") in part for part in c[1:])]
        assert search[:3] == ["git", "rev-parse", "--verify"] and len(search) == 4, search
        assert re.fullmatch(r"[0-9a-f]{40}\^\{/.*\}|:/.*", search[3]), search
    model = " ".join((ROOT / "docs/en/threat-model.md").read_text(encoding="utf-8").split())
    assert "never put on a git command line" not in model and "`git rev-parse --verify`" in model


def test_editorial_diff_of_identical_data_is_empty():
    v = load_and_validate(DATA)
    assert editorial_diff(v, v) == []


def test_a_limit_on_open_files_is_named_not_a_damaged_repository(cli, monkeypatch):
    """Under `ulimit -n 16` git could not be read (EMFILE), and the message said "the repository may be damaged;
    `git fsck` tells more" (found by an outside tester). It now names the limit."""
    import errno

    import git

    def no_more_files(*args, **kwargs):
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(git, "Repo", no_more_files)
    r = cli("history", "--data", str(DATA))
    assert r.code == 2 and "git fsck" not in r.err
    assert r.err.splitlines() == [
        f"aztimeline: error: cannot open the git repository holding {DATA}: [Errno 24] Too many open files; raise this "
        "process's limit on open files (ulimit -n) and run the command again"
    ]


@pytest.mark.parametrize("when, day, words", [("1975-01-01T00:00:00+00:00", "1975-01-01", "before git existed"), ("@4115000000 +0000", "2100-05-26", "after today")])
def test_a_data_commit_dated_before_git_or_after_today_is_warned_of(repo, cli, tmp_path, when, day, words):
    """A commit dated 1975 or 2100 dated every memo and the site's downloads without a word (an outside tester's read)."""
    events = repo.root / "policy_versions/azerbaijan/events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    repo.git("add", "-A")
    env = {**os.environ, **AUTHOR, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "commit", "-q", "-m", "Dated oddly"], cwd=repo.root, env=env, check=True)
    sha = repo.git("rev-parse", "HEAD").strip()
    warning = (
        f"aztimeline: warning: the data's last commit ({sha[:10]}) is dated {day}, {words}; the exports and the "
        f"site take their date from it: check the clock of the machine that made it (git log -1 --format=%cI {sha[:10]})\n"
    )
    r = cli("export", "--format", "json", "--output", "x.json")
    assert r.code == 0 and r.err.startswith(warning)
    assert cli("export", "--format", "json", "--output", "y.json", "--memo-date", "2024-01-01").err.startswith(warning)
