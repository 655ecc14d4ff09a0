"""The partnership deck's content rules, read back from the deck with python-pptx.

A partnership of 98 pages its per-municipality table on readable slides; with
fewer than four municipalities nothing per municipality, no spread, no needs chart
and no joint days are shown, and each slide says in Danish what is withheld and
why; the anonymised letters follow a keyed hash that needs the secret.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import io
from functools import lru_cache
from typing import Any, cast

import openpyxl
import pytest
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Pt

from parathed.analysis.assessment import READINESS_LABELS_DA, RoundAssessment
from parathed.analysis.round import assess_round
from parathed.demo.generator import generate_national_round
from parathed.instrument.loader import load_instrument
from parathed.reporting.deck.partnership import build_partnership_deck
from parathed.reporting.excel import build_partnership_workbook
from parathed.reporting.partnership_content import (
    LEVEL_SHORT_DA,
    LEVELS_PER_SLIDE,
    municipality_labels,
)

SECRET = b"a partnership's secret"
LEVELS_TITLE = "Parathedsniveau pr. kommune"


@lru_cache(maxsize=2)
def _round(municipalities: int) -> RoundAssessment:
    instrument = load_instrument()
    national = generate_national_round(instrument=instrument, respondents=12, seed=5)
    evidence = dataclasses.replace(
        national, municipalities=national.municipalities[:municipalities]
    )
    return assess_round(evidence, instrument=instrument)


def _deck(assessment: RoundAssessment, **kwargs: Any) -> PresentationType:
    content = build_partnership_deck(assessment, instrument=load_instrument(), **kwargs)
    return Presentation(io.BytesIO(content))


def _title(slide: Slide) -> str:
    title = slide.shapes.title
    assert title is not None
    return str(title.text_frame.text)


def _slides(deck: PresentationType, title: str) -> list[Slide]:
    return [s for s in deck.slides if _title(s).startswith(title)]


def _rows(slide: Slide) -> list[list[str]]:
    (table,) = [cast(Any, s).table for s in slide.shapes if s.has_table]
    return [[c.text for c in row.cells] for row in table.rows]


def _table_rows(slide: Slide) -> list[list[str]]:
    return [
        [c.text for c in row.cells]
        for shape in slide.shapes
        if shape.has_table
        for row in cast(Any, shape).table.rows
    ]


def _all_text(slide: Slide) -> str:
    rows = _table_rows(slide)
    return _text(slide) + " " + " ".join(" ".join(row) for row in rows)


def _text(slide: Slide) -> str:
    return " ".join(
        cast(Any, s).text_frame.text
        for s in slide.shapes
        if s.has_text_frame and s is not slide.shapes.title
    )


@pytest.fixture(scope="module")
def national() -> RoundAssessment:
    """A round of all 98 municipalities."""
    return _round(98)


@pytest.fixture(scope="module")
def national_deck(national: RoundAssessment) -> PresentationType:
    """Its anonymised partnership deck."""
    return _deck(national, secret=SECRET)


def test_levels_of_98_municipalities_are_paged_onto_readable_slides(
    national: RoundAssessment, national_deck: PresentationType
) -> None:
    """Every municipality appears once, at most LEVELS_PER_SLIDE rows a slide, the
    later slides titled "(fortsat)", the table above the footnote, text >= 11 pt."""
    pages = _slides(national_deck, LEVELS_TITLE)
    assert len(pages) == 9
    assert _title(pages[0]) == LEVELS_TITLE
    assert all(_title(p) == f"{LEVELS_TITLE} (fortsat)" for p in pages[1:])
    labels = municipality_labels(national, named=False, secret=SECRET)
    listed = []
    height = national_deck.slide_height
    assert height is not None
    for page in pages:
        rows = _rows(page)[1:]
        assert 0 < len(rows) <= LEVELS_PER_SLIDE
        listed += [r[0] for r in rows]
        (shape,) = [s for s in page.shapes if s.has_table]
        table = cast(Any, shape).table
        bottom = shape.top + sum(row.height for row in table.rows)
        (note,) = [s for s in page.shapes if s.name == "Fodnote"]
        assert bottom <= note.top <= height
        sizes = {
            run.font.size
            for row in table.rows
            for cell in row.cells
            for p in cell.text_frame.paragraphs
            for run in p.runs
        }
        assert min(sizes) >= Pt(11)
    assert sorted(listed) == sorted(labels.values())
    assert len(set(listed)) == 98
    # Letters run A..Z, AA..: the rows follow them, "Kommune AA" after "Kommune Z".
    assert listed[:2] == ["Kommune A", "Kommune B"]
    assert listed[26] == "Kommune AA"


def test_levels_table_holds_each_municipalitys_levels(
    national: RoundAssessment, national_deck: PresentationType
) -> None:
    """A row's cells are that municipality's levels, in the short labels."""
    labels = municipality_labels(national, named=False, secret=SECRET)
    by_label = {labels[m.code]: m for m in national.municipalities}
    for page in _slides(national_deck, LEVELS_TITLE):
        for row in _rows(page)[1:]:
            m = by_label[row[0]]
            expected = [
                LEVEL_SHORT_DA[t.level] if t.level else "–" for t in m.readiness
            ]
            assert row[1:] == expected


def _few() -> RoundAssessment:
    return _round(3)


def test_three_municipalities_show_text_not_empty_charts() -> None:
    """Spread, needs and joint days are withheld with three municipalities: each
    slide has no chart or table but a Danish text saying what and why."""
    assessment = _few()
    assert assessment.partnership is not None
    assert not any(t.levels for t in assessment.partnership.themes)
    deck = _deck(assessment, secret=SECRET)
    expected = {
        "Spredning: kommunernes parathed pr. tema": "Spredningen vises ikke",
        "Udviklingsbehov i partnerskabet": "kan ikke rangeres",
        "Forslag til temaer for de fire fællesdage": "Ingen forslag",
        LEVELS_TITLE: "Niveauerne pr. kommune vises ikke",
    }
    for title, phrase in expected.items():
        (slide,) = _slides(deck, title)
        assert not any(s.has_chart or s.has_table for s in slide.shapes)
        text = _text(slide)
        assert phrase in text
        assert "fire kommuner" in text


def test_fewer_than_four_municipalities_reveal_no_level() -> None:
    """No municipality's level, its letter or any level count is in the deck or
    the appendix, named or not; the overview shows "Vises ikke" for pooled figures."""
    assessment = _few()
    for named in (False, True):
        deck = _deck(assessment, named=named, secret=SECRET)
        text = " ".join(_all_text(s) for s in deck.slides)
        for label in READINESS_LABELS_DA.values():
            if " " in label:  # "Parat" alone is part of "Parathedsanalyse"
                assert label not in text
        cells = {c for s in deck.slides for row in _table_rows(s) for c in row}
        assert not cells & set(LEVEL_SHORT_DA.values())
        assert "Kommune A" not in text
        for m in assessment.municipalities:
            assert m.name not in text
        book = openpyxl.load_workbook(
            io.BytesIO(
                build_partnership_workbook(
                    assessment, instrument=load_instrument(), named=named
                )
            )
        )
        values = [
            str(v)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for v in row
            if v is not None
        ]
        assert not set(values) & set(LEVEL_SHORT_DA.values())
        assert not any(m.name in " ".join(values) for m in assessment.municipalities)
    (overview,) = _slides(deck, "Parathed på tværs af partnerskabet")
    body = [row[1:] for row in _rows(overview)[1:]]
    assert {cell for row in body for cell in row} == {"Vises ikke"}
    assert "kommune regne de andres ud" in _text(overview)


def test_letters_follow_the_keyed_hash_and_need_the_secret(
    national: RoundAssessment,
) -> None:
    """The letters are the HMAC-SHA256 order under the secret: the same secret gives
    the same letters, another secret (or none) others, and the unkeyed hash of the
    public partnership, round and code does not reproduce them."""
    first = municipality_labels(national, named=False, secret=SECRET)
    assert first == municipality_labels(national, named=False, secret=SECRET)
    prefix = f"{national.partnership_name}\x1f{national.round_name}\x1f"
    keyed = sorted(
        first,
        key=lambda c: hmac.new(SECRET, (prefix + c).encode(), hashlib.sha256).digest(),
    )
    assert [first[c] for c in keyed][:3] == ["Kommune A", "Kommune B", "Kommune C"]
    unkeyed = sorted(
        first,
        key=lambda c: hashlib.sha256(
            (national.partnership_name + national.round_name + c).encode()
        ).hexdigest(),
    )
    assert unkeyed != keyed
    assert municipality_labels(national, named=False, secret=b"another") != first
    assert municipality_labels(national, named=False) != first
    assert sorted(first) == sorted(m.code for m in national.municipalities)


def test_deck_and_appendix_use_the_same_letters(national: RoundAssessment) -> None:
    """With the same secret, the appendix lists the deck's letters row by row."""
    deck = _deck(national, secret=SECRET)
    in_deck = [
        row[0] for page in _slides(deck, LEVELS_TITLE) for row in _rows(page)[1:]
    ]
    book = openpyxl.load_workbook(
        io.BytesIO(
            build_partnership_workbook(
                national, instrument=load_instrument(), secret=SECRET
            )
        )
    )
    in_book = [
        row[1]
        for row in book["Kommuner"].iter_rows(values_only=True)
        if isinstance(row[1], str) and row[1].startswith("Kommune ")
    ]
    assert in_book == in_deck


def test_a_theme_without_published_spread_is_left_out_with_a_note(
    national: RoundAssessment,
) -> None:
    """When the analysis withholds one theme's spread, the chart and the levels
    table leave that theme out and their footnotes name it."""
    p = national.partnership
    assert p is not None
    hidden = p.themes[2]
    themes = tuple(
        dataclasses.replace(t, levels=()) if t is hidden else t for t in p.themes
    )
    assessment = dataclasses.replace(
        national, partnership=dataclasses.replace(p, themes=themes)
    )
    deck = _deck(assessment, secret=SECRET)
    (spread,) = _slides(deck, "Spredning: kommunernes parathed pr. tema")
    (chart,) = [cast(Any, s).chart for s in spread.shapes if s.has_chart]
    assert list(chart.plots[0].categories) == [
        t.theme_title for t in themes if t.theme_code != hidden.theme_code
    ]
    assert f"Vises ikke for {hidden.theme_title}" in _text(spread)
    pages = _slides(deck, LEVELS_TITLE)
    header = _rows(pages[0])[0]
    assert len(header) == 1 + len(themes) - 1
    assert not any(hidden.theme_title[:20] in cell for cell in header)
    assert f"Vises ikke for {hidden.theme_title}" in _text(pages[0])
