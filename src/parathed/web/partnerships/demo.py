"""Loads a generated demo partnership into the database (a service for the demo)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet

from parathed.demo.generator import DemoPartnership
from parathed.instrument.schema import Role
from parathed.web.accounts.models import Profile
from parathed.web.accounts.services import user_create
from parathed.web.partnerships.models import MeasurementRound, Municipality, Partnership
from parathed.web.partnerships.services import partnership_create, round_open
from parathed.web.survey.link_services import (
    expected_headcounts_set,
    round_links_issue,
)
from parathed.web.survey.models import Answer, Response, SurveyLink

DEMO_PASSWORD = "demo-parathed-2026"  # noqa: S105 (synthetic demo logins, printed)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    """A demo login to print for the newcomer."""

    username: str
    role: str
    municipality: str


@transaction.atomic
def demo_load(
    *, demo: DemoPartnership, instrument_version: str, today: date
) -> tuple[MeasurementRound, list[DemoLogin]]:
    """Writes the demo partnership, its round, links, responses and users.

    Replaces an earlier demo partnership of the same slug, so loading twice gives the
    same database. Returns the round and the demo logins.
    """
    Partnership.objects.filter(slug=demo.slug).delete()
    codes = [m.ref.code for m in demo.municipalities]
    partnership = partnership_create(
        slug=demo.slug, name=demo.name, municipality_codes=codes, is_synthetic=True
    )
    measurement = round_open(
        partnership=partnership,
        name=demo.round_name,
        instrument_version=instrument_version,
    )
    by_code = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    demo_users().delete()
    logins = [DemoLogin("konsulent", "konsulent", "alle")]
    user_create(
        username="konsulent",
        password=None,
        role=Profile.Role.CONSULTANT,
        partnership=partnership,
    )
    user_create(
        username="styregruppe",
        password=None,
        role=Profile.Role.STEERING,
        partnership=partnership,
    )
    logins.append(DemoLogin("styregruppe", "styregruppe", "samlede tal"))
    answers: list[Answer] = []
    for demo_municipality in demo.municipalities:
        municipality = by_code[demo_municipality.ref.code]
        username = f"kontakt-{municipality.code}"
        user_create(
            username=username,
            password=None,
            role=Profile.Role.CONTACT,
            partnership=partnership,
            municipality=municipality,
        )
        logins.append(DemoLogin(username, "kommunal kontakt", municipality.name))
        links = _demo_links(
            measurement=measurement,
            municipality=municipality,
            expected=demo_municipality.expected,
        )
        responses = Response.objects.bulk_create(
            [
                Response(
                    link=links[r.role],
                    round=measurement,
                    municipality=municipality,
                    role=r.role.value,
                    instrument_version=instrument_version,
                    status=Response.Status.SUBMITTED,
                    started_on=today,
                    submitted_on=today,
                )
                for r in demo_municipality.responses
            ]
        )
        for response, generated in zip(
            responses, demo_municipality.responses, strict=True
        ):
            answers.extend(
                Answer(response=response, item_id=item_id, value=value)
                for item_id, value in generated.answers
            )
    Answer.objects.bulk_create(answers, batch_size=5000)
    # One hash for every demo login: hashing 20 passwords would take seconds.
    demo_users().update(password=make_password(DEMO_PASSWORD))
    return measurement, logins


# --- Collection (issue #4): links per role and expected numbers per municipality. ---


def _demo_links(
    *,
    measurement: MeasurementRound,
    municipality: Municipality,
    expected: tuple[tuple[Role, int], ...],
) -> dict[Role, SurveyLink]:
    """Issues the municipality's links per role (the round's default link mode) and
    enters its expected numbers, as the contact would; returns the links by role.
    """
    issued = round_links_issue(round=measurement, municipalities=[municipality])
    expected_headcounts_set(
        round=measurement, municipality=municipality, expected=dict(expected)
    )
    return {Role(link.role): link for link in issued}


def demo_users() -> QuerySet[User]:
    """Returns the demo logins' users."""
    return User.objects.filter(
        Q(username__in=("konsulent", "styregruppe"))
        | Q(username__startswith="kontakt-")
    )
