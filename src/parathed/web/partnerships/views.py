"""Staff pages: partnerships, a municipality's results, and the deck download."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from parathed.web.accounts.access import (
    access_municipality_by_code,
    access_partnership_by_slug,
    is_consultant,
    profile_of,
    visible_partnerships,
)
from parathed.web.accounts.models import Profile
from parathed.web.partnerships.selectors import (
    current_round,
    participating_municipalities,
)
from parathed.web.partnerships.services import report_build, round_assess
from parathed.web.survey.selectors import response_counts

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


class HomeView(View):
    """Sends visitors to the login page and users to their partnerships."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        return redirect("partnerships:partnership-list")


class PartnershipListView(LoginRequiredMixin, View):
    """Lists the partnerships the user takes part in."""

    def get(self, request: HttpRequest) -> HttpResponse:
        partnerships = visible_partnerships(user=request.user).order_by("name")
        return render(
            request,
            "partnerships/partnership_list.html",
            {"partnerships": partnerships},
        )


class PartnershipDetailView(LoginRequiredMixin, View):
    """One partnership: its round and municipalities with response counts."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        profile = profile_of(request.user)
        if profile is not None and profile.role == Profile.Role.CONTACT:
            assert profile.municipality is not None  # noqa: S101 (db constraint)
            return redirect(
                "partnerships:municipality-detail",
                slug=slug,
                code=profile.municipality.code,
            )
        measurement = current_round(partnership=partnership)
        counts = response_counts(round_id=measurement.pk) if measurement else {}
        rows = [
            (m, sum(counts.get(m.pk, {}).values()))
            for m in participating_municipalities(partnership=partnership)
        ]
        return render(
            request,
            "partnerships/partnership_detail.html",
            {
                "partnership": partnership,
                "round": measurement,
                "rows": rows,
                "can_open_municipalities": is_consultant(user=request.user),
            },
        )


class MunicipalityDetailView(LoginRequiredMixin, View):
    """One municipality's questionnaire results in the current round."""

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        municipality = access_municipality_by_code(
            user=request.user, partnership=partnership, code=code
        )
        measurement = current_round(partnership=partnership)
        assessment = None
        if measurement is not None:
            assessment = round_assess(
                round_id=measurement.pk, municipality_ids=[municipality.pk]
            ).municipalities[0]
        return render(
            request,
            "partnerships/municipality_detail.html",
            {
                "partnership": partnership,
                "municipality": municipality,
                "round": measurement,
                "assessment": assessment,
            },
        )


class ReportDownloadView(LoginRequiredMixin, View):
    """Renders and sends one municipality's deck."""

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        municipality = access_municipality_by_code(
            user=request.user, partnership=partnership, code=code
        )
        measurement = current_round(partnership=partnership)
        if measurement is None:
            raise Http404
        deck = report_build(round_id=measurement.pk, municipality_id=municipality.pk)[0]
        response = HttpResponse(deck.content, content_type=PPTX)
        response["Content-Disposition"] = f'attachment; filename="{deck.filename}"'
        return response
