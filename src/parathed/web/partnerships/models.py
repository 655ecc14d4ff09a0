"""Partnerships, the municipalities taking part, and measurement rounds."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """A Danish municipality (kommune); reference data, loaded by a migration."""

    code = models.CharField(_("municipality code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region_code = models.CharField(_("region code"), max_length=4)
    region = models.CharField(_("region"), max_length=100)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ("name",)

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


def new_anonymisation_key() -> str:
    """Returns a fresh random key (64 hex digits) for a partnership's letters."""
    return secrets.token_hex(32)


class Partnership(models.Model):
    """A partnership (partnerskab) of municipalities preparing for the reform."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_synthetic = models.BooleanField(
        _("synthetic demo data"),
        default=False,
        help_text=_("Marks every page and report as demo data."),
    )
    anonymise_municipalities = models.BooleanField(
        _("anonymise municipalities in steering-group outputs"), default=False
    )
    # Keys the order of "Kommune A", "Kommune B", ... in steering-group outputs, so
    # that knowing the public codes does not reveal which letter is which.
    anonymisation_key = models.CharField(
        _("anonymisation key"),
        max_length=64,
        default=new_anonymisation_key,
        editable=False,
    )
    municipalities: models.ManyToManyField[Municipality, Participation] = (
        models.ManyToManyField(
            Municipality,
            through="Participation",
            related_name="partnerships",
            verbose_name=_("municipalities"),
        )
    )
    consultants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="consulted_partnerships",
        blank=True,
        verbose_name=_("consultants"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def anonymisation_secret(self) -> bytes:
        """The key as bytes, for ``reporting`` (which never sees this model)."""
        return self.anonymisation_key.encode()


class Participation(models.Model):
    """A municipality taking part in a partnership (deltagerkommune)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, verbose_name=_("partnership")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, verbose_name=_("municipality")
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=("partnership", "municipality"), name="one_participation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} i {self.partnership}"


class MeasurementRound(models.Model):
    """A measurement round (måling): a baseline or a later re-measurement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("baseline")
        FOLLOW_UP = "follow_up", _("re-measurement")

    class LinkMode(models.TextChoices):
        PER_ROLE = "per_role", _("one link per role")
        SHARED = "shared", _("one link per municipality with a role question")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="rounds",
        verbose_name=_("partnership"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.BASELINE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    instrument_version = models.CharField(_("instrument version"), max_length=20)
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("anonymity threshold (scores)"), default=5
    )
    text_threshold = models.PositiveSmallIntegerField(
        _("anonymity threshold (free text)"), default=10
    )
    link_mode = models.CharField(
        _("link mode"),
        max_length=20,
        choices=LinkMode.choices,
        default=LinkMode.PER_ROLE,
        help_text=_("Frozen when the round's first link is issued."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("measurement round")
        verbose_name_plural = _("measurement rounds")
        ordering = ("partnership", "created_at")

    def __str__(self) -> str:
        return f"{self.partnership}: {self.name}"
