"""``parathed keyfigures fetch``: StatBank inputs for all 98 municipalities into the db.

Parses options, runs ``parathed.statbank.fetch_inputs`` with a progress bar and hands
the result to the ``figures_store_statbank`` service; prints what changed and, per
table, where the numbers came from (fetched now, or the cache and how old it is).
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from parathed.cli._django import setup_django


@click.group()
def keyfigures() -> None:
    """Key figures (nøgletal): fetch StatBank inputs into the database."""


@keyfigures.command()
@click.option(
    "--year",
    type=click.IntRange(2015, 2100),
    default=None,
    help="Analysis year (default: last year, the newest StatBank publishes).",
)
@click.option(
    "--tables",
    default=None,
    help="Comma-separated StatBank tables to fetch, e.g. UND2,BU43 (default: all).",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Use only the local cache; never call the StatBank.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Cache folder (default: $PARATHED_CACHE_DIR or var/statbank-cache).",
)
@click.option(
    "--base-url",
    default="https://api.statbank.dk/v1",
    show_default=True,
    help="The StatBank API's address.",
)
@click.option(
    "--pause",
    type=click.FloatRange(0, 60),
    default=1.0,
    show_default=True,
    help="Seconds between calls, to be polite to Statistics Denmark.",
)
def fetch(
    year: int | None,
    tables: str | None,
    offline: bool,
    cache_dir: Path | None,
    base_url: str,
    pause: float,
) -> None:
    """Fetch the StatBank inputs of YEAR for all 98 municipalities into the database.

    Fetching again updates changed values and never duplicates one; a value a
    municipality has corrected keeps its correction. Without network the cached
    answers are used, and their age is printed.
    """
    setup_django(migrate=True)
    from django.conf import settings
    from django.utils import timezone

    from parathed.analysis.keyfigures import statbank_inputs
    from parathed.statbank import (
        CACHE_DIR_ENV,
        FetchProgress,
        ResponseCache,
        StatBankClient,
        fetch_inputs,
    )
    from parathed.web.keyfigures.services import figures_store_statbank

    chosen = [t.strip().upper() for t in tables.split(",")] if tables else None
    inputs = statbank_inputs(chosen)
    if not inputs:
        raise click.ClickException(
            f"Ingen nøgletal bruger tabellerne {tables}. Kendte tabeller: "
            + ", ".join(
                sorted({i.statbank.table for i in statbank_inputs() if i.statbank})
            )
        )
    analysis_year = year if year is not None else timezone.localdate().year - 1
    folder = cache_dir
    if folder is None:
        configured = os.environ.get(CACHE_DIR_ENV, "").strip()
        folder = Path(configured) if configured else settings.VAR_DIR / "statbank-cache"
    client = StatBankClient(
        base_url=base_url, cache=ResponseCache(folder), offline=offline, pause=pause
    )
    table_count = len({i.statbank.table for i in inputs if i.statbank is not None})
    with click.progressbar(
        length=table_count, label="Henter fra Statistikbanken", file=sys.stderr
    ) as bar:

        def advance(progress: FetchProgress) -> None:
            bar.length = progress.total  # the client may add a table (LABY16)
            bar.update(progress.done - bar.pos)

        result = fetch_inputs(
            analysis_year, client=client, tables=chosen, progress=advance
        )
    stored = figures_store_statbank(figures=result.figures)
    now = datetime.now(UTC)
    click.echo(f"Nøgletal for {analysis_year} fra Statistikbanken:")
    for report in result.tables:
        where = report.provenance.describe(now) if report.provenance else "ikke hentet"
        click.echo(f"  {report.table:<9} {len(report.inputs)} input, {where}")
    click.echo(
        f"Gemt: {stored.created} nye, {stored.updated} opdaterede, "
        f"{stored.unchanged} uændrede; {stored.corrections_kept} kommunale rettelser "
        "eller egne tal bevaret."
    )
    for problem in result.problems:
        click.echo(f"Problem: {problem}", err=True)
    if result.problems and not result.figures:
        raise click.ClickException("Ingen tal blev hentet.")
