"""Partnership models: each partnership has its own secret key for its letters."""

from __future__ import annotations

import importlib
import re
from typing import Any

from django.apps import apps

from parathed.web.partnerships.models import Partnership
from parathed.web.partnerships.services import partnership_create

HEX64 = re.compile(r"[0-9a-f]{64}")


def test_each_new_partnership_gets_its_own_random_key(world: Any) -> None:
    """Two partnerships never share a key; the key is 64 hex digits (256 bits)."""
    other = partnership_create(slug="third", name="Tredje", municipality_codes=[])
    keys = {world.partnership.anonymisation_key, other.anonymisation_key}
    assert len(keys) == 2
    assert all(HEX64.fullmatch(k) for k in keys)
    assert world.partnership.anonymisation_secret == (
        world.partnership.anonymisation_key.encode()
    )


def test_migration_gives_existing_partnerships_different_keys(world: Any) -> None:
    """The migration fills one fresh key per existing row, not a shared default."""
    migration = importlib.import_module(
        "parathed.web.partnerships.migrations.0004_partnership_anonymisation_key"
    )
    Partnership.objects.update(anonymisation_key="")
    migration.fill_keys(apps, None)
    keys = list(Partnership.objects.values_list("anonymisation_key", flat=True))
    assert len(keys) == len(set(keys)) >= 2
    assert all(HEX64.fullmatch(k) for k in keys)
