"""Role × view matrix: every URL pattern, every actor, one expected status each.

The table below must hold a row for every named URL pattern in the URLconf; a new
view without a row fails ``test_every_url_pattern_has_a_row`` (reliability.md S3).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ACTORS = (
    "anonymous",
    "respondent",
    "contact_a",
    "contact_b",
    "consultant",
    "steering",
    "outsider_consultant",
)


@dataclass(frozen=True)
class Redirect:
    """A 302 whose Location has exactly this path (any query string)."""

    path: str


LOGIN = Redirect("/konto/login/")
LIST = Redirect("/partnerskaber/")
RESPOND = Redirect("/besvar/")
PAGE_A = Redirect("/partnerskaber/p/kommuner/101/")
PAGE_B = Redirect("/partnerskaber/p/kommuner/147/")
HOME = Redirect("/")  # LOGIN_REDIRECT_URL (the home view sends on by role)

Expected = int | Redirect
Kwargs = Callable[[Any], dict[str, str]]


@dataclass(frozen=True)
class Row:
    """One URL, filled in for the world, and the expected outcome per actor."""

    name: str
    label: str
    kwargs: Kwargs
    expected: dict[str, Expected]

    @property
    def id(self) -> str:
        return f"{self.name}[{self.label}]" if self.label else self.name


def row(name: str, label: str, kwargs: Kwargs, *expected: Expected) -> Row:
    """Builds a row; ``expected`` lists one outcome per actor, in ``ACTORS`` order."""
    assert len(expected) == len(ACTORS), name
    return Row(name, label, kwargs, dict(zip(ACTORS, expected, strict=True)))


def no_kwargs(world: Any) -> dict[str, str]:
    return {}


def in_p(code: str | None = None) -> Kwargs:
    def fill(world: Any) -> dict[str, str]:
        kwargs = {"slug": world.partnership.slug}
        if code is not None:
            kwargs["code"] = code
        return kwargs

    return fill


def municipality_a(world: Any) -> dict[str, str]:
    return {"slug": world.partnership.slug, "code": world.municipality_a.code}


def municipality_b(world: Any) -> dict[str, str]:
    return {"slug": world.partnership.slug, "code": world.municipality_b.code}


def token_a(world: Any) -> dict[str, str]:
    return {"token": world.link_a.token}


def fixed(**kwargs: str) -> Kwargs:
    return lambda world: dict(kwargs)


# Collection, staff side (issue #4).
RATES_A = Redirect("/partnerskaber/p/kommuner/101/svarprocent/")
RATES_B = Redirect("/partnerskaber/p/kommuner/147/svarprocent/")


def link_a_in_p(world: Any) -> dict[str, str]:
    return {"slug": world.partnership.slug, "link_id": str(world.link_a.pk)}


# Response imports (issue #4): a batch of municipality A, waiting or imported.
def import_batch(*, status: str, code: str = "101") -> Kwargs:
    def fill(world: Any) -> dict[str, str]:
        from datetime import date

        from parathed.web.survey.models import ImportBatch

        batch = ImportBatch.objects.create(
            round=world.round,
            municipality=world.municipality_a,
            created_on=date(2026, 5, 1),
            status=status,
            file_sha256="0" * 64,
            file_format="csv",
            description="CSV",
            table={"headers": ["Rolle", "ES01"], "rows": [["Chef", "4"]]},
            source_rows=1,
            imported_on=date(2026, 5, 1) if status == "imported" else None,
        )
        return {"slug": world.partnership.slug, "code": code, "batch_id": str(batch.pk)}

    return fill


# Fieldwork (issue #5): case screenings and interviews, consultants of p only.
def screening_a(world: Any) -> dict[str, str]:
    return municipality_a(world) | {"screening_id": str(world.screening_a.pk)}


def screening_a_under_b(world: Any) -> dict[str, str]:
    return municipality_b(world) | {"screening_id": str(world.screening_a.pk)}


def interview_a(world: Any) -> dict[str, str]:
    return municipality_a(world) | {"interview_id": str(world.interview_a.pk)}


def interview_a_under_b(world: Any) -> dict[str, str]:
    return municipality_b(world) | {"interview_id": str(world.interview_a.pk)}


def in_p_missing(key: str) -> Kwargs:
    return lambda world: municipality_a(world) | {key: "999999"}


def figure_a(world: Any) -> dict[str, str]:
    return municipality_a(world) | {"figure_id": str(world.figure_a.pk)}


# --- Report jobs (issue #8) -------------------------------------------------------


def _report_job(world: Any, *, municipality: Any, done: bool) -> dict[str, str]:
    import tempfile
    from pathlib import Path

    from parathed.web.reports.models import ReportJob

    job = ReportJob.objects.create(
        measurement_round=world.round, municipality=municipality
    )
    if done:
        deck = Path(tempfile.mkdtemp(prefix="parathed-matrix-")) / "deck.pptx"
        deck.write_bytes(b"PK")
        job.deck_path = str(deck)
        job.status = ReportJob.Status.DONE
        job.save()
    return {"slug": world.partnership.slug, "job_id": str(job.pk)}


def job_a(world: Any) -> dict[str, str]:
    return _report_job(world, municipality=world.municipality_a, done=False)


def job_p(world: Any) -> dict[str, str]:
    return _report_job(world, municipality=None, done=False)


def file_a(world: Any) -> dict[str, str]:
    return {
        **_report_job(world, municipality=world.municipality_a, done=True),
        "kind": "pptx",
    }


def file_p(world: Any) -> dict[str, str]:
    return {**_report_job(world, municipality=None, done=True), "kind": "pptx"}


def file_a_queued(world: Any) -> dict[str, str]:
    return {**job_a(world), "kind": "pptx"}


# fmt: off
#    name, label, kwargs,
#    anonymous, respondent, contact_a, contact_b, consultant, steering, outsider
TABLE = (
    row("partnerships:home", "", no_kwargs,
        LOGIN, LOGIN, LIST, LIST, LIST, LIST, LIST),
    row("partnerships:partnership-list", "", no_kwargs,
        LOGIN, LOGIN, 200, 200, 200, 200, 200),
    row("partnerships:partnership-detail", "p", in_p(),
        LOGIN, LOGIN, PAGE_A, PAGE_B, 200, 200, 404),
    row("partnerships:partnership-detail", "other", fixed(slug="other"),
        LOGIN, LOGIN, 404, 404, 404, 404, 200),
    row("partnerships:partnership-detail", "missing", fixed(slug="findes-ikke"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("partnerships:municipality-detail", "A", municipality_a,
        LOGIN, LOGIN, 200, 403, 200, 403, 404),
    row("partnerships:municipality-detail", "B", municipality_b,
        LOGIN, LOGIN, 403, 200, 200, 403, 404),
    row("partnerships:municipality-detail", "751 not in p", in_p("751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("partnerships:municipality-detail", "unknown code", in_p("999"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("partnerships:municipality-detail", "other/751",
        fixed(slug="other", code="751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 200),
    row("partnerships:report-download", "A", municipality_a,
        LOGIN, LOGIN, 200, 403, 200, 403, 404),
    row("partnerships:report-download", "B", municipality_b,
        LOGIN, LOGIN, 403, 200, 200, 403, 404),
    row("partnerships:report-download", "751 not in p", in_p("751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("partnerships:report-download", "other/751 without a round",
        fixed(slug="other", code="751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("accounts:login", "", no_kwargs,
        200, 200, 200, 200, 200, 200, 200),
    row("accounts:logout", "GET is not allowed", no_kwargs,
        405, 405, 405, 405, 405, 405, 405),
    # The code step and the authenticator set-up (S5) only serve someone who has just
    # passed the password step: tests/web/accounts/test_login_views.py runs them.
    row("accounts:mfa-verify", "nobody pending", no_kwargs,
        LOGIN, LOGIN, HOME, HOME, HOME, HOME, HOME),
    row("accounts:mfa-enrol", "nobody pending", no_kwargs,
        LOGIN, LOGIN, HOME, HOME, HOME, HOME, HOME),
    row("survey:link-open", "link A", token_a,
        RESPOND, RESPOND, RESPOND, RESPOND, RESPOND, RESPOND, RESPOND),
    row("survey:link-open", "unknown token", fixed(token="x" * 43),
        404, 404, 404, 404, 404, 404, 404),
    row("survey:respond", "", no_kwargs,
        404, 200, 404, 404, 404, 404, 404),
    row("survey:page", "1, nothing started", fixed(number="1"),
        404, RESPOND, 404, 404, 404, 404, 404),
    row("survey:page", "99, nothing started", fixed(number="99"),
        404, RESPOND, 404, 404, 404, 404, 404),
    row("survey:done", "nothing submitted", no_kwargs,
        RESPOND, RESPOND, RESPOND, RESPOND, RESPOND, RESPOND, RESPOND),
    # Collection, staff side (issue #4): tests/web/survey/test_staff_views.py checks
    # the POSTs per actor; GET on a POST-only URL is 405 once logged in.
    row("links:round-manage", "p", in_p(),
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("links:round-manage", "other", fixed(slug="other"),
        LOGIN, LOGIN, 404, 404, 404, 404, 200),
    row("links:round-create", "GET", in_p(),
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("links:round-close", "GET", in_p(),
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("links:links-issue", "GET", in_p(),
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("links:link-close", "GET", link_a_in_p,
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("links:link-reopen", "GET", link_a_in_p,
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("links:link-rotate", "GET", link_a_in_p,
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("links:partnership-rates", "p", in_p(),
        LOGIN, LOGIN, RATES_A, RATES_B, 200, 403, 404),
    row("links:partnership-rates", "other", fixed(slug="other"),
        LOGIN, LOGIN, 404, 404, 404, 404, 200),
    row("links:municipality-rates", "A", municipality_a,
        LOGIN, LOGIN, 200, 403, 200, 403, 404),
    row("links:municipality-rates", "B", municipality_b,
        LOGIN, LOGIN, 403, 200, 200, 403, 404),
    row("links:municipality-rates", "751 not in p", in_p("751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("links:municipality-rates", "other/751 without a round",
        fixed(slug="other", code="751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 200),
    row("links:invitations-print", "A", municipality_a,
        LOGIN, LOGIN, 200, 403, 200, 403, 404),
    row("links:invitations-print", "B", municipality_b,
        LOGIN, LOGIN, 403, 200, 200, 403, 404),
    row("links:invitations-print", "751 not in p", in_p("751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("links:invitations-print", "other/751 without a round",
        fixed(slug="other", code="751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 200),
    # Response imports: consultants of the partnership only.
    row("imports:batch-upload", "A", municipality_a,
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("imports:batch-upload", "B", municipality_b,
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("imports:batch-upload", "751 not in p", in_p("751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("imports:batch-upload", "other/751", fixed(slug="other", code="751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 200),
    row("imports:batch-map", "pending A", import_batch(status="pending"),
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("imports:batch-map", "A's batch under B",
        import_batch(status="pending", code="147"),
        LOGIN, LOGIN, 403, 403, 404, 403, 404),
    row("imports:batch-cancel", "GET is not allowed", import_batch(status="pending"),
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("imports:batch-done", "imported A", import_batch(status="imported"),
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    # Fieldwork: a contact or steering-group member never sees a case or interview.
    row("fieldwork:case-list", "A", municipality_a,
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("fieldwork:case-list", "751 not in p", in_p("751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("fieldwork:case-list", "other/751 without a round",
        fixed(slug="other", code="751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("fieldwork:case-edit", "A", screening_a,
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("fieldwork:case-edit", "A's case under B", screening_a_under_b,
        LOGIN, LOGIN, 403, 403, 404, 403, 404),
    row("fieldwork:case-edit", "missing", in_p_missing("screening_id"),
        LOGIN, LOGIN, 403, 403, 404, 403, 404),
    row("fieldwork:case-agreement", "A", screening_a,
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("fieldwork:interview-list", "A", municipality_a,
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("fieldwork:interview-detail", "A", interview_a,
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("fieldwork:interview-detail", "A's interview under B",
        interview_a_under_b,
        LOGIN, LOGIN, 403, 403, 404, 403, 404),
    row("fieldwork:interview-coverage", "A", municipality_a,
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("fieldwork:access-log", "p", in_p(),
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("fieldwork:access-log", "other", fixed(slug="other"),
        LOGIN, LOGIN, 404, 404, 404, 404, 200),
    # Key figures (#6): validation pages per municipality, template, upload.
    row("keyfigures:overview", "p", in_p(),
        LOGIN, LOGIN, 403, 403, 200, 403, 404),
    row("keyfigures:overview", "other", fixed(slug="other"),
        LOGIN, LOGIN, 404, 404, 404, 404, 200),
    row("keyfigures:municipality", "A", municipality_a,
        LOGIN, LOGIN, 200, 403, 200, 403, 404),
    row("keyfigures:municipality", "B", municipality_b,
        LOGIN, LOGIN, 403, 200, 200, 403, 404),
    row("keyfigures:municipality", "751 not in p", in_p("751"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("keyfigures:template-download", "A", municipality_a,
        LOGIN, LOGIN, 200, 403, 200, 403, 404),
    row("keyfigures:template-download", "B", municipality_b,
        LOGIN, LOGIN, 403, 200, 200, 403, 404),
    row("keyfigures:upload", "GET is not allowed", municipality_a,
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("keyfigures:figure-confirm", "GET is not allowed", figure_a,
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("keyfigures:figure-correct", "GET is not allowed", figure_a,
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("reports:report-list", "p", in_p(),
        LOGIN, LOGIN, 200, 200, 200, 200, 404),
    row("reports:report-start", "GET is not allowed", in_p(),
        LOGIN, LOGIN, 405, 405, 405, 405, 405),
    row("reports:job-status", "A", job_a,
        LOGIN, LOGIN, 200, 403, 200, 403, 404),
    row("reports:job-status", "partnership", job_p,
        LOGIN, LOGIN, 403, 403, 200, 200, 404),
    row("reports:job-status", "missing", fixed(slug="p", job_id="999999"),
        LOGIN, LOGIN, 404, 404, 404, 404, 404),
    row("reports:job-file", "A done", file_a,
        LOGIN, LOGIN, 200, 403, 200, 403, 404),
    row("reports:job-file", "partnership done", file_p,
        LOGIN, LOGIN, 403, 403, 200, 200, 404),
    row("reports:job-file", "A queued", file_a_queued,
        LOGIN, LOGIN, 404, 403, 404, 403, 404),
)
# fmt: on


def _named_routes(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """Yields (namespaced name, full route) for every pattern below ``resolver``."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _named_routes(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if entry.name is None:
                yield f"<unnamed {route}>", route
            else:
                yield ":".join(p for p in (namespace, entry.name) if p), route


