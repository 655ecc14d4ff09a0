"""The Danish catalogue is complete and the compiled catalogue matches it."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import parathed.web

LOCALE = Path(parathed.web.__file__).parent / "locale"
PO = LOCALE / "da" / "LC_MESSAGES" / "django.po"


def _entries() -> list[tuple[str, str]]:
    """Returns (msgid, msgstr) pairs of singular entries, read from the .po file."""
    entries: list[tuple[str, str]] = []
    current: dict[str, list[str]] = {}
    key = ""
    for line in [*PO.read_text("utf-8").splitlines(), ""]:
        if line.startswith(("msgid ", "msgstr ", "msgid_plural ", "msgstr[")):
            key, _, rest = line.partition(" ")
            current.setdefault(key, []).append(ast.literal_eval(rest))
        elif line.startswith('"') and key:
            current[key].append(ast.literal_eval(line))
        elif not line.strip() and current:
            if "msgid" in current and "msgstr" in current:
                entries.append(("".join(current["msgid"]), "".join(current["msgstr"])))
            current, key = {}, ""
    return [(msgid, msgstr) for msgid, msgstr in entries if msgid]


def test_every_message_has_a_danish_translation() -> None:
    """No msgid in the Danish catalogue is left untranslated."""
    untranslated = [msgid for msgid, msgstr in _entries() if not msgstr]
    assert untranslated == []


def test_compiled_catalogue_matches_the_source() -> None:
    """The committed .mo gives every msgstr of the .po (run compilemessages if not)."""
    catalogue = gettext.translation("django", localedir=LOCALE, languages=["da"])
    stale = [
        msgid for msgid, msgstr in _entries() if catalogue.gettext(msgid) != msgstr
    ]
    assert stale == []
