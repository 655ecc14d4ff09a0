"""Reads of link management: a round's current links and response rates by role.

Returns plain frozen dataclasses. Response counts may be shown under the anonymity
threshold (they are not answers); nothing here reads an answer or a score.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min
from django.utils.translation import gettext as _

from parathed.instrument.schema import ROLE_LABELS_DA, SURVEY_ROLES, Role
from parathed.web.partnerships.models import Municipality
from parathed.web.survey.models import ExpectedHeadcount, Response, SurveyLink


@dataclass(frozen=True, slots=True)
class LinkRow:
    """One current link: where it goes, its token and state."""

    id: int
    municipality_code: str
    municipality_name: str
    role: str  # "" for a shared link where the respondent chooses a role
    role_label: str
    role_plural: str  # "chefer", "ledere", ... for invitation and reminder texts
    token: str
    is_open: bool
    created_at: datetime
    rotations: int  # how many tokens this link replaced


@dataclass(frozen=True, slots=True)
class RoleRate:
    """Submitted responses of one role against the expected number."""

    role: str
    role_label: str
    submitted: int
    expected: int | None  # None: the municipality has not given a number yet

    @property
    def percent(self) -> int | None:
        """Whole percent answered; None without a positive expected number."""
        if not self.expected:
            return None
        return round(100 * self.submitted / self.expected)


@dataclass(frozen=True, slots=True)
class MunicipalityRates:
    """A municipality's response rate by role and in total."""

    code: str
    name: str
    roles: tuple[RoleRate, ...]

    @property
    def total(self) -> RoleRate:
        """All roles together; expected only when every role has a number."""
        expected = [r.expected for r in self.roles]
        return RoleRate(
            role="",
            role_label="",
            submitted=sum(r.submitted for r in self.roles),
            expected=None if None in expected else sum(e or 0 for e in expected),
        )


def role_plural(role: str) -> str:
    """Returns the Danish plural of a stored role value, lower case ("" is staff)."""
    plurals = {
        Role.CHEF.value: _("chefs"),
        Role.LEDER.value: _("managers"),
        Role.MEDARBEJDER.value: _("staff members"),
    }
    return plurals.get(role, _("employees"))


def role_label(role: str) -> str:
    """Returns the Danish label of a stored role value ("" is every role)."""
    return ROLE_LABELS_DA[Role(role)] if role else _("All roles")


def current_links(
    *, round_id: int, municipality_ids: list[int] | None = None
) -> list[LinkRow]:
    """Returns the round's current (not rotated) links, by municipality and role."""
    links = SurveyLink.objects.filter(round_id=round_id, rotated_at__isnull=True)
    if municipality_ids is not None:
        links = links.filter(municipality_id__in=municipality_ids)
    rows = links.values_list(
        "pk",
        "municipality__code",
        "municipality__name",
        "role",
        "token",
        "is_open",
        "created_at",
    ).order_by("municipality__name", "pk")
    rotations = _rotations(round_id=round_id)
    order = {role.value: n for n, role in enumerate(SURVEY_ROLES)}
    result = [
        LinkRow(
            id=pk,
            municipality_code=code,
            municipality_name=name,
            role=role,
            role_label=role_label(role),
            role_plural=role_plural(role),
            token=token,
            is_open=is_open,
            created_at=created_at,
            rotations=rotations.get(pk, 0),
        )
        for pk, code, name, role, token, is_open, created_at in rows
    ]
    return sorted(
        result, key=lambda r: (r.municipality_name, order.get(r.role, -1), r.id)
    )


def _rotations(*, round_id: int) -> dict[int, int]:
    """Returns, per current link id, how many earlier tokens it replaced."""
    replaces = dict(
        SurveyLink.objects.filter(round_id=round_id, replaces__isnull=False)
        .values_list("pk", "replaces_id")
        .order_by()
    )
    counts: dict[int, int] = {}
    for pk in replaces:
        n, step = 0, pk
        while step in replaces:
            step = replaces[step]
            n += 1
        counts[pk] = n
    return counts


def first_link_issued_at(*, round_id: int) -> datetime | None:
    """Returns when the round's first link was issued (the freeze), or None."""
    issued: datetime | None = SurveyLink.objects.filter(round_id=round_id).aggregate(
        first=Min("created_at")
    )["first"]
    return issued


def response_rates(
    *, round_id: int, municipalities: list[Municipality]
) -> list[MunicipalityRates]:
    """Returns submitted responses and expected numbers per role, in two queries."""
    ids = [m.pk for m in municipalities]
    submitted: dict[int, dict[str, int]] = defaultdict(dict)
    counted = (
        Response.objects.filter(
            round_id=round_id,
            municipality_id__in=ids,
            status=Response.Status.SUBMITTED,
        )
        .values("municipality_id", "role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in counted:
        submitted[row["municipality_id"]][row["role"]] = row["n"]
    expected: dict[int, dict[str, int]] = defaultdict(dict)
    numbers = ExpectedHeadcount.objects.filter(
        round_id=round_id, municipality_id__in=ids
    ).values_list("municipality_id", "role", "expected")
    for municipality_id, role, number in numbers:
        expected[municipality_id][role] = number
    return [
        MunicipalityRates(
            code=m.code,
            name=m.name,
            roles=tuple(
                RoleRate(
                    role=role.value,
                    role_label=ROLE_LABELS_DA[role],
                    submitted=submitted[m.pk].get(role.value, 0),
                    expected=expected[m.pk].get(role.value),
                )
                for role in SURVEY_ROLES
            ),
        )
        for m in municipalities
    ]
