"""The partnership deck for the steering group: a round assessment in, .pptx bytes out.

Every number is copied from ``RoundAssessment.partnership`` (pooled, already
suppressed by the analysis) and from each municipality's published readiness level;
nothing is scored or recomputed here, so no figure can be derived by subtraction
beyond what the analysis publishes. No free text. Municipalities are named, or
shown as "Kommune 1..n" in an order keyed by a secret (``order_key``), not by name.
Slides use the municipal deck's template and layout helpers; charts are native,
with explicit number formats, a footnote (n, suppression, source) and alt text.
"""

from __future__ import annotations

import hashlib
import hmac
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from pptx import Presentation
from pptx.chart.data import CategoryChartData, ChartData
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_TICK_MARK,
)
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Pt

from parathed.analysis.assessment import (
    GROUP_ALL,
    READINESS_LABELS_DA,
    GroupResult,
    PartnershipAssessment,
    ReadinessLevel,
    RoundAssessment,
)
from parathed.reporting.content import (
    Cell,
    ChartSpec,
    SlideSpec,
    TableSpec,
    TextBlock,
    fmt,
    reason_da,
    short,
)
from parathed.reporting.deck.municipal import (
    DEFAULT_TEMPLATE,
    LEFT,
    RIGHT,
    SYNTHETIC_NOTE,
    _add_title_slide,
    _box,
    _clear_template_slides,
    _content_slide,
    _footnote,
    _render,
    _rgb,
)

LEVEL_COLOURS = ("B8412C", "E39B4B", "9DB4C0", "1F3A5F")  # far .. ready
ROWS_PER_PAGE = 11
PARTNERSHIP_SOURCE = (
    "Kilde: spørgeskema, sagsscreening og interview i partnerskabets kommuner."
)
MIN_NOTE = (
    "Tal for partnerskabet vises kun, når mindst fire kommuner står bag, og ingen"
    " skjult gruppe i en kommune kan udledes af dem."
)

__all__ = [
    "PartnershipInput",
    "build_partnership_deck",
    "municipality_labels",
    "partnership_slides",
]


@dataclass(frozen=True, slots=True)
class PartnershipInput:
    """Everything the partnership deck and its appendix are built from."""

    round_assessment: RoundAssessment
    anonymise: bool = False
    order_key: bytes = b""

    @property
    def partnership(self) -> PartnershipAssessment:
        """The partnership's assessment; ValueError when the round has none."""
        found = self.round_assessment.partnership
        if found is None:
            raise ValueError("runden har ingen samlet partnerskabsanalyse")
        return found


def municipality_labels(
    round_assessment: RoundAssessment, *, anonymise: bool, order_key: bytes = b""
) -> list[tuple[str, str, str]]:
    """Returns (municipality code, row code, label) for every municipality, in order.

    Named: by name, code beside it. Anonymised: "Kommune 1..n" ordered by an HMAC of
    the code under ``order_key`` (stable for one key, not derivable from names or
    codes without it); the row code is then "kommune-<i>", never the real code.
    """
    municipalities = round_assessment.municipalities
    if not anonymise:
        return [
            (m.code, m.code, m.name)
            for m in sorted(municipalities, key=lambda m: (m.name, m.code))
        ]
    key = (
        order_key
        or (
            f"{round_assessment.partnership_name}\x00{round_assessment.round_name}"
        ).encode()
    )
    ordered = sorted(
        municipalities,
        key=lambda m: hmac.new(key, m.code.encode(), hashlib.sha256).digest(),
    )
    return [(m.code, f"kommune-{i}", f"Kommune {i}") for i, m in enumerate(ordered, 1)]


def _score(groups: Sequence[GroupResult]) -> tuple[float | None, str | None]:
    for group in groups:
        if group.group == GROUP_ALL:
            return group.score, group.withheld_reason
    return None, None


