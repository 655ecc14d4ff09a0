"""Report jobs through the web: start, status, run, download, per role."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pptx import Presentation

from parathed.web.reports.models import ReportJob
from parathed.web.reports.services import report_job_run


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _start(client: Client, world: Any, code: str) -> Any:
    return client.post(
        reverse("reports:report-start", kwargs={"slug": world.partnership.slug}),
        {"code": code},
    )


def test_consultant_renders_a_municipal_deck_and_downloads_it(
    world: Any, tmp_path: Path
) -> None:
    client = _client(world.consultant)
    response = _start(client, world, world.municipality_a.code)
    job = ReportJob.objects.get()
    status_url = reverse("reports:job-status", kwargs={"slug": "p", "job_id": job.pk})
    assert response.status_code == 302
    assert response["Location"] == status_url
    pending = client.get(status_url)
    assert pending["Refresh"] == "3"
    assert b'http-equiv="refresh"' in pending.content
    assert job.status == ReportJob.Status.QUEUED

    done = report_job_run(job_id=job.pk, pdf=False)
    assert done.status == ReportJob.Status.DONE, done.error
    assert Path(done.deck_path).is_relative_to(tmp_path / "reports")
    page = client.get(status_url)
    assert "Refresh" not in page
    assert b'http-equiv="refresh"' not in page.content
    download = client.get(
        reverse(
            "reports:job-file", kwargs={"slug": "p", "job_id": job.pk, "kind": "pptx"}
        )
    )
    assert download.status_code == 200
    deck = Presentation(io.BytesIO(download.content))
    assert world.municipality_a.name in deck.slides[0].shapes.title.text
    other = _client(world.contact_b).get(
        reverse(
            "reports:job-file", kwargs={"slug": "p", "job_id": job.pk, "kind": "pptx"}
        )
    )
    assert other.status_code == 403


def test_roles_may_start_only_their_decks(world: Any) -> None:
    assert (
        _start(_client(world.contact_a), world, world.municipality_b.code).status_code
        == 403
    )
    assert _start(_client(world.contact_a), world, "").status_code == 403
    assert (
        _start(_client(world.steering), world, world.municipality_a.code).status_code
        == 403
    )
    assert _start(_client(world.outsider_consultant), world, "").status_code == 404
    assert ReportJob.objects.count() == 0
    assert (
        _start(_client(world.contact_a), world, world.municipality_a.code).status_code
        == 302
    )
    assert _start(_client(world.steering), world, "").status_code == 302
    assert ReportJob.objects.count() == 2


def test_list_shows_buttons_per_role(world: Any) -> None:
    url = reverse("reports:report-list", kwargs={"slug": "p"})
    consultant = _client(world.consultant).get(url).content.decode()
    assert consultant.count('name="code"') == 3  # partnership + two municipalities
    steering = _client(world.steering).get(url).content.decode()
    assert steering.count('name="code"') == 1
    assert world.municipality_a.name not in steering
    contact = _client(world.contact_a).get(url).content.decode()
    assert contact.count('name="code"') == 1
    assert world.municipality_b.name not in contact


@pytest.mark.slow
def test_partnership_deck_job_runs_with_a_pdf_preview(world: Any) -> None:
    client = _client(world.steering)
    _start(client, world, "")
    job = report_job_run(job_id=ReportJob.objects.get().pk)
    assert job.status == ReportJob.Status.DONE, job.error
    assert job.municipality is None
    pdf = client.get(
        reverse(
            "reports:job-file", kwargs={"slug": "p", "job_id": job.pk, "kind": "pdf"}
        )
    )
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_a_failing_job_is_marked_failed_without_details(world: Any) -> None:
    job = ReportJob.objects.create(
        measurement_round=world.round, municipality=world.municipality_a
    )
    world.round.instrument_version = "0.0-missing"
    world.round.save()
    failed = report_job_run(job_id=job.pk, pdf=False)
    assert failed.status == ReportJob.Status.FAILED
    assert failed.error  # the exception type only
    assert " " not in failed.error
