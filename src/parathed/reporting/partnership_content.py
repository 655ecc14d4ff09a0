"""The partnership report for the steering group as plain slide specs.

In: ``RoundAssessment`` with its ``PartnershipAssessment`` and the ``Instrument``.
Out: ``SlideSpec``s for the partnership deck and its Excel appendix. Only pooled
figures the analysis published (suppressed so no municipality can be derived, and
only with enough municipalities behind them), the spread of readiness levels, the
ranked needs and the joint-day proposal. No free text. Municipalities are named or
replaced by letters in an order set by a keyed hash (HMAC-SHA256) with the
partnership's secret, so nobody without the secret can tie a letter to a code.
A municipality's levels are listed only for themes whose spread is published (at
least four municipalities with a level), so that no level can be worked out from a
municipality's own. Withheld charts become a Danish text saying what and why.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets

from parathed.analysis.assessment import (
    GROUP_ALL,
    GROUP_LEDELSE,
    GROUP_MEDARBEJDER,
    READINESS_LABELS_DA,
    GroupResult,
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


LEVELS_PER_SLIDE = 12  # rows of the per-municipality table on one slide
LEVEL_SHORT_DA = {
    ReadinessLevel.READY: "Parat",
    ReadinessLevel.CLOSE: "Tæt på",
    ReadinessLevel.SOME_WAY: "Et stykke fra",
    ReadinessLevel.FAR: "Langt fra",
}
FEW_MUNICIPALITIES = (
    "færre end fire kommuner har et parathedsniveau i temaet, og med så få kunne en"
    " kommune regne de andres niveau ud ud fra sit eget"
)


def municipality_labels(
    round_assessment: RoundAssessment, *, named: bool, secret: bytes | None = None
) -> dict[str, str]:
    """Returns code -> the name, or "Kommune A", "Kommune B", ... in a keyed order.

    The letters follow HMAC-SHA256 of partnership, round and code under ``secret``:
    stable for the same secret, not reproducible without it (the codes and names
    are public). Without a ``secret`` a random one is drawn, so the letters differ
    from call to call; pass the partnership's secret for a deck and its appendix to
    agree.
    """
    if named:
        return {m.code: m.name for m in round_assessment.municipalities}
    key = secret if secret else secrets.token_bytes(32)
    prefix = f"{round_assessment.partnership_name}\x1f{round_assessment.round_name}\x1f"

    def rank(code: str) -> str:
        message = (prefix + code).encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()

    order = sorted((m.code for m in round_assessment.municipalities), key=rank)
    return {code: f"Kommune {_letters(i)}" for i, code in enumerate(order)}


def _letters(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA": letters for any number of municipalities."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


WITHHELD_SHORT = "Vises ikke"


def _score(
    groups: tuple[GroupResult, ...], code: str, reasons: list[str | None]
) -> Cell:
    """The group's pooled score, or "Vises ikke" (its reason goes to ``reasons``)."""
    for group in groups:
        if group.group == code:
            if group.score is None:
                reasons.append(group.withheld_reason)
                return WITHHELD_SHORT
            return float(group.score)
    return None


def partnership_slides(
    round_assessment: RoundAssessment,
    *,
    instrument: Instrument,
    named: bool = False,
    secret: bytes | None = None,
) -> tuple[SlideSpec, ...]:
    """Returns every content slide of the partnership deck (title excluded).

    ``secret`` keys the order of the anonymised letters (see ``municipality_labels``).
    """
    p = round_assessment.partnership
    if p is None:
        raise ValueError("runden har ingen partnerskabsvurdering")
    threshold = round_assessment.threshold
    labels = municipality_labels(round_assessment, named=named, secret=secret)
    return (
        _overview(p, threshold),
        _spread(p),
        *_municipal_levels(round_assessment, p, labels=labels, named=named),
        _needs(p),
        _joint_days(p, instrument),
        _method(p, instrument, threshold),
    )


def _case_cell(compliance: float | None, applicable: int) -> Cell:
    """The pooled compliance; "–" without cases, "Vises ikke" when withheld."""
    if compliance is not None:
        return compliance
    return WITHHELD_SHORT if applicable else None


