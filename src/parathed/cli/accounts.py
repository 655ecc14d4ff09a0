"""``parathed user`` (an administrator's actions on a login) and ``parathed totp``."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import click

from parathed.cli._django import setup_django

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@click.command()
@click.argument("secret")
def totp(secret: str) -> None:
    """Print the current six-digit code of a TOTP key, as an authenticator app would
    (for the demo's published key; never needed in a real deployment)."""
    from parathed.web.accounts import totp as totp_codes

    try:
        code = totp_codes.code_at(secret, time.time())
    except ValueError as error:
        raise click.ClickException("Nøglen er ikke gyldig base32.") from error
    remaining = totp_codes.STEP_SECONDS - int(time.time()) % totp_codes.STEP_SECONDS
    click.echo(f"{code}  (gælder {remaining} s endnu)")


@click.group()
def user() -> None:
    """An administrator's actions on a login: end sessions, deactivate, reset MFA."""


def _user(username: str) -> User:
    setup_django()
    from django.contrib.auth.models import User

    found = User.objects.filter(username=username).first()
    if found is None:
        raise click.ClickException(f"Der findes ingen bruger med navnet '{username}'.")
    return found


@user.command("end-sessions")
@click.argument("username")
def end_sessions(username: str) -> None:
    """Log the user out everywhere (every session ends on the server)."""
    found = _user(username)
    from parathed.web.accounts.security import user_sessions_end

    ended = user_sessions_end(user=found)
    click.echo(f"{ended} sessioner afsluttet for {username}.")


@user.command()
@click.argument("username")
def deactivate(username: str) -> None:
    """Deactivate the user: no more logins, and every session ends at once."""
    found = _user(username)
    from parathed.web.accounts.security import user_deactivate

    ended = user_deactivate(user=found)
    click.echo(f"{username} er deaktiveret; {ended} sessioner afsluttet.")


@user.command("reset-mfa")
@click.argument("username")
def reset_mfa(username: str) -> None:
    """Remove the user's authenticator and recovery codes (a lost phone): they set up
    a new one at their next login. Their sessions end."""
    found = _user(username)
    from parathed.web.accounts.security import mfa_reset

    mfa_reset(user=found)
    click.echo(f"Autentificeringsappen for {username} er nulstillet.")
