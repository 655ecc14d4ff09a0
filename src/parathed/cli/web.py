"""``parathed demo``, ``links``, ``report`` and ``serve``: commands on the database."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from parathed.cli._django import setup_django

DEFAULT_OUT = Path("out")


def _write_decks(
    *, round_id: int, out: Path, template: Path | None, named: bool = False
) -> list[Path]:
    from parathed.web.partnerships.services import report_build

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with click.progressbar(
        report_build(round_id=round_id, template=template),
        label="Skriver rapporter",
        file=sys.stderr,
    ) as decks:
        for deck in decks:
            path = out / deck.filename
            path.write_bytes(deck.content)
            written.append(path)
    written += _write_appendices(
        round_id=round_id, out=out, template=template, named=named
    )
    return written


def _write_appendices(
    *, round_id: int, out: Path, template: Path | None, named: bool
) -> list[Path]:
    """Writes each municipality's Excel appendix beside its deck (-bilag.xlsx) and
    the steering group's partnership deck with its appendix (named or anonymised).
    """
    from parathed.instrument.loader import load_published
    from parathed.reporting.content import ReportInput
    from parathed.reporting.deck.partnership import build_partnership_deck
    from parathed.reporting.excel import build_partnership_workbook, build_workbook
    from parathed.web.partnerships.models import MeasurementRound
    from parathed.web.partnerships.services import round_assess

    assessment = round_assess(round_id=round_id)
    instrument = load_published(assessment.instrument_version)
    for m in assessment.municipalities:
        for deck in out.glob(f"parathed-{m.code}-*.pptx"):
            data = ReportInput(m, assessment, instrument)
            deck.with_name(deck.stem + "-bilag.xlsx").write_bytes(build_workbook(data))
    if assessment.partnership is None:
        return []
    measurement = MeasurementRound.objects.select_related("partnership").get(
        pk=round_id
    )
    stem = f"parathed-partnerskab-{measurement.partnership.slug}"
    deck = out / f"{stem}.pptx"
    deck.write_bytes(
        build_partnership_deck(
            assessment,
            template=template,
            named=named,
            synthetic=measurement.partnership.is_synthetic,
            instrument=instrument,
            secret=measurement.partnership.anonymisation_secret,
        )
    )
    appendix = out / f"{stem}-bilag.xlsx"
    appendix.write_bytes(
        build_partnership_workbook(
            assessment,
            instrument=instrument,
            named=named,
            secret=measurement.partnership.anonymisation_secret,
        )
    )
    return [deck]


@click.command()
@click.option("--no-serve", is_flag=True, help="Build everything but do not serve.")
@click.option(
    "--municipalities", default=18, show_default=True, type=click.IntRange(1, 98)
)
@click.option(
    "--respondents",
    default=None,
    type=click.IntRange(1, 2000),
    help="Respondents per municipality (default: plausible numbers by size).",
)
@click.option(
    "--out", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path)
)
@click.option("--seed", default=2024, show_default=True, type=int)
@click.option("--port", default=8000, show_default=True, type=int)
def demo(
    no_serve: bool,
    municipalities: int,
    respondents: int | None,
    out: Path,
    seed: int,
    port: int,
) -> None:
    """Load a synthetic demo partnership, write its decks and serve the site."""
    started = time.perf_counter()
    setup_django(migrate=True)
    from django.utils import timezone

    from parathed.demo.generator import generate_partnership
    from parathed.instrument.loader import load_instrument
    from parathed.web.partnerships.demo import (
        DEMO_PASSWORD,
        DEMO_TOTP_SECRET,
        demo_load,
    )

    instrument = load_instrument()
    generated = generate_partnership(
        instrument=instrument,
        municipalities=municipalities,
        respondents=respondents,
        seed=seed,
    )
    measurement, logins = demo_load(
        demo=generated,
        instrument_version=instrument.version,
        today=timezone.localdate(),
    )
    decks = _write_decks(round_id=measurement.pk, out=out, template=None)
    click.echo(
        f"Demo: {len(generated.municipalities)} kommuner, "
        f"{sum(len(m.responses) for m in generated.municipalities)} besvarelser "
        "(syntetiske data)."
    )
    click.echo(
        f"{len(decks)} rapporter skrevet i {out}/ "
        f"({time.perf_counter() - started:.1f} s)."
    )
    click.echo(f"Demo-logins (adgangskode for alle: {DEMO_PASSWORD}):")
    for login in logins[:4]:
        click.echo(f"  {login.username:<16} {login.role} – {login.municipality}")
    if len(logins) > 4:
        click.echo(f"  … og {len(logins) - 4} flere kontakter: kontakt-<kommunekode>")
    click.echo(
        f"Konsulenter og styregruppe logger ind med en kode fra en "
        f"autentificeringsapp (demo-nøgle: {DEMO_TOTP_SECRET}); "
        f"eller vis koden med: parathed totp {DEMO_TOTP_SECRET}"
    )
    if not no_serve:
        _serve(port=port)


@click.command()
@click.option("--partnership", "slug", required=True, help="The partnership's slug.")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True)
def links(slug: str, base_url: str) -> None:
    """Print the current respondent links of the partnership's current round.

    Links replaced by a newer token are left out; closed links are marked.
    """
    setup_django()
    from parathed.web.partnerships.models import Partnership
    from parathed.web.partnerships.selectors import current_round
    from parathed.web.survey.link_selectors import current_links

    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None:
        raise click.ClickException(f"Der findes intet partnerskab med navnet '{slug}'.")
    measurement = current_round(partnership=partnership)
    if measurement is None:
        raise click.ClickException("Partnerskabet har endnu ingen måling.")
    rows = sorted(
        current_links(round_id=measurement.pk),
        key=lambda r: (r.municipality_code, r.role),
    )
    if not rows:
        raise click.ClickException("Målingen har endnu ingen links.")
    for link in rows:
        role = link.role or "alle roller"
        state = "" if link.is_open else " (lukket)"
        click.echo(
            f"{link.municipality_code} {link.municipality_name:<20} {role:<12} "
            f"{base_url.rstrip('/')}/s/{link.token}/{state}"
        )


@click.command()
@click.option("--partnership", "slug", required=True, help="The partnership's slug.")
@click.option("--out", required=True, type=click.Path(path_type=Path))
@click.option(
    "--template",
    default=None,
    type=click.Path(exists=True, path_type=Path),
    help="A .pptx whose master and layouts the decks use.",
)
@click.option(
    "--named",
    is_flag=True,
    help="Name the municipalities in the partnership deck (default: anonymised).",
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="Worker processes (default: one per core).",
)
def report(
    slug: str, out: Path, template: Path | None, named: bool, workers: int | None
) -> None:
    """Write every deck of the partnership's current round with its appendix, the
    partnership deck and its appendix into OUT, rendered in worker processes.

    The partnership deck names municipalities only with ``--named`` and when the
    partnership is not set to anonymise them."""
    setup_django()
    from parathed.reporting.jobs import RenderOptions, render_round, round_jobs
    from parathed.web.partnerships.models import Partnership
    from parathed.web.partnerships.selectors import current_round
    from parathed.web.partnerships.services import round_assess

    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None:
        raise click.ClickException(f"Der findes intet partnerskab med navnet '{slug}'.")
    measurement = current_round(partnership=partnership)
    if measurement is None:
        raise click.ClickException("Partnerskabet har endnu ingen måling.")
    from parathed.web.accounts.events import Kind, security_event_record

    security_event_record(
        kind=Kind.REPORT_STARTED,
        partnership_id=partnership.pk,
        object_kind="measurement_round",
        object_id=measurement.pk,
        route="cli:report",
    )
    assessment = round_assess(round_id=measurement.pk)
    options = RenderOptions(
        template=template,
        synthetic=partnership.is_synthetic,
        anonymise=partnership.anonymise_municipalities or not named,
        secret=partnership.anonymisation_secret,
    )
    jobs = round_jobs(assessment)
    with click.progressbar(
        length=len(jobs), label="Skriver rapporter", file=sys.stderr
    ) as bar:
        result = render_round(
            assessment,
            out_dir=out,
            options=options,
            workers=workers,
            progress=lambda _job, _ok: bar.update(1),
        )
    click.echo(f"{len(result.paths)} filer skrevet i {out}/")
    for job, error in result.failures:
        click.echo(f"Fejl i {job}: {error}", err=True)
    if result.failures:
        raise SystemExit(1)


@click.command()
@click.option("--port", default=8000, show_default=True, type=int)
def serve(port: int) -> None:
    """Serve the site on 127.0.0.1 with gunicorn."""
    setup_django(migrate=True)
    _serve(port=port)


def _serve(*, port: int) -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    click.echo(f"parathed kører på http://127.0.0.1:{port}/  (Ctrl-C stopper)")
    sys.stdout.flush()
    os.execvp(  # noqa: S606 (replaces this process with gunicorn on loopback)
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            *gunicorn_arguments(port=port),
        ],
    )


def default_workers() -> int:
    """One gunicorn worker per core, at least two (so a dying worker is never alone).

    The database server runs beside the app: on the 2-core machine three workers
    gave a worse tail than two (bench/respondents.py on PostgreSQL, p95 324–919 ms
    with three against 270–301 ms with two), because more processes only queue for
    the same cores; four threads per worker cover waiting on the database."""
    return max(2, os.cpu_count() or 2)


def gunicorn_arguments(
    *, port: int, workers: int | None = None, threads: int = 4
) -> list[str]:
    """Returns how parathed runs gunicorn (``parathed serve`` and the benchmark).

    ``--preload`` imports Django once in the master, so a worker that dies (even by
    kill -9) is replaced in milliseconds; threaded workers keep a slow client from
    holding a whole worker. No access log: request paths carry respondent tokens.
    ``workers`` defaults to ``default_workers()``.
    """
    if workers is None:
        workers = default_workers()
    return [
        "parathed.web.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--preload",
        "--timeout",
        "30",
        "--graceful-timeout",
        "5",
    ]