def overview_slide(data: PartnershipInput) -> SlideSpec:
    """Who took part, what the figures rest on, and how names are shown."""
    ra = data.round_assessment
    p = data.partnership
    rows: list[tuple[Cell, ...]] = [
        ("municipalities", "Deltagende kommuner", p.municipalities, ""),
        ("themes", "Temaer", len(p.themes), ""),
        (
            "survey",
            "Spørgeskema: besvarelser i alt",
            sum(m.survey.respondents for m in ra.municipalities),
            "Alle kommuner",
        ),
        (
            "cases",
            "Sagsscreening: screenede sager",
            sum(m.cases.cases for m in ra.municipalities if m.cases is not None),
            "Alle kommuner",
        ),
        (
            "interviews",
            "Interview",
            sum(
                m.interviews.interviews
                for m in ra.municipalities
                if m.interviews is not None
            ),
            "Alle kommuner",
        ),
        (
            "names",
            "Kommunenavne",
            None,
            "Anonymiseret: Kommune 1–n i en fast, tilfældig rækkefølge"
            if data.anonymise
            else "Kommunerne er navngivet",
        ),
    ]
    return SlideSpec(
        title="Om partnerskabsanalysen",
        part="Oversigt",
        table=TableSpec(
            header=("Kode", "Emne", "Antal", "Bemærkning"),
            rows=tuple(rows),
            widths=(0.0, 0.4, 0.12, 0.48),
            footnote=f"{MIN_NOTE} Tærskel: {ra.threshold} besvarelser pr. gruppe.",
        ),
    )


def readiness_slide(data: PartnershipInput) -> SlideSpec:
    """The partnership's questionnaire score and case compliance per theme."""
    p = data.partnership
    threshold = data.round_assessment.threshold
    scores = [_score(t.survey) for t in p.themes]
    withheld = [
        t.theme_title
        for t, (score, _) in zip(p.themes, scores, strict=True)
        if score is None
    ] + [t.theme_title for t in p.themes if t.case_compliance is None]
    reasons = sorted({r for _, r in scores if r})
    notes = [
        f"n = {p.municipalities} kommuner.",
        "Score 0–100, hvor 100 er fuldt i tråd med Barnets lov; % opfyldte sagskrav.",
    ]
    if withheld:
        why = " ".join(reason_da(r, threshold) + "." for r in reasons) or MIN_NOTE
        notes.append(f"Vises ikke: {', '.join(dict.fromkeys(withheld))}. {why}")
    notes.append(PARTNERSHIP_SOURCE)
    shown = "; ".join(
        f"{t.theme_title}: score {fmt(s)}, opfyldt {fmt(t.case_compliance)} %"
        for t, (s, _) in zip(p.themes, scores, strict=True)
    )
    lines = tuple(f"{short(t.theme_title, 34)}: {fmt(t.mean_gap)}" for t in p.themes)
    return SlideSpec(
        title="Parathed pr. tema i partnerskabet",
        part="Parathed",
        chart=ChartSpec(
            categories=tuple(t.theme_title for t in p.themes),
            codes=tuple(t.theme_code for t in p.themes),
            series=(
                ("Spørgeskema (score 0–100)", tuple(s for s, _ in scores)),
                (
                    "Sagsscreening (% opfyldt)",
                    tuple(t.case_compliance for t in p.themes),
                ),
            ),
            number_format="0",
            footnote=" ".join(notes),
            alt_text="Søjlediagram over partnerskabets parathed pr. tema: "
            + shown
            + ".",
        ),
        text=(TextBlock("Gennemsnitligt gab (point)", lines),),
    )


def spread_slide(data: PartnershipInput) -> SlideSpec:
    """How many municipalities are at each readiness level, per theme."""
    p = data.partnership
    counts = [dict(t.levels) for t in p.themes]
    series = tuple(
        (
            READINESS_LABELS_DA[level],
            tuple(float(c[level]) if c else None for c in counts),
        )
        for level in ReadinessLevel
    )
    withheld = [t.theme_title for t, c in zip(p.themes, counts, strict=True) if not c]
    notes = [f"n = {p.municipalities} kommuner; antal kommuner pr. niveau."]
    if withheld:
        notes.append(f"Vises ikke: {', '.join(withheld)}. {MIN_NOTE}")
    notes.append(PARTNERSHIP_SOURCE)
    alt = "; ".join(
        t.theme_title
        + ": "
        + (
            ", ".join(f"{READINESS_LABELS_DA[lv]} {c[lv]}" for lv in ReadinessLevel)
            if c
            else "vises ikke"
        )
        for t, c in zip(p.themes, counts, strict=True)
    )
    return SlideSpec(
        title="Spredning af parathed pr. tema",
        part="Spredning",
        chart=ChartSpec(
            categories=tuple(t.theme_title for t in p.themes),
            codes=tuple(t.theme_code for t in p.themes),
            series=series,
            number_format="0",
            footnote=" ".join(notes),
            alt_text="Stablet søjlediagram over antal kommuner pr. parathedsniveau: "
            + alt
            + ".",
            axis_max=float(p.municipalities),
        ),
    )


