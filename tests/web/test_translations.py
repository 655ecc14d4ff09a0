"""The Danish catalogues are complete and each compiled catalogue matches its source.

There is one project catalogue (``web/locale``) and one per app that has its own
strings (``web/<app>/locale``), so work on different apps does not collide in one file.
"""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

import parathed.web

WEB = Path(parathed.web.__file__).parent
CATALOGUES = sorted(WEB.glob("**/locale/da/LC_MESSAGES/django.po"))


def test_the_project_catalogue_is_found() -> None:
    assert WEB / "locale" / "da" / "LC_MESSAGES" / "django.po" in CATALOGUES


def _entries(po: Path) -> list[tuple[str, str]]:
    """Returns (msgid, msgstr) pairs of singular entries, read from the .po file."""
    entries: list[tuple[str, str]] = []
    current: dict[str, list[str]] = {}
    key = ""
    for line in [*po.read_text("utf-8").splitlines(), ""]:
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


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(WEB)))
def test_every_message_has_a_danish_translation(po: Path) -> None:
    """No msgid in the Danish catalogue is left untranslated."""
    untranslated = [msgid for msgid, msgstr in _entries(po) if not msgstr]
    assert untranslated == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(WEB)))
def test_compiled_catalogue_matches_the_source(po: Path) -> None:
    """The committed .mo gives every msgstr of the .po (run compilemessages if not)."""
    locale = po.parents[2]
    catalogue = gettext.translation("django", localedir=locale, languages=["da"])
    stale = [
        msgid for msgid, msgstr in _entries(po) if catalogue.gettext(msgid) != msgstr
    ]
    assert stale == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(WEB)))
def test_no_entry_keeps_a_fuzzy_guess(po: Path) -> None:
    """An entry makemessages matched fuzzily (``#, fuzzy`` or its ``#|`` previous
    msgid) is a guess: its Danish text belongs to another message and must be
    rewritten, not left with the flag removed."""
    guesses = [
        line
        for line in po.read_text("utf-8").splitlines()
        if line.startswith(("#| ", "#, fuzzy"))
    ]
    assert guesses == []
