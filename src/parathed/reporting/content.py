"""The municipal report as plain slide specs: what each slide says, no layout.

In: ``MunicipalityAssessment``, its ``RoundAssessment``, the ``Instrument`` (texts and
law references) and optionally key-figure ``Benchmark``s with the ``FigureEvidence``
they were computed from (source and validation status). Out: ``SlideSpec``s read by
the deck writer and the Excel appendix alike, so both show the same numbers. No
scoring here: every number is copied from the analysis; a withheld value stays None
and its reason is shown instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from parathed.analysis.assessment import (
    GROUP_ALL,
    GROUP_LEDELSE,
    GROUP_MEDARBEJDER,
    READINESS_LABELS_DA,
    WITHHELD_REASONS_DA,
    Agreement,
    EvidenceStrength,
    GroupResult,
    MunicipalityAssessment,
    RoundAssessment,
    SurveyAssessment,
)
from parathed.analysis.evidence import FigureEvidence, FigureStatus
from parathed.analysis.keyfigures.benchmarks import Benchmark, ComparisonKind
from parathed.analysis.keyfigures.indicators import FORMULAS
from parathed.instrument.schema import Instrument, LawRef

Cell = str | float | int | None

AGREEMENT_DA: dict[Agreement, str] = {
    Agreement.AGREE: "Samstemmende",
    Agreement.DISAGREE: "Modstridende",
    Agreement.SINGLE: "Én kilde",
    Agreement.NONE: "Ingen kilder",
}
STRENGTH_DA: dict[EvidenceStrength, str] = {
    EvidenceStrength.STRONG: "Stærk",
    EvidenceStrength.MODERATE: "Middel",
    EvidenceStrength.WEAK: "Svag",
    EvidenceStrength.NONE: "Ingen",
}
STATUS_DA: dict[FigureStatus, str] = {
    FigureStatus.UNVALIDATED: "Ikke valideret",
    FigureStatus.CONFIRMED: "Bekræftet af kommunen",
    FigureStatus.CORRECTED: "Rettet af kommunen",
}
ROLE_DA = {"chef": "Chef", "leder": "Ledere", "medarbejder": "Medarbejdere"}
SURVEY_SOURCE = "Kilde: spørgeskema til chef, ledere og medarbejdere."
CASE_SOURCE = "Kilde: screening af sager (screener 1)."
LABEL_CHARS = 58
LAW_APPENDIX = "Lovgrundlag pr. tema: se bilag med lovhenvisninger."


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A bar chart as plain data: categories (with codes), series, format, notes."""

    categories: tuple[str, ...]
    codes: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    number_format: str
    footnote: str
    alt_text: str
    axis_max: float | None = 100.0
    stacked: bool = False


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A table as plain data: header, rows (first cell a code or ""), footnote."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # shares of the table width
    footnote: str = ""


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A heading and its lines, for side panels and text slides."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SlideSpec:
    """One slide: a title, then a chart, a table or text blocks (or a chart + text).

    ``part`` names the Excel sheet that repeats the slide's numbers.
    """

    title: str
    part: str
    chart: ChartSpec | None = None
    table: TableSpec | None = None
    text: tuple[TextBlock, ...] = ()
    footnote: str = ""
    subtitle: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def fmt(value: float | int | None, decimals: int = 1) -> str:
    """Returns ``value`` in Danish notation: decimal comma, a point between thousands
    (12.617,5) and a true minus; "–" for None. Whole numbers (counts, years) are
    written as they are."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    text = f"{value:,.{decimals}f}"
    return text.translate(_DANISH_DIGITS)


_DANISH_DIGITS = str.maketrans({",": ".", ".": ",", "-": "−"})


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """Returns ``text`` cut at a word boundary with an ellipsis when too long."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def reason_da(reason: str | None, threshold: int) -> str:
    """Returns the Danish reason of a withheld value."""
    return WITHHELD_REASONS_DA.get(reason or "", "Vises ikke") % {
        "threshold": threshold
    }


def law_labels(refs: Sequence[LawRef]) -> str:
    """Returns the distinct labels of ``refs`` in first-seen order, joined."""
    seen: list[str] = []
    for ref in refs:
        label = ref.label()
        if label not in seen:
            seen.append(label)
    return ", ".join(seen)


