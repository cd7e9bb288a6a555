"""Interface text of the site in Dutch (the default edition) and English: each entry gives (Dutch, English), as the
catalogue messages.toml beside this module holds it for translators and editors."""

from __future__ import annotations

from ..messages import by_lang, catalogue

LANGS = ("nl", "en")
OTHER = {"nl": "en", "en": "nl"}
LANG_NAME = {"nl": "Nederlands", "en": "English"}

_MESSAGES = catalogue("aztimeline.site")

T = by_lang(_MESSAGES["t"])

ATTRIBUTE_LABELS = by_lang(_MESSAGES["attribute_labels"])

SOURCE_META = by_lang(_MESSAGES["source_meta"])
"""The fields of a source page's description of its letter, in the order they are shown."""

_BOOLEANS = {"true": True, "false": False}
"""The catalogue's keys for the data's yes and no (a TOML key is text)."""
VALUE_LABELS = by_lang({_BOOLEANS.get(k, k): v for k, v in _MESSAGES["value_labels"].items()})

GLOSSARY: list[tuple[str, str]] = list(_MESSAGES["glossary"]["terms"])

FIELD_WORDS = by_lang(_MESSAGES["field_words"])
"""Names of data fields as readers read them (a field without a name here is shown as its name in the data, as code)."""

CODE_WORDS = by_lang(_MESSAGES["code_words"])
"""The data's coded values (beside VALUE_LABELS and the confidence words) in words."""

CORRECTION_WORDS = by_lang(_MESSAGES["correction_words"])
"""The corrections page's words for what a correction touched and how."""

NOT_FOUND = by_lang(_MESSAGES["not_found"])
"""The 404 page's own words (chrome.not_found_page); its other links are named as in the navigation."""
