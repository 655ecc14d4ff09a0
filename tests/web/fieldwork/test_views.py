"""The fieldwork pages through HTTP: screening a case, the CPR guard, interviews."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from parathed.instrument.loader import load_instrument
from parathed.web.fieldwork.models import (
    AccessLogEntry,
    CaseScreening,
    CheckAnswer,
    CodedStatement,
    Interview,
)

CPR_TEXT = "Barnet, født 010203-1234, bor hos mor"


def _consultant(world: Any) -> Client:
    client = Client()
    client.force_login(world.consultant)
    return client


def _case_list(world: Any) -> str:
    return reverse(
        "fieldwork:case-list",
        kwargs={"slug": world.partnership.slug, "code": world.municipality_a.code},
    )


def _edit(world: Any, screening: CaseScreening) -> str:
    return reverse(
        "fieldwork:case-edit",
        kwargs={
            "slug": world.partnership.slug,
            "code": world.municipality_a.code,
            "screening_id": str(screening.pk),
        },
    )


def _start(client: Client, world: Any, label: str = "Sag 7") -> CaseScreening:
    response = client.post(_case_list(world), {"label": label})
    assert response.status_code == 302
    return CaseScreening.objects.get(label=label)


FACTS = {
    "age_band": "6-11",
    "kinds": ["notification"],
    "date__awareness_date": "2026-01-05",
    "date__bfu_finished_date": "2026-05-28",
}


def test_a_late_bfu_is_computed_from_the_dates(world: Any) -> None:
    """Awareness 5 January, BFU finished 28 May: 143 days, the 4 months are missed."""
    client = _consultant(world)
    screening = _start(client, world)
    assert client.post(_edit(world, screening), FACTS).status_code == 302
    page = client.get(_edit(world, screening)).content.decode()
    assert (
        "Efter 143 dage — fristen er 4 måneder, § 20, stk. 3 (ikke overholdt)" in page
    )
    assert "Tidlig og rettidig indsats" in page  # checks grouped by theme
    assert "Barnets lov § 20, stk. 3" in page  # the law reference each check tests


@pytest.mark.parametrize(
    "label",
    ["010203-1234", "Anna Jensen", "Sag Anna", "Sag A 12.3.2019", "x" * 40, ""],
)
def test_a_label_that_could_identify_the_child_is_refused(
    world: Any, label: str
) -> None:
    """CPR numbers, names and long labels are refused in Danish; nothing is stored."""
    client = _consultant(world)
    response = client.post(_case_list(world), {"label": label})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sag A" in page  # the Danish hint names a good label
    if label:
        assert label not in page
    assert not CaseScreening.objects.filter(label=label).exists()


def test_a_cpr_label_gets_the_cpr_message(world: Any) -> None:
    client = _consultant(world)
    page = client.post(_case_list(world), {"label": "0102031234"}).content.decode()
    assert "CPR-nummer" in page
    assert "0102031234" not in page


def test_a_cpr_number_in_a_note_is_refused_and_the_rest_is_saved(world: Any) -> None:
    """The note is refused with where it stands; other answers and notes are kept."""
    client = _consultant(world)
    screening = _start(client, world)
    client.post(_edit(world, screening), FACTS)
    data = FACTS | {
        "status__CS-ES02": "met",
        "note__CS-ES02": "Screening dokumenteret i journal",
        "status__CS-ES03": "not_met",
        "note__CS-ES03": CPR_TEXT,
    }
    response = client.post(_edit(world, screening), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "CS-ES03" in page
    assert "CPR-nummer" in page
    assert "linje 1, kolonne 14" in page
    assert "efter »Barnet, født«" in page
    assert "010203" not in page
    assert "1234" not in page
    answers = {a.check_id: a for a in CheckAnswer.objects.filter(screening=screening)}
    assert answers["CS-ES02"].note == "Screening dokumenteret i journal"
    assert answers["CS-ES03"].status == "not_met"
    assert answers["CS-ES03"].note == ""
    assert not CheckAnswer.objects.filter(note__contains="1234").exists()


def test_completion_lists_every_unanswered_check(world: Any) -> None:
    """Marking complete with checks unanswered keeps a draft and names them."""
    client = _consultant(world)
    screening = _start(client, world)
    client.post(_edit(world, screening), FACTS)
    response = client.post(_edit(world, screening), FACTS | {"action": "complete"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "CS-ES02 er ikke besvaret" in page
    assert "CS-ES04" not in page.split("error-summary")[1].split("</div>")[0]
    screening.refresh_from_db()
    assert screening.status == CaseScreening.Status.DRAFT


def test_a_fully_answered_case_is_completed(world: Any) -> None:
    client = _consultant(world)
    screening = _start(client, world)
    client.post(_edit(world, screening), FACTS)
    assert client.get(_edit(world, screening)).status_code == 200
    checks = [
        c
        for c in load_instrument().case_checks
        if not c.applies_to or "notification" in c.applies_to
    ]
    data = dict(FACTS)
    for check in checks:
        if check.answer_type == "status":
            data[f"status__{check.id}"] = "met"
        elif check.answer_type == "count":
            data[f"count__{check.id}"] = "1"
        elif check.id != "CS-ES04":
            data[f"status__{check.id}"] = "not_documented"
    response = client.post(_edit(world, screening), data | {"action": "complete"})
    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.status == CaseScreening.Status.COMPLETE
    log = AccessLogEntry.objects.filter(object_id=screening.pk, kind="case")
    assert {"create", "read", "update", "complete"} <= set(
        log.values_list("action", flat=True)
    )


def test_the_case_list_shows_the_disagreement(world: Any) -> None:
    client = _consultant(world)
    page = client.get(_case_list(world)).content.decode()
    assert "konsulent-2" in page
    assert "1 uenighed" in page
    agreement = reverse(
        "fieldwork:case-agreement",
        kwargs={
            "slug": world.partnership.slug,
            "code": world.municipality_a.code,
            "screening_id": str(world.screening_a.pk),
        },
    )
    detail = client.get(agreement).content.decode()
    assert "CS-ES08" in detail.split("<details>")[0]
    assert "Ikke opfyldt" in detail


def _interviews(world: Any) -> str:
    return reverse(
        "fieldwork:interview-list",
        kwargs={"slug": world.partnership.slug, "code": world.municipality_a.code},
    )


def test_an_interview_is_recorded_and_coded(world: Any) -> None:
    """Record, code a statement; a CPR paraphrase is refused, the choices stay."""
    client = _consultant(world)
    response = client.post(
        _interviews(world),
        {"held_on": "2026-05-20", "roles": ["chef"], "participants": "1"},
    )
    assert response.status_code == 302
    interview = Interview.objects.latest("pk")
    statement = {
        "action": "statement",
        "role": "chef",
        "theme": "leadership_steering",
        "valence": "udfordring",
        "development_needs": ["capacity_offers"],
    }
    refused = client.post(response["Location"], statement | {"paraphrase": CPR_TEXT})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "CPR-nummer" in page
    assert "1234" not in page
    assert 'value="leadership_steering" selected' in page
    assert not CodedStatement.objects.filter(interview=interview).exists()
    saved = client.post(response["Location"], statement | {"paraphrase": "Budget"})
    assert saved.status_code == 302
    assert CodedStatement.objects.filter(interview=interview).count() == 1


def test_interview_notes_with_a_cpr_number_are_not_stored(world: Any) -> None:
    client = _consultant(world)
    response = client.post(
        _interviews(world),
        {
            "held_on": "2026-05-20",
            "roles": ["leder"],
            "participants": "2",
            "notes": CPR_TEXT,
        },
    )
    assert response.status_code == 302
    assert Interview.objects.latest("pk").notes == ""
    page = client.get(response["Location"]).content.decode()
    assert "CPR-nummer" in page
    assert "1234" not in page


def test_coverage_marks_the_gaps(world: Any) -> None:
    client = _consultant(world)
    url = reverse(
        "fieldwork:interview-coverage",
        kwargs={"slug": world.partnership.slug, "code": world.municipality_a.code},
    )
    page = client.get(url).content.decode()
    assert page.count('class="fw-gap"') == 6 * 4 - 2


def test_a_contact_sees_counts_not_cases(world: Any) -> None:
    """The municipality page tells a contact how many cases, never a case's answers."""
    client = Client()
    client.force_login(world.contact_a)
    url = reverse(
        "partnerships:municipality-detail",
        kwargs={"slug": world.partnership.slug, "code": world.municipality_a.code},
    )
    page = client.get(url).content.decode()
    assert "1 sag screenet" in page
    assert "1 interview" in page
    assert "/sager/" not in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date__decision_date", "0102031234"),
        ("birth_year", "010203-1234"),
        ("count__CS-CC01", "0102031234"),
    ],
)
def test_a_cpr_number_in_any_field_is_never_shown_again(
    world: Any, field: str, value: str
) -> None:
    """Even a date or number field refuses a CPR number without echoing it, and a
    refused fact leaves what was saved before as it was."""
    client = _consultant(world)
    screening = _start(client, world)
    client.post(_edit(world, screening), FACTS)
    response = client.post(_edit(world, screening), FACTS | {field: value})
    assert response.status_code == 400
    page = response.content.decode()
    assert "CPR-nummer" in page
    assert "1234" not in page
    screening.refresh_from_db()
    assert screening.dates["awareness_date"] == "2026-01-05"


def test_an_interview_form_never_echoes_a_cpr_number(world: Any) -> None:
    client = _consultant(world)
    response = client.post(
        _interviews(world),
        {"held_on": "2026-05-20", "roles": ["chef"], "participants": "0102031234"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "CPR-nummer" in page
    assert "0102031234" not in page
    assert Interview.objects.count() == 1
