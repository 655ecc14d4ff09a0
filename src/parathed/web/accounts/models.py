"""Who a user is in parathed: consultant, municipal contact or steering-group member."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parathed.web.partnerships.models import Municipality, Partnership


class Profile(models.Model):
    """A user's role (rolle); a contact belongs to one municipality."""

    class Role(models.TextChoices):
        CONSULTANT = "consultant", _("consultant")
        CONTACT = "contact", _("municipal contact")
        STEERING = "steering", _("steering-group member")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("partnership"),
        help_text=_("For contacts and steering-group members: the partnership."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="contact")
                | models.Q(municipality__isnull=False),
                name="contact_has_municipality",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


# --- Security (reliability.md S4-S6): login throttling, TOTP, sessions ---------------


class LoginThrottle(models.Model):
    """Failed logins of one username from one address (S4), keyed by a keyed hash.

    Neither the username typed nor the address is stored: ``key`` is an HMAC of both,
    so the table reveals nothing about who tried, or whether the account exists.
    """

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"throttle {self.key[:8]}"


class LoginFailure(models.Model):
    """One failed login against an account key, for the per-hour ceiling (S4)."""

    account_key = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"failure {self.account_key[:8]} {self.at:%Y-%m-%d %H:%M}"


class TotpDevice(models.Model):
    """A user's authenticator app (S5): its secret and the last step it was used at.

    ``confirmed_at`` stays empty until the user has typed one correct code.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"TOTP of user {self.user_id}"


class RecoveryCode(models.Model):
    """A one-time recovery code (S5), stored only as a salted SHA-256 hash."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recovery_codes",
    )
    code_hash = models.CharField(max_length=128)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code of user {self.user_id}"


class UserSession(models.Model):
    """A session a user logged in with, so all of them can be ended (S6)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of user {self.user_id}"


# --- Security event log (reliability.md S9) ------------------------------------------


class SecurityEvent(models.Model):
    """One security-relevant event: a login, a refused access, a file out or in.

    Who, what, when and from where, never content: no password, code, token, session
    key, free text, file name or URL path. The user is kept as an id (not a foreign
    key, so the record outlives the user); a failed login with a username nobody has
    keeps only an HMAC of the name (the throttle's account key). Pruned after
    ``PARATHED_SECURITY_LOG_DAYS``; the address is blanked after
    ``PARATHED_SECURITY_LOG_ADDRESS_DAYS`` (``parathed log prune``).
    """

    class Kind(models.TextChoices):
        LOGIN = "login"
        LOGIN_FAILED = "login_failed"
        MFA_FAILED = "mfa_failed"
        RECOVERY_CODE_USED = "recovery_code_used"
        MFA_ENROLLED = "mfa_enrolled"
        LOGIN_PAUSED = "login_paused"
        LOGIN_REFUSED_PAUSED = "login_refused_paused"
        LOGOUT = "logout"
        SESSION_EXPIRED = "session_expired"
        SESSIONS_ENDED = "sessions_ended"
        MFA_RESET = "mfa_reset"
        DEACTIVATED = "deactivated"
        FORBIDDEN = "forbidden"
        NOT_VISIBLE = "not_visible"
        DOWNLOAD = "download"
        UPLOAD = "upload"
        REPORT_STARTED = "report_started"

    at = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=32, choices=Kind.choices, db_index=True)
    user_id = models.PositiveBigIntegerField(null=True, db_index=True)
    username_hash = models.CharField(max_length=64, blank=True, db_index=True)
    partnership_id = models.PositiveBigIntegerField(null=True)
    municipality_id = models.PositiveBigIntegerField(null=True)
    object_kind = models.CharField(max_length=32, blank=True)
    object_id = models.PositiveBigIntegerField(null=True)
    route = models.CharField(max_length=80, blank=True)
    status = models.PositiveSmallIntegerField(null=True)
    address = models.GenericIPAddressField(null=True)

    class Meta:
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M:%S}"
