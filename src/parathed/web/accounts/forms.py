"""Login forms: the password step with throttling (S4) and the code step (S5)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parathed.web.accounts.events import Kind, login_failed_record
from parathed.web.accounts.security import (
    ThrottleKeys,
    login_failure_record,
    login_locked,
    throttle_keys,
)

LOCKED_MESSAGE = _(
    "Too many failed attempts. Logging in with this username from here is paused "
    "for %(minutes)s minutes. Try again later, or ask your administrator for help."
)


def client_address(request: HttpRequest | None) -> str:
    """Returns the client's address: ``REMOTE_ADDR``, or the header a trusted proxy
    sets when ``PARATHED_CLIENT_IP_HEADER`` names one (e.g. ``HTTP_X_REAL_IP``)."""
    if request is None:
        return ""
    header = settings.PARATHED_CLIENT_IP_HEADER
    if header:
        value = str(request.META.get(header, "")).split(",")[0].strip()
        if value:
            return value
    return str(request.META.get("REMOTE_ADDR", ""))


def locked_error() -> ValidationError:
    """The lockout message: the same whether or not the username exists."""
    minutes = int(settings.PARATHED_LOGIN_COOLOFF.total_seconds() // 60)
    return ValidationError(LOCKED_MESSAGE, code="locked", params={"minutes": minutes})


class LoginForm(AuthenticationForm):
    """Django's login form, refusing a locked username + address before checking
    the password, and counting every failure."""

    error_messages = {  # noqa: RUF012 (Django's own attribute, replaced whole)
        "invalid_login": _("The username or password is wrong. Try again."),
        "inactive": _("The username or password is wrong. Try again."),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any):
        super().__init__(request, *args, **kwargs)
        self.throttle: ThrottleKeys | None = None

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        self.throttle = throttle_keys(
            username=username, address=client_address(self.request)
        )
        if login_locked(keys=self.throttle):
            login_failed_record(username=username, kind=Kind.LOGIN_REFUSED_PAUSED)
            raise locked_error()
        try:
            return super().clean()
        except ValidationError:
            login_failed_record(username=username, kind=Kind.LOGIN_FAILED)
            if login_failure_record(keys=self.throttle):
                login_failed_record(username=username, kind=Kind.LOGIN_PAUSED)
                raise locked_error() from None
            raise


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )
