"""Staff pages of questionnaire collection: a round's settings and links, invitations
to print, and response rates with expected numbers and a reminder text.

Who may do what is decided in ``web/accounts/access.py``; these views only call it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from parathed.instrument.loader import load_instrument
from parathed.web.accounts.access import (
    access_link_by_id,
    access_link_management,
    access_municipality_by_code,
    access_partnership_by_slug,
    profile_of,
)
from parathed.web.accounts.models import Profile
from parathed.web.partnerships.models import MeasurementRound, Municipality, Partnership
from parathed.web.partnerships.selectors import (
    current_round,
    participating_municipalities,
)
from parathed.web.survey.link_forms import (
    ExpectedHeadcountForm,
    RoundCreateForm,
    RoundSettingsForm,
)
from parathed.web.survey.link_selectors import (
    LinkRow,
    MunicipalityRates,
    RoleRate,
    current_links,
    first_link_issued_at,
    response_rates,
    role_label,
)
from parathed.web.survey.link_services import (
    LinkRotatedError,
    RoundClosedError,
    RoundSettingsFrozenError,
    expected_headcounts_set,
    link_close,
    link_reopen,
    link_rotate,
    round_close,
    round_create,
    round_links_issue,
    round_settings_update,
)
from parathed.web.survey.qr import qr_svg


@dataclass(frozen=True, slots=True)
class ShownLink:
    """A link as a page shows it: the row, its full URL and, on request, a QR code."""

    row: LinkRow
    url: str
    qr: str = ""
    actions: dict[str, str] = field(default_factory=dict)  # action -> POST URL


@dataclass(frozen=True, slots=True)
class MunicipalityLinks:
    """One municipality's current links on the round page."""

    code: str
    name: str
    links: tuple[ShownLink, ...]


LINK_ACTIONS = ("close", "reopen", "rotate")
_SLOT = "0"  # a stand-in, so each URL is reversed once per page, not once per link


def _shown(
    request: HttpRequest, rows: list[LinkRow], *, qr: bool, slug: str = ""
) -> list[ShownLink]:
    """Returns the links with full URLs, QR codes if asked, and action URLs if
    ``slug`` is given."""
    opened = request.build_absolute_uri(reverse("survey:link-open", args=["TOKEN"]))
    before, after = opened.split("TOKEN")
    actions = {}
    if slug:
        for action in LINK_ACTIONS:
            url = reverse(f"links:link-{action}", args=[slug, _SLOT])
            actions[action] = url.rsplit(f"/{_SLOT}/", 1)
    shown = []
    for row in rows:
        url = f"{before}{row.token}{after}"
        shown.append(
            ShownLink(
                row=row,
                url=url,
                qr=qr_svg(url) if qr else "",
                actions={
                    action: f"{head}/{row.id}/{tail}"
                    for action, (head, tail) in actions.items()
                },
            )
        )
    return shown


def _round_or_404(partnership: Partnership) -> MeasurementRound:
    measurement = current_round(partnership=partnership)
    if measurement is None:
        raise Http404
    return measurement


def _frozen_reason(measurement: MeasurementRound) -> str:
    issued = first_link_issued_at(round_id=measurement.pk)
    if issued is None:
        return ""
    return _(
        "Locked: the first link was issued on %(date)s. Thresholds and link type "
        "cannot change once links are out, so every answer in the round is treated "
        "alike."
    ) % {"date": issued.strftime("%d.%m.%Y")}


class _RoundPage(LoginRequiredMixin, View):
    """Renders the consultant's round page."""

    def _page(
        self,
        request: HttpRequest,
        partnership: Partnership,
        measurement: MeasurementRound | None,
        form: RoundSettingsForm | None = None,
        status: int = 200,
        create_form: RoundCreateForm | None = None,
    ) -> HttpResponse:
        context: dict[str, Any] = {
            "partnership": partnership,
            "round": measurement,
            "create_form": create_form or RoundCreateForm(),
        }
        if measurement is not None:
            reason = _frozen_reason(measurement)
            if form is None:
                form = RoundSettingsForm(
                    initial={
                        "anonymity_threshold": measurement.anonymity_threshold,
                        "text_threshold": measurement.text_threshold,
                        "link_mode": measurement.link_mode,
                    }
                )
            if reason:
                for field in form.fields.values():
                    field.disabled = True
            rows = current_links(round_id=measurement.pk)
            by_code: dict[str, list[ShownLink]] = {}
            for shown in _shown(request, rows, qr=False, slug=partnership.slug):
                by_code.setdefault(shown.row.municipality_code, []).append(shown)
            municipalities = participating_municipalities(partnership=partnership)
            context |= {
                "form": form,
                "frozen_reason": reason,
                "municipalities": [
                    MunicipalityLinks(m.code, m.name, tuple(by_code.get(m.code, [])))
                    for m in municipalities
                ],
                "missing": sum(1 for m in municipalities if m.code not in by_code),
                "round_closed": measurement.status == MeasurementRound.Status.CLOSED,
            }
        return render(request, "survey/staff/round_manage.html", context, status=status)


class RoundManageView(_RoundPage):
    """The consultant's round page: settings (frozen after the first link), links."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        access_link_management(user=request.user, partnership=partnership)
        return self._page(request, partnership, current_round(partnership=partnership))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        access_link_management(user=request.user, partnership=partnership)
        measurement = _round_or_404(partnership)
        form = RoundSettingsForm(request.POST)
        if _frozen_reason(measurement):
            messages.error(
                request, _("The settings were not changed: they are locked.")
            )
            return self._page(request, partnership, measurement, status=409)
        if not form.is_valid():
            return self._page(request, partnership, measurement, form, status=400)
        try:
            round_settings_update(round=measurement, settings=form.settings())
        except RoundSettingsFrozenError:
            messages.error(
                request, _("The settings were not changed: they are locked.")
            )
            return self._page(request, partnership, measurement, status=409)
        messages.success(request, _("The settings are saved."))
        return redirect("links:round-manage", slug=slug)


class RoundCreateView(_RoundPage):
    """Opens a new round for the partnership (POST only); it becomes the current one."""

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        access_link_management(user=request.user, partnership=partnership)
        form = RoundCreateForm(request.POST)
        if not form.is_valid():
            return self._page(
                request,
                partnership,
                current_round(partnership=partnership),
                status=400,
                create_form=form,
            )
        measurement = round_create(
            partnership=partnership,
            name=form.cleaned_data["name"],
            instrument_version=load_instrument().version,
        )
        messages.success(
            request,
            _("The round %(name)s is open. Check the settings, then issue the links.")
            % {"name": measurement.name},
        )
        return redirect("links:round-manage", slug=slug)


class RoundCloseView(LoginRequiredMixin, View):
    """Closes the current round (POST only): its links then take no answers."""

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        access_link_management(user=request.user, partnership=partnership)
        measurement = _round_or_404(partnership)
        round_close(round=measurement)
        messages.success(
            request,
            _(
                "The round is closed. Its links no longer take answers; the answers "
                "given are kept."
            ),
        )
        return redirect("links:round-manage", slug=slug)


class LinksIssueView(LoginRequiredMixin, View):
    """Issues the missing links of every municipality in the round (POST only)."""

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        access_link_management(user=request.user, partnership=partnership)
        measurement = _round_or_404(partnership)
        try:
            created = round_links_issue(
                round=measurement,
                municipalities=participating_municipalities(partnership=partnership),
            )
        except RoundClosedError:
            messages.error(request, _("The round is closed; no links were issued."))
            return redirect("links:round-manage", slug=slug)
        messages.success(
            request,
            ngettext(
                "%(count)s link was issued.",
                "%(count)s links were issued.",
                len(created),
            )
            % {"count": len(created)},
        )
        return redirect("links:round-manage", slug=slug)


class LinkActionView(LoginRequiredMixin, View):
    """Closes, reopens or rotates one link (POST only)."""

    action = ""

    def post(self, request: HttpRequest, slug: str, link_id: int) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        link = access_link_by_id(
            user=request.user, partnership=partnership, link_id=link_id
        )
        where = f"{link.municipality.name}, {role_label(link.role).lower()}"
        try:
            if self.action == "close":
                link_close(link=link)
                messages.success(
                    request, _("Link closed: %(where)s.") % {"where": where}
                )
            elif self.action == "reopen":
                link_reopen(link=link)
                messages.success(
                    request, _("Link reopened: %(where)s.") % {"where": where}
                )
            else:
                link_rotate(link=link)
                messages.success(
                    request,
                    _(
                        "New link issued: %(where)s. The old link is closed; answers "
                        "already given are kept."
                    )
                    % {"where": where},
                )
        except LinkRotatedError:
            messages.error(request, _("This link has already been replaced."))
        except RoundClosedError:
            messages.error(request, _("The round is closed; the link was not changed."))
        return redirect(
            reverse("links:round-manage", kwargs={"slug": slug})
            + f"#kommune-{link.municipality.code}"
        )


def _rates_context(
    request: HttpRequest, partnership: Partnership, measurement: MeasurementRound
) -> dict[str, Any]:
    rates = response_rates(
        round_id=measurement.pk,
        municipalities=participating_municipalities(partnership=partnership),
    )
    roles = rates[0].roles if rates else ()
    totals = tuple(
        RoleRate(
            role=role.role,
            role_label=role.role_label,
            submitted=sum(r.roles[n].submitted for r in rates),
            expected=None
            if any(r.roles[n].expected is None for r in rates)
            else sum(r.roles[n].expected or 0 for r in rates),
        )
        for n, role in enumerate(roles)
    )
    return {
        "rates": rates,
        "totals": MunicipalityRates(
            code="", name=_("All municipalities"), roles=totals
        ),
    }


class PartnershipRatesView(LoginRequiredMixin, View):
    """Response rates by role for every municipality of the round (consultants)."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        profile = profile_of(request.user)
        if profile is not None and profile.role == Profile.Role.CONTACT:
            assert profile.municipality is not None  # noqa: S101 (db constraint)
            return redirect(
                "links:municipality-rates", slug=slug, code=profile.municipality.code
            )
        access_link_management(user=request.user, partnership=partnership)
        measurement = current_round(partnership=partnership)
        context: dict[str, Any] = {"partnership": partnership, "round": measurement}
        if measurement is not None:
            context |= _rates_context(request, partnership, measurement)
        return render(request, "survey/staff/partnership_rates.html", context)


