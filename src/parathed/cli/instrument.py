"""``parathed instrument``: check and export the readiness instrument."""

from __future__ import annotations

import click


@click.group()
def instrument() -> None:
    """Check or export the readiness instrument."""
