"""The Word memo without python-docx: the stored template, the core properties and the body's XML text.

Exports read the prepared template from export/docx_skeleton.json and write every part themselves; python-docx
(and lxml) are used here only to make the template again and to check that each part is what they write.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree

from aztimeline.export import docx_skeleton, to_docx

from .conftest import modules_loaded
from .test_export_office import W, _export

REGENERATE = (
    "the stored Word template is out of date: run `.venv/bin/python -m aztimeline.export.docx_skeleton` and commit docx_skeleton.json"
)
VARIANTS = [(lang, draft) for lang in ("nl", "en") for draft in (False, True)]

NASTY = [
    "A & B <c> \"quoted\" 'single' > ]]> &amp; &#13; \u00e9 \u00fc \u00df \u2014 \u201ccurly\u201d \U0001f642 \u4e2d\u6587 \x7f",
    "  leading and trailing  ",
    "<w:p>injected</w:p><!-- comment --><?pi?>",
    "",
    "x" * 300,
    "Lang woord " * 30 + "& einde <tag>",
]


def _readable(text: str) -> dict:
    """The stored file's content, each part inflated: what python-docx made, whichever zlib compressed it."""
    body = json.loads(text)
    body["parts"] = {key: zlib.decompress(base64.b64decode(b64), -15) for key, b64 in body["parts"].items()}
    del body["zlib"]  # the zlib that compressed the parts: another one compresses the same parts differently
    return body


def _stored_differences() -> list[str]:
    stored = _readable(Path(to_docx.__file__).with_name(to_docx.SKELETON_FILE).read_text(encoding="utf-8"))
    made = _readable(docx_skeleton.stored_text())
    diffs = [k for k in sorted(made.keys() - {"parts", "variants"}) if stored.get(k) != made[k]]
    for name, variant in made["variants"].items():
        old = stored["variants"].get(name, {})
        diffs += [f"{name}: {k}" for k in variant if k != "entries" and old.get(k) != variant[k]]
        old_entries = [(n, stored["parts"].get(key)) for n, key in old.get("entries", [])]
        new_entries = [(n, made["parts"][key]) for n, key in variant["entries"]]
        if [n for n, _ in old_entries] != [n for n, _ in new_entries]:
            diffs.append(f"{name}: the parts or their order")
        diffs += [f"{name}: {n}" for (n, data), (_, old_data) in zip(new_entries, old_entries, strict=False) if data != old_data]
    return diffs


def test_the_stored_template_is_what_python_docx_makes():
    assert _stored_differences() == [], REGENERATE


def test_the_template_check_sees_a_changed_style_or_page(monkeypatch):
    monkeypatch.setattr(docx_skeleton, "INK", "000000")  # the text colour of Normal and Quote
    monkeypatch.setattr(docx_skeleton, "MARGIN_L", 2.4)
    diffs = _stored_differences()
    assert {"nl: word/styles.xml", "en-draft: word/styles.xml", "nl: word/document.xml", "en-draft: word/document.xml"} <= set(diffs)
    assert not any("footer" in d or "core" in d for d in diffs)


@pytest.mark.parametrize(("lang", "draft"), VARIANTS)
def test_the_loaded_template_is_the_one_python_docx_makes(lang, draft):
    loaded = to_docx._load_skeleton(lang, draft)
    assert loaded == docx_skeleton.make_skeleton(lang, draft), REGENERATE  # entries, style ids, part names
    assert (loaded.header is not None) == draft
    # the parts no memo changes are copied into the zip as written: compressed as zip compresses them
    for name, (data, crc, comp) in loaded.packed.items():
        assert zlib.decompress(comp, -15) == data and zlib.crc32(data) == crc, name
    assert {to_docx._normalised(n, d, b"") is not None for n, d in loaded.entries} == {True}
    filled = {loaded.document, loaded.core, loaded.footer, loaded.header} - {None}
    assert set(loaded.packed) == {n for n, _ in loaded.entries} - filled


def test_another_zlib_compresses_the_template_again_to_the_same_file(data_copy, cli, monkeypatch):
    # The stored parts were compressed by one zlib; where this Python's zlib is another (here: says it is), every
    # part is compressed again at export time, as before, and the file is the one the stored parts give here.
    first = _export(cli, data_copy, "docx", name="first.docx").read_bytes()
    saved = (dict(to_docx._SKELETONS), dict(to_docx._PARTS), dict(to_docx._VARIANTS))
    calls = []
    real_deflate = to_docx.deflate
    monkeypatch.setattr(to_docx, "deflate", lambda data: calls.append(len(data)) or real_deflate(data))
    monkeypatch.setattr(zlib, "ZLIB_RUNTIME_VERSION", "0.0-another")
    try:
        for cache in (to_docx._SKELETONS, to_docx._PARTS, to_docx._VARIANTS):
            cache.clear()
        again = _export(cli, data_copy, "docx", name="again.docx").read_bytes()
    finally:
        for cache, old in zip((to_docx._SKELETONS, to_docx._PARTS, to_docx._VARIANTS), saved, strict=True):
            cache.clear()
            cache.update(old)
    assert max(calls) > 300_000  # styles.xml was compressed again
    assert again == first