def _overview(p: PartnershipAssessment, threshold: int) -> SlideSpec:
    rows: list[tuple[Cell, ...]] = []
    reasons: list[str | None] = []
    # The analysis withholds the pooled interview counts under four municipalities.
    interviews_shown = all(t.strengths is not None for t in p.themes)
    for t in p.themes:
        rows.append(
            (
                t.theme_code,
                t.theme_title,
                _score(t.survey, GROUP_ALL, reasons),
                _score(t.survey, GROUP_LEDELSE, reasons),
                _score(t.survey, GROUP_MEDARBEJDER, reasons),
                _case_cell(t.case_compliance, t.case_applicable),
                WITHHELD_SHORT
                if t.strengths is None
                else f"{t.strengths} / {t.challenges}",
                WITHHELD_SHORT if t.mean_gap is None else t.mean_gap,
            )
        )
    notes = sorted({reason_da(r, threshold) for r in reasons})
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
            footnote=_join(
                f"{p.municipalities} kommuner. Score 0–100; gab = 100 − praksis,"
                " gennemsnit over kommunerne. Tal vises kun med mindst fire kommuner"
                " bag og aldrig, så en enkelt kommunes skjulte tal kan regnes ud.",
                *(note + "." for note in notes),
                ""
                if interviews_shown
                else "Interviewtal vises ikke: med færre end fire kommuner kunne en"
                " kommune regne de andres ud ud fra sine egne.",
                PARTNERSHIP_SOURCE,
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
    title = "Spredning: kommunernes parathed pr. tema"
    shown = [t for t in p.themes if t.levels]
    hidden = [t.theme_title for t in p.themes if not t.levels]
    if not shown:
        return SlideSpec(
            title=title,
            part="Overblik",
            text=(
                TextBlock(
                    "Spredningen vises ikke",
                    (
                        "Antallet af kommuner pr. parathedsniveau vises ikke for"
                        f" nogen af temaerne: {FEW_MUNICIPALITIES}.",
                        f"Partnerskabet har {p.municipalities} kommuner.",
                    ),
                ),
            ),
            footnote=f"{PARTNERSHIP_SOURCE} {LAW_APPENDIX}",
        )
    counts = [dict(t.levels) for t in shown]
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
            for t in shown
        )
    )
    withheld = (
        f"Vises ikke for {', '.join(hidden)}: {FEW_MUNICIPALITIES}." if hidden else ""
    )
    return SlideSpec(
        title=title,
        part="Overblik",
        chart=ChartSpec(
            categories=tuple(t.theme_title for t in shown),
            codes=tuple(t.theme_code for t in shown),
            series=series,
            number_format='0;-0;""',  # an empty level shows no "0" label
            footnote=(
                f"Antal kommuner pr. niveau; n = {p.municipalities} kommuner. Niveau ud"
                " fra spørgeskema og sagsscreening i hver kommune."
                + (f" {withheld}" if withheld else "")
                + f" {PARTNERSHIP_SOURCE} {LAW_APPENDIX}"
            ),
            alt_text=alt + "." + (f" {withheld}" if withheld else ""),
            axis_max=float(p.municipalities),
            stacked=True,
        ),
    )


def _municipal_levels(
    round_assessment: RoundAssessment,
    p: PartnershipAssessment,
    *,
    labels: dict[str, str],
    named: bool,
) -> list[SlideSpec]:
    """The level of each municipality per theme, paged at ``LEVELS_PER_SLIDE`` rows.

    A theme's column shows levels only when its spread is published (``levels`` set
    by the analysis: at least four municipalities with a level); otherwise a
    municipality could read the others' levels off its own, named or not.
    """
    title = "Parathedsniveau pr. kommune"
    published = {t.theme_code for t in p.themes if t.levels}
    themes = [t for t in p.themes if t.theme_code in published]
    rule = (
        "Niveauerne vises kun for temaer, hvor mindst fire kommuner har et niveau"
        " (samme regel som spredningen); med færre kunne en kommune regne de andres"
        " niveau ud ud fra sit eget."
    )
    if not themes:
        return [
            SlideSpec(
                title=title,
                part="Kommuner",
                text=(
                    TextBlock(
                        "Niveauerne pr. kommune vises ikke",
                        (
                            f"Ingen af temaerne har et publiceret niveau: "
                            f"{FEW_MUNICIPALITIES}.",
                            f"Partnerskabet har {p.municipalities} kommuner.",
                        ),
                    ),
                ),
                footnote=rule,
            )
        ]
    hidden = [t.theme_title for t in p.themes if t.theme_code not in published]
    ordered = sorted(
        round_assessment.municipalities,
        key=lambda m: (len(labels[m.code]), labels[m.code]),
    )
    rows: list[tuple[Cell, ...]] = []
    for m in ordered:
        levels = {t.theme_code: t.level for t in m.readiness}
        rows.append(
            (
                m.code if named else "",
                labels[m.code],
                *(
                    LEVEL_SHORT_DA[lv] if (lv := levels.get(t.theme_code)) else "–"
                    for t in themes
                ),
            )
        )
    size = len(themes)
    pages = max(1, math.ceil(len(rows) / LEVELS_PER_SLIDE))
    per_page = math.ceil(len(rows) / pages)  # even pages, none nearly empty
    footnote = _join(
        "Kun niveauer, ingen tal fra den enkelte kommune: Parat, Tæt på (parat),"
        " Et stykke fra (parat), Langt fra (parat); – = intet niveau.",
        rule,
        f"Vises ikke for {', '.join(hidden)}." if hidden else "",
        "" if named else "Kommunerne er anonymiseret.",
    )
    slides = []
    for page in range(pages):
        chunk = rows[page * per_page : (page + 1) * per_page]
        slides.append(
            SlideSpec(
                title=title if page == 0 else f"{title} (fortsat)",
                part="Kommuner",
                table=TableSpec(
                    header=(
                        "Kode",
                        "Kommune",
                        *(short(t.theme_title, 40) for t in themes),
                    ),
                    rows=tuple(chunk),
                    widths=(0.0, 0.16, *([0.84 / size] * size)),
                    footnote=footnote,
                ),
            )
        )
    return slides