def municipality_slides(data: PartnershipInput) -> tuple[SlideSpec, ...]:
    """Each municipality's published readiness level per theme, in pages."""
    p = data.partnership
    by_code = {m.code: m for m in data.round_assessment.municipalities}
    labels = municipality_labels(
        data.round_assessment, anonymise=data.anonymise, order_key=data.order_key
    )
    codes = [t.theme_code for t in p.themes]
    rows: list[tuple[Cell, ...]] = []
    for code, row_code, label in labels:
        levels = {r.theme_code: r.level for r in by_code[code].readiness}
        rows.append(
            (
                row_code,
                label,
                *(
                    READINESS_LABELS_DA[lv] if (lv := levels.get(c)) else None
                    for c in codes
                ),
            )
        )
    header = ("Kode", "Kommune", *(short(t.theme_title, 30) for t in p.themes))
    widths = (0.0, 0.16, *((0.84 / len(codes),) * len(codes)))
    pages = [rows[i : i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)]
    note = (
        "Hver kommunes parathedsniveau pr. tema, som i kommunens egen rapport;"
        " – = for lidt grundlag."
    )
    if data.anonymise:
        note += (
            " Kommunerne er anonymiseret i en fast rækkefølge, der ikke følger navn."
        )
    slides = []
    for number, page in enumerate(pages, 1):
        suffix = f" ({number}/{len(pages)})" if len(pages) > 1 else ""
        slides.append(
            SlideSpec(
                title="Parathed pr. kommune" + suffix,
                part="Kommuner",
                table=TableSpec(
                    header=header,
                    rows=tuple(page),
                    widths=widths,
                    footnote=f"{note} {PARTNERSHIP_SOURCE}",
                ),
            )
        )
    return tuple(slides)


def needs_slide(data: PartnershipInput) -> SlideSpec:
    """The partnership's development needs ranked by their pooled gap."""
    needs = data.partnership.needs
    lines = tuple(f"{short(n.title, 34)}: {n.interview_mentions}" for n in needs) or (
        "Ingen behov kan opgøres.",
    )
    withheld = [n.title for n in needs if n.gap is None]
    notes = [
        f"n = {data.partnership.municipalities} kommuner.",
        "Gab = gennemsnit af kommunernes gab (100 − score / 100 − % opfyldt) for"
        " de spørgsmål og sagskrav, der peger på behovet; størst først.",
    ]
    if withheld:
        notes.append(f"Vises ikke: {', '.join(withheld)}. {MIN_NOTE}")
    notes.append("Kilde: spørgeskema og sagsscreening; omtaler fra interview.")
    return SlideSpec(
        title="Udviklingsbehov i partnerskabet",
        part="Behov",
        chart=ChartSpec(
            categories=tuple(short(n.title, 44) for n in needs),
            codes=tuple(n.code for n in needs),
            series=(("Gab (point)", tuple(n.gap for n in needs)),),
            number_format="0",
            footnote=" ".join(notes),
            alt_text="Søjlediagram over partnerskabets udviklingsbehov efter gab: "
            + "; ".join(f"{n.title} {fmt(n.gap)}" for n in needs)
            + ".",
        ),
        text=(TextBlock("Interviewomtaler", lines),),
    )


def joint_days_slide(data: PartnershipInput) -> SlideSpec:
    """The proposed themes of the four joint days, with the needs they address."""
    p = data.partnership
    titles = {n.code: n.title for n in (*p.needs, *p.aims)}
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            day.theme_code,
            f"Fællesdag {day.day}",
            day.theme_title,
            day.mean_gap,
            "; ".join(titles.get(n, n) for n in day.needs) or "–",
        )
        for day in p.joint_days
    )
    return SlideSpec(
        title="Forslag til temaer for de fire fællesdage",
        part="Fællesdage",
        table=TableSpec(
            header=("Kode", "Dag", "Tema", "Gns. gab", "Udviklingsbehov"),
            rows=rows or (("", "–", "Ingen forslag kan gives", None, "–"),),
            widths=(0.0, 0.14, 0.3, 0.1, 0.46),
            footnote=(
                "Temaerne med størst gennemsnitligt gab, hvert med de"
                " udviklingsbehov, der peger mest på det. " + PARTNERSHIP_SOURCE
            ),
        ),
    )


