"""Writes of link management: the settings freeze, one link per municipality × role ×
round, closing, rotating, and expected numbers."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import SURVEY_ROLES, Role
from parathed.web.partnerships.models import MeasurementRound
from parathed.web.partnerships.services import round_open
from parathed.web.survey.link_services import (
    LinkRotatedError,
    RoundClosedError,
    RoundSettings,
    RoundSettingsFrozenError,
    expected_headcounts_set,
    link_close,
    link_reopen,
    link_rotate,
    round_close,
    round_create,
    round_links_issue,
    round_settings_frozen,
    round_settings_update,
)
from parathed.web.survey.models import ExpectedHeadcount, Response, SurveyLink
from parathed.web.survey.services import (
    SurveyClosedError,
    link_create,
    link_is_usable,
    response_start,
    response_submit,
)

DAY = date(2026, 5, 4)
SHARED = RoundSettings(anonymity_threshold=7, text_threshold=12, link_mode="shared")


@pytest.fixture
def fresh(world: Any) -> MeasurementRound:
    """A new, open round of the world's partnership without any link."""
    return round_open(
        partnership=world.partnership, name="Genmåling", instrument_version="1.0"
    )


def _municipalities(world: Any) -> list[Any]:
    return [world.municipality_a, world.municipality_b]


def test_new_round_has_the_default_thresholds_and_one_link_per_role(
    fresh: MeasurementRound,
) -> None:
    """Defaults: 5 for scores, 10 for free text, one link per role; not frozen."""
    assert (fresh.anonymity_threshold, fresh.text_threshold, fresh.link_mode) == (
        5,
        10,
        MeasurementRound.LinkMode.PER_ROLE,
    )
    assert not round_settings_frozen(round=fresh)


def test_settings_change_before_the_first_link(fresh: MeasurementRound) -> None:
    """Without links the thresholds and mode are stored."""
    round_settings_update(round=fresh, settings=SHARED)
    fresh.refresh_from_db()
    assert (fresh.anonymity_threshold, fresh.text_threshold, fresh.link_mode) == (
        7,
        12,
        "shared",
    )


def test_first_link_freezes_the_settings(world: Any, fresh: MeasurementRound) -> None:
    """After one link is issued the service refuses any change and stores nothing."""
    round_links_issue(round=fresh, municipalities=[world.municipality_a])
    assert round_settings_frozen(round=fresh)
    with pytest.raises(RoundSettingsFrozenError):
        round_settings_update(round=fresh, settings=SHARED)
    fresh.refresh_from_db()
    assert (fresh.anonymity_threshold, fresh.text_threshold, fresh.link_mode) == (
        5,
        10,
        "per_role",
    )


def test_a_rotated_or_closed_link_still_keeps_the_settings_frozen(
    world: Any, fresh: MeasurementRound
) -> None:
    """Closing or replacing every link does not unfreeze the round."""
    for link in round_links_issue(round=fresh, municipalities=[world.municipality_a]):
        link_close(link=link_rotate(link=link))
    with pytest.raises(RoundSettingsFrozenError):
        round_settings_update(round=fresh, settings=SHARED)


@pytest.mark.parametrize(
    ("scores", "text", "mode"),
    [(4, 10, "per_role"), (5, 9, "per_role"), (51, 10, "per_role"), (5, 10, "x")],
    ids=["score-below-5", "text-below-10", "score-above-50", "unknown-mode"],
)
def test_settings_outside_the_rules_are_refused(
    fresh: MeasurementRound, scores: int, text: int, mode: str
) -> None:
    """Thresholds below the A1/A2 minimums or an unknown mode raise ValueError."""
    with pytest.raises(ValueError, match=r"threshold|mode"):
        round_settings_update(
            round=fresh,
            settings=RoundSettings(
                anonymity_threshold=scores, text_threshold=text, link_mode=mode
            ),
        )


def test_per_role_mode_issues_one_link_per_municipality_and_role(
    world: Any, fresh: MeasurementRound
) -> None:
    """Two municipalities × three roles give six links, each with its own role."""
    created = round_links_issue(round=fresh, municipalities=_municipalities(world))
    assert sorted((link.municipality.code, link.role) for link in created) == sorted(
        (m.code, role.value) for m in _municipalities(world) for role in SURVEY_ROLES
    )