def _group(groups: Sequence[GroupResult], code: str) -> GroupResult | None:
    for group in groups:
        if group.group == code:
            return group
    return None


def _withheld_note(reasons: Sequence[str | None], threshold: int) -> str:
    distinct = sorted({r for r in reasons if r})
    return " ".join(reason_da(r, threshold) + "." for r in distinct)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything one municipal report is built from."""

    assessment: MunicipalityAssessment
    round_assessment: RoundAssessment
    instrument: Instrument
    benchmarks: tuple[Benchmark, ...] = ()
    figures: tuple[FigureEvidence, ...] = ()


def method_slide(data: ReportInput) -> SlideSpec:
    """How the analysis was made: sources, n and response rate per role, cases,
    interviews, key figures and their validation status."""
    m = data.assessment
    survey = m.survey
    rows: list[tuple[Cell, ...]] = _survey_rows(survey)
    if m.cases is not None:
        rows.append(("cases", "Sagsscreening: screenede sager", m.cases.cases, "", ""))
        rows.append(
            (
                "cases.double",
                "Sagsscreening: dobbeltscreenede sager",
                m.cases.double_screened,
                "",
                "Screener 2 uafhængigt af screener 1",
            )
        )
    else:
        rows.append(("cases", "Sagsscreening", None, "", "Ingen sager screenet"))
    if m.interviews is not None:
        rows.append(("interviews", "Interview", m.interviews.interviews, "", ""))
        rows.append(
            (
                "interviews.participants",
                "Interview: deltagere",
                m.interviews.participants,
                "",
                "",
            )
        )
    else:
        rows.append(("interviews", "Interview", None, "", "Ingen interview kodet"))
    statuses = _figure_statuses(data)
    if data.benchmarks:
        indicators = len({b.indicator_id for b in data.benchmarks})
        counted = Counter(statuses.values())
        status_text = ", ".join(
            f"{counted[s]} {STATUS_DA[s].lower()}" for s in FigureStatus if counted[s]
        )
        rows.append(
            ("keyfigures", "Nøgletal", indicators, "", f"Inddata: {status_text}")
        )
    else:
        rows.append(("keyfigures", "Nøgletal", None, "", "Ikke hentet for denne runde"))
    return SlideSpec(
        title="Sådan er analysen lavet",
        part="Metode",
        table=TableSpec(
            header=("Kode", "Kilde", "Antal", "Svarprocent", "Bemærkning"),
            rows=tuple(rows),
            widths=(0.0, 0.34, 0.1, 0.14, 0.42),
            footnote=(
                f"Scorer for grupper med færre end {survey.threshold} besvarelser"
                " vises ikke; antallet af besvarelser vises altid. Svarprocent ="
                " besvarelser / det forventede antal, som kommunen har oplyst pr."
                " rolle."
            ),
        ),
    )


def _survey_rows(survey: SurveyAssessment) -> list[tuple[Cell, ...]]:
    """Responses and response rate (%) in total and per role; where no rate can be
    given, the remark says why (no expected number entered, or 0)."""
    rates = {r.role: r for r in survey.response_rates}
    missing = [
        ROLE_DA.get(r.role, r.role).lower()
        for r in survey.response_rates
        if r.role and r.expected is None
    ]
    rows: list[tuple[Cell, ...]] = []
    for role, count in (("", survey.respondents), *survey.respondents_by_role):
        rate = rates.get(role)
        percent: Cell = None
        if rate is None:
            note = "" if role else "Svarprocent ikke opgjort"
        elif rate.percent is not None:
            percent = rate.percent
            note = f"{rate.submitted} af {rate.expected} forventede"
            if rate.percent > 100:
                note += " (flere svar end forventet)"
        elif role and rate.expected is None:
            note = "Forventet antal ikke oplyst af kommunen"
        elif missing:
            note = "Kræver forventet antal for alle roller; mangler for " + ", ".join(
                missing
            )
        else:
            note = "Forventet antal er 0"
        label = ROLE_DA.get(role, role) if role else "besvarelser i alt"
        code = f"survey.{role}" if role else "survey"
        rows.append((code, f"Spørgeskema: {label}", count, percent, note))
    return rows


def _figure_statuses(data: ReportInput) -> dict[str, FigureStatus]:
    """Returns input name -> validation status of the municipality's figures."""
    order = list(FigureStatus)
    result: dict[str, FigureStatus] = {}
    for figure in data.figures:
        if figure.municipality_code != data.assessment.code:
            continue
        held = result.get(figure.name)
        if held is None or order.index(figure.status) > order.index(held):
            result[figure.name] = figure.status
    return result