class MunicipalityRatesView(LoginRequiredMixin, View):
    """A municipality's expected numbers (editable), rates and reminder texts."""

    def _page(
        self,
        request: HttpRequest,
        partnership: Partnership,
        municipality: Municipality,
        form: ExpectedHeadcountForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        measurement = current_round(partnership=partnership)
        context: dict[str, Any] = {
            "partnership": partnership,
            "municipality": municipality,
            "round": measurement,
        }
        if measurement is not None:
            rates = response_rates(
                round_id=measurement.pk, municipalities=[municipality]
            )[0]
            if form is None:
                form = ExpectedHeadcountForm(
                    initial={r.role: r.expected for r in rates.roles}
                )
            links = _shown(
                request,
                current_links(
                    round_id=measurement.pk, municipality_ids=[municipality.pk]
                ),
                qr=False,
            )
            by_role = {r.role: r for r in rates.roles}
            reminders = [
                (link, by_role.get(link.row.role, rates.total))
                for link in links
                if link.row.is_open
            ]
            context |= {
                "form": form,
                "rates": rates,
                "reminders": reminders,
                "threshold": measurement.anonymity_threshold,
            }
        return render(
            request, "survey/staff/municipality_rates.html", context, status=status
        )

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        municipality = access_municipality_by_code(
            user=request.user, partnership=partnership, code=code
        )
        return self._page(request, partnership, municipality)

    def post(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        municipality = access_municipality_by_code(
            user=request.user, partnership=partnership, code=code
        )
        measurement = _round_or_404(partnership)
        form = ExpectedHeadcountForm(request.POST)
        if not form.is_valid():
            return self._page(request, partnership, municipality, form, status=400)
        expected_headcounts_set(
            round=measurement, municipality=municipality, expected=form.expected()
        )
        messages.success(request, _("The expected numbers are saved."))
        return redirect("links:municipality-rates", slug=slug, code=code)


class InvitationsPrintView(LoginRequiredMixin, View):
    """A print-friendly page of a municipality's open links with QR codes and text."""

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        municipality = access_municipality_by_code(
            user=request.user, partnership=partnership, code=code
        )
        measurement = current_round(partnership=partnership)
        links: list[ShownLink] = []
        if measurement is not None:
            rows = current_links(
                round_id=measurement.pk, municipality_ids=[municipality.pk]
            )
            links = _shown(request, [r for r in rows if r.is_open], qr=True)
        return render(
            request,
            "survey/staff/invitations_print.html",
            {
                "partnership": partnership,
                "municipality": municipality,
                "round": measurement,
                "links": links,
            },
        )
