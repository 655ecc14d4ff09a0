"""The security event log (reliability.md S9): logins, refused accesses, files out
and in are recorded with user, municipality and object, and nothing secret."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from parathed.cli import main
from parathed.privacy import find_cpr_numbers
from parathed.web.accounts import totp
from parathed.web.accounts.events import Kind, username_hash
from parathed.web.accounts.models import SecurityEvent
from parathed.web.accounts.security import recovery_codes_create, totp_device_set
from parathed.web.reports.models import ReportJob
from tests.web.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"
VERIFY = "/konto/login/kode/"
WRONG_PASSWORD = "Forkert-Kodeord-42"
CPR_SHAPED = "010190-1234"  # a username typed as a CPR number


def _values(event: SecurityEvent) -> list[str]:
    """Every column of the event as text."""
    return [str(getattr(event, f.attname)) for f in SecurityEvent._meta.concrete_fields]


def _assert_clean(*secrets: str) -> None:
    """No stored event holds a CPR-shaped string or any of ``secrets``."""
    for event in SecurityEvent.objects.all():
        for value in _values(event):
            assert find_cpr_numbers(value) == [], (event.kind, value)
            for secret in secrets:
                assert secret.casefold() not in value.casefold(), (event.kind, value)


def _events(kind: SecurityEvent.Kind) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(kind=kind))


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Authentication -------------------------------------------------------------------


def test_a_wrong_password_logs_one_event_without_the_password(
    users: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="parathed.security")
    response = Client().post(
        LOGIN, {"username": "kontakt-a", "password": WRONG_PASSWORD}
    )
    assert response.status_code == 200
    (event,) = SecurityEvent.objects.all()
    assert event.kind == Kind.LOGIN_FAILED
    assert event.user_id == users["contact"].pk
    assert event.username_hash == username_hash("kontakt-a")
    assert event.address == "127.0.0.1"
    assert event.at.utcoffset() == timedelta(0)
    _assert_clean(WRONG_PASSWORD)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "parathed.security"]
    assert line.startswith("event=login_failed user=")
    assert WRONG_PASSWORD not in line


def test_an_unknown_cpr_shaped_username_is_kept_only_as_a_keyed_hash(
    users: dict[str, Any],
) -> None:
    Client().post(LOGIN, {"username": CPR_SHAPED, "password": WRONG_PASSWORD})
    (event,) = SecurityEvent.objects.all()
    assert event.kind == Kind.LOGIN_FAILED
    assert event.user_id is None
    assert event.username_hash == username_hash(CPR_SHAPED)
    _assert_clean(CPR_SHAPED, CPR_SHAPED.replace("-", ""), WRONG_PASSWORD)


def test_the_pause_and_attempts_during_it_are_logged(users: dict[str, Any]) -> None:
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": "kontakt-a", "password": WRONG_PASSWORD})
    assert len(_events(Kind.LOGIN_FAILED)) == 5
    (paused,) = _events(Kind.LOGIN_PAUSED)
    assert paused.user_id == users["contact"].pk
    client.post(LOGIN, {"username": "kontakt-a", "password": PASSWORD})
    (refused,) = _events(Kind.LOGIN_REFUSED_PAUSED)
    assert refused.user_id == users["contact"].pk
    assert _events(Kind.LOGIN) == []
    _assert_clean(WRONG_PASSWORD, PASSWORD)


def test_a_login_and_a_logout_are_logged(users: dict[str, Any]) -> None:
    client = Client()
    assert (
        client.post(LOGIN, {"username": "kontakt-a", "password": PASSWORD}).status_code
        == 302
    )
    (login,) = _events(Kind.LOGIN)
    assert login.user_id == users["contact"].pk
    assert login.address == "127.0.0.1"
    client.post("/konto/logout/")
    (logout,) = _events(Kind.LOGOUT)
    assert logout.user_id == users["contact"].pk
    _assert_clean(PASSWORD)


def test_a_wrong_code_a_recovery_code_and_the_login_are_logged(
    users: dict[str, Any],
) -> None:
    consultant = users["consultant"]
    device = totp_device_set(user=consultant, secret=totp.secret_new())
    codes = recovery_codes_create(user=consultant)
    client = Client()
    client.post(LOGIN, {"username": "konsulent", "password": PASSWORD})
    assert _events(Kind.LOGIN) == []  # the password alone is no login
    now = time.time()
    good = {totp.code_at_step(device.secret, totp.step_at(now) + d) for d in (-1, 0, 1)}
    wrong = next(f"{n:06d}" for n in range(10) if f"{n:06d}" not in good)
    assert client.post(VERIFY, {"code": wrong}).status_code == 200
    (failed,) = _events(Kind.MFA_FAILED)
    assert failed.user_id == consultant.pk
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 302
    (recovery,) = _events(Kind.RECOVERY_CODE_USED)
    assert recovery.user_id == consultant.pk
    (login,) = _events(Kind.LOGIN)
    assert login.user_id == consultant.pk
    _assert_clean(PASSWORD, wrong, codes[0], codes[0].replace("-", ""), device.secret)


def test_the_session_cap_logs_an_expiry_not_a_logout(
    users: dict[str, Any], settings: Any
) -> None:
    client = _client(users["contact"])
    session = client.session
    session["parathed_login_at"] = int(time.time()) - 13 * 3600
    session.save()
    assert client.get("/partnerskaber/").status_code == 302
    (expired,) = _events(Kind.SESSION_EXPIRED)
    assert expired.user_id == users["contact"].pk
    assert _events(Kind.LOGOUT) == []


def test_administrator_actions_are_logged(users: dict[str, Any]) -> None:
    runner = CliRunner()
    contact = users["contact"]
    assert runner.invoke(main, ["user", "end-sessions", "kontakt-a"]).exit_code == 0
    assert runner.invoke(main, ["user", "reset-mfa", "konsulent"]).exit_code == 0
    assert runner.invoke(main, ["user", "deactivate", "kontakt-a"]).exit_code == 0
    assert [e.user_id for e in _events(Kind.SESSIONS_ENDED)] == [contact.pk]
    assert [e.user_id for e in _events(Kind.MFA_RESET)] == [users["consultant"].pk]
    assert [e.user_id for e in _events(Kind.DEACTIVATED)] == [contact.pk]
    assert all(e.address is None for e in SecurityEvent.objects.all())  # no request


# --- Refused access ---------------------------------------------------------------


def test_a_contact_of_b_on_the_page_of_a_logs_one_refusal(world: Any) -> None:
    url = reverse(
        "partnerships:municipality-detail",
        kwargs={"slug": "p", "code": world.municipality_a.code},
    )
    assert _client(world.contact_b).get(url).status_code == 403
    (event,) = SecurityEvent.objects.exclude(kind=Kind.LOGIN)
    assert event.kind == Kind.FORBIDDEN
    assert event.user_id == world.contact_b.pk
    assert event.municipality_id == world.municipality_a.pk
    assert event.partnership_id == world.partnership.pk
    assert (event.object_kind, event.object_id) == (
        "municipality",
        world.municipality_a.pk,
    )
    assert event.route == "partnerships:municipality-detail"
    assert event.status == 403


def test_a_partnership_hidden_by_an_access_check_logs_not_visible(world: Any) -> None:
    url = reverse("partnerships:partnership-detail", kwargs={"slug": "p"})
    assert _client(world.outsider_consultant).get(url).status_code == 404
    (event,) = SecurityEvent.objects.exclude(kind=Kind.LOGIN)
    assert event.kind == Kind.NOT_VISIBLE
    assert event.user_id == world.outsider_consultant.pk
    assert event.partnership_id == world.partnership.pk


def test_a_page_that_does_not_exist_is_no_refusal(world: Any) -> None:
    client = _client(world.consultant)
    assert client.get("/finnes-ikke/").status_code == 404
    job_url = reverse(
        "reports:job-file", kwargs={"slug": "p", "job_id": 999999, "kind": "pptx"}
    )
    assert client.get(job_url).status_code == 404  # an access check: logged
    assert [e.kind for e in SecurityEvent.objects.exclude(kind=Kind.LOGIN)] == [
        Kind.NOT_VISIBLE
    ]


def test_a_refused_case_screening_is_in_both_logs(world: Any) -> None:
    from parathed.web.fieldwork.models import AccessLogEntry

    url = reverse(
        "fieldwork:case-edit",
        kwargs={
            "slug": "p",
            "code": world.municipality_a.code,
            "screening_id": world.screening_a.pk,
        },
    )
    assert _client(world.contact_a).get(url).status_code == 403
    (event,) = SecurityEvent.objects.exclude(kind=Kind.LOGIN)
    assert (event.kind, event.object_kind) == (Kind.FORBIDDEN, "case_screening")
    assert event.object_id == world.screening_a.pk
    assert event.municipality_id == world.municipality_a.pk
    assert AccessLogEntry.objects.filter(action="denied").count() == 1


# --- Files out and in, report jobs ----------------------------------------------------


def test_the_excel_template_download_is_logged(world: Any) -> None:
    url = reverse(
        "keyfigures:template-download",
        kwargs={"slug": "p", "code": world.municipality_a.code},
    )
    response = _client(world.contact_a).get(url)
    assert response.status_code == 200
    (event,) = _events(Kind.DOWNLOAD)
    assert event.user_id == world.contact_a.pk
    assert event.municipality_id == world.municipality_a.pk
    assert event.route == "keyfigures:template-download"


def test_a_deck_download_is_logged(world: Any) -> None:
    url = reverse(
        "partnerships:report-download",
        kwargs={"slug": "p", "code": world.municipality_a.code},
    )
    assert _client(world.consultant).get(url).status_code == 200
    (event,) = _events(Kind.DOWNLOAD)
    assert event.user_id == world.consultant.pk
    assert event.municipality_id == world.municipality_a.pk


def test_a_report_job_start_and_its_file_are_logged(
    world: Any, settings: Any, tmp_path: Path
) -> None:
    settings.VAR_DIR = tmp_path
    client = _client(world.consultant)
    start = reverse("reports:report-start", kwargs={"slug": "p"})
    assert client.post(start, {"code": world.municipality_a.code}).status_code == 302
    job = ReportJob.objects.get()
    (started,) = _events(Kind.REPORT_STARTED)
    assert started.user_id == world.consultant.pk
    assert started.municipality_id == world.municipality_a.pk
    assert (started.object_kind, started.object_id) == ("report_job", job.pk)
    assert started.address == "127.0.0.1"

    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"not really a deck")
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.DONE, deck_path=str(deck)
    )
    url = reverse(
        "reports:job-file", kwargs={"slug": "p", "job_id": job.pk, "kind": "pptx"}
    )
    assert client.get(url).status_code == 200
    (download,) = _events(Kind.DOWNLOAD)
    assert (download.object_kind, download.object_id) == ("report_job", job.pk)
    assert download.municipality_id == world.municipality_a.pk
    _assert_clean(str(deck), "deck.pptx")


def test_the_report_command_is_logged(world: Any, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["report", "--partnership", "p", "--out", str(tmp_path), "--workers", "1"],
    )
    assert result.exit_code == 0, result.output
    (event,) = _events(Kind.REPORT_STARTED)
    assert (event.partnership_id, event.route) == (world.partnership.pk, "cli:report")
    assert (event.object_kind, event.object_id) == ("measurement_round", world.round.pk)
    assert event.user_id is None  # a shell on the server, no web user


def test_an_upload_is_logged_without_its_name(world: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse(
        "keyfigures:upload", kwargs={"slug": "p", "code": world.municipality_a.code}
    )
    upload = SimpleUploadedFile("hemmelig-fil.xlsx", b"not a workbook")
    response = _client(world.contact_a).post(url, {"file": upload})
    assert response.status_code == 200  # refused, shown on the page
    (event,) = _events(Kind.UPLOAD)
    assert event.user_id == world.contact_a.pk
    assert event.municipality_id == world.municipality_a.pk
    assert event.status == 200
    _assert_clean("hemmelig")


def test_ordinary_pages_log_nothing(world: Any) -> None:
    client = _client(world.consultant)
    before = SecurityEvent.objects.count()
    assert client.get("/partnerskaber/p/").status_code == 200
    assert SecurityEvent.objects.count() == before


# --- parathed log -------------------------------------------------------------------


def test_log_show_lists_a_users_events_in_utc(users: dict[str, Any]) -> None:
    Client().post(LOGIN, {"username": "kontakt-a", "password": WRONG_PASSWORD})
    Client().post(LOGIN, {"username": "konsulent", "password": WRONG_PASSWORD})
    result = CliRunner().invoke(main, ["log", "show", "--user", "kontakt-a"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert f"login_failed user=kontakt-a#{users['contact'].pk}" in lines[0]
    assert lines[0][:20].endswith("Z")
    assert lines[-1] == "1 hændelser."


def test_log_show_finds_failed_logins_of_an_unknown_name(users: dict[str, Any]) -> None:
    Client().post(LOGIN, {"username": "nobody", "password": WRONG_PASSWORD})
    result = CliRunner().invoke(main, ["log", "show", "--user", "nobody"])
    assert "login_failed user=ukendt-brugernavn" in result.output
    assert "nobody" not in result.output


def test_log_prune_deletes_old_events_and_blanks_old_addresses(
    users: dict[str, Any],
) -> None:
    now = timezone.now()
    for days in (400, 100, 1):
        SecurityEvent.objects.create(
            at=now - timedelta(days=days),
            kind=Kind.LOGIN,
            user_id=users["contact"].pk,
            address="192.0.2.1",
        )
    result = CliRunner().invoke(main, ["log", "prune"])
    assert result.exit_code == 0, result.output
    assert "1 hændelser ældre end 365 dage slettet" in result.output
    left = {
        (now - e.at).days: e.address
        for e in SecurityEvent.objects.filter(user_id=users["contact"].pk)
    }
    assert left == {100: None, 1: "192.0.2.1"}


def test_a_deleted_user_leaves_the_event_behind(users: dict[str, Any]) -> None:
    Client().post(LOGIN, {"username": "kontakt-a", "password": WRONG_PASSWORD})
    user_id = users["contact"].pk
    User.objects.filter(pk=user_id).delete()
    (event,) = SecurityEvent.objects.all()
    assert event.user_id == user_id
