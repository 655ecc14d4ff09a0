"""Renders a whole round's reports in worker processes. No Django.

In: a ``RoundAssessment`` and an output folder. Out: a ``RoundRender`` listing the
files written (every municipal deck and its Excel appendix, the partnership deck
and its appendix)
and the jobs that failed with their error, so one bad deck never stops the rest.
The assessment reaches each worker once (pool initializer), not once per deck, and is
pickled once for all workers.
PDF previews go through ``convert_pdfs``: one LibreOffice profile per conversion
(see ``reporting.pdf``), a hard timeout, and never more conversions at once than
cores on the whole machine (slot files locked with ``flock``, ``reporting.locks``).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import secrets
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import (
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from dataclasses import dataclass, field
from pathlib import Path

from parathed.analysis.assessment import RoundAssessment
from parathed.instrument.schema import Instrument
from parathed.reporting.locks import Slots
from parathed.reporting.pdf import DEFAULT_TIMEOUT_S, convert_to_pdf

Progress = Callable[[str, bool], None]  # (job name, succeeded)
PARTNERSHIP_DECK = "partnerskab"
PARTNERSHIP_APPENDIX = "partnerskab-bilag"
_CORES = os.cpu_count() or 1
PDF_SLOT_DIR_ENV = "PARATHED_PDF_SLOT_DIR"


def default_pdf_slot_dir() -> Path:
    """Where the PDF slot files live when the caller names no folder:
    ``$PARATHED_PDF_SLOT_DIR``, else a folder of this user's in the temp directory."""
    configured = os.environ.get(PDF_SLOT_DIR_ENV)
    if configured:
        return Path(configured)
    return Path(tempfile.gettempdir()) / f"parathed-pdf-slots-{os.getuid()}"


def pdf_slots(directory: Path | None = None) -> Slots:
    """At most one LibreOffice conversion per core on the machine: every process
    whose conversions use the same ``directory`` shares ``cpu_count`` slots."""
    return Slots(directory or default_pdf_slot_dir(), _CORES, name="pdf-slot")


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How the decks are rendered; the same for every job of a round."""

    template: Path | None = None
    synthetic: bool = False
    anonymise: bool = False
    instrument: Instrument | None = None
    # Keys the order of the anonymised letters; the partnership's secret, so deck
    # and appendix agree (render_round draws one per round when it is missing).
    secret: bytes | None = None


@dataclass(slots=True)
class RoundRender:
    """What ``render_round`` wrote and what failed (job name, error message)."""

    paths: list[Path] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def _slug(name: str) -> str:
    table = str.maketrans(
        {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
    )
    return "".join(c if c.isalnum() else "-" for c in name.translate(table)).lower()


def municipal_filename(code: str, name: str) -> str:
    """The file name of one municipality's deck."""
    return f"parathed-{code}-{_slug(name)}.pptx"


def partnership_filenames(partnership_name: str) -> tuple[str, str]:
    """The file names of the partnership deck and its appendix."""
    stem = f"parathed-partnerskab-{_slug(partnership_name)}"
    return stem + ".pptx", stem + "-bilag.xlsx"


def render_job(
    round_assessment: RoundAssessment,
    job: str,
    *,
    out_dir: Path,
    options: RenderOptions,
) -> list[Path]:
    """Renders one job into ``out_dir`` and returns the files written.

    A municipality code writes its deck and its Excel appendix (``-bilag.xlsx``);
    ``PARTNERSHIP_DECK`` the steering group's deck; ``PARTNERSHIP_APPENDIX`` its
    appendix. Raises KeyError for an unknown municipality and ValueError when the
    round has no partnership assessment for a partnership job.
    """
    from parathed.instrument.loader import load_published
    from parathed.reporting.content import ReportInput
    from parathed.reporting.deck.municipal import build_deck
    from parathed.reporting.deck.partnership import build_partnership_deck
    from parathed.reporting.excel import build_partnership_workbook, build_workbook

    instrument = options.instrument or load_published(
        round_assessment.instrument_version
    )
    deck_name, appendix_name = partnership_filenames(round_assessment.partnership_name)
    named = not options.anonymise
    files: list[tuple[Path, bytes]]
    if job == PARTNERSHIP_DECK:
        files = [
            (
                out_dir / deck_name,
                build_partnership_deck(
                    round_assessment,
                    template=options.template,
                    named=named,
                    synthetic=options.synthetic,
                    instrument=instrument,
                    secret=options.secret,
                ),
            )
        ]
    elif job == PARTNERSHIP_APPENDIX:
        files = [
            (
                out_dir / appendix_name,
                build_partnership_workbook(
                    round_assessment,
                    instrument=instrument,
                    named=named,
                    secret=options.secret,
                ),
            )
        ]
    else:
        found = {m.code: m for m in round_assessment.municipalities}
        municipality = found[job]
        target = out_dir / municipal_filename(municipality.code, municipality.name)
        files = [
            (
                target,
                build_deck(
                    municipality,
                    round_assessment=round_assessment,
                    template=options.template,
                    synthetic=options.synthetic,
                    instrument=instrument,
                ),
            ),
            (
                target.with_name(target.stem + "-bilag.xlsx"),
                build_workbook(ReportInput(municipality, round_assessment, instrument)),
            ),
        ]
    out_dir.mkdir(parents=True, exist_ok=True)
    for target, content in files:
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(content)
        partial.replace(target)  # a reader never sees half a file
    return [target for target, _ in files]