def _needs(p: PartnershipAssessment) -> SlideSpec:
    title = "Udviklingsbehov i partnerskabet"
    needs = p.needs
    shown = [n for n in needs if n.gap is not None]
    too_few = (
        "et behovs gab vises kun, når mindst fire kommuner har tal bag det, så ingen"
        " kommunes gab kan regnes ud"
    )
    if not shown:
        return SlideSpec(
            title=title,
            part="Behov",
            text=(
                TextBlock(
                    "Udviklingsbehovene kan ikke rangeres",
                    (
                        f"Intet udviklingsbehov har et gab, der kan vises: {too_few}.",
                        f"Partnerskabet har {p.municipalities} kommuner.",
                    ),
                ),
            ),
            footnote=f"{PARTNERSHIP_SOURCE} {LAW_APPENDIX}",
        )
    hidden = [n.title for n in needs if n.gap is None]
    return SlideSpec(
        title=title,
        part="Behov",
        chart=ChartSpec(
            categories=tuple(short(n.title, 60) for n in needs),
            codes=tuple(n.code for n in needs),
            series=(("Gab (point)", tuple(n.gap for n in needs)),),
            number_format="0",
            footnote=_join(
                "Gab = gennemsnit af (100 − score) og (100 − % opfyldt) for det, der"
                f" peger på behovet; n = {p.municipalities} kommuner.",
                f"Vises ikke: {', '.join(hidden)} ({too_few})." if hidden else "",
                PARTNERSHIP_SOURCE,
                LAW_APPENDIX,
            ),
            alt_text="Søjlediagram over partnerskabets udviklingsbehov efter gab: "
            + "; ".join(f"{n.title} {fmt(n.gap)}" for n in shown)
            + ".",
        ),
    )


def _join(*parts: str) -> str:
    return " ".join(x for x in parts if x)


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
    title = "Forslag til temaer for de fire fællesdage"
    if not rows:
        return SlideSpec(
            title=title,
            part="Fællesdage",
            text=(
                TextBlock(
                    "Ingen forslag til fællesdagene endnu",
                    (
                        "Fællesdagenes temaer foreslås ud fra temaernes gennemsnitlige"
                        " gab på tværs af kommunerne, og intet tema har et gab, der kan"
                        " vises.",
                        "Et temas gennemsnitlige gab vises kun, når mindst fire"
                        " kommuner har et parathedsniveau i temaet (spørgeskema eller"
                        f" sagsscreening); partnerskabet har {p.municipalities}"
                        " kommuner.",
                        "Styregruppen kan vælge temaerne ud fra de syv mål i Børnene"
                        " Først, til flere kommuner har data.",
                    ),
                ),
            ),
        )
    return SlideSpec(
        title=title,
        part="Fællesdage",
        table=TableSpec(
            header=("Kode", "Dag", "Tema", "Gns. gab", "Udviklingsbehov i temaet"),
            rows=tuple(rows),
            widths=(0.0, 0.14, 0.3, 0.1, 0.46),
            footnote=(
                "De fire temaer med størst gennemsnitligt gab, ét pr. dag, med de"
                " udviklingsbehov, der har størst gab inden for temaet."
                + (
                    f" Kun {len(rows)} temaer har et gab, der kan vises (mindst fire"
                    " kommuner bag)."
                    if len(rows) < 4
                    else ""
                )
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
                    "Niveauer pr. kommune og spredningen følger samme regel: et tema"
                    " vises kun med mindst fire kommuner med et niveau, så ingen"
                    " kommune kan regne de andres niveau ud ud fra sit eget.",
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
