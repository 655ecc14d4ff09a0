"""Anonymous survey links, responses and answers.

Invariant: nothing here points to a person. A response stores its role, its answers and
the dates it was started and submitted; no IP address, user agent, name or time of day.
A draft can be found again only through the digest of a random resume key, which the
respondent's browser keeps in a cookie; the key is dropped on submit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parathed.web.partnerships.models import MeasurementRound, Municipality


class SurveyLink(models.Model):
    """An anonymous link (spørgeskemalink) for one municipality in one round.

    ``role`` empty means the respondent chooses a role on the first page.
    """

    round = models.ForeignKey(
        MeasurementRound,
        on_delete=models.CASCADE,
        related_name="links",
        verbose_name=_("measurement round"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="survey_links",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=20, blank=True)
    token = models.CharField(_("token"), max_length=64, unique=True)
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Rotation: the old link is closed and marked rotated; the new one points back.
    rotated_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )

    class Meta:
        verbose_name = _("survey link")
        verbose_name_plural = _("survey links")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "municipality", "role"),
                condition=models.Q(rotated_at__isnull=True),
                name="one_current_link_per_municipality_role_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name} {self.role or '*'}"


class Response(models.Model):
    """One respondent's questionnaire (besvarelse), draft until submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in progress")
        SUBMITTED = "submitted", _("submitted")

    link = models.ForeignKey(
        SurveyLink,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("survey link"),
        null=True,  # None for a response imported from a file (ImportedRow)
        blank=True,
    )
    round = models.ForeignKey(
        MeasurementRound,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("measurement round"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=20)
    instrument_version = models.CharField(_("instrument version"), max_length=20)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    started_on = models.DateField(_("started on"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    page = models.PositiveSmallIntegerField(_("last page"), default=0)
    resume_digest = models.CharField(
        _("resume key digest"), max_length=64, unique=True, null=True, blank=True
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=("round", "municipality", "status"))]

    def __str__(self) -> str:
        return f"Besvarelse {self.pk}"


class Answer(models.Model):
    """One answer to one questionnaire item; ``value`` empty is "ved ikke"."""

    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("response"),
    )
    item_id = models.CharField(_("item id"), max_length=20)
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=("response", "item_id"), name="one_answer"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True)
                | models.Q(value__gte=1, value__lte=5),
                name="answer_value_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}={self.value}"


class OpenAnswer(models.Model):
    """The answer to one open question (fritekst), stored only after the CPR scan."""

    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="open_answers",
        verbose_name=_("response"),
    )
    question_id = models.CharField(_("question id"), max_length=20)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("open answer")
        verbose_name_plural = _("open answers")
        constraints = [
            models.UniqueConstraint(
                fields=("response", "question_id"), name="one_open_answer"
            ),
        ]

    def __str__(self) -> str:
        return self.question_id


class ExpectedHeadcount(models.Model):
    """Expected number of respondents (forventet antal) of one role in a municipality.

    Entered by the municipal contact per round; the denominator of the response rate,
    since anonymous links cannot tell who has not answered.
    """

    round = models.ForeignKey(
        MeasurementRound,
        on_delete=models.CASCADE,
        related_name="expected_headcounts",
        verbose_name=_("measurement round"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="expected_headcounts",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=20)
    expected = models.PositiveIntegerField(_("expected number"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("expected headcount")
        verbose_name_plural = _("expected headcounts")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "municipality", "role"), name="one_expected_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.role}={self.expected}"


# --- Imports of responses from CSV/XLSX files (issue #4) -------------------------


class ImportBatch(models.Model):
    """One uploaded file of responses (import) for one municipality in one round.

    While ``status`` is pending, ``table`` holds the file's cells (without name and
    e-mail columns, and only after the CPR scan of every cell) so the consultant can
    map its columns; the import clears it. ``file_sha256`` recognises the same file
    uploaded again. No file name is kept.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting column mapping")
        IMPORTED = "imported", _("imported")

    round = models.ForeignKey(
        MeasurementRound,
        on_delete=models.CASCADE,
        related_name="import_batches",
        verbose_name=_("measurement round"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="import_batches",
        verbose_name=_("municipality"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_on = models.DateField(_("uploaded on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    file_sha256 = models.CharField(_("file fingerprint (SHA-256)"), max_length=64)
    file_format = models.CharField(_("file format"), max_length=10)
    description = models.CharField(_("how the file was read"), max_length=200)
    dropped_columns = models.JSONField(
        _("personal columns left out"), default=list, blank=True
    )
    table = models.JSONField(_("cells awaiting mapping"), null=True, blank=True)
    mapping = models.JSONField(_("column mapping used"), null=True, blank=True)
    source_rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    imported_rows = models.PositiveIntegerField(_("rows imported"), default=0)
    duplicate_rows = models.PositiveIntegerField(_("rows imported before"), default=0)
    imported_on = models.DateField(_("imported on"), null=True, blank=True)

    class Meta:
        verbose_name = _("response import")
        verbose_name_plural = _("response imports")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "municipality", "file_sha256"),
                name="one_import_per_file",
            )
        ]

    def __str__(self) -> str:
        return f"Import {self.pk}"


class ImportedRow(models.Model):
    """The fingerprint of one imported row, so a later file never adds it twice."""

    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.CASCADE,
        related_name="rows",
        verbose_name=_("response import"),
    )
    response = models.OneToOneField(
        Response,
        on_delete=models.CASCADE,
        related_name="imported_row",
        verbose_name=_("response"),
    )
    row_number = models.PositiveIntegerField(_("row in the file"))
    fingerprint = models.CharField(
        _("row fingerprint (SHA-256)"), max_length=64, unique=True
    )

    class Meta:
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row_number}"
