"""Starts and runs report jobs: a thread pool in the web process does the work.

``report_job_start`` records the job and, once the transaction commits, hands it
to a pool of ``cpu_count`` threads; ``report_job_run`` renders the deck with
``reporting.jobs.render_job`` into ``var/reports/`` and a PDF preview through
LibreOffice (one profile per conversion, a timeout, at most one per core on the
whole machine: slot files in ``<VAR_DIR>/pdf-slots``). Errors are stored as their type
only: no free text, no paths, no personal data.

A job belongs to the process whose pool holds it: the job records that process's
host and mark (a lock file the process holds while it lives, in
``<VAR_DIR>/report-owners``), and the process refreshes ``heartbeat_at`` of its
pending jobs every ``HEARTBEAT_S``. When anyone reads jobs (the list and status
pages), ``report_jobs_fail_interrupted`` marks failed (``ReportJob.INTERRUPTED``)
every pending job whose process is gone (its mark is no longer held: a restart, a
deploy, kill -9) or whose heartbeat is older than ``STALE_AFTER``. So no job stays
queued or running after its process died.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from functools import partial
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
from parathed.reporting.locks import mark_alive, process_mark
from parathed.web.partnerships.models import MeasurementRound, Municipality
from parathed.web.partnerships.services import round_assess
from parathed.web.reports.models import ReportJob

logger = logging.getLogger(__name__)
_POOL = ThreadPoolExecutor(
    max_workers=os.cpu_count() or 1, thread_name_prefix="parathed-report"
)
PDF_TIMEOUT_S = 120.0
# A live process refreshes its jobs' heartbeat this often, whatever they are doing.
HEARTBEAT_S = 30.0
# A job whose heartbeat is older than this is failed even when its process cannot be
# checked (another host): ten missed heartbeats, and more than twice the longest
# legitimate render (under 2 min with the 120 s PDF timeout), so a busy database or
# a slow render never fails a live job. A dead process on this host is seen at once.
STALE_AFTER = timedelta(minutes=5)
_PENDING: set[int] = set()  # jobs this process has queued or is running
_PENDING_LOCK = threading.Lock()
_BEAT: list[threading.Thread] = []


def reports_dir() -> Path:
    """Where report files are written: ``<VAR_DIR>/reports``."""
    return Path(settings.VAR_DIR) / "reports"


def owners_dir() -> Path:
    """Where the processes that hold report jobs keep their marks."""
    return Path(settings.VAR_DIR) / "report-owners"


def pdf_slot_dir() -> Path:
    """The PDF slot files every process of this site shares."""
    return Path(settings.VAR_DIR) / "pdf-slots"


def _claim(job: ReportJob) -> None:
    """Makes this process the job's owner (host, mark, a fresh heartbeat)."""
    job.owner_host = socket.gethostname()[:255]
    job.owner_mark = process_mark(owners_dir())
    job.heartbeat_at = timezone.now()


def _job_dir(job: ReportJob) -> Path:
    return reports_dir() / str(job.measurement_round_id) / str(job.pk)


@transaction.atomic
def report_job_start(
    *,
    measurement_round: MeasurementRound,
    municipality: Municipality | None,
    user: User,
) -> ReportJob:
    """Queues a deck (a municipality's, or the partnership's when None) and starts
    it in the background once the transaction commits."""
    job = ReportJob(
        measurement_round=measurement_round,
        municipality=municipality,
        requested_by=user,
    )
    _claim(job)
    job.save()
    transaction.on_commit(lambda: _submit(job.pk))
    return job


def _submit(job_id: int) -> None:
    with _PENDING_LOCK:
        _PENDING.add(job_id)
        if not _BEAT or not _BEAT[0].is_alive():
            beat = threading.Thread(
                target=_heartbeat, name="parathed-report-heartbeat", daemon=True
            )
            _BEAT[:] = [beat]
            beat.start()
    _POOL.submit(_run_in_thread, job_id)


