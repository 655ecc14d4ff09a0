"""Starts and runs report jobs: a thread pool in the web process does the work.

``report_job_start`` records the job and, once the transaction commits, hands it
to a pool of ``cpu_count`` threads; ``report_job_run`` renders the deck with
``reporting.jobs.render_job`` into ``var/reports/`` and a PDF preview through
LibreOffice (one profile per conversion, a timeout, at most one per core). Errors
are stored as their type only: no free text, no paths, no personal data.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import close_old_connections, transaction
from django.utils import timezone

from parathed.reporting.jobs import (
    PARTNERSHIP_DECK,
    RenderOptions,
    convert_pdfs,
    render_job,
)
from parathed.web.partnerships.models import MeasurementRound, Municipality
from parathed.web.partnerships.services import round_assess
from parathed.web.reports.models import ReportJob

logger = logging.getLogger(__name__)
_POOL = ThreadPoolExecutor(
    max_workers=os.cpu_count() or 1, thread_name_prefix="parathed-report"
)
PDF_TIMEOUT_S = 120.0


def reports_dir() -> Path:
    """Where report files are written: ``<VAR_DIR>/reports``."""
    return Path(settings.VAR_DIR) / "reports"


@transaction.atomic
def report_job_start(
    *,
    measurement_round: MeasurementRound,
    municipality: Municipality | None,
    user: User,
) -> ReportJob:
    """Queues a deck (a municipality's, or the partnership's when None) and starts
    it in the background once the transaction commits."""
    job = ReportJob.objects.create(
        measurement_round=measurement_round,
        municipality=municipality,
        requested_by=user,
    )
    transaction.on_commit(lambda: _POOL.submit(_run_in_thread, job.pk))
    return job


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        report_job_run(job_id=job_id)
    finally:
        close_old_connections()


def report_job_run(*, job_id: int, pdf: bool = True) -> ReportJob:
    """Renders job ``job_id`` now (the pool calls this); returns it done or failed."""
    job = ReportJob.objects.select_related(
        "measurement_round__partnership", "municipality"
    ).get(pk=job_id)
    job.status = ReportJob.Status.RUNNING
    job.save(update_fields=["status"])
    measurement = job.measurement_round
    partnership = measurement.partnership
    try:
        # The whole round, also for one municipality's deck: its comparisons with
        # the partnership and its suppression depend on every other municipality.
        assessment = round_assess(round_id=measurement.pk)
        out_dir = reports_dir() / str(measurement.pk) / str(job.pk)
        name = PARTNERSHIP_DECK if job.municipality is None else job.municipality.code
        paths = render_job(
            assessment,
            name,
            out_dir=out_dir,
            options=RenderOptions(
                synthetic=partnership.is_synthetic,
                anonymise=partnership.anonymise_municipalities,
                secret=partnership.anonymisation_secret,
            ),
        )
        deck = next(p for p in paths if p.suffix == ".pptx")
        job.deck_path = str(deck)
        if pdf:
            converted = convert_pdfs([deck], out_dir=out_dir, timeout_s=PDF_TIMEOUT_S)
            if converted.paths:
                job.pdf_path = str(converted.paths[0])
        job.status = ReportJob.Status.DONE
    except Exception as exc:  # noqa: BLE001 (recorded on the job)
        job.status = ReportJob.Status.FAILED
        job.error = type(exc).__name__[:200]
        logger.warning("report job %s failed: %s", job.pk, type(exc).__name__)
    job.finished_at = timezone.now()
    job.save()
    return job
