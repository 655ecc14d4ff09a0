"""The partnership report for the steering group as plain slide specs.

In: ``RoundAssessment`` with its ``PartnershipAssessment`` and the ``Instrument``.
Out: ``SlideSpec``s for the partnership deck and its Excel appendix. Only pooled
figures the analysis published (suppressed so no municipality can be derived, and
only with enough municipalities behind them), the spread of readiness levels, the
ranked needs and the joint-day proposal. No free text. Municipalities are named or
replaced by letters in an order unrelated to their codes (``named``).
"""

from __future__ import annotations

import hashlib

from parathed.analysis.assessment import (
    GROUP_ALL,
    GROUP_LEDELSE,
    GROUP_MEDARBEJDER,
    READINESS_LABELS_DA,
    PartnershipAssessment,
    ReadinessLevel,
    RoundAssessment,
)
from parathed.instrument.schema import Instrument
from parathed.reporting.content import (
    LAW_APPENDIX,
    Cell,
    ChartSpec,
    SlideSpec,
    TableSpec,
    TextBlock,
    fmt,
    law_labels,
    reason_da,
    short,
)

PARTNERSHIP_SOURCE = (
    "Kilde: spørgeskema og sagsscreening i partnerskabets kommuner, puljet."
)


def municipality_labels(
    round_assessment: RoundAssessment, *, named: bool
) -> dict[str, str]:
    """Returns code -> the name, or "Kommune A", "Kommune B", ... in a hashed order."""
    codes = [m.code for m in round_assessment.municipalities]
    if named:
        return {m.code: m.name for m in round_assessment.municipalities}
    salt = round_assessment.partnership_name + round_assessment.round_name
    order = sorted(codes, key=lambda c: hashlib.sha256((salt + c).encode()).hexdigest())
    return {code: f"Kommune {chr(65 + i)}" for i, code in enumerate(order)}


def _score(groups: tuple[object, ...], code: str, threshold: int) -> Cell:
    for group in groups:
        if getattr(group, "group", None) == code:
            score = getattr(group, "score", None)
            if score is None:
                return reason_da(getattr(group, "withheld_reason", None), threshold)
            return float(score)
    return None


def partnership_slides(
    round_assessment: RoundAssessment, *, instrument: Instrument, named: bool = False
) -> tuple[SlideSpec, ...]:
    """Returns every content slide of the partnership deck (title excluded)."""
    p = round_assessment.partnership
    if p is None:
        raise ValueError("runden har ingen partnerskabsvurdering")
    threshold = round_assessment.threshold
    slides = [
        _overview(p, threshold),
        _spread(p),
        _municipal_levels(round_assessment, named=named),
        _needs(p),
        _joint_days(p, instrument),
        _method(p, instrument, threshold),
    ]
    return tuple(slides)


def _overview(p: PartnershipAssessment, threshold: int) -> SlideSpec:
    rows: list[tuple[Cell, ...]] = []
    for t in p.themes:
        rows.append(
            (
                t.theme_code,
                t.theme_title,
                _score(t.survey, GROUP_ALL, threshold),
                _score(t.survey, GROUP_LEDELSE, threshold),
                _score(t.survey, GROUP_MEDARBEJDER, threshold),
                t.case_compliance,
                f"{t.strengths} / {t.challenges}",
                t.mean_gap,
            )
        )
    return SlideSpec(
        title="Parathed på tværs af partnerskabet",
        part="Overblik",
        table=TableSpec(
            header=(
                "Kode",
                "Tema",
                "Spørgeskema, alle",
                "Ledelse",
                "Medarbejdere",
                "Sager (% opfyldt)",
                "Interview styrker / udfordr.",
                "Gns. gab",
            ),
            rows=tuple(rows),
            widths=(0.0, 0.26, 0.15, 0.12, 0.12, 0.11, 0.13, 0.11),
            footnote=(
                f"{p.municipalities} kommuner. Score 0–100; gab = 100 − praksis,"
                " gennemsnit over kommunerne. Tal vises kun med mindst fire kommuner"
                " bag og aldrig, så en enkelt kommunes skjulte tal kan regnes ud."
                f" {PARTNERSHIP_SOURCE}"
            ),
        ),
    )


LEVEL_ORDER = (
    ReadinessLevel.FAR,
    ReadinessLevel.SOME_WAY,
    ReadinessLevel.CLOSE,
    ReadinessLevel.READY,
)


