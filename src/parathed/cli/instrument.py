"""``parathed instrument``: check and export the readiness instrument.

Parses options, calls the loader, the summary or the xlsx writer in
``parathed.instrument``, and prints in Danish. No rules live here.
"""

from __future__ import annotations

from pathlib import Path

import click

from parathed.instrument.export import write_instrument_xlsx
from parathed.instrument.loader import (
    InstrumentError,
    InstrumentProblem,
    data_dir,
    load_instrument_from,
)
from parathed.instrument.schema import Instrument
from parathed.instrument.summary import (
    SOURCE_LABELS_DA,
    coverage_problems,
    summarise_instrument,
)

_PATH_OPTION = click.option(
    "--path",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Mappe med instrumentets filer (standard: den medfølgende version).",
)


@click.group()
def instrument() -> None:
    """Check or export the readiness instrument."""


def _load(folder: Path | None) -> tuple[Instrument | None, list[InstrumentProblem]]:
    try:
        loaded = load_instrument_from(folder or data_dir())
    except InstrumentError as exc:
        return None, list(exc.problems)
    return loaded, coverage_problems(loaded)


def _echo_problems(folder: Path, problems: list[InstrumentProblem]) -> None:
    click.echo(
        f"Instrumentet i {folder} er ikke gyldigt: {len(problems)} fejl.", err=True
    )
    for problem in problems:
        click.echo(f"  - {problem}", err=True)


@instrument.command("check")
@_PATH_OPTION
def check(folder: Path | None) -> None:
    """Validate the instrument data and print a summary in Danish."""
    where = folder or data_dir()
    loaded, problems = _load(folder)
    if loaded is None or problems:
        _echo_problems(where, problems)
        raise SystemExit(1)
    summary = summarise_instrument(loaded)
    click.echo(
        f"Instrument version {summary.version} ({loaded.consolidation}) er gyldigt."
    )
    click.echo("")
    sources = list(SOURCE_LABELS_DA)
    width = max(len(t.title) for t in loaded.themes) + 2
    header = "".join(f"{SOURCE_LABELS_DA[s]:>15}" for s in sources)
    click.echo(f"{'Tema':<{width}}{header}")
    for row in summary.themes:
        counts = "".join(f"{row.count(s):>15}" for s in sources)
        click.echo(f"{row.title:<{width}}{counts}")
    totals = "".join(f"{summary.total(s):>15}" for s in sources)
    click.echo(f"{'I alt':<{width}}{totals}")
    click.echo("")
    click.echo(f"Åbne spørgsmål: {summary.open_questions}")
    reverse = sum(t.reverse_items for t in summary.themes)
    shared = sum(t.items_for_all_roles for t in summary.themes)
    click.echo(f"Omvendte udsagn: {reverse}")
    click.echo(f"Udsagn til alle tre roller: {shared}")
    click.echo(f"Lovhenvisninger i alt: {summary.law_refs}")
    click.echo(f"Udsagn og sagstjek uden lovhenvisning: {len(summary.without_law_ref)}")
    missing = len(summary.themes_missing_source)
    click.echo(f"Temaer, der mangler en evidenskilde: {missing}")


@instrument.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx"]),
    default="xlsx",
    show_default=True,
    help="Filformat.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Filen, der skal skrives.",
)
@_PATH_OPTION
def export(fmt: str, out: Path, folder: Path | None) -> None:
    """Write the whole instrument as a spreadsheet for review."""
    loaded, problems = _load(folder)
    if loaded is None:
        _echo_problems(folder or data_dir(), problems)
        raise SystemExit(1)
    write_instrument_xlsx(loaded, out)
    click.echo(f"Instrument version {loaded.version} er skrevet til {out} ({fmt}).")
