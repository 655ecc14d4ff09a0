"""Forms of the key-figure pages: the template upload and a correction of one value."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parathed.privacy import locate_cpr_numbers
from parathed.web.keyfigures.inputs import InputSpec
from parathed.web.keyfigures.upload_guard import UnsafeUploadError, check_xlsx_upload


class UploadForm(forms.Form):
    """The municipality's filled-in template."""

    file = forms.FileField(
        label=_("Filled-in template (.xlsx)"),
        error_messages={"required": _("Choose the file to upload.")},
    )

    def clean_file(self) -> UploadedFile:
        """Refuses oversized files and anything that is not a sane .xlsx archive."""
        upload: UploadedFile = self.cleaned_data["file"]
        try:
            check_xlsx_upload(upload, size=upload.size or 0)
        except UnsafeUploadError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


def cpr_message(text: str) -> str | None:
    """Returns a Danish message saying where a CPR-shaped number is, or None.

    The message never repeats the number; it names line, column and the words
    before it (digits masked).
    """
    locations = locate_cpr_numbers(text)
    if not locations:
        return None
    first = locations[0]
    where = gettext("line %(line)s, column %(column)s") % {
        "line": first.line,
        "column": first.column,
    }
    if first.words_before:
        where = gettext("%(where)s, after “%(words)s”") % {
            "where": where,
            "words": first.words_before,
        }
    return gettext(
        "The comment seems to hold a CPR number (%(where)s). Remove it; the "
        "comment has not been saved."
    ) % {"where": where}


class CorrectionForm(forms.Form):
    """The municipality's own value for one input, and why it differs."""

    value = forms.FloatField(
        label=_("Your value"),
        min_value=0,
        localize=True,
        error_messages={
            "required": _("Write the correct value."),
            "invalid": _("Write a number, e.g. 12 or 4,5."),
            "min_value": _("The value cannot be below 0."),
        },
    )
    comment = forms.CharField(
        label=_("Why is the value different?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Write a short reason for the correction.")},
    )

    def __init__(self, *args: Any, spec: InputSpec | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec

    def clean_value(self) -> float:
        """Refuses a share over 100 % and fractions of a count."""
        value: float = self.cleaned_data["value"]
        if self.spec is None:
            return value
        if self.spec.maximum is not None and value > self.spec.maximum:
            raise forms.ValidationError(
                gettext("The value cannot be over %(limit)s (%(unit)s).")
                % {"limit": f"{self.spec.maximum:g}", "unit": self.spec.unit}
            )
        if self.spec.integer and not value.is_integer():
            raise forms.ValidationError(gettext("The value must be a whole number."))
        return value

    def clean_comment(self) -> str:
        """Refuses a comment with a CPR-shaped number, saying where it is."""
        comment: str = self.cleaned_data["comment"]
        message = cpr_message(comment)
        if message is not None:
            # The refused text must not be shown again: clear it from the form.
            if isinstance(self.data, QueryDict):
                data = self.data.copy()
                data[self.add_prefix("comment")] = ""
                self.data = data
            raise forms.ValidationError(message)
        return comment