def _spread(p: PartnershipAssessment) -> SlideSpec:
    counts = [dict(t.levels) for t in p.themes]
    series = tuple(
        (
            READINESS_LABELS_DA[level],
            tuple(float(c.get(level, 0)) for c in counts),
        )
        for level in LEVEL_ORDER
    )
    alt = (
        "Stablet søjlediagram: antal kommuner pr. parathedsniveau pr. tema: "
        + "; ".join(
            f"{t.theme_title}: "
            + ", ".join(
                f"{READINESS_LABELS_DA[lv]} {dict(t.levels).get(lv, 0)}"
                for lv in LEVEL_ORDER
            )
            for t in p.themes
        )
    )
    return SlideSpec(
        title="Spredning: kommunernes parathed pr. tema",
        part="Overblik",
        chart=ChartSpec(
            categories=tuple(t.theme_title for t in p.themes),
            codes=tuple(t.theme_code for t in p.themes),
            series=series,
            number_format='0;-0;""',  # an empty level shows no "0" label
            footnote=(
                f"Antal kommuner pr. niveau; n = {p.municipalities} kommuner. Niveau ud"
                " fra spørgeskema og sagsscreening i hver kommune."
                f" {PARTNERSHIP_SOURCE} {LAW_APPENDIX}"
            ),
            alt_text=alt + ".",
            axis_max=float(p.municipalities),
            stacked=True,
        ),
    )


def _municipal_levels(round_assessment: RoundAssessment, *, named: bool) -> SlideSpec:
    labels = municipality_labels(round_assessment, named=named)
    themes = [t.theme_code for t in round_assessment.municipalities[0].readiness]
    titles = [t.theme_title for t in round_assessment.municipalities[0].readiness]
    rows: list[tuple[Cell, ...]] = []
    ordered = sorted(round_assessment.municipalities, key=lambda m: labels[m.code])
    for m in ordered:
        levels = {t.theme_code: t.level for t in m.readiness}
        rows.append(
            (
                m.code if named else "",
                labels[m.code],
                *(
                    READINESS_LABELS_DA[lv] if (lv := levels.get(c)) else "–"
                    for c in themes
                ),
            )
        )
    size = len(themes)
    return SlideSpec(
        title="Parathedsniveau pr. kommune",
        part="Kommuner",
        table=TableSpec(
            header=("Kode", "Kommune", *(short(t, 34) for t in titles)),
            rows=tuple(rows),
            widths=(0.0, 0.16, *([0.84 / size] * size)),
            footnote=(
                "Kun niveauer, ingen tal fra den enkelte kommune."
                + ("" if named else " Kommunerne er anonymiseret.")
            ),
        ),
    )


def _needs(p: PartnershipAssessment) -> SlideSpec:
    needs = p.needs
    shown = [n for n in needs if n.gap is not None]
    return SlideSpec(
        title="Udviklingsbehov i partnerskabet",
        part="Behov",
        chart=ChartSpec(
            categories=tuple(short(n.title, 60) for n in needs),
            codes=tuple(n.code for n in needs),
            series=(("Gab (point)", tuple(n.gap for n in needs)),),
            number_format="0",
            footnote=(
                "Gab = gennemsnit af (100 − score) og (100 − % opfyldt) for det, der"
                f" peger på behovet; n = {p.municipalities} kommuner."
                + (
                    " Vises ikke: "
                    + ", ".join(n.title for n in needs if n.gap is None)
                    + " (for få kommuner)."
                    if len(shown) < len(needs)
                    else ""
                )
                + f" {PARTNERSHIP_SOURCE} {LAW_APPENDIX}"
            ),
            alt_text="Søjlediagram over partnerskabets udviklingsbehov efter gab: "
            + "; ".join(f"{n.title} {fmt(n.gap)}" for n in shown)
            + ".",
        ),
    )


def _joint_days(p: PartnershipAssessment, instrument: Instrument) -> SlideSpec:
    titles = {n.code: n.title for n in instrument.development_needs}
    rows: list[tuple[Cell, ...]] = [
        (
            d.theme_code,
            f"Fællesdag {d.day}",
            d.theme_title,
            d.mean_gap,
            ", ".join(titles.get(n, n) for n in d.needs) or "–",
        )
        for d in p.joint_days
    ]
    return SlideSpec(
        title="Forslag til temaer for de fire fællesdage",
        part="Fællesdage",
        table=TableSpec(
            header=("Kode", "Dag", "Tema", "Gns. gab", "Udviklingsbehov i temaet"),
            rows=tuple(rows),
            widths=(0.0, 0.14, 0.3, 0.1, 0.46),
            footnote=(
                "De fire temaer med størst gennemsnitligt gab, ét pr. dag, med de"
                " udviklingsbehov, der har størst gab inden for temaet."
            ),
        ),
    )


def _method(
    p: PartnershipAssessment, instrument: Instrument, threshold: int
) -> SlideSpec:
    refs = [ref for i in instrument.items for ref in i.law_refs]
    return SlideSpec(
        title="Bilag: metode og lovgrundlag",
        part="Metode",
        text=(
            TextBlock(
                "Sådan er tallene lavet",
                (
                    f"{p.municipalities} kommuner. Svarene puljes på tværs af"
                    f" kommunerne; grupper under {threshold} besvarelser vises ikke.",
                    "Et partnerskabstal vises kun, når mindst fire kommuner står bag,"
                    " og når ingen kommunes skjulte tal kan regnes ud ved subtraktion.",
                    "Rapporten indeholder ingen fritekst.",
                ),
            ),
            TextBlock(
                "Lovgrundlag",
                (
                    short(
                        f"Barnets lov {law_labels(refs)} ({instrument.consolidation})",
                        600,
                    ),
                ),
            ),
        ),
    )
