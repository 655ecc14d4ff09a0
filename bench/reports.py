"""Benchmark: report rendering (issue #8).

1. One municipal deck (``build_deck``: shipped template, layouts found by name,
   footnotes, formatted native charts) against bare python-pptx building the same
   slides, charts and tables from the same slide specs in the same run (default
   16:9 presentation, fixed layout, no template lookup, no footnote or formatting
   helpers). Medians of ``RUNS`` alternating runs; target ratio <= 1.2.
2. A national round: 98 municipal decks, each with its Excel appendix, + the
   partnership deck + its appendix (198 files) rendered by
   ``reporting.jobs.render_round`` in 2 spawned worker processes; target < 30 s.
   Peak memory is the largest sum of PSS over this process and its live
   descendants (the workers), sampled from /proc every 20 ms (the RSS sum is
   printed beside it); target < 500 MB.

The round is generated (``generate_national_round``) and assessed before timing.
Last line: ``BENCH reports ratio=<deck/bare> national_s=<s> peak_mb=<MB>``.
"""

from __future__ import annotations

import gc
import io
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.util import Emu, Pt

from parathed.analysis.assessment import RoundAssessment
from parathed.analysis.round import assess_round
from parathed.demo.generator import generate_national_round
from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Instrument
from parathed.reporting.content import ReportInput, municipal_slides
from parathed.reporting.deck.municipal import build_deck
from parathed.reporting.jobs import RenderOptions, render_round

RUNS = 7
WORKERS = 2