def overview_slide(data: ReportInput) -> SlideSpec:
    """All six themes on one slide: level, current practice, sources, agreement."""
    rows: list[tuple[Cell, ...]] = []
    for t in data.assessment.readiness:
        rows.append(
            (
                t.theme_code,
                t.theme_title,
                READINESS_LABELS_DA[t.level] if t.level else "Ingen vurdering",
                t.current,
                t.survey_score,
                t.case_compliance,
                (
                    f"{t.interview_strengths} / {t.interview_challenges}"
                    if data.assessment.interviews is not None
                    else "–"
                ),
                AGREEMENT_DA[t.agreement] + (" (niveau sænket)" if t.capped else ""),
                STRENGTH_DA[t.strength],
            )
        )
    return SlideSpec(
        title="Parathed på de seks temaer",
        part="Overblik",
        table=TableSpec(
            header=(
                "Kode",
                "Tema",
                "Parathed",
                "Praksis (0–100)",
                "Spørge-skema",
                "Sager (% opfyldt)",
                "Interview styrker / udfordr.",
                "Kilderne",
                "Evidens",
            ),
            rows=tuple(rows),
            widths=(0.0, 0.22, 0.13, 0.09, 0.09, 0.09, 0.11, 0.15, 0.12),
            footnote=(
                "Praksis = gennemsnit af spørgeskemascore og andel opfyldte sagskrav"
                " (0–100); parat fra 75, tæt på fra 60, et stykke fra fra 45."
                " Kilderne: om spørgeskema, sager og interview peger samme vej."
                " – = ingen værdi eller vises ikke."
            ),
        ),
    )


def theme_scores_slide(data: ReportInput) -> SlideSpec:
    """The questionnaire score per theme, all respondents."""
    survey = data.assessment.survey
    withheld = [t for t in survey.themes if t.score is None]
    note = _withheld_note([t.withheld_reason for t in withheld], survey.threshold)
    if withheld:
        note = note.rstrip(".") + f" ({', '.join(t.theme_title for t in withheld)})."
    shown = ", ".join(
        f"{t.theme_title} {fmt(t.score)}" for t in survey.themes if t.score is not None
    )
    alt = f"Søjlediagram over score pr. tema for {data.assessment.name}"
    alt += f": {shown}." if shown else ": ingen scorer kan vises."
    if withheld:
        alt += " Vises ikke: " + ", ".join(t.theme_title for t in withheld) + "."
    return SlideSpec(
        title="Parathed pr. tema (spørgeskema)",
        part="Overblik",
        chart=ChartSpec(
            categories=tuple(t.theme_title for t in survey.themes),
            codes=tuple(t.theme_code for t in survey.themes),
            series=(("Score (0–100)", tuple(t.score for t in survey.themes)),),
            number_format="0",
            footnote=_join(
                f"Spørgeskema, n = {survey.respondents} besvarelser.",
                note,
                "Score 0–100, hvor 100 er fuldt i tråd med Barnets lov.",
                SURVEY_SOURCE,
                LAW_APPENDIX,
            ),
            alt_text=alt,
        ),
    )


