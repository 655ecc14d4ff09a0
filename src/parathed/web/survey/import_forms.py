"""Forms of the response import: the upload, and one choice per column of the file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from parathed.instrument.schema import ROLE_LABELS_DA, SURVEY_ROLES, Instrument, Role
from parathed.intake.responses import (
    DATE,
    IGNORE,
    ITEM,
    OPEN,
    ROLE,
    UNDECIDED,
    ColumnMapping,
)
from parathed.intake.tables import column_letter, human_size


class UploadForm(forms.Form):
    """The file to import: CSV or Excel (.xlsx), within the upload limit."""

    file = forms.FileField(
        label=_("File (CSV or Excel .xlsx)"),
        error_messages={"required": _("Choose a file to upload.")},
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.PARATHED_IMPORT_MAX_UPLOAD_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; it may be at most %(limit)s.")
                % {"size": human_size(upload.size), "limit": human_size(limit)}
            )
        return upload


def _target_choices(instrument: Instrument) -> list[Any]:
    def short(text: str) -> str:
        return text if len(text) <= 70 else text[:69] + "…"

    return [
        (UNDECIDED, _("— Choose —")),
        (IGNORE, _("Do not import")),
        (ROLE, _("Role")),
        (DATE, _("Date of response")),
        (
            _("Statements"),
            [(ITEM + i.id, f"{i.id} – {short(i.text)}") for i in instrument.items],
        ),
        (
            _("Open questions"),
            [
                (OPEN + q.id, f"{q.id} – {short(q.text)}")
                for q in instrument.open_questions
            ],
        ),
    ]


class MappingForm(forms.Form):
    """What each column holds, and the role and date when no column holds them."""

    role = forms.ChoiceField(
        label=_("Role for every row"),
        required=False,
        help_text=_("Only when no column holds the role."),
    )
    answered_on = forms.DateField(
        label=_("Date for every row"),
        required=False,
        help_text=_("Only when no column holds the date. Write it as 2026-05-01."),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the date as 2026-05-01.")},
    )
    dont_know_code = forms.IntegerField(
        label=_("Number used for »Ved ikke«"),
        required=False,
        min_value=6,
        max_value=99,
        help_text=_(
            "If the file codes »Ved ikke« as a number (often 6 or 9). "
            "Empty cells and the text »Ved ikke« are always understood."
        ),
        error_messages={
            "min_value": _("Use a number from 6 to 99."),
            "max_value": _("Use a number from 6 to 99."),
            "invalid": _("Use a number from 6 to 99."),
        },
    )

    def __init__(
        self,
        *args: Any,
        headers: tuple[str, ...],
        samples: list[str],
        instrument: Instrument,
        suggested: tuple[str, ...],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)  # noqa: S101 (declared above)
        role_field.choices = [("", _("The role is in a column"))] + [
            (role.value, ROLE_LABELS_DA[role]) for role in SURVEY_ROLES
        ]
        self.headers = headers
        choices = _target_choices(instrument)
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("(no heading)"),
                choices=choices,
                required=False,
                initial=suggested[index],
                help_text=samples[index],
            )

    def column_fields(self) -> list[tuple[str, forms.BoundField]]:
        """Returns (column letter, choice) in file order, for the template."""
        return [
            (column_letter(index), self[f"col_{index}"])
            for index in range(len(self.headers))
        ]

    def fallback_fields(self) -> list[forms.BoundField]:
        """Returns the role, date and "ved ikke" fields that apply to every row."""
        return [self[name] for name in ("role", "answered_on", "dont_know_code")]

    def mapping(self) -> ColumnMapping:
        """Returns the cleaned choices as the mapping the validator reads."""
        role = self.cleaned_data.get("role") or ""
        return ColumnMapping(
            targets=tuple(
                self.cleaned_data.get(f"col_{index}") or UNDECIDED
                for index in range(len(self.headers))
            ),
            role=Role(role) if role else None,
            answered_on=self.cleaned_data.get("answered_on"),
            dont_know_code=self.cleaned_data.get("dont_know_code"),
        )
