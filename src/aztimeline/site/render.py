"""Jinja2 templates with autoescaping: page templates in site/templates/ turn view data into Markdown pages.

A generated page is Markdown headings with raw HTML between them. Python-Markdown leaves a raw HTML block
alone only while it has no blank line, so `markdown_page` removes blank lines and indentation from the
rendered template and puts blank lines around headings only. Templates write a heading with `heading(n,
text)`, which marks it for that step; data text can never start a heading, because every value printed by
a template has its whitespace collapsed (no line breaks) and is escaped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup, escape

from .html import esc

TEMPLATES = Path(__file__).parent / "templates"
_HEADING = "\ue000"  # marks a Markdown heading line in rendered output (a private-use character; never survives in data text)
_WS = re.compile(r"\s+")


def _finalize(value: Any) -> Any:
    """Every printed value: None prints nothing; data text loses line breaks (escaping follows)."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return " ".join(str(value).replace(_HEADING, " ").split())


def heading(level: int, text: Any) -> Markup:
    """A Markdown heading, its data text escaped for Markdown and HTML (see html.esc)."""
    return Markup(f"{_HEADING}{'#' * level} {esc(text)}")


def words(text: str) -> Markup:
    """A run of a word diff: escaped, line breaks made spaces, but spaces at its edges kept."""
    return escape(text.replace(_HEADING, " ").replace("\r", " ").replace("\n", " "))


def json_script(element_id: str, data: Any) -> Markup:
    """Data for a page script, in a script element that HTML can never end early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/json" id="{}">{}</script>').format(element_id, Markup(text))


def _iso(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and len(value) in (7, 10) and value[:4].isdigit():
        return value
    return None


def longdate(value: Any, lang: str, unknown: str | None = None) -> str:
    """A date written out (18 november 2020 / 18 November 2020), a month (juli 2020), or the word for unknown."""
    from ..timeline import MONTHS, long_date

    if isinstance(value, str) and len(value) == 10:
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.date):
        return long_date(value, lang)
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        return f"{MONTHS[lang][int(value[5:]) - 1]} {value[:4]}"
    return unknown or ("onbekend" if lang == "nl" else "unknown")


def inclusive_end(value: Any) -> Any:
    """The last day of a period that ends (exclusive) on value: data keeps half-open periods, pages say "t/m"."""
    return value - dt.timedelta(days=1) if isinstance(value, dt.date) else value


class CompiledTemplates(BytecodeCache):
    """Compiled Jinja2 templates, shared by every environment of this process and kept in the user's cache folder.

    A build renders our page templates and MkDocs renders the theme's, each edition with its own Jinja2
    environment (and Material's search plugin makes more, to look up words): without this, a build parses and
    compiles the same template several times, and every build compiles them all again. Jinja2 checks each entry
    against a hash of the template's source, and ignores an entry it cannot read. An entry's key names the
    template's file and the environment's compile options, so environments that compile differently never share
    code. On disk the folder is named by `tag` (aztimeline's own code, Jinja2's version, and whatever else the
    compiled code depends on), so compiled code is only ever used by the code that compiled it; older folders
    with the same prefix are removed. No cache folder (AZTIMELINE_NO_CACHE): compiled once per process only.
    """

    def __init__(self, prefix: str, tag: Any, shipped: Path | None = None) -> None:
        self._prefix = prefix
        self._tag = tag  # a function: called once, when the disk is first used
        self._tag_hash: str | None = None
        self._memory: dict[str, tuple[str | None, Any]] = {}
        self._shipped_file = shipped
        self._shipped: dict[str, Any] | None = None

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        options = _compile_options(environment)
        key = hashlib.sha256(f"{self.get_cache_key(name, filename)}\0{options}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        if bucket.code is None:
            shipped = self._shipped_source(name, bucket.checksum, options)
            if shipped is not None:  # Jinja2's own last step, Environment._compile, on Python it generated before
                bucket.code = compile(shipped, filename or "<template>", "exec")
                self.dump_bytecode(bucket)
        return bucket

    def _shipped_source(self, name: str, checksum: str | None, options: str) -> str | None:
        """The Python source Jinja2 generated for this template when aztimeline was made (see `precompile`), if it
        was generated from this very source, with these compile options and this version of Jinja2."""
        if self._shipped_file is None:
            return None
        if self._shipped is None:
            try:
                self._shipped = json.loads(self._shipped_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._shipped = {}
        entry = self._shipped.get("templates", {}).get(name) if self._shipped.get("jinja2") == jinja2.__version__ else None
        if isinstance(entry, dict) and entry.get("checksum") == checksum and entry.get("options") == options:
            code = entry.get("python")
            return code if isinstance(code, str) else None
        return None

    def forget(self) -> None:
        """Drop what this process compiled and the folder's name it worked out (the disk entries stay)."""
        self._memory.clear()
        self._tag_hash = None

    def _folder(self) -> Path | None:
        from .. import cache

        base = cache.cache_dir()
        if base is None:
            return None
        if self._tag_hash is None:  # the installed code does not change while this process runs
            tag = f"{cache.tool_digest()}\0jinja2 {jinja2.__version__}\0{self._tag()}"
            self._tag_hash = hashlib.sha256(tag.encode()).hexdigest()[:40]
        return base / f"{self._prefix}-{self._tag_hash}"

    def load_bytecode(self, bucket: Bucket) -> None:
        held = self._memory.get(bucket.key)
        if held is not None and held[0] == bucket.checksum:
            bucket.code = held[1]
            return
        folder = self._folder()
        if folder is None:
            return
        try:
            with open(folder / bucket.key, "rb") as f:
                bucket.load_bytecode(f)
        except OSError:
            return
        if bucket.code is not None:
            self._memory[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._memory[bucket.key] = (bucket.checksum, bucket.code)
        folder = self._folder()
        if folder is None:
            return
        try:
            if not folder.is_dir():
                for old in folder.parent.glob(f"{self._prefix}-*"):
                    shutil.rmtree(old, ignore_errors=True)
                folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{bucket.key}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "wb") as f:
                    bucket.write_bytecode(f)
                os.replace(tmp, folder / bucket.key)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError:
            return  # only a cache


def _compile_options(env: Environment) -> str:
    """Everything of an environment that changes the code Jinja2 compiles a template into."""

    def named(value: Any) -> str:
        if isinstance(value, (str, bool, type(None))):
            return repr(value)
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)!r}"

    return repr(
        (
            sorted(env.extensions),
            named(env.autoescape),
            named(env.finalize),
            named(env.undefined),
            env.trim_blocks,
            env.lstrip_blocks,
            env.keep_trailing_newline,
            env.newline_sequence,
            env.optimized,
            env.is_async,
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            named(env.code_generator_class),
        )
    )