def theme_survey_slide(data: ReportInput, theme_code: str) -> SlideSpec:
    """One theme's items against the partnership, and the role gap."""
    m = data.assessment
    survey = m.survey
    theme = data.instrument.theme(theme_code)
    items = [i for i in survey.items if i.theme_code == theme_code]
    texts = {i.id: i for i in data.instrument.items}
    partnership = data.round_assessment.partnership
    p_items = {i.item_id: i for i in partnership.items} if partnership else {}
    own: list[float | None] = []
    pooled: list[float | None] = []
    reasons: list[str | None] = []
    for item in items:
        mine = _group(item.groups, GROUP_ALL)
        own.append(mine.score if mine else None)
        reasons.append(mine.withheld_reason if mine else None)
        theirs = p_items.get(item.item_id)
        group = _group(theirs.groups, GROUP_ALL) if theirs else None
        pooled.append(group.score if group else None)
        reasons.append(group.withheld_reason if group else None)
    series: list[tuple[str, tuple[float | None, ...]]] = [
        ("Kommunen", tuple(own)),
    ]
    if partnership is not None:
        series.append(("Partnerskabet", tuple(pooled)))
    refs = [
        ref for i in items if i.item_id in texts for ref in texts[i.item_id].law_refs
    ]
    result = None
    try:
        result = survey.theme_result(theme_code)
    except KeyError:
        result = None
    everyone = _group(result.groups, GROUP_ALL) if result else None
    n_text = (
        f"n = {everyone.respondents} besvarelser på temaet"
        if everyone
        else f"n = {survey.respondents} besvarelser"
    )
    gap = next((g for g in survey.theme_gaps if g.subject == theme_code), None)
    gap_lines: list[str] = []
    if result is not None:
        for code in (GROUP_LEDELSE, GROUP_MEDARBEJDER):
            group = _group(result.groups, code)
            if group is None:
                continue
            label = "Ledelse" if code == GROUP_LEDELSE else "Medarbejdere"
            value = (
                fmt(group.score)
                if group.score is not None
                else reason_da(group.withheld_reason, survey.threshold)
            )
            gap_lines.append(f"{label} (n = {group.respondents}): {value}")
    if gap is not None and gap.gap is not None:
        gap_lines.append(f"Forskel (ledelse − medarbejdere): {fmt(gap.gap)} point")
    elif gap_lines:
        gap_lines.append("Forskellen vises ikke, når en af grupperne ikke vises.")
    score = survey.theme(theme_code)
    theme_line = (
        f"Temascore: {fmt(score.score)} (0–100)"
        if score.score is not None
        else f"Temascore: {reason_da(score.withheld_reason, survey.threshold)}"
    )
    shown = "; ".join(
        f"{i.item_id} {fmt(v)}"
        for i, v in zip(items, own, strict=True)
        if v is not None
    )
    return SlideSpec(
        title=f"{theme.title}: spørgeskema",
        part=f"Tema {theme.order}",
        chart=ChartSpec(
            categories=tuple(
                short(
                    f"{i.item_id} {texts[i.item_id].text}"
                    if i.item_id in texts
                    else f"{i.item_id} {i.text}"
                )
                for i in items
            ),
            codes=tuple(i.item_id for i in items),
            series=tuple(series),
            number_format="0",
            footnote=_join(
                f"Score 0–100 pr. spørgsmål, alle roller; {n_text}.",
                _withheld_note(reasons, survey.threshold),
                SURVEY_SOURCE,
                "Partnerskabet: alle kommuners svar puljet." if partnership else "",
                f"Lovgrundlag: {law_labels(refs)}." if refs else "",
            ),
            alt_text=(
                f"Søjlediagram: {theme.title}, score pr. spørgsmål for kommunen"
                + (" og partnerskabet" if partnership else "")
                + (f": {shown}." if shown else ": ingen værdier kan vises.")
            ),
        ),
        text=(
            TextBlock("Temaet samlet", (theme_line,)),
            TextBlock("Ledelse og medarbejdere", tuple(gap_lines) or ("Ingen tal.",)),
        ),
    )


