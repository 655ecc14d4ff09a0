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
