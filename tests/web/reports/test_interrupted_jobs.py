"""A job whose process died is failed with a Danish reason when someone reads it.

The owner is a real process: a subprocess takes its mark (as a gunicorn worker does
when it queues a job) and is killed with kill -9.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from parathed.web.reports.models import ReportJob
from parathed.web.reports.services import (
    STALE_AFTER,
    owners_dir,
    report_job_run,
    report_jobs_fail_interrupted,
    reports_dir,
)

MARKER = """
import sys, time
from pathlib import Path
from parathed.reporting.locks import process_mark
print(process_mark(Path(sys.argv[1])), flush=True)
time.sleep(600)
"""
INTERRUPTED_DA = "Jobbet blev afbrudt, fordi serveren genstartede"


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path


@pytest.fixture
def owner() -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A live process on this host holding its mark in the owners' folder."""
    process = subprocess.Popen(
        [sys.executable, "-c", MARKER, str(owners_dir())],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 20)
    assert ready, "the owner process did not start"
    mark = process.stdout.readline().strip()
    yield process, mark
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _job(world: Any, *, mark: str, status: str, **fields: Any) -> ReportJob:
    return ReportJob.objects.create(
        measurement_round=world.round,
        municipality=world.municipality_a,
        status=status,
        **{
            "owner_host": socket.gethostname(),
            "owner_mark": mark,
            "heartbeat_at": timezone.now(),
            **fields,
        },
    )


def _status_url(job: ReportJob) -> str:
    return reverse("reports:job-status", kwargs={"slug": "p", "job_id": job.pk})


