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
    demo_load_key_figures(
        partnership_codes=tuple(codes), year=today.year - 1, today=today
    )
    # One hash for every demo login: hashing 20 passwords would take seconds.
    demo_users().update(password=make_password(DEMO_PASSWORD))
    logins += demo_fieldwork_load(partnership=partnership, measurement=measurement)
    demo_load_mfa()
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


# --- Fieldwork (issue #5) -------------------------------------------------------------
SECOND_CONSULTANT = "konsulent-2"


def demo_fieldwork_load(
    *, partnership: Partnership, measurement: MeasurementRound
) -> list[DemoLogin]:
    """Writes generated case screenings and coded interviews for every municipality.

    A second consultant login screens the double-screened case; it shares the first
    consultant's password. Returns that login.
    """
    from django.utils import timezone

    from parathed.demo.generator import generate_fieldwork
    from parathed.instrument.loader import load_published
    from parathed.web.fieldwork.models import (
        CaseScreening,
        CheckAnswer,
        CodedStatement,
        Interview,
    )

    first = User.objects.get(username="konsulent")
    User.objects.filter(username=SECOND_CONSULTANT).delete()
    second = user_create(
        username=SECOND_CONSULTANT,
        password=None,
        role=Profile.Role.CONSULTANT,
        partnership=partnership,
    )
    User.objects.filter(pk=second.pk).update(password=first.password)
    municipalities = {m.code: m for m in partnership.municipalities.all()}
    generated = generate_fieldwork(
        instrument=load_published(measurement.instrument_version),
        municipality_codes=tuple(sorted(municipalities)),
    )
    now = timezone.now()
    answers: list[CheckAnswer] = []
    statements: list[CodedStatement] = []
    for fieldwork in generated:
        municipality = municipalities[fieldwork.municipality_code]
        for screening in fieldwork.screenings:
            stored = CaseScreening.objects.create(
                round=measurement,
                municipality=municipality,
                label=screening.label,
                screener=first if screening.rater == 1 else second,
                instrument_version=measurement.instrument_version,
                status=CaseScreening.Status.COMPLETE,
                age_band=screening.age_band,
                kinds=list(screening.kinds),
                birth_year=screening.birth_year,
                birth_month=screening.birth_month,
                dates={name: day.isoformat() for name, day in screening.dates},
                completed_at=now,
            )
            answers.extend(
                CheckAnswer(
                    screening=stored,
                    check_id=a.check_id,
                    status=a.status.value if a.status else "",
                    count=a.count,
                )
                for a in screening.answers
            )
        for interview in fieldwork.interviews:
            record = Interview.objects.create(
                round=measurement,
                municipality=municipality,
                held_on=interview.held_on,
                roles=[role.value for role in interview.roles],
                participants=interview.participants,
                instrument_version=measurement.instrument_version,
                created_by=first,
            )
            statements.extend(
                CodedStatement(
                    interview=record,
                    role=s.role.value,
                    theme=s.theme,
                    valence=s.valence,
                    development_needs=list(s.development_needs),
                    paraphrase=s.paraphrase,
                )
                for s in interview.statements
            )
    CheckAnswer.objects.bulk_create(answers, batch_size=2000)
    CodedStatement.objects.bulk_create(statements, batch_size=2000)
    return [DemoLogin(SECOND_CONSULTANT, "konsulent", "alle")]


# --- Key figures (issue #6) ---------------------------------------------------------

DEMO_FIGURE_CITATION = (
    "Syntetiske demodata (ikke Danmarks Statistiks eller kommunens tal), dannet {day}"
)


def demo_load_key_figures(
    *, partnership_codes: tuple[str, ...], year: int, today: date
) -> int:
    """Writes synthetic key-figure inputs for all 98 municipalities; returns the count.

    Every value is labelled synthetic in its citation. Replaces earlier synthetic
    values of the year, so loading twice gives the same database. In the first
    partnership municipality a few values are confirmed and one corrected, so the
    validation pages show every state.
    """
    from parathed.analysis.keyfigures import INPUTS, NATIONAL_CODE
    from parathed.demo.generator import generate_key_figures
    from parathed.web.keyfigures.models import FigureValue

    FigureValue.objects.filter(year=year, citation__startswith="Syntetiske").delete()
    by_code = {m.code: m for m in Municipality.objects.all()}
    citation = DEMO_FIGURE_CITATION.format(day=today.isoformat())
    rows = []
    for figure in generate_key_figures(partnership_codes=partnership_codes):
        statbank = INPUTS[figure.name].statbank
        rows.append(
            FigureValue(
                municipality=None
                if figure.municipality_code == NATIONAL_CODE
                else by_code[figure.municipality_code],
                name=figure.name,
                year=year,
                source_value=figure.value,
                source=FigureValue.Source.STATBANK
                if statbank is not None
                else FigureValue.Source.MUNICIPAL,
                table=statbank.table if statbank is not None else "",
                extracted_on=today,
                citation=citation,
            )
        )
    FigureValue.objects.bulk_create(rows, batch_size=1000)
    if partnership_codes:
        first = FigureValue.objects.filter(
            year=year, municipality__code=sorted(partnership_codes)[0]
        ).order_by("name")
        confirmed = [f.pk for f in first if f.table in {"FOLK1A", "UND2"}]
        FigureValue.objects.filter(pk__in=confirmed).update(
            status=FigureValue.Status.CONFIRMED, validated_on=today
        )
        corrected = first.filter(name="placed_network").first()
        if corrected is not None and corrected.source_value is not None:
            FigureValue.objects.filter(pk=corrected.pk).update(
                status=FigureValue.Status.CORRECTED,
                corrected_value=corrected.source_value + 2,
                comment="To netværksanbringelser fra december mangler i tallet.",
                validated_on=today,
            )
    return len(rows)


# --- Login security (reliability.md S5): the demo's published TOTP key ---------------
# Synthetic logins only: every demo user who needs a second factor shares this key,
# printed by ``parathed demo``; ``parathed totp`` turns it into the current code.
DEMO_TOTP_SECRET = "PARATHEDDEMOTOTPKEYFORNEWCOMERS2"  # noqa: S105 (printed demo key)


def demo_load_mfa() -> list[str]:
    """Gives each demo user who needs a second factor a confirmed authenticator with
    the published demo key; returns their usernames."""
    from parathed.web.accounts.access import mfa_required
    from parathed.web.accounts.security import totp_device_set

    users = [u for u in demo_users() if mfa_required(user=u)]
    users += [
        u
        for u in User.objects.filter(username=SECOND_CONSULTANT)
        if mfa_required(user=u)
    ]
    for user in users:
        totp_device_set(user=user, secret=DEMO_TOTP_SECRET)
    return sorted(u.username for u in users)