ROUTES = dict(_named_routes(get_resolver()))


def test_every_url_pattern_has_a_row() -> None:
    """Each named URL pattern in the URLconf appears in the matrix at least once."""
    missing = sorted(
        f"{name} ({route})"
        for name, route in ROUTES.items()
        if name not in {r.name for r in TABLE}
    )
    assert missing == [], "add these views to TABLE in tests/web/test_role_matrix.py"


def test_every_row_names_a_url_pattern() -> None:
    """The matrix holds no row for a URL that no longer exists."""
    assert sorted({r.name for r in TABLE} - set(ROUTES)) == []


def _client_for(actor: str, world: Any) -> Client:
    client = Client()
    if actor == "respondent":
        opened = client.get(f"/s/{world.link_a.token}/")
        assert opened.status_code == 302
    elif actor != "anonymous":
        client.force_login(getattr(world, actor))
    return client


@pytest.mark.parametrize(
    ("entry", "actor"),
    [pytest.param(r, a, id=f"{r.id}-{a}") for r in TABLE for a in ACTORS],
)
def test_status_per_role_and_view(world: Any, entry: Row, actor: str) -> None:
    """Each actor gets exactly the status (or redirect) the matrix expects."""
    client = _client_for(actor, world)
    url = reverse(entry.name, kwargs=entry.kwargs(world))
    response = client.get(url)
    expected = entry.expected[actor]
    if isinstance(expected, Redirect):
        location = urlsplit(response.get("Location", "")).path
        assert (response.status_code, location) == (302, expected.path)
    else:
        assert response.status_code == expected
