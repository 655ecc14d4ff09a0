"""``parathed user`` (an administrator's actions on a login) and ``parathed totp``."""

from __future__ import annotations

import time
from datetime import UTC, datetime
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
    from parathed.web.accounts.events import Kind, security_event_record
    from parathed.web.accounts.security import user_sessions_end

    ended = user_sessions_end(user=found)
    security_event_record(kind=Kind.SESSIONS_ENDED, user_id=found.pk)
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


@click.group()
def log() -> None:
    """The security event log (logins, refused accesses, files out and in)."""


@log.command()
@click.option("--since", type=click.DateTime(), help="From this UTC date/time.")
@click.option("--user", "username", help="Only this username (also failed logins).")
@click.option("--kind", help="Only this kind, e.g. login_failed or forbidden.")
@click.option("--limit", type=int, default=200, show_default=True)
def show(
    since: datetime | None, username: str | None, kind: str | None, limit: int
) -> None:
    """Print events, newest first, one line each, times in UTC."""
    setup_django()
    from django.contrib.auth import get_user_model

    from parathed.web.accounts.events import security_events

    found = security_events(
        since=since.replace(tzinfo=UTC) if since else None,
        username=username,
        kind=kind,
        limit=limit,
    )
    ids = {e.user_id for e in found if e.user_id is not None}
    model = get_user_model()
    names = dict(
        model.objects.filter(pk__in=ids).values_list("pk", model.USERNAME_FIELD)
    )
    for event in found:
        if event.user_id is not None:
            who = f"{names.get(event.user_id, '?')}#{event.user_id}"
        elif event.username_hash:
            who = "ukendt-brugernavn"
        else:
            who = "-"
        what = f"{event.object_kind}#{event.object_id}" if event.object_kind else "-"
        click.echo(
            f"{event.at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ} {event.kind} user={who}"
            f" kommune={event.municipality_id or '-'} objekt={what}"
            f" route={event.route or '-'} status={event.status or '-'}"
            f" adresse={event.address or '-'}"
        )
    click.echo(f"{len(found)} hændelser.")


@log.command()
def prune() -> None:
    """Delete events past the retention period and blank old client addresses."""
    setup_django()
    from django.conf import settings

    from parathed.web.accounts.events import security_events_prune

    result = security_events_prune()
    click.echo(
        f"{result.deleted} hændelser ældre end {settings.PARATHED_SECURITY_LOG_DAYS}"
        f" dage slettet; adressen fjernet fra {result.addresses_cleared} hændelser"
        f" ældre end {settings.PARATHED_SECURITY_LOG_ADDRESS_DAYS} dage."
    )
