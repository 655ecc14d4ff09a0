"""Model instances from hand-written SQL read exactly as the ORM loads them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from parathed.web.partnerships.models import MeasurementRound, Municipality
from parathed.web.rows import column_list, instances, table
from parathed.web.survey.models import SurveyLink


def _fields(instance: Any) -> dict[str, Any]:
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
    }


def test_instances_equal_the_orm_field_by_field(world: Any) -> None:
    """Booleans, datetimes, null and text come out with the ORM's types and values
    on the database under test, for each model of a joined row."""
    SurveyLink.objects.filter(pk=world.link_b.pk).update(is_open=False)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column_list(SurveyLink, 'l')}, "  # noqa: S608
            f"{column_list(MeasurementRound, 'o')} FROM {table(SurveyLink)} l "
            f"JOIN {table(MeasurementRound)} o ON o.id = l.round_id WHERE l.id = %s",
            [world.link_b.pk],
        )
        row = cursor.fetchone()
    link, measurement = instances(row, SurveyLink, MeasurementRound)
    assert isinstance(link, SurveyLink)
    orm_link = SurveyLink.objects.get(pk=world.link_b.pk)
    assert _fields(link) == _fields(orm_link)
    assert link.is_open is False
    assert link.created_at == orm_link.created_at
    assert link.created_at.tzinfo is not None
    assert link.rotated_at is None
    assert _fields(measurement) == _fields(
        MeasurementRound.objects.get(pk=world.round.pk)
    )
    assert link._state.adding is False
    assert link._state.db == "default"


def test_a_row_that_does_not_fit_the_models_is_refused(world: Any) -> None:
    """A column too many is an error, not a shifted value."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column_list(Municipality, 'm')}, 1 "  # noqa: S608
            f"FROM {table(Municipality)} m WHERE m.code = %s",
            ["101"],
        )
        row = cursor.fetchone()
    with pytest.raises(ValueError, match="columns"):
        instances(row, Municipality)