def test_shared_mode_issues_one_link_per_municipality_without_a_role(
    world: Any, fresh: MeasurementRound
) -> None:
    """In shared mode each municipality gets one link and respondents pick a role."""
    round_settings_update(round=fresh, settings=SHARED)
    created = round_links_issue(round=fresh, municipalities=_municipalities(world))
    assert sorted((link.municipality.code, link.role) for link in created) == [
        ("101", ""),
        ("147", ""),
    ]


def test_issuing_again_adds_no_second_link(world: Any, fresh: MeasurementRound) -> None:
    """Issuing twice is idempotent: the second call creates nothing."""
    first = round_links_issue(round=fresh, municipalities=_municipalities(world))
    again = round_links_issue(round=fresh, municipalities=_municipalities(world))
    assert (len(first), again) == (6, [])
    assert SurveyLink.objects.filter(round=fresh).count() == 6


def test_the_database_refuses_a_second_current_link_for_a_municipality_and_role(
    world: Any, fresh: MeasurementRound
) -> None:
    """A direct second link_create for the same municipality × role × round fails."""
    link_create(round=fresh, municipality=world.municipality_a, role=Role.LEDER)
    with pytest.raises(IntegrityError), transaction.atomic():
        link_create(round=fresh, municipality=world.municipality_a, role=Role.LEDER)
    # The same municipality and role in another round is a different link.
    other = round_open(
        partnership=world.partnership, name="Tredje", instrument_version="1.0"
    )
    link_create(round=other, municipality=world.municipality_a, role=Role.LEDER)


def test_issued_tokens_carry_at_least_128_random_bits(
    world: Any, fresh: MeasurementRound
) -> None:
    """Every token decodes to at least 16 random bytes, and all differ."""
    links = round_links_issue(round=fresh, municipalities=_municipalities(world))
    links += [link_rotate(link=link) for link in links]
    raw = [
        base64.urlsafe_b64decode(link.token + "=" * (-len(link.token) % 4))
        for link in links
    ]
    assert min(len(r) for r in raw) * 8 >= 128
    assert len({link.token for link in links}) == len(links) == 12


def test_closed_link_takes_no_new_response_and_keeps_the_old_ones(world: Any) -> None:
    """Closing link A: the link is unusable, starting fails, six responses remain."""
    link_close(link=world.link_a)
    world.link_a.refresh_from_db()
    assert not link_is_usable(world.link_a)
    with pytest.raises(SurveyClosedError):
        response_start(link=world.link_a, role=Role.MEDARBEJDER, today=DAY)
    assert Response.objects.filter(link=world.link_a, status="submitted").count() == 6


def test_reopen_makes_a_closed_link_usable_again(world: Any) -> None:
    """A closed, current link can be reopened while the round is open."""
    link_reopen(link=link_close(link=world.link_a))
    world.link_a.refresh_from_db()
    assert link_is_usable(world.link_a)


def test_rotation_issues_a_new_token_and_closes_the_old_link(world: Any) -> None:
    """The new link has the same municipality and role and a new token; the old one
    is closed and marked replaced; the six answers given through it are kept.
    """
    old_token = world.link_a.token
    new = link_rotate(link=world.link_a)
    old = SurveyLink.objects.get(pk=world.link_a.pk)
    assert (new.municipality_id, new.role, new.round_id) == (
        old.municipality_id,
        old.role,
        old.round_id,
    )
    assert new.token != old_token
    assert old.token == old_token
    assert (old.is_open, old.rotated_at is not None) == (False, True)
    assert new.replaces_id == old.pk
    assert link_is_usable(new)
    assert Response.objects.filter(link=old, status="submitted").count() == 6
    assert Response.objects.filter(municipality=world.municipality_a).count() == 6


def test_a_draft_on_the_old_token_cannot_be_submitted_after_rotation(
    world: Any,
) -> None:
    """A respondent still on the old link is refused; the new link takes answers."""
    draft = response_start(link=world.link_a, role=Role.MEDARBEJDER, today=DAY)
    new = link_rotate(link=world.link_a)
    answers = {i.id: 3 for i in load_instrument().items_for_role(Role.MEDARBEJDER)}
    with pytest.raises(SurveyClosedError):
        response_submit(response_id=draft.pk, answers=answers, today=DAY)
    fresh_draft = response_start(link=new, role=Role.MEDARBEJDER, today=DAY)
    _, submitted = response_submit(
        response_id=fresh_draft.pk, answers=answers, today=DAY
    )
    assert submitted


