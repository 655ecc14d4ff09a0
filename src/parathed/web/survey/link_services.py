"""Writes of link management: round settings, issuing, closing and rotating links,
and the expected headcounts behind the response rate.

Invariants: a round's anonymity thresholds and link mode change only while the round
has no link (the first link freezes them); a round has at most one current link per
municipality × role (a database constraint); rotation closes the old link and keeps
every response given through it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from parathed.instrument.schema import SURVEY_ROLES, Role
from parathed.privacy import contains_cpr_number
from parathed.web.partnerships.models import (
    MeasurementRound,
    Municipality,
    Partnership,
)
from parathed.web.partnerships.services import round_open
from parathed.web.survey.models import ExpectedHeadcount, SurveyLink
from parathed.web.survey.services import link_create

# reliability.md A1/A2: never below 5 for scores, 10 for free text.
MIN_SCORE_THRESHOLD = 5
MIN_TEXT_THRESHOLD = 10
MAX_THRESHOLD = 50
MAX_EXPECTED = 100_000


class RoundSettingsFrozenError(Exception):
    """The round has issued links, so its thresholds and link mode are fixed."""


class RoundClosedError(Exception):
    """The round is closed: no link is issued, reopened or rotated."""


class LinkRotatedError(Exception):
    """The link was already replaced by a newer one."""


@dataclass(frozen=True, slots=True)
class RoundSettings:
    """The settings frozen by a round's first link."""

    anonymity_threshold: int
    text_threshold: int
    link_mode: str


@transaction.atomic
def round_create(
    *, partnership: Partnership, name: str, instrument_version: str
) -> MeasurementRound:
    """Opens a new round with the default settings and no links.

    The partnership's first round is its baseline, later ones are re-measurements.
    Raises ValueError for an empty name or one holding a CPR-shaped number.
    """
    if not name.strip():
        raise ValueError("a round needs a name")
    if contains_cpr_number(name):
        raise ValueError("a round name may not hold a CPR number")
    earlier = partnership.rounds.exists()
    measurement = round_open(
        partnership=partnership,
        name=name.strip(),
        instrument_version=instrument_version,
    )
    if earlier:
        measurement.kind = MeasurementRound.Kind.FOLLOW_UP
        measurement.save(update_fields=["kind"])
    return measurement


def round_close(*, round: MeasurementRound) -> MeasurementRound:
    """Closes the round: every link of it then shows the "closed" page."""
    round.status = MeasurementRound.Status.CLOSED
    round.save(update_fields=["status"])
    return round


def round_settings_frozen(*, round: MeasurementRound) -> bool:
    """Returns whether the round has issued a link, which freezes its settings."""
    return SurveyLink.objects.filter(round=round).exists()


@transaction.atomic
def round_settings_update(
    *, round: MeasurementRound, settings: RoundSettings
) -> MeasurementRound:
    """Sets the round's thresholds and link mode.

    Raises RoundSettingsFrozenError once the round has a link, ValueError for a
    threshold outside its range or an unknown link mode.
    """
    locked = MeasurementRound.objects.select_for_update().get(pk=round.pk)
    if round_settings_frozen(round=locked):
        raise RoundSettingsFrozenError
    if not MIN_SCORE_THRESHOLD <= settings.anonymity_threshold <= MAX_THRESHOLD:
        raise ValueError("score threshold out of range")
    if not MIN_TEXT_THRESHOLD <= settings.text_threshold <= MAX_THRESHOLD:
        raise ValueError("free-text threshold out of range")
    if settings.link_mode not in MeasurementRound.LinkMode.values:
        raise ValueError("unknown link mode")
    locked.anonymity_threshold = settings.anonymity_threshold
    locked.text_threshold = settings.text_threshold
    locked.link_mode = settings.link_mode
    locked.save(update_fields=["anonymity_threshold", "text_threshold", "link_mode"])
    return locked


def link_roles(*, round: MeasurementRound) -> tuple[Role | None, ...]:
    """Returns the roles that get a link under the round's mode (None: shared link)."""
    if round.link_mode == MeasurementRound.LinkMode.SHARED:
        return (None,)
    return SURVEY_ROLES


@transaction.atomic
def round_links_issue(
    *, round: MeasurementRound, municipalities: list[Municipality]
) -> list[SurveyLink]:
    """Issues the missing current links of the municipalities, by the round's mode.

    Idempotent: a municipality × role that has a current link gets no second one.
    Returns the links created. Locks the round so settings cannot change meanwhile.
    Raises RoundClosedError for a closed round.
    """
    locked = MeasurementRound.objects.select_for_update().get(pk=round.pk)
    if locked.status == MeasurementRound.Status.CLOSED:
        raise RoundClosedError
    current = set(
        SurveyLink.objects.filter(
            round=locked,
            municipality__in=municipalities,
            rotated_at__isnull=True,
        ).values_list("municipality_id", "role")
    )
    created = []
    for municipality in municipalities:
        for role in link_roles(round=locked):
            if (municipality.pk, role.value if role else "") in current:
                continue
            created.append(
                link_create(round=locked, municipality=municipality, role=role)
            )
    return created


def link_close(*, link: SurveyLink) -> SurveyLink:
    """Closes the link: its token then shows the "closed" page; answers are kept."""
    link.is_open = False
    link.save(update_fields=["is_open"])
    return link


def link_reopen(*, link: SurveyLink) -> SurveyLink:
    """Reopens a closed, current link of an open or draft round.

    Raises LinkRotatedError for a replaced link and RoundClosedError for a closed
    round.
    """
    if link.rotated_at is not None:
        raise LinkRotatedError
    if link.round.status == MeasurementRound.Status.CLOSED:
        raise RoundClosedError
    link.is_open = True
    link.save(update_fields=["is_open"])
    return link


@transaction.atomic
def link_rotate(*, link: SurveyLink) -> SurveyLink:
    """Replaces the link's token with a new link; the old token then shows "closed".

    Responses already given through the old link stay where they are (same round,
    municipality and role), so counts and scores do not change. Returns the new,
    open link. Raises LinkRotatedError when the link was already replaced and
    RoundClosedError for a closed round.
    """
    old = SurveyLink.objects.select_for_update().select_related("round").get(pk=link.pk)
    if old.rotated_at is not None:
        raise LinkRotatedError
    if old.round.status == MeasurementRound.Status.CLOSED:
        raise RoundClosedError
    old.is_open = False
    old.rotated_at = timezone.now()
    old.save(update_fields=["is_open", "rotated_at"])
    new = link_create(
        round=old.round,
        municipality=old.municipality,
        role=Role(old.role) if old.role else None,
    )
    new.replaces = old
    new.save(update_fields=["replaces"])
    return new


@transaction.atomic
def expected_headcounts_set(
    *,
    round: MeasurementRound,
    municipality: Municipality,
    expected: Mapping[Role, int | None],
) -> None:
    """Stores the expected number of respondents per role; None removes a number.

    Raises ValueError for a role that does not answer the questionnaire or a number
    outside 0–100,000; nothing is stored then.
    """
    for role, number in expected.items():
        if role not in SURVEY_ROLES:
            raise ValueError(f"{role} does not answer the questionnaire")
        if number is not None and not 0 <= number <= MAX_EXPECTED:
            raise ValueError("expected number out of range")
    for role, number in expected.items():
        if number is None:
            ExpectedHeadcount.objects.filter(
                round=round, municipality=municipality, role=role.value
            ).delete()
        else:
            ExpectedHeadcount.objects.update_or_create(
                round=round,
                municipality=municipality,
                role=role.value,
                defaults={"expected": number},
            )
