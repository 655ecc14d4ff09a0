"""Forms of the respondent flow: the role choice and one radio group per item."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parathed.instrument.schema import ROLE_LABELS_DA, SURVEY_ROLES, QuestionnaireItem

DONT_KNOW = "vk"
SCALE_CHOICES = [
    ("1", _("Strongly disagree")),
    ("2", _("Disagree")),
    ("3", _("Neither agree nor disagree")),
    ("4", _("Agree")),
    ("5", _("Strongly agree")),
    (DONT_KNOW, _("Don't know")),
]


class RoleForm(forms.Form):
    """The respondent says which role they answer in."""

    role = forms.ChoiceField(
        label=_("What is your role?"),
        choices=[(role.value, ROLE_LABELS_DA[role]) for role in SURVEY_ROLES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your role.")},
    )


class AnswersForm(forms.Form):
    """One required radio group per questionnaire item, named by the item id."""

    def __init__(self, *args: Any, items: tuple[QuestionnaireItem, ...], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[item.id] = forms.ChoiceField(
                label=item.text,
                choices=SCALE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer to this statement.")},
            )

    def answers(self) -> dict[str, int | None]:
        """Returns the cleaned answers; "ved ikke" becomes None."""
        return {
            item.id: None
            if self.cleaned_data[item.id] == DONT_KNOW
            else int(self.cleaned_data[item.id])
            for item in self.items
        }
