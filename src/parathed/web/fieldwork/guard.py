"""The CPR guard and label rule of fieldwork's free-text fields, with Danish messages.

Every free text here (case label, evidence notes, interview notes, paraphrases) is
checked with ``parathed.privacy`` before it is stored. A refusal says where the number
stands (line, column, the words before it, digits masked) and never repeats it.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from parathed.privacy import find_cpr_numbers, locate_cpr_numbers

# "Sag A", "Sag 3", "Sag B2", "A", "12": a short code, never a name or initials+date.
LABEL_PATTERN = re.compile(r"^(?:[Ss]ag\s?)?[A-Za-zÆØÅæøå0-9]{1,3}$")


class CprRefusedError(ValueError):
    """A service got free text holding a CPR-shaped number; nothing was stored."""


def cpr_refusal(text: str, *, where: str) -> str | None:
    """Returns the Danish refusal for ``text`` in the field ``where``, or None if clean.

    The message names the first number's line, column and the (masked) words before
    it, and how many numbers there are; the text itself is never repeated.
    """
    locations = locate_cpr_numbers(text)
    if not locations:
        return None
    first = locations[0]
    place = _("line %(line)s, column %(column)s") % {
        "line": first.line,
        "column": first.column,
    }
    if first.words_before:
        place += ", " + _("after “%(words)s”") % {"words": first.words_before}
    return _(
        "%(field)s looks like it holds a CPR number (%(place)s; %(count)s in all). "
        "The text was not saved: write it again without the CPR number."
    ) % {"field": where, "place": place, "count": len(locations)}


def assert_no_cpr(*texts: str) -> None:
    """Raises CprRefusedError when any text holds a CPR-shaped number (services)."""
    if any(find_cpr_numbers(text) for text in texts):
        raise CprRefusedError


def label_problem(label: str) -> str | None:
    """Returns why ``label`` cannot label a case (Danish), or None if it can."""
    refusal = cpr_refusal(label, where=_("The case label"))
    if refusal is not None:
        return refusal
    if not LABEL_PATTERN.match(label.strip()):
        return _(
            "Use a short pseudonymous label such as “Sag A” or “Sag 3” (at most "
            "three letters or digits after “Sag”): never a name, initials with a "
            "date, or a CPR number."
        )
    return None
