"""Forms of the respondent flow: the role choice and one page of the questionnaire.

Every statement is its own radio group (no matrices). Open questions are free text and
pass the CPR guard: a CPR-shaped number refuses that field, says where it stands, and
nothing of the refused text is kept, shown again or logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parathed.instrument.schema import ROLE_LABELS_DA, SURVEY_ROLES
from parathed.privacy import locate_cpr_numbers
from parathed.web.survey.pages import Page

DONT_KNOW = "vk"
SCALE_CHOICES = [
    ("1", _("Strongly disagree")),
    ("2", _("Disagree")),
    ("3", _("Neither agree nor disagree")),
    ("4", _("Agree")),
    ("5", _("Strongly agree")),
    (DONT_KNOW, _("Don't know")),
]
OPEN_ANSWER_MAX_CHARS = 4000


@dataclass(frozen=True, slots=True)
class RadioOption:
    """One radio button of a group, ready for the template."""

    value: str
    label: str
    id: str
    checked: bool


@dataclass(frozen=True, slots=True)
class FormRow:
    """A field of a page; ``options`` for a radio group, None for a text field."""

    field: BoundField
    options: tuple[RadioOption, ...] | None


def radio_options(
    field: BoundField, choices: tuple[tuple[str, str], ...] | None = None
) -> tuple[RadioOption, ...]:
    """Returns the field's radio buttons with Django's ids (``id_<name>_<n>``).

    The same buttons as iterating the bound field would give, without building a
    widget context per button: a page of statements renders in a third of the time.
    ``choices`` are the field's choices with their labels already translated.
    """
    value = field.value()
    chosen = "" if value is None else str(value)
    if choices is None:
        choices = translated(field.field.choices)  # type: ignore[attr-defined]
    return tuple(
        RadioOption(
            value=option,
            label=label,
            id=f"{field.auto_id}_{number}",
            checked=option == chosen,
        )
        for number, (option, label) in enumerate(choices)
    )


def translated(choices: Any) -> tuple[tuple[str, str], ...]:
    """Returns ``choices`` as (value, label) strings in the active language."""
    return tuple((str(value), str(label)) for value, label in choices)


class RoleForm(forms.Form):
    """The respondent says which role they answer in."""

    role = forms.ChoiceField(
        label=_("What is your role?"),
        choices=[(role.value, ROLE_LABELS_DA[role]) for role in SURVEY_ROLES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your role.")},
    )


def cpr_refusal(text: str) -> str | None:
    """Returns the Danish message refusing ``text`` for a CPR number, or None if clean.

    The message tells where the first number stands (line, character and the words
    before it, digits masked) and how to write dates and times instead; it repeats
    none of the number.
    """
    locations = locate_cpr_numbers(text)
    if not locations:
        return None
    first = locations[0]
    params = {"line": first.line, "column": first.column, "count": len(locations)}
    if first.words_before:
        where = gettext("line %(line)s, character %(column)s, after “%(words)s”") % {
            **params,
            "words": first.words_before,
        }
    else:
        where = gettext("line %(line)s, character %(column)s") % params
    return gettext(
        "The text looks like it holds a CPR number (%(where)s), so it was not saved. "
        "Write it again without the number. Write dates and times like "
        "15.03.2024 kl. 14.30."
    ) % {"where": where}


class PageForm(forms.Form):
    """One page: a required radio group per statement, optional open questions.

    With ``require_all`` False (going back a page) an unanswered statement is no error,
    so whatever was answered is still saved.
    """

    def __init__(
        self, *args: Any, page: Page, require_all: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        for item in page.items:
            self.fields[item.id] = forms.ChoiceField(
                label=item.text,
                choices=SCALE_CHOICES,
                widget=forms.RadioSelect,
                required=require_all,
                error_messages={"required": _("Choose an answer to this statement.")},
            )
        for question in page.open_questions:
            self.fields[question.id] = forms.CharField(
                label=question.text,
                required=False,
                max_length=OPEN_ANSWER_MAX_CHARS,
                widget=forms.Textarea(attrs={"rows": 5}),
                strip=True,
            )

    def clean(self) -> dict[str, Any] | None:
        """Refuses each open answer that holds a CPR number; the rest stay valid."""
        cleaned = super().clean()
        for question in self.page.open_questions:
            refusal = cpr_refusal(self.data.get(question.id, "") or "")
            if refusal is not None:
                self.add_error(question.id, refusal)
        return cleaned

    def rows(self) -> list[FormRow]:
        """Returns every field in order, radio groups with their buttons."""
        scale = translated(SCALE_CHOICES)
        statements = {item.id for item in self.page.items}
        return [
            FormRow(
                field=field,
                options=radio_options(field, scale)
                if field.name in statements
                else None,
            )
            for field in self
        ]

    def is_statement(self, name: str) -> bool:
        """True if the field ``name`` is a statement (radio group), not open text."""
        return any(item.id == name for item in self.page.items)

    def valid_answers(self) -> dict[str, int | None]:
        """Returns the statements answered validly on this page; "ved ikke" is None."""
        answers: dict[str, int | None] = {}
        for item in self.page.items:
            value = self.cleaned_data.get(item.id) if item.id not in self.errors else ""
            if value:
                answers[item.id] = None if value == DONT_KNOW else int(value)
        return answers

    def valid_open_answers(self) -> dict[str, str]:
        """Returns the open answers that passed the guard ("" removes a stored one)."""
        return {
            question.id: self.cleaned_data.get(question.id, "")
            for question in self.page.open_questions
            if question.id not in self.errors
        }
