"""Report jobs: one deck rendered in the background, its status and its file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parathed.web.partnerships.models import MeasurementRound, Municipality


class ReportJob(models.Model):
    """One requested deck: a municipality's (``municipality`` set) or the
    partnership's (``municipality`` empty), rendered outside the request."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    # ``error`` of a job whose process died (restart, deploy, kill) before it ended.
    INTERRUPTED = "Interrupted"

    measurement_round = models.ForeignKey(
        MeasurementRound,
        on_delete=models.CASCADE,
        related_name="report_jobs",
        verbose_name=_("measurement round"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_jobs",
        verbose_name=_("municipality"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    deck_path = models.CharField(_("deck file"), max_length=500, blank=True)
    pdf_path = models.CharField(_("PDF preview file"), max_length=500, blank=True)
    error = models.CharField(_("error"), max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The process that holds the job in its pool: its host and its process mark
    # (``reporting.locks.process_mark``), and when it last said it still had the job.
    owner_host = models.CharField(_("owner host"), max_length=255, blank=True)
    owner_mark = models.CharField(_("owner process"), max_length=32, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"ReportJob {self.pk} ({self.status})"

    @property
    def is_pending(self) -> bool:
        """Whether the job is still queued or running."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def was_interrupted(self) -> bool:
        """Whether the job failed because its process died before it ended."""
        return self.status == self.Status.FAILED and self.error == self.INTERRUPTED
