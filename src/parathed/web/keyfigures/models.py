"""Key-figure inputs (nøgletal) per municipality and year, with their provenance.

Invariant: a value never loses where it came from. ``source_value`` is what the source
said (StatBank or the municipality's own upload) and is only ever replaced by the same
source; a correction by the municipality sits beside it in ``corrected_value``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parathed.analysis.keyfigures import NATIONAL_CODE
from parathed.web.partnerships.models import Municipality


class FigureValue(models.Model):
    """One key-figure input (nøgletalsinput) of one municipality in one year."""

    class Source(models.TextChoices):
        STATBANK = "statbank", _("Statistics Denmark (StatBank)")
        MUNICIPAL = "municipal", _("the municipality's own data")

    class Status(models.TextChoices):
        UNVALIDATED = "unvalidated", _("not validated")
        CONFIRMED = "confirmed", _("confirmed")
        CORRECTED = "corrected", _("corrected")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="figure_values",
        verbose_name=_("municipality"),
        help_text=_("Empty for the national total (hele landet)."),
    )
    name = models.CharField(_("input"), max_length=80)
    year = models.PositiveSmallIntegerField(_("year"))
    source_value = models.FloatField(
        _("value from the source"),
        null=True,
        blank=True,
        help_text=_("Empty when the source has the value missing or suppressed."),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    table = models.CharField(
        _("StatBank table"), max_length=20, blank=True, help_text=_("E.g. UND2.")
    )
    extracted_on = models.DateField(_("extracted on"))
    citation = models.CharField(_("citation"), max_length=300)
    status = models.CharField(
        _("validation status"),
        max_length=20,
        choices=Status.choices,
        default=Status.UNVALIDATED,
    )
    corrected_value = models.FloatField(_("corrected value"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validated by"),
    )
    validated_on = models.DateField(_("validated on"), null=True, blank=True)

    class Meta:
        verbose_name = _("key-figure input")
        verbose_name_plural = _("key-figure inputs")
        ordering = ("municipality", "year", "name")
        constraints = [
            models.UniqueConstraint(
                fields=("municipality", "name", "year"), name="one_figure_value"
            ),
            models.UniqueConstraint(
                fields=("name", "year"),
                condition=models.Q(municipality__isnull=True),
                name="one_national_figure_value",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="corrected")
                | models.Q(corrected_value__isnull=False),
                name="correction_has_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_code} {self.name} {self.year}"

    @property
    def area_code(self) -> str:
        """The municipality's code, or ``NATIONAL_CODE`` for the national total."""
        if self.municipality is None:
            return NATIONAL_CODE
        return self.municipality.code

    @property
    def value(self) -> float | None:
        """The value in force: the municipality's correction, else the source's."""
        if self.status == self.Status.CORRECTED:
            return self.corrected_value
        return self.source_value