def test_a_job_whose_process_was_killed_fails_with_the_danish_reason(
    world: Any,
    owner: tuple[subprocess.Popen[str], str],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    process, mark = owner
    running = _job(world, mark=mark, status=ReportJob.Status.RUNNING)
    queued = _job(world, mark=mark, status=ReportJob.Status.QUEUED)
    done = _job(world, mark=mark, status=ReportJob.Status.DONE)
    # A half-written deck of the running job.
    folder = reports_dir() / str(world.round.pk) / str(running.pk)
    folder.mkdir(parents=True)
    partial = folder / "parathed-deck.pptx"
    partial.write_bytes(b"half a deck")
    ReportJob.objects.filter(pk=running.pk).update(deck_path=str(partial))
    client = _client(world.consultant)

    alive = client.get(_status_url(running))
    assert alive["Refresh"] == "3"
    assert INTERRUPTED_DA not in alive.content.decode()
    running.refresh_from_db()
    assert running.status == ReportJob.Status.RUNNING

    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(_status_url(running))
    assert page.status_code == 200
    assert "Refresh" not in page
    text = page.content.decode()
    assert INTERRUPTED_DA in text
    assert "Start det igen." in text
    assert "Start igen" in text  # the button
    running.refresh_from_db()
    assert running.status == ReportJob.Status.FAILED
    assert running.error == ReportJob.INTERRUPTED
    assert running.deck_path == ""
    assert running.finished_at is not None
    assert not folder.exists()
    download = client.get(
        reverse(
            "reports:job-file",
            kwargs={"slug": "p", "job_id": running.pk, "kind": "pptx"},
        )
    )
    assert download.status_code == 404

    # The list reads the other jobs of the dead process: the queued one fails too,
    # the finished one is left as it was.
    listing = client.get(reverse("reports:report-list", kwargs={"slug": "p"}))
    assert "afbrudt af en genstart af serveren" in listing.content.decode()
    queued.refresh_from_db()
    assert queued.status == ReportJob.Status.FAILED
    assert queued.error == ReportJob.INTERRUPTED
    done_before = (done.status, done.error, done.finished_at)
    done.refresh_from_db()
    assert (done.status, done.error, done.finished_at) == done_before


def test_starting_an_interrupted_job_again_renders_a_new_deck(
    world: Any, owner: tuple[subprocess.Popen[str], str]
) -> None:
    process, mark = owner
    job = _job(world, mark=mark, status=ReportJob.Status.RUNNING)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    client = _client(world.consultant)
    page = client.get(_status_url(job)).content.decode()
    assert INTERRUPTED_DA in page
    assert f'name="code" value="{world.municipality_a.code}"' in page
    again = client.post(
        reverse("reports:report-start", kwargs={"slug": "p"}),
        {"code": world.municipality_a.code},
    )
    assert again.status_code == 302
    new = ReportJob.objects.exclude(pk=job.pk).get()
    assert new.owner_mark  # owned by this live process
    assert new.owner_mark != mark
    assert again["Location"] == _status_url(new)
    assert client.get(_status_url(new))["Refresh"] == "3"  # alive: left alone
    finished = report_job_run(job_id=new.pk, pdf=False)
    assert finished.status == ReportJob.Status.DONE, finished.error
    assert Path(finished.deck_path).is_file()
    download = client.get(
        reverse(
            "reports:job-file", kwargs={"slug": "p", "job_id": new.pk, "kind": "pptx"}
        )
    )
    assert download.status_code == 200
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED


def test_a_job_of_a_live_process_is_left_alone(
    world: Any, owner: tuple[subprocess.Popen[str], str]
) -> None:
    _, mark = owner
    job = _job(world, mark=mark, status=ReportJob.Status.QUEUED)
    assert report_jobs_fail_interrupted(jobs=[job]) == []
    job.refresh_from_db()
    assert job.status == ReportJob.Status.QUEUED
    assert job.error == ""


def test_a_silent_job_of_another_host_fails_only_after_the_stale_limit(
    world: Any,
) -> None:
    now = timezone.now()
    recent = _job(
        world, mark="a" * 32, status=ReportJob.Status.RUNNING, owner_host="other"
    )
    ReportJob.objects.filter(pk=recent.pk).update(
        owner_host="other", heartbeat_at=now - STALE_AFTER + timedelta(seconds=30)
    )
    silent = _job(world, mark="b" * 32, status=ReportJob.Status.RUNNING)
    ReportJob.objects.filter(pk=silent.pk).update(
        owner_host="other", heartbeat_at=now - STALE_AFTER - timedelta(seconds=1)
    )
    jobs = list(ReportJob.objects.filter(pk__in=[recent.pk, silent.pk]))
    failed = report_jobs_fail_interrupted(jobs=jobs)
    assert [j.pk for j in failed] == [silent.pk]
    recent.refresh_from_db()
    silent.refresh_from_db()
    assert recent.status == ReportJob.Status.RUNNING
    assert (silent.status, silent.error) == (
        ReportJob.Status.FAILED,
        ReportJob.INTERRUPTED,
    )


def test_the_heartbeat_refreshes_only_this_process_s_pending_jobs(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parathed.web.reports import services

    old = timezone.now() - timedelta(minutes=4)
    pending = _job(world, mark="d" * 32, status=ReportJob.Status.RUNNING)
    finished = _job(world, mark="d" * 32, status=ReportJob.Status.DONE)
    other = _job(world, mark="e" * 32, status=ReportJob.Status.RUNNING)
    ReportJob.objects.update(heartbeat_at=old)
    beats: list[float] = []

    def sleep(seconds: float) -> None:
        beats.append(seconds)
        if len(beats) == 2:  # after one beat, the process has no job left
            services._PENDING.clear()

    monkeypatch.setattr("parathed.web.reports.services.time.sleep", sleep)
    # The beat closes its connection after each update, as a thread of the server
    # must; here it shares the test's transaction, which has to stay open.
    monkeypatch.setattr(services, "close_old_connections", lambda: None)
    monkeypatch.setattr(services, "_PENDING", {pending.pk, finished.pk})
    services._heartbeat()  # returns once no job is pending
    assert beats == [services.HEARTBEAT_S, services.HEARTBEAT_S]
    pending.refresh_from_db()
    finished.refresh_from_db()
    other.refresh_from_db()
    assert pending.heartbeat_at is not None
    assert pending.heartbeat_at > old
    assert (finished.heartbeat_at, other.heartbeat_at) == (old, old)
