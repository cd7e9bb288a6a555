"""The glossary of Dutch terms of art."""

from __future__ import annotations

from ..context import Site
from ..labels import GLOSSARY
from ..views import render_page


def render_glossary(site: Site) -> str:
    """The glossary page of one edition."""
    return render_page(site, "glossary.md.j2", terms=GLOSSARY)