def bare_deck(data: ReportInput) -> bytes:
    """The same slides with python-pptx directly, inline: the default presentation
    at 16:9, its "Title Only" layout, and per spec the same chart (type, number
    formats, data labels, axis, legend), table or text with the same font sizes,
    plus the footnote text. No template file, no layout lookup, no helpers."""
    prs = Presentation()
    w, h = 12192000, 6858000
    prs.slide_width, prs.slide_height = Emu(w), Emu(h)
    title = prs.slides.add_slide(prs.slide_layouts[0])
    if title.shapes.title is not None:
        title.shapes.title.text = data.assessment.name
    for spec in municipal_slides(data):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        if slide.shapes.title is not None:
            slide.shapes.title.text = spec.title
        box = (Emu(w // 20), Emu(h // 5), Emu(w * 9 // 10), Emu(h * 2 // 3))
        note = spec.footnote
        if spec.chart is not None and spec.chart.categories:
            fmt = spec.chart.number_format
            chart_data = CategoryChartData(number_format=fmt)  # type: ignore[no-untyped-call]
            chart_data.categories = spec.chart.categories
            for name, values in spec.chart.series:
                chart_data.add_series(name, values, number_format=fmt)  # type: ignore[no-untyped-call]
            frame = slide.shapes.add_chart(
                XL_CHART_TYPE.BAR_CLUSTERED, *box, chart_data
            )
            chart = frame.chart
            chart.has_legend = len(spec.chart.series) > 1
            chart.font.size = Pt(12)
            axis = chart.value_axis
            axis.minimum_scale = 0
            if spec.chart.axis_max is not None:
                axis.maximum_scale = spec.chart.axis_max
            axis.tick_labels.number_format = fmt
            axis.tick_labels.number_format_is_linked = False
            chart.category_axis.reverse_order = True
            plot = chart.plots[0]
            plot.has_data_labels = True
            plot.data_labels.number_format = fmt
            plot.data_labels.number_format_is_linked = False
            plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
            plot.data_labels.font.size = Pt(10)
            note = f"{spec.chart.footnote} {note}"
        elif spec.table is not None:
            table = slide.shapes.add_table(
                len(spec.table.rows) + 1, len(spec.table.header), *box
            ).table
            cells = [(0, c, text) for c, text in enumerate(spec.table.header)]
            cells += [
                (r, c, "–" if value is None else str(value))
                for r, row in enumerate(spec.table.rows, 1)
                for c, value in enumerate(row)
            ]
            for r, c, text in cells:
                cell = table.cell(r, c)
                cell.text = text
                for run in cell.text_frame.paragraphs[0].runs:
                    run.font.size = Pt(12)
                    run.font.bold = r == 0
            note = f"{spec.table.footnote} {note}"
        if spec.text:
            frame = slide.shapes.add_textbox(*box).text_frame
            frame.word_wrap = True
            for block in spec.text:
                heading = frame.add_paragraph()
                heading.text = block.heading
                for run in heading.runs:
                    run.font.bold = True
                    run.font.size = Pt(15)
                for line in block.lines:
                    item = frame.add_paragraph()
                    item.text = line
                    for run in item.runs:
                        run.font.size = Pt(13)
        if note.strip():
            foot = slide.shapes.add_textbox(
                Emu(w // 20), Emu(h * 86 // 100), Emu(w * 9 // 10), Emu(h // 10)
            ).text_frame
            foot.word_wrap = True
            foot.text = note
            for run in foot.paragraphs[0].runs:
                run.font.size = Pt(10)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _children(pid: int) -> list[int]:
    """The child processes of ``pid``, from each of its threads' ``children`` list."""
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in threads:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as f:
                found.extend(int(child) for child in f.read().split())
        except (OSError, ValueError):
            continue
    return found


def _tree_memory(root: int) -> tuple[int, int]:
    """Returns the (RSS, PSS) sums in bytes of ``root`` and every live descendant.

    RSS counts a page shared by several processes once per process; PSS splits it.
    The tree is walked through ``/proc/<pid>/task/<tid>/children`` rather than by
    reading every process's ``stat``, so a sample costs the machine little.
    """
    rss_total = pss_total = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                for line in f:
                    name, _, rest = line.partition(":")
                    if name in ("Rss", "Pss"):
                        kib = int(rest.split()[0]) * 1024
                        if name == "Rss":
                            rss_total += kib
                        else:
                            pss_total += kib
        except (OSError, ValueError):
            pass
        todo.extend(_children(pid))
    return rss_total, pss_total


class PeakSampler(threading.Thread):
    """Samples the process tree's RSS until stopped; ``peak`` in bytes."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_rss = 0
        self.peak = 0  # PSS
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            rss, pss = _tree_memory(os.getpid())
            self.peak_rss = max(self.peak_rss, rss)
            self.peak = max(self.peak, pss)
            self._stop_event.wait(0.02)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _deck_ratio(
    round_assessment: RoundAssessment, instrument: Instrument
) -> tuple[float, float]:
    data = ReportInput(
        assessment=round_assessment.municipalities[0],
        round_assessment=round_assessment,
        instrument=instrument,
    )
    build_deck(
        data.assessment, round_assessment=round_assessment, instrument=instrument
    )
    bare_deck(data)  # warm both
    deck_times, bare_times = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        build_deck(
            data.assessment, round_assessment=round_assessment, instrument=instrument
        )
        deck_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        bare_deck(data)
        bare_times.append(time.perf_counter() - start)
    return statistics.median(deck_times), statistics.median(bare_times)


def main() -> None:
    """Generates and assesses the national round, then times the two parts."""
    instrument = load_instrument()
    evidence = generate_national_round(instrument=instrument)
    round_assessment = assess_round(evidence, instrument=instrument)
    del evidence  # the responses are not needed for rendering
    gc.collect()
    deck_s, bare_s = _deck_ratio(round_assessment, instrument)
    print(
        f"deck_median_s={deck_s:.3f} bare_median_s={bare_s:.3f} runs={RUNS} "
        f"slides={len(municipal_slides(ReportInput(round_assessment.municipalities[0], round_assessment, instrument))) + 1}"  # noqa: E501
    )
    sampler = PeakSampler()
    sampler.start()
    with tempfile.TemporaryDirectory(prefix="parathed-bench-") as out:
        start, start_cpu = time.perf_counter(), os.times()
        result = render_round(
            round_assessment,
            out_dir=Path(out),
            options=RenderOptions(instrument=instrument),
            workers=WORKERS,
        )
        national_s = time.perf_counter() - start
        end_cpu = os.times()
        files = len(result.paths)
        size = sum(p.stat().st_size for p in result.paths)
    sampler.stop()
    if result.failures:
        raise SystemExit(f"failures: {result.failures}")
    cpu = (end_cpu.children_user + end_cpu.children_system) - (
        start_cpu.children_user + start_cpu.children_system
    )
    print(
        f"files={files} bytes={size} workers={WORKERS} cores={os.cpu_count()} "
        f"children_cpu_s={cpu:.1f} load={os.getloadavg()[0]:.1f}"
    )
    print(
        "peak_mb = max over 20 ms samples of the PSS sum of this process + workers"
        f" (RSS sum, shared pages counted per process: {sampler.peak_rss / 1e6:.0f})"
    )
    print(
        f"BENCH reports ratio={deck_s / bare_s:.2f} national_s={national_s:.1f} "
        f"peak_mb={sampler.peak / 1e6:.0f}"
    )


if __name__ == "__main__":
    main()