def test_a_replaced_link_cannot_be_rotated_or_reopened(world: Any) -> None:
    """Only the current link of a municipality × role is changed."""
    link_rotate(link=world.link_a)
    old = SurveyLink.objects.get(pk=world.link_a.pk)
    with pytest.raises(LinkRotatedError):
        link_rotate(link=old)
    with pytest.raises(LinkRotatedError):
        link_reopen(link=old)


def test_a_closed_round_issues_reopens_and_rotates_nothing(world: Any) -> None:
    """Links of a closed round stay as they are."""
    MeasurementRound.objects.filter(pk=world.round.pk).update(status="closed")
    world.link_a.refresh_from_db()
    with pytest.raises(RoundClosedError):
        round_links_issue(round=world.round, municipalities=_municipalities(world))
    with pytest.raises(RoundClosedError):
        link_rotate(link=world.link_a)
    with pytest.raises(RoundClosedError):
        link_reopen(link=link_close(link=world.link_a))
    assert SurveyLink.objects.filter(round=world.round).count() == 2


def test_expected_numbers_are_stored_replaced_and_removed(world: Any) -> None:
    """Numbers per role are upserted; None removes the role's number."""
    expected_headcounts_set(
        round=world.round,
        municipality=world.municipality_a,
        expected={Role.CHEF: 2, Role.LEDER: 9, Role.MEDARBEJDER: 40},
    )
    expected_headcounts_set(
        round=world.round,
        municipality=world.municipality_a,
        expected={Role.CHEF: None, Role.LEDER: 10, Role.MEDARBEJDER: 40},
    )
    stored = dict(
        ExpectedHeadcount.objects.filter(round=world.round).values_list(
            "role", "expected"
        )
    )
    assert stored == {"leder": 10, "medarbejder": 40}


@pytest.mark.parametrize(
    "expected",
    [{Role.LEDER: -1}, {Role.LEDER: 100_001}, {Role.UDFOERER: 3}],
    ids=["negative", "too-large", "not-a-survey-role"],
)
def test_invalid_expected_numbers_store_nothing(
    world: Any, expected: dict[Role, int]
) -> None:
    """A bad number or role raises ValueError and leaves the table unchanged."""
    with pytest.raises(ValueError, match=r"questionnaire|range"):
        expected_headcounts_set(
            round=world.round,
            municipality=world.municipality_a,
            expected={Role.CHEF: 3, **expected},
        )
    assert not ExpectedHeadcount.objects.exists()


def test_new_rounds_are_open_and_later_ones_are_re_measurements(world: Any) -> None:
    """A partnership's first round is its baseline; the next a re-measurement, open,
    with default settings and no link, and it becomes the current round."""
    from parathed.web.partnerships.selectors import current_round
    from parathed.web.partnerships.services import partnership_create

    empty = partnership_create(slug="ny", name="Nyt", municipality_codes=["151"])
    first = round_create(partnership=empty, name=" Baseline ", instrument_version="1.0")
    later = round_create(
        partnership=world.partnership, name="Genmåling", instrument_version="1.0"
    )
    assert (first.name, first.kind, first.status) == ("Baseline", "baseline", "open")
    assert (later.kind, later.status, later.anonymity_threshold) == (
        "follow_up",
        "open",
        5,
    )
    assert current_round(partnership=world.partnership) == later
    assert not round_settings_frozen(round=later)
    with pytest.raises(ValueError, match="name"):
        round_create(partnership=empty, name="  ", instrument_version="1.0")


def test_closing_the_round_closes_every_link_and_keeps_the_answers(world: Any) -> None:
    """After round_close no link of the round is usable; the responses remain."""
    round_close(round=world.round)
    for link in SurveyLink.objects.filter(round=world.round).select_related("round"):
        assert not link_is_usable(link)
    assert Response.objects.filter(round=world.round).count() == 6


def test_round_create_refuses_a_cpr_number_in_the_name(world: Any) -> None:
    """The service itself refuses, whatever the form did."""
    with pytest.raises(ValueError, match="CPR"):
        round_create(
            partnership=world.partnership,
            name="Runde 311299-4321",
            instrument_version="1.0",
        )
