"""Case screenings (sagsgennemgang), interviews and the fieldwork audit trail.

Invariant: nothing here points to a child or an employee. A case is known by a short
pseudonymous label; of the child's birth only year and month are kept (enough for the
17½- and 18-year deadlines); interviews hold roles and a head count, never names.
Every free text passed the CPR guard before it was stored. The audit log holds who,
when, which municipality and which object, never content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parathed.web.partnerships.models import MeasurementRound, Municipality, Partnership

LABEL_MAX = 12
NOTE_MAX = 300
INTERVIEW_NOTES_MAX = 2000
PARAPHRASE_MAX = 240
DEFAULT_PLANNED_CASES = 5


class CasePlan(models.Model):
    """How many cases (antal sager) a municipality's screening in a round covers."""

    round = models.ForeignKey(
        MeasurementRound, on_delete=models.CASCADE, verbose_name=_("measurement round")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, verbose_name=_("municipality")
    )
    planned_cases = models.PositiveSmallIntegerField(
        _("planned cases"), default=DEFAULT_PLANNED_CASES
    )

    class Meta:
        verbose_name = _("case plan")
        verbose_name_plural = _("case plans")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "municipality"), name="one_case_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.planned_cases}"


class CaseScreening(models.Model):
    """One consultant's screening (sagsscreening) of one case file.

    Two consultants screening the same case each have their own screening with the
    same label; the first one completed is rater 1.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("in progress")
        COMPLETE = "complete", _("complete")

    round = models.ForeignKey(
        MeasurementRound,
        on_delete=models.CASCADE,
        related_name="case_screenings",
        verbose_name=_("measurement round"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="case_screenings",
        verbose_name=_("municipality"),
    )
    label = models.CharField(_("case label"), max_length=LABEL_MAX)
    screener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_screenings",
        verbose_name=_("screener"),
    )
    instrument_version = models.CharField(_("instrument version"), max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    age_band = models.CharField(_("age band"), max_length=10, blank=True)
    kinds = models.JSONField(_("kinds of case"), default=list, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True)
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True)
    dates = models.JSONField(_("case dates"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case screening")
        verbose_name_plural = _("case screenings")
        ordering = ("label", "created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "municipality", "label", "screener"),
                name="one_screening_per_screener_and_case",
            )
        ]

    def __str__(self) -> str:
        return self.label


class CheckAnswer(models.Model):
    """The answer to one case check (kontrolpunkt) in one screening."""

    screening = models.ForeignKey(
        CaseScreening,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("case screening"),
    )
    check_id = models.CharField(_("check"), max_length=20)
    status = models.CharField(_("status"), max_length=20, blank=True)
    count = models.PositiveSmallIntegerField(_("count"), null=True, blank=True)
    note = models.CharField(_("evidence note"), max_length=NOTE_MAX, blank=True)

    class Meta:
        verbose_name = _("check answer")
        verbose_name_plural = _("check answers")
        constraints = [
            models.UniqueConstraint(
                fields=("screening", "check_id"), name="one_answer_per_check"
            )
        ]

    def __str__(self) -> str:
        return self.check_id


class Interview(models.Model):
    """An interview (interview) held in a municipality: roles and a head count."""

    round = models.ForeignKey(
        MeasurementRound,
        on_delete=models.CASCADE,
        related_name="interviews",
        verbose_name=_("measurement round"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name=_("municipality"),
    )
    held_on = models.DateField(_("date of the interview"))
    roles = models.JSONField(_("roles present"), default=list)
    participants = models.PositiveSmallIntegerField(_("number of participants"))
    notes = models.TextField(_("notes"), max_length=INTERVIEW_NOTES_MAX, blank=True)
    instrument_version = models.CharField(_("instrument version"), max_length=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name=_("interviewer"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ("held_on", "pk")

    def __str__(self) -> str:
        return f"{self.municipality} {self.held_on}"


class CodedStatement(models.Model):
    """A coded statement (kodet udsagn): theme x strength/challenge x needs."""

    interview = models.ForeignKey(
        Interview,
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=_("interview"),
    )
    role = models.CharField(_("spoken by"), max_length=20)
    theme = models.CharField(_("theme"), max_length=40)
    valence = models.CharField(_("strength or challenge"), max_length=20)
    development_needs = models.JSONField(_("development needs"), default=list)
    paraphrase = models.CharField(
        _("paraphrase"), max_length=PARAPHRASE_MAX, blank=True
    )

    class Meta:
        verbose_name = _("coded statement")
        verbose_name_plural = _("coded statements")
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.theme}/{self.valence}"


class AccessLogEntry(models.Model):
    """One read or write of fieldwork records (adgangslog): who, when, what; no content.

    ``object_id`` names the screening or interview; 0 stands for a list or overview.
    """

    class Action(models.TextChoices):
        READ = "read", _("read")
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        COMPLETE = "complete", _("completed")
        DELETE = "delete", _("deleted")
        DENIED = "denied", _("access refused")

    class Kind(models.TextChoices):
        CASE_LIST = "case_list", _("case list")
        CASE = "case", _("case screening")
        AGREEMENT = "agreement", _("agreement between screeners")
        INTERVIEW_LIST = "interview_list", _("interview list")
        INTERVIEW = "interview", _("interview")
        COVERAGE = "coverage", _("interview coverage")
        LOG = "log", _("access log")

    at = models.DateTimeField(_("time"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, verbose_name=_("partnership")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        verbose_name=_("municipality"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    kind = models.CharField(_("object"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"), default=0)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ("-at", "-pk")
        indexes = [models.Index(fields=("partnership", "-at"), name="log_by_time")]

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.kind} {self.object_id}"