PRECOMPILED = Path(__file__).parent / "templates.compiled.json"
"""Our page templates as Python source, generated by Jinja2 when aztimeline was made (`precompile`): a first
build compiles that Python instead of parsing every template and generating it again. An entry is only used for
the template source, compile options and Jinja2 version it was generated from; otherwise Jinja2 compiles the
template as usual. Make it again after changing a template (a test fails until then):

    .venv/bin/python -m aztimeline.site.render
"""

ENV = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    bytecode_cache=CompiledTemplates("templates", lambda: "", shipped=PRECOMPILED),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_finalize,
    keep_trailing_newline=True,
)
ENV.globals.update(heading=heading, json_script=json_script)
ENV.filters.update(words=words, iso=_iso, longdate=longdate, inclusive_end=inclusive_end)


def markdown_page(text: str) -> str:
    """Rendered template -> Markdown: no blank line or indentation inside HTML, a blank line around headings."""
    out: list[str] = []
    for raw in text.replace(_HEADING, "\n" + _HEADING).splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith(_HEADING):
            if out:
                out.append("")
            out += [line[1:], ""]
        else:
            out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def render(name: str, **context: Any) -> str:
    """Render page template name with context into a Markdown page."""
    return markdown_page(ENV.get_template(name).render(**context))


def render_fragment(name: str, **context: Any) -> Markup:
    """Render a template into an HTML fragment (one raw block), for parts other modules place on pages."""
    return fragment(ENV.get_template(name).render(**context))


def fragment(html: Any) -> Markup:
    """Rendered template text as one raw HTML block: lines stripped, no blank line."""
    return Markup("\n".join(line.strip() for line in str(html).splitlines() if line.strip()))


def template_module(name: str, **context: Any) -> Any:
    """Template name made into a module with context: its macros can be called from Python, its imports done once."""
    return ENV.get_template(name).make_module(context)


def precompile(env: Environment = ENV) -> dict[str, Any]:
    """The Python source Jinja2 generates for each of our page templates, with what it was generated from."""
    assert env.loader is not None and env.bytecode_cache is not None
    options = _compile_options(env)
    templates = {}
    for name in env.list_templates():
        source, filename, _ = env.loader.get_source(env, name)
        templates[name] = {
            "checksum": env.bytecode_cache.get_source_checksum(source),
            "options": options,
            "python": env.compile(source, name, filename, raw=True),
        }
    return {"about": "made by `python -m aztimeline.site.render`; do not edit", "jinja2": jinja2.__version__, "templates": templates}


def precompiled_text(env: Environment = ENV) -> str:
    return json.dumps(precompile(env), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":  # run as a script, this file is __main__: use the module the build uses
    import importlib

    built = importlib.import_module("aztimeline.site.render")
    built.PRECOMPILED.write_text(built.precompiled_text(), encoding="utf-8")
    print(f"wrote {built.PRECOMPILED}")
