"""Login in two steps: password (throttled, S4), then a TOTP code for the roles
that need one (S5), with enrolment of the authenticator at the first login."""

from __future__ import annotations

import time
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from parathed.web.accounts import totp
from parathed.web.accounts.access import mfa_required
from parathed.web.accounts.events import Kind, security_event_record
from parathed.web.accounts.forms import (
    CodeForm,
    LoginForm,
    client_address,
    locked_error,
)
from parathed.web.accounts.security import (
    login_failure_record,
    login_locked,
    login_success_record,
    mfa_code_check,
    recovery_codes_left,
    throttle_keys,
    totp_device_confirm,
    totp_device_confirmed,
    totp_device_start,
)

# The session holds who passed the password step, for a few minutes, until the code.
PENDING_KEY = "parathed_mfa_pending"
PENDING_MAX_AGE_S = 5 * 60
ISSUER = "parathed"


class LoginView(auth_views.LoginView):
    """The password step; a user who needs a second factor goes on to the code."""

    form_class = LoginForm
    template_name = "accounts/login.html"

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        if not mfa_required(user=user):
            if form.throttle is not None:
                login_success_record(keys=form.throttle)
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[0]),
            "at": time.time(),
            "next": self.get_success_url(),
        }
        if totp_device_confirmed(user=user) is None:
            return redirect("accounts:mfa-enrol")
        return redirect("accounts:mfa-verify")


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    """Returns the user who passed the password step and the step's data, or None
    (nobody, expired, or the account was deactivated meanwhile)."""
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict):
        return None
    if time.time() - float(data.get("at", 0)) > PENDING_MAX_AGE_S:
        del request.session[PENDING_KEY]
        return None
    user = User.objects.filter(pk=int(data.get("user", 0)), is_active=True).first()
    if user is None:
        del request.session[PENDING_KEY]
        return None
    return user, data


def _no_pending(request: HttpRequest) -> HttpResponseRedirect:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    return redirect(settings.LOGIN_URL)


def _complete(request: HttpRequest, user: User, data: dict[str, Any]) -> None:
    """Logs the user in (a new session key) and forgets the step and the failures."""
    del request.session[PENDING_KEY]
    login(request, user, backend=data["backend"])
    login_success_record(
        keys=throttle_keys(
            username=user.get_username(), address=client_address(request)
        )
    )


def _wrong_code(request: HttpRequest, user: User, form: CodeForm) -> None:
    """Counts a wrong code against the same username + address as passwords; at
    the lock the password step must be passed again."""
    keys = throttle_keys(username=user.get_username(), address=client_address(request))
    security_event_record(kind=Kind.MFA_FAILED, user_id=user.pk)
    if login_failure_record(keys=keys):
        security_event_record(kind=Kind.LOGIN_PAUSED, user_id=user.pk)
        del request.session[PENDING_KEY]
        form.add_error(None, locked_error())
    else:
        form.add_error("code", _("The code is wrong or has expired. Try again."))


def _locked(request: HttpRequest, user: User) -> bool:
    keys = throttle_keys(username=user.get_username(), address=client_address(request))
    if login_locked(keys=keys):
        security_event_record(kind=Kind.LOGIN_REFUSED_PAUSED, user_id=user.pk)
        return True
    return False


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """The code step: a code from the authenticator app, or a recovery code."""
    pending = _pending(request)
    if pending is None:
        return _no_pending(request)
    user, data = pending
    if totp_device_confirmed(user=user) is None:
        return redirect("accounts:mfa-enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _locked(request, user):
            del request.session[PENDING_KEY]
            form.add_error(None, locked_error())
        elif mfa_code_check(user=user, code=form.cleaned_data["code"]):
            _complete(request, user, data)
            return HttpResponseRedirect(data["next"])
        else:
            _wrong_code(request, user, form)
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "recovery_left": recovery_codes_left(user=user)},
    )


def _qr(uri: str) -> SafeString:
    code = segno.make(uri, error="m", micro=False)
    svg = code.svg_inline(scale=4, svgclass="qr", lineclass=None, omitsize=False)
    return mark_safe(svg)  # noqa: S308 (segno output: path data and numbers only)


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def mfa_enrol(request: HttpRequest) -> HttpResponse:
    """First login of a user who needs a second factor: scan the QR code (or type
    the key), confirm with one code, receive the recovery codes once."""
    pending = _pending(request)
    if pending is None:
        return _no_pending(request)
    user, data = pending
    if totp_device_confirmed(user=user) is not None:
        return redirect("accounts:mfa-verify")
    device = totp_device_start(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _locked(request, user):
            del request.session[PENDING_KEY]
            form.add_error(None, locked_error())
        else:
            codes = totp_device_confirm(user=user, code=form.cleaned_data["code"])
            if codes is not None:
                _complete(request, user, data)
                return render(
                    request,
                    "accounts/mfa_recovery_codes.html",
                    {"codes": codes, "next": data["next"]},
                )
            _wrong_code(request, user, form)
    uri = totp.provisioning_uri(
        device.secret, account=user.get_username(), issuer=ISSUER
    )
    return render(
        request,
        "accounts/mfa_enrol.html",
        {
            "form": form,
            "qr": _qr(uri),
            "secret": totp.secret_grouped(device.secret),
        },
    )