_WORKER: list[tuple[RoundAssessment, Path, RenderOptions]] = []


def _init_worker(
    round_assessment: RoundAssessment, out_dir: Path, options: RenderOptions
) -> None:
    if options.instrument is None:
        from dataclasses import replace

        from parathed.instrument.loader import load_published

        options = replace(
            options,
            instrument=load_published(round_assessment.instrument_version),
        )
    _WORKER[:] = [(round_assessment, out_dir, options)]


_State = tuple[RoundAssessment, Path, RenderOptions]


def _unpickle_state(blob: bytes) -> _State:
    state: _State = pickle.loads(blob)  # noqa: S301 (written by the parent process)
    return state


class _PickledOnce:
    """A worker's start-up state that is pickled once for ``starts`` worker starts.

    A spawned worker receives its initializer's arguments pickled; a round's
    assessment takes long to pickle, and the pool pickles them again for every
    worker it starts. This wrapper pickles the state on the first start, hands
    the same bytes to the next ones and lets them go after the last (a later start
    pickles afresh). The worker unpickles the state itself, not the wrapper.
    """

    def __init__(self, state: _State, starts: int) -> None:
        self.state = state
        self._starts = starts
        self._blob: bytes | None = None

    def __reduce__(self) -> tuple[object, tuple[bytes]]:
        blob = self._blob
        if blob is None:
            blob = pickle.dumps(self.state, protocol=pickle.HIGHEST_PROTOCOL)
        self._starts -= 1
        self._blob = blob if self._starts > 0 else None
        return _unpickle_state, (blob,)


def _init_spawned(state: _State | _PickledOnce) -> None:
    # A spawned worker receives the unpickled state, not the wrapper.
    _init_worker(*(state.state if isinstance(state, _PickledOnce) else state))


def _run(job: str) -> list[Path]:
    round_assessment, out_dir, options = _WORKER[0]
    return render_job(round_assessment, job, out_dir=out_dir, options=options)


def round_jobs(round_assessment: RoundAssessment) -> list[str]:
    """Every job of a round: municipal decks, then the partnership deck and appendix."""
    jobs = [m.code for m in round_assessment.municipalities]
    if round_assessment.partnership is not None:
        jobs += [PARTNERSHIP_DECK, PARTNERSHIP_APPENDIX]
    return jobs


def render_round(
    round_assessment: RoundAssessment,
    *,
    out_dir: Path,
    options: RenderOptions | None = None,
    workers: int | None = None,
    jobs: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> RoundRender:
    """Renders ``jobs`` (default: every job of the round) in ``workers`` processes.

    ``workers`` defaults to the number of cores; 1 renders in this process.
    ``progress`` is called once per finished job, in finishing order. Failures are
    collected, never raised, so the other files are still written.
    """
    options = options or RenderOptions()
    if options.anonymise and not options.secret:
        # One key for the round, so the deck and its appendix use the same letters.
        from dataclasses import replace

        options = replace(options, secret=secrets.token_bytes(32))
    todo = list(round_jobs(round_assessment) if jobs is None else jobs)
    count = max(1, min(workers or _CORES, len(todo) or 1))
    result = RoundRender()

    def record(job: str, outcome: list[Path] | BaseException) -> None:
        if isinstance(outcome, BaseException):
            result.failures.append((job, f"{type(outcome).__name__}: {outcome}"))
        else:
            result.paths.extend(outcome)
        if progress is not None:
            progress(job, not isinstance(outcome, BaseException))

    if count == 1:
        _init_worker(round_assessment, out_dir, options)
        try:
            for job in todo:
                try:
                    record(job, _run(job))
                except Exception as exc:  # noqa: BLE001 (reported per job)
                    record(job, exc)
        finally:
            _WORKER.clear()
        return result
    # Spawned workers start clean: they hold the assessment and python-pptx, not a
    # copy of the caller's memory (a web server's, a benchmark's generated evidence).
    # The assessment is pickled once for all of them (``_PickledOnce``).
    state = _PickledOnce((round_assessment, out_dir, options), starts=count)
    with ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_spawned,
        initargs=(state,),
    ) as pool:
        futures: dict[Future[list[Path]], str] = {pool.submit(_run, j): j for j in todo}
        for future in as_completed(futures):
            error = future.exception()
            record(futures[future], error if error is not None else future.result())
    return result


def convert_pdfs(
    paths: Sequence[Path],
    *,
    out_dir: Path,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    slot_dir: Path | None = None,
) -> RoundRender:
    """Converts each .pptx of ``paths`` to PDF in ``out_dir``, at most one per core
    at a time on the whole machine (``pdf_slots(slot_dir)``, shared by every process
    using that folder); failures (and timeouts) are collected with their error."""
    result = RoundRender()
    slots = pdf_slots(slot_dir)

    def one(path: Path) -> Path:
        with slots.hold():
            return convert_to_pdf(path, out_dir=out_dir, timeout_s=timeout_s)

    with ThreadPoolExecutor(max_workers=_CORES) as pool:
        futures = {pool.submit(one, p): p for p in paths}
        for future, path in futures.items():
            error = future.exception()
            if error is not None:
                result.failures.append((path.name, str(error)))
            else:
                result.paths.append(future.result())
    return result
