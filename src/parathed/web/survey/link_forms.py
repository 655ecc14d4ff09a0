"""Forms of link management: round settings and a municipality's expected numbers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parathed.instrument.schema import SURVEY_ROLES, Role
from parathed.privacy import locate_cpr_numbers
from parathed.web.partnerships.models import MeasurementRound
from parathed.web.survey.link_services import (
    MAX_EXPECTED,
    MAX_THRESHOLD,
    MIN_SCORE_THRESHOLD,
    MIN_TEXT_THRESHOLD,
    RoundSettings,
)

EXPECTED_LABELS = {
    Role.CHEF: _("Expected number of chefs"),
    Role.LEDER: _("Expected number of managers (ledere)"),
    Role.MEDARBEJDER: _("Expected number of staff (medarbejdere)"),
}


def _interpolate(message: Any, params: dict[str, int]) -> str:
    return str(message) % params


_interpolate_lazy = lazy(_interpolate, str)


def _number_errors(low: int, high: int) -> dict[str, Any]:
    message = _interpolate_lazy(
        _("Enter a whole number from %(low)s to %(high)s."), {"low": low, "high": high}
    )
    return {
        "required": _("Enter a number."),
        "invalid": message,
        "min_value": message,
        "max_value": message,
    }


class RoundSettingsForm(forms.Form):
    """Anonymity thresholds and link mode, set before the first link."""

    anonymity_threshold = forms.IntegerField(
        label=_("Anonymity threshold for scores"),
        help_text=_("The fewest responses a score is shown for (at least 5)."),
        min_value=MIN_SCORE_THRESHOLD,
        max_value=MAX_THRESHOLD,
        error_messages=_number_errors(MIN_SCORE_THRESHOLD, MAX_THRESHOLD),
    )
    text_threshold = forms.IntegerField(
        label=_("Anonymity threshold for free text"),
        help_text=_("The fewest comments free text is shown for (at least 10)."),
        min_value=MIN_TEXT_THRESHOLD,
        max_value=MAX_THRESHOLD,
        error_messages=_number_errors(MIN_TEXT_THRESHOLD, MAX_THRESHOLD),
    )
    link_mode = forms.ChoiceField(
        label=_("Link type"),
        choices=MeasurementRound.LinkMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how links are issued.")},
    )

    def settings(self) -> RoundSettings:
        """Returns the cleaned settings."""
        return RoundSettings(
            anonymity_threshold=self.cleaned_data["anonymity_threshold"],
            text_threshold=self.cleaned_data["text_threshold"],
            link_mode=self.cleaned_data["link_mode"],
        )


class ExpectedHeadcountForm(forms.Form):
    """Expected number of respondents per role; an empty field means "not known"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for role in SURVEY_ROLES:
            self.fields[role.value] = forms.IntegerField(
                label=EXPECTED_LABELS[role],
                required=False,
                min_value=0,
                max_value=MAX_EXPECTED,
                error_messages=_number_errors(0, MAX_EXPECTED),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def expected(self) -> dict[Role, int | None]:
        """Returns the cleaned numbers by role (None where left empty)."""
        return {role: self.cleaned_data[role.value] for role in SURVEY_ROLES}


class RoundCreateForm(forms.Form):
    """The name of a new measurement round; a CPR-shaped number in it is refused."""

    cpr_refused = False  # True: the page must not show the refused text again

    name = forms.CharField(
        label=_("Name of the new round"),
        max_length=200,
        error_messages={
            "required": _("Give the round a name."),
            "max_length": _("The name can be at most 200 characters."),
        },
    )

    def clean_name(self) -> str:
        """Refuses a name holding a CPR-shaped number, saying where, not what."""
        name: str = self.cleaned_data["name"]
        found = locate_cpr_numbers(name)
        if not found:
            return name
        self.cpr_refused = True
        where = found[0]
        if where.words_before:
            message = gettext(
                "The name seems to hold a CPR number (character %(column)s, after "
                "“%(before)s”). Remove it; nothing was saved."
            ) % {"column": where.column, "before": where.words_before}
        else:
            message = gettext(
                "The name seems to hold a CPR number (at the start). Remove it; "
                "nothing was saved."
            )
        raise forms.ValidationError(message, code="cpr")