def theme_practice_slide(data: ReportInput, theme_code: str) -> SlideSpec:
    """One theme's case-screening compliance per check and the interviews."""
    m = data.assessment
    theme = data.instrument.theme(theme_code)
    texts = {c.id: c for c in data.instrument.case_checks}
    blocks: list[TextBlock] = []
    if m.interviews is not None:
        said = m.interviews.theme(theme_code)
        lines = [f"Styrker: {said.strengths} · Udfordringer: {said.challenges}"]
        lines += [f"+ {x}" for x in distinct_examples(said.examples_strength)]
        lines += [f"− {x}" for x in distinct_examples(said.examples_challenge)]
        titles = {n.code: n.title for n in data.instrument.development_needs}
        if said.needs:
            named = ", ".join(titles.get(code, code) for code, _ in said.needs[:2])
            lines.append(f"Behov nævnt: {named}")
        blocks.append(TextBlock(f"Interview ({m.interviews.interviews})", tuple(lines)))
    else:
        blocks.append(TextBlock("Interview", ("Ingen interview kodet.",)))
    chart = None
    footnote = ""
    checks = (
        [c for c in m.cases.checks if c.theme_code == theme_code] if m.cases else []
    )
    if m.cases is not None and all(c.compliance is None for c in checks):
        footnote = (
            f"Sagsscreening: ingen af de {m.cases.cases} screenede sager var relevante"
            " for temaets sagskrav."
        )
    elif m.cases is not None:
        refs = [
            ref
            for c in checks
            if c.check_id in texts
            for ref in texts[c.check_id].law_refs
        ]
        none_applicable = [c.check_id for c in checks if c.compliance is None]
        shown = "; ".join(
            f"{c.check_id} {fmt(c.compliance)} %"
            for c in checks
            if c.compliance is not None
        )
        chart = ChartSpec(
            categories=tuple(
                short(
                    f"{c.check_id} {texts[c.check_id].text}"
                    if c.check_id in texts
                    else c.check_id
                )
                for c in checks
            ),
            codes=tuple(c.check_id for c in checks),
            series=(("Opfyldt (%)", tuple(c.compliance for c in checks)),),
            number_format='0"%"',
            footnote=_join(
                f"Andel af relevante sager, hvor kravet er opfyldt; n = {m.cases.cases}"
                " screenede sager. Ikke dokumenteret tæller som ikke opfyldt.",
                (
                    "Ingen relevante sager: " + ", ".join(none_applicable) + "."
                    if none_applicable
                    else ""
                ),
                CASE_SOURCE,
                f"Lovgrundlag: {law_labels(refs)}." if refs else "",
            ),
            alt_text=(
                f"Søjlediagram: {theme.title}, andel opfyldt pr. sagskrav"
                + (f": {shown}." if shown else ": ingen relevante sager.")
            ),
        )
    if m.cases is None:
        footnote = "Ingen sager screenet i denne runde."
    return SlideSpec(
        title=f"{theme.title}: sager og interview",
        part=f"Tema {theme.order}",
        chart=chart,
        text=tuple(blocks),
        footnote=footnote,
    )


def distinct_examples(
    examples: Sequence[str], limit: int = 2, chars: int = 110
) -> list[str]:
    """Returns up to ``limit`` different paraphrases, each once in first-seen order,
    with how many coded statements said it when more than one did (several
    interviews often raise the same point in the same words)."""
    counted = Counter(examples)
    shown: list[str] = []
    for text, times in counted.items():
        if len(shown) == limit:
            break
        suffix = f" (i {times} udsagn)" if times > 1 else ""
        shown.append(short(text, chars - len(suffix)) + suffix)
    return shown


KIND_LABELS = (
    (ComparisonKind.PARTNERSHIP, "Partnerskab"),
    (ComparisonKind.NATION, "Landet"),
    (ComparisonKind.DST_GROUP, "Kommunegruppe"),
    (ComparisonKind.SIMILAR, "Lignende kommuner"),
)