@pytest.mark.parametrize("text", NASTY)
def test_core_properties_are_written_as_python_docx_and_lxml_write_them(text):
    from docx.opc.coreprops import CoreProperties
    from docx.oxml.parser import parse_xml

    template = dict(to_docx._load_skeleton("nl", False).entries)["docProps/core.xml"]
    title, subject = to_docx._meta(text), to_docx._meta(text[::-1])
    assert len(title) <= to_docx.META_MAX
    core = parse_xml(template)
    props = CoreProperties(core)
    props.title, props.subject = title, subject
    props.comments = props.keywords = props.category = ""  # parsed, an empty text reads back as none
    expected = etree.tostring(core, encoding="UTF-8", standalone=True)
    assert to_docx._core(template, title, subject) == expected
    assert expected.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<cp:coreProperties ")
    back = CoreProperties(parse_xml(expected))
    assert (back.title, back.subject, back.language, back.author) == (title, subject, "nl-NL", "aztimeline")


def test_a_character_xml_cannot_hold_is_refused_not_written():
    template = dict(to_docx._load_skeleton("nl", False).entries)["docProps/core.xml"]
    for bad in ("\uffff", "\ufffe", "\ud800", "\x0b"):
        with pytest.raises(ValueError, match=f"U\\+{ord(bad):04X}"):
            to_docx._core(template, f"titel {bad} titel", "")
        with pytest.raises((ValueError, etree.XMLSyntaxError)):  # lxml refused it too
            etree.tostring(etree.fromstring(f"<t>{bad}</t>".encode("utf-8", "surrogatepass")))


def test_lengths_and_font_sizes_are_python_docx_s():
    from docx.shared import Cm, Pt

    for cm in (0.05, 0.08, 0.6, 1.0, 2.2, 2.5, 3.8, 8.0, 16.0, 0.123456):
        assert to_docx._length_twips(to_docx._cm_emu(cm)) == Cm(cm).twips
    body = to_docx._Body({}, None)
    for pt in (0, 1, 2, 6, 7.5, 8, 8.5, 9, 9.5, 10, 10.25, 13, 17):
        assert to_docx._length_twips(to_docx._pt_emu(pt)) == Pt(pt).twips
        assert body.size(pt) == str(int(Pt(pt).pt * 2))


def _nasty_memo(memo, k: int):
    a, b = NASTY[k % len(NASTY)], NASTY[(k + 1) % len(NASTY)]
    memo = dataclasses.replace(memo, title=a, subject=b, summary=[a, "", b], data_version=a, kenmerk=b, later=[a], scope=b)
    for i, c in enumerate(memo.changes):
        c.title, c.before, c.after, c.codification = a + c.title, (a, "", b)[i % 3], b, a
        for q in c.quotes:
            q.text, q.reference = b + q.text, a
    for kv in memo.kept:
        kv.title, kv.summary = b, a
    return memo


@pytest.mark.parametrize("k", range(len(NASTY)))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_filled_part_is_as_lxml_serialises_it(data_copy, cli, monkeypatch, lang, k):
    # Each part the memo fills in was parsed and serialised by lxml before; written as text now, it must be the
    # text lxml serialises (so parsing and serialising it again changes nothing), and say what it said.
    from docx import Document

    made = to_docx.build_memo
    monkeypatch.setattr(to_docx, "build_memo", lambda *a, **kw: _nasty_memo(made(*a, **kw), k))
    path = _export(cli, data_copy, "docx", "--lang", lang)
    sk = to_docx._skeleton(lang, True)  # outside git: a draft
    with zipfile.ZipFile(path) as z:
        # (not the core properties: their empty texts are start and end tags, which lxml reads back as no text;
        # test_core_properties_are_written_as_python_docx_and_lxml_write_them holds them to python-docx's setters)
        for name in (sk.document, sk.header, sk.footer):
            part = z.read(name)
            assert etree.tostring(etree.fromstring(part), encoding="UTF-8", standalone=True) == part, name
        assert b"<w:rPr></w:rPr>" not in z.read(sk.document)
    doc = Document(str(path))
    title = to_docx.clean(NASTY[k % len(NASTY)])
    assert doc.paragraphs[0].text == title and doc.core_properties.title == to_docx._meta(title)
    footer = "".join(t.text for t in doc.sections[0].footer._element.iter(f"{W}t"))
    assert footer.startswith(to_docx.shorten(title, to_docx.FOOTER_TITLE_MAX))


def test_exporting_a_memo_imports_neither_python_docx_nor_lxml(data_copy):
    commands = [["export", "--format", "docx", "--lang", lang, "--output", f"{lang}.docx"] for lang in ("nl", "en")]
    loaded = modules_loaded(data_copy.parent, *commands)
    assert "aztimeline.export.to_docx" in loaded  # the check can fail: the writer ran in this process
    assert [m for m in loaded if m.split(".")[0] in ("docx", "lxml")] == []
    assert all((data_copy.parent / f"{lang}.docx").read_bytes()[:2] == b"PK" for lang in ("nl", "en"))