def method_slide(data: PartnershipInput) -> SlideSpec:
    """The method in brief."""
    return SlideSpec(
        title="Bilag: metode",
        part="Metode",
        text=(
            TextBlock(
                "Samlede tal",
                (
                    "Spørgeskemasvar lægges sammen på tværs af kommunerne; sagskrav"
                    " tælles sammen; gab er gennemsnit af kommunernes gab.",
                    MIN_NOTE,
                ),
            ),
            TextBlock(
                "Parathed",
                (
                    "Hver kommunes niveau pr. tema er det samme som i kommunens egen"
                    " rapport: praksis = gennemsnit af spørgeskemascore og andel"
                    " opfyldt; parat fra 75, tæt på fra 60, et stykke fra fra 45.",
                ),
            ),
            TextBlock(
                "Fællesdage",
                (
                    "Fire temaer foreslås ud fra gennemsnitligt gab og de samlede"
                    " udviklingsbehov; styregruppen beslutter.",
                ),
            ),
        ),
    )


def partnership_slides(data: PartnershipInput) -> tuple[SlideSpec, ...]:
    """Returns every content slide of the partnership deck, in order."""
    return (
        overview_slide(data),
        readiness_slide(data),
        spread_slide(data),
        *municipality_slides(data),
        needs_slide(data),
        joint_days_slide(data),
        method_slide(data),
    )


def _stacked_chart(prs: PresentationType, slide: Slide, spec: ChartSpec) -> None:
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    for name, values in spec.series:
        data.add_series(name, values, number_format=spec.number_format)
    frame = cast(
        GraphicFrame,
        slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_STACKED,
            *_box(prs, LEFT, 0.18, RIGHT - LEFT, 0.67),
            cast(ChartData, data),
        ),
    )
    frame.name = "Diagram: spredning af parathed"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    chart = frame.chart
    chart.has_title = False
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(12)
    chart.font.size = Pt(12)
    axis = chart.value_axis
    axis.minimum_scale = 0
    if spec.axis_max:
        axis.maximum_scale = spec.axis_max
    axis.major_unit = max(1.0, round((spec.axis_max or 10.0) / 10.0))
    axis.tick_labels.number_format = spec.number_format
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = True
    categories = chart.category_axis
    categories.reverse_order = True
    categories.major_tick_mark = XL_TICK_MARK.NONE
    # Keep the count scale under the bars once the categories are reversed.
    value_axis = axis._element
    value_axis._remove_crosses()
    value_axis._remove_crossesAt()
    value_axis._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)
    plot = chart.plots[0]
    plot.gap_width = 50
    plot.overlap = 100
    for series, colour in zip(plot.series, LEVEL_COLOURS, strict=True):
        fill = series.format.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(colour)
    plot.has_data_labels = True
    labels = plot.data_labels
    # A zero count shows no label; a withheld theme has no bar at all.
    labels.number_format = '0;;""'
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.CENTER
    labels.font.size = Pt(11)
    labels.font.color.rgb = _rgb("FFFFFF")


def _render_partnership(prs: PresentationType, spec: SlideSpec) -> None:
    if spec.part == "Spredning" and spec.chart is not None:
        slide = _content_slide(prs, spec.title)
        _stacked_chart(prs, slide, spec.chart)
        _footnote(prs, slide, spec.chart.footnote)
        return
    _render(prs, spec)


def build_partnership_deck(
    round_assessment: RoundAssessment,
    *,
    anonymise: bool = False,
    order_key: bytes = b"",
    template: Path | None = None,
    synthetic: bool = False,
) -> bytes:
    """Returns the .pptx bytes of the partnership deck of ``round_assessment``.

    ``anonymise`` shows municipalities as "Kommune 1..n" ordered by ``order_key``
    (pass a secret, e.g. derived from the site's secret key and the partnership).
    ``template`` is a .pptx whose layouts are used (default: the shipped one).
    Raises ValueError when the round has no partnership assessment.
    """
    data = PartnershipInput(
        round_assessment=round_assessment, anonymise=anonymise, order_key=order_key
    )
    p = data.partnership
    prs = Presentation(str(template or DEFAULT_TEMPLATE))
    _clear_template_slides(prs)
    subtitle = (
        f"{round_assessment.round_name} · {p.municipalities} kommuner\n"
        f"Instrument version {round_assessment.instrument_version}"
    )
    if synthetic:
        subtitle += "\n" + SYNTHETIC_NOTE
    _add_title_slide(
        prs,
        title=f"Parathed i partnerskabet: {round_assessment.partnership_name}",
        subtitle=subtitle,
    )
    for spec in partnership_slides(data):
        _render_partnership(prs, spec)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