def theme_figures_slide(data: ReportInput, theme_code: str) -> SlideSpec:
    """One theme's key figures against benchmarks, readiness and the law at stake."""
    theme = data.instrument.theme(theme_code)
    indicators = [i for i in data.instrument.indicators if i.theme == theme_code]
    by_id = {
        b.indicator_id: b
        for b in data.benchmarks
        if b.municipality_code == data.assessment.code
    }
    statuses = _figure_statuses(data)
    sources = {
        f.name: f.source
        for f in data.figures
        if f.municipality_code == data.assessment.code
    }
    rows: list[tuple[Cell, ...]] = []
    cited: list[str] = []
    for indicator in indicators:
        bench = by_id.get(indicator.id)
        if bench is None:
            continue
        cells: list[Cell] = [indicator.id, short(indicator.title, 48), bench.value]
        for kind, _ in KIND_LABELS:
            try:
                position = bench.position(kind)
            except KeyError:
                cells.append(None)
                continue
            cells.append(position.reference)
        names = FORMULAS[indicator.id].input_names() if indicator.id in FORMULAS else ()
        worst = [statuses[n] for n in names if n in statuses]
        status = (
            STATUS_DA[min(worst, key=list(FigureStatus).index)] if worst else "Ukendt"
        )
        cells.append(status)
        rows.append(tuple(cells))
        for name in names:
            if name in sources and sources[name] not in cited:
                cited.append(sources[name])
    found = [t for t in data.assessment.readiness if t.theme_code == theme_code]
    readiness_lines: tuple[str, ...] = ("Ingen vurdering.",)
    if found:
        readiness = found[0]
        level = (
            READINESS_LABELS_DA[readiness.level]
            if readiness.level
            else "Ingen vurdering"
        )
        readiness_lines = (
            f"{level}; praksis {fmt(readiness.current)} af 100",
            f"Kilderne: {AGREEMENT_DA[readiness.agreement]}, evidens:"
            f" {STRENGTH_DA[readiness.strength].lower()}",
        )
    refs: list[LawRef] = []
    for item in data.instrument.items:
        if item.theme == theme_code:
            refs.extend(item.law_refs)
    for check in data.instrument.case_checks:
        if check.theme == theme_code:
            refs.extend(check.law_refs)
    blocks = (
        TextBlock("Parathed", readiness_lines),
        TextBlock(
            "Lovkrav i spil",
            (f"Barnets lov {law_labels(refs)} ({data.instrument.consolidation})",),
        ),
    )
    table = None
    if rows:
        table = TableSpec(
            header=(
                "Kode",
                "Nøgletal",
                "Kommunen",
                *(label for _, label in KIND_LABELS),
                "Validering",
            ),
            rows=tuple(rows),
            widths=(0.0, 0.3, 0.1, 0.1, 0.1, 0.12, 0.12, 0.16),
            footnote=_join(
                "Sammenligning: median af de andre kommuner (landet: landstallet, når"
                " det kendes).",
                "Kilde: " + "; ".join(cited[:3]) + "." if cited else "",
            ),
        )
    return SlideSpec(
        title=f"{theme.title}: nøgletal og lovkrav",
        part=f"Tema {theme.order}",
        table=table,
        text=blocks,
        footnote="" if rows else "Ingen nøgletal for temaet i denne runde.",
    )


def needs_slide(data: ReportInput) -> SlideSpec:
    """The development needs ranked by their gap, largest first."""
    needs = data.assessment.needs
    gaps = sorted(
        (t for t in data.assessment.readiness if t.gap is not None),
        key=lambda t: -(t.gap or 0.0),
    )
    lines = tuple(f"{t.theme_title}: {fmt(t.gap)} point" for t in gaps[:6])
    return SlideSpec(
        title="Største gab og udviklingsbehov",
        part="Behov",
        chart=ChartSpec(
            categories=tuple(short(n.title, 60) for n in needs),
            codes=tuple(n.code for n in needs),
            series=(("Gab (point)", tuple(n.gap for n in needs)),),
            number_format="0",
            footnote=_join(
                "Gab = gennemsnit af (100 − score) for spørgsmål og (100 − % opfyldt)"
                " for sagskrav, der peger på behovet; størst først.",
                "Interviewomtaler: "
                + ", ".join(
                    f"{short(n.title, 30)} {n.interview_mentions}" for n in needs
                )
                + ".",
                f"n = {data.assessment.survey.respondents} besvarelser"
                + (
                    f" og {data.assessment.cases.cases} screenede sager."
                    if data.assessment.cases
                    else "."
                ),
                "Kilde: spørgeskema og sagsscreening.",
                LAW_APPENDIX,
            ),
            alt_text="Søjlediagram over udviklingsbehov efter gab: "
            + "; ".join(f"{n.title} {fmt(n.gap)}" for n in needs if n.gap is not None)
            + ".",
        ),
        text=(TextBlock("Gab pr. tema (100 − praksis)", lines or ("Ingen tal.",)),),
    )