def _heartbeat() -> None:
    """Refreshes the heartbeat of this process's pending jobs until it has none."""
    while True:
        time.sleep(HEARTBEAT_S)
        with _PENDING_LOCK:
            pending = sorted(_PENDING)
            if not pending:
                _BEAT.clear()
                return
        try:
            ReportJob.objects.filter(
                pk__in=pending,
                status__in=(ReportJob.Status.QUEUED, ReportJob.Status.RUNNING),
            ).update(heartbeat_at=timezone.now())
        except Exception as exc:  # noqa: BLE001 (the next beat tries again)
            logger.warning("report heartbeat failed: %s", type(exc).__name__)
        finally:
            close_old_connections()


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        report_job_run(job_id=job_id)
    finally:
        with _PENDING_LOCK:
            _PENDING.discard(job_id)
        close_old_connections()


def _interrupted(job: ReportJob, *, host: str, now: datetime) -> bool:
    """Whether a pending job's process is gone (or silent past ``STALE_AFTER``)."""
    if not job.is_pending:
        return False
    if now - (job.heartbeat_at or job.created_at) > STALE_AFTER:
        return True
    if job.owner_mark and job.owner_host == host:
        return not mark_alive(owners_dir(), job.owner_mark)
    return False


@transaction.atomic
def report_jobs_fail_interrupted(*, jobs: Iterable[ReportJob]) -> list[ReportJob]:
    """Marks failed (``ReportJob.INTERRUPTED``) each of ``jobs`` that is queued or
    running but whose process is gone, removes what it had written, and returns the
    jobs it failed (updated in place, so the caller shows the new status).

    Finished jobs are never touched; the update applies only while the job is still
    pending with the same owner, so a job that ends meanwhile keeps its outcome.
    """
    host = socket.gethostname()[:255]
    now = timezone.now()
    failed = []
    for job in jobs:
        if not _interrupted(job, host=host, now=now):
            continue
        updated = ReportJob.objects.filter(
            pk=job.pk,
            status__in=(ReportJob.Status.QUEUED, ReportJob.Status.RUNNING),
            owner_mark=job.owner_mark,
        ).update(
            status=ReportJob.Status.FAILED,
            error=ReportJob.INTERRUPTED,
            deck_path="",
            pdf_path="",
            finished_at=now,
        )
        if not updated:
            job.refresh_from_db()
            continue
        job.status = ReportJob.Status.FAILED
        job.error = ReportJob.INTERRUPTED
        job.deck_path = job.pdf_path = ""
        job.finished_at = now
        # Half-written files of the job are never served; remove them too.
        folder = _job_dir(job)
        transaction.on_commit(partial(shutil.rmtree, folder, ignore_errors=True))
        logger.warning("report job %s interrupted: its process is gone", job.pk)
        failed.append(job)
    return failed


def report_job_run(*, job_id: int, pdf: bool = True) -> ReportJob:
    """Renders job ``job_id`` now (the pool calls this); returns it done or failed."""
    job = ReportJob.objects.select_related(
        "measurement_round__partnership", "municipality"
    ).get(pk=job_id)
    job.status = ReportJob.Status.RUNNING
    _claim(job)
    job.save(update_fields=["status", "owner_host", "owner_mark", "heartbeat_at"])
    measurement = job.measurement_round
    partnership = measurement.partnership
    try:
        # The whole round, also for one municipality's deck: its comparisons with
        # the partnership and its suppression depend on every other municipality.
        assessment = round_assess(round_id=measurement.pk)
        out_dir = _job_dir(job)
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
            converted = convert_pdfs(
                [deck],
                out_dir=out_dir,
                timeout_s=PDF_TIMEOUT_S,
                slot_dir=pdf_slot_dir(),
            )
            if converted.paths:
                job.pdf_path = str(converted.paths[0])
        job.status = ReportJob.Status.DONE
    except Exception as exc:  # noqa: BLE001 (recorded on the job)
        job.status = ReportJob.Status.FAILED
        job.error = type(exc).__name__[:200]
        logger.warning("report job %s failed: %s", job.pk, type(exc).__name__)
    job.finished_at = timezone.now()
    # Only while the job is still running: once failed as interrupted, it stays so.
    ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.RUNNING).update(
        status=job.status,
        deck_path=job.deck_path,
        pdf_path=job.pdf_path,
        error=job.error,
        finished_at=job.finished_at,
    )
    job.refresh_from_db()
    return job
