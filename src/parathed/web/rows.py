"""Model instances from hand-written SQL, for the few reads on every respondent request.

The ORM builds the SQL of a query again on every call. For a read by primary key with
a few joins that costs more than the database does: 0.4–1.1 ms of Python per query,
where a respondent request is 10 ms in all (issue #4; ``docs/ARCHITECTURE.md``,
"What a respondent request costs"). The hottest reads therefore write their SQL once
and turn the row into model instances here, with every concrete field loaded (so no
attribute access can start a query of its own) and converted by the same converters
the ORM applies, so a value reads the same as through the ORM on SQLite and
PostgreSQL.

Only table and column names from the models' metadata are put into that SQL (hence
its ``noqa: S608``); every value is a query parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

Converters = tuple[Callable[[Any, Any, BaseDatabaseWrapper], Any], ...]


def column_list(model: type[Model], alias: str) -> str:
    """Returns ``alias.column, …`` for every concrete field of ``model``, in order."""
    connection = connections["default"]
    quote = connection.ops.quote_name
    return ", ".join(
        f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields
    )


def table(model: type[Model]) -> str:
    """Returns the quoted table name of ``model``."""
    return connections["default"].ops.quote_name(model._meta.db_table)


@cache
def _converters(model: type[Model], alias: str) -> tuple[tuple[Any, Converters], ...]:
    """Each concrete field's column expression and the ORM's converters for it."""
    connection = connections[alias]
    result = []
    for field in model._meta.concrete_fields:
        column = field.get_col(model._meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(
            connection
        )
        result.append((column, tuple(found)))
    return tuple(result)


@cache
def _attnames(model: type[Model]) -> tuple[str, ...]:
    return tuple(field.attname for field in model._meta.concrete_fields)


def instances(
    row: Sequence[Any], *models: type[Model], using: str = "default"
) -> list[Model]:
    """Splits a row selected with ``column_list`` for each of ``models`` (in that
    order) into one instance per model, as the ORM would have loaded them."""
    connection = connections[using]
    found: list[Model] = []
    at = 0
    for model in models:
        values = []
        for column, converters in _converters(model, using):
            value = row[at]
            at += 1
            for convert in converters:
                value = convert(value, column, connection)
            values.append(value)
        found.append(model.from_db(using, _attnames(model), values))
    if at != len(row):
        raise ValueError(f"row of {len(row)} columns, models take {at}")
    return found