def focus_slide(data: ReportInput) -> SlideSpec:
    """The recommended focus areas for the design plan, from the ranked analysis."""
    m = data.assessment
    texts = {i.id: i.text for i in data.instrument.items}
    texts.update({c.id: c.text for c in data.instrument.case_checks})
    blocks: list[TextBlock] = []
    for rank, need in enumerate([n for n in m.needs if n.gap is not None][:3], 1):
        lines = [
            f"Gab {fmt(need.gap)} point; nævnt i {need.interview_mentions}"
            " interviewudsagn."
        ]
        lines += [f"{i}: {short(texts.get(i, ''), 90)}" for i in need.largest[:2]]
        blocks.append(TextBlock(f"{rank}. {need.title}", tuple(lines)))
    far = [
        t.theme_title
        for t in sorted(m.readiness, key=lambda t: -(t.gap or 0.0))
        if t.level is not None
        and t.level.value in ("langt_fra_parat", "et_stykke_fra_parat")
    ]
    if far:
        blocks.append(TextBlock("Temaer længst fra parat", (", ".join(far[:3]) + ".",)))
    return SlideSpec(
        title="Anbefalede fokusområder til designplanen",
        part="Behov",
        text=tuple(blocks) or (TextBlock("Fokus", ("Ingen gab kan opgøres.",)),),
        footnote=(
            "Fokusområderne er de udviklingsbehov med størst gab i analysen; de"
            " nævnte spørgsmål og sagskrav har de største gab under behovet."
        ),
    )


def appendix_method_slide(data: ReportInput) -> SlideSpec:
    """The method in brief."""
    threshold = data.assessment.survey.threshold
    return SlideSpec(
        title="Bilag: metode",
        part="Metode",
        text=(
            TextBlock(
                "Spørgeskema",
                (
                    "Svar 1–5 omregnes til 0–100, så 100 er fuldt i tråd med Barnets"
                    " lov; omvendte spørgsmål vendes. 'Ved ikke' indgår ikke i scoren.",
                    f"Grupper med færre end {threshold} besvarelser vises ikke, heller"
                    " ikke tal, der sammen med viste tal ville afsløre dem.",
                ),
            ),
            TextBlock(
                "Sagsscreening og interview",
                (
                    "Andel opfyldt = opfyldt / (opfyldt + ikke opfyldt + ikke"
                    " dokumenteret). Udvalgte sager screenes af to uafhængigt.",
                    "Interview kodes efter tema, styrke/udfordring og udviklingsbehov.",
                ),
            ),
            TextBlock(
                "Parathed",
                (
                    "Praksis = gennemsnit af spørgeskemascore og andel opfyldt; parat"
                    " fra 75, tæt på fra 60, et stykke fra fra 45, ellers langt fra.",
                    "Nøgletal vises som kontekst og indgår ikke i niveauet.",
                ),
            ),
        ),
    )


def appendix_law_slide(data: ReportInput) -> SlideSpec:
    """The law references of every theme's items and checks."""
    rows: list[tuple[Cell, ...]] = []
    for theme in data.instrument.themes:
        items = [
            ref
            for i in data.instrument.items
            if i.theme == theme.code
            for ref in i.law_refs
        ]
        checks = [
            ref
            for c in data.instrument.case_checks
            if c.theme == theme.code
            for ref in c.law_refs
        ]
        rows.append((theme.code, theme.title, law_labels(items), law_labels(checks)))
    return SlideSpec(
        title="Bilag: lovhenvisninger",
        part="Lovgrundlag",
        table=TableSpec(
            header=("Kode", "Tema", "Spørgeskema", "Sagsscreening"),
            rows=tuple(rows),
            widths=(0.0, 0.28, 0.36, 0.36),
            footnote=f"Barnets lov, {data.instrument.consolidation}.",
        ),
    )


def municipal_slides(data: ReportInput) -> tuple[SlideSpec, ...]:
    """Returns every content slide of the municipal deck, in order (title excluded).

    The per-theme slide of cases and interviews is left out when the round has
    neither.
    """
    slides = [
        method_slide(data),
        overview_slide(data),
        theme_scores_slide(data),
    ]
    codes = [t.theme_code for t in data.assessment.survey.themes]
    for theme in data.instrument.themes:
        if theme.code not in codes:
            continue
        slides.append(theme_survey_slide(data, theme.code))
        if data.assessment.cases or data.assessment.interviews:
            slides.append(theme_practice_slide(data, theme.code))
        slides.append(theme_figures_slide(data, theme.code))
    slides += [
        needs_slide(data),
        focus_slide(data),
        appendix_method_slide(data),
        appendix_law_slide(data),
    ]
    return tuple(slides)
