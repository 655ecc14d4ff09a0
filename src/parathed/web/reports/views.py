"""Report pages: start a deck, watch its status, download it when done."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from parathed.web.accounts.access import (
    access_partnership_by_slug,
    access_report_job,
    access_report_target,
    profile_of,
)
from parathed.web.accounts.models import Profile
from parathed.web.partnerships.selectors import (
    current_round,
    participating_municipalities,
)
from parathed.web.reports.models import ReportJob
from parathed.web.reports.services import (
    report_job_start,
    report_jobs_fail_interrupted,
)

CONTENT_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
REFRESH_S = 3


class ReportListView(LoginRequiredMixin, View):
    """The decks the user may render, with a button each, and their recent jobs."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        profile = profile_of(request.user)
        role = profile.role if profile else None
        municipalities = []
        if role == Profile.Role.CONSULTANT:
            municipalities = list(participating_municipalities(partnership=partnership))
        elif role == Profile.Role.CONTACT and profile and profile.municipality:
            municipalities = [profile.municipality]
        show_partnership = role in (Profile.Role.CONSULTANT, Profile.Role.STEERING)
        measurement = current_round(partnership=partnership)
        jobs = []
        if measurement is not None:
            allowed = {m.pk for m in municipalities}
            jobs = [
                j
                for j in ReportJob.objects.filter(
                    measurement_round=measurement
                ).select_related("municipality")[:50]
                if (j.municipality_id in allowed)
                or (j.municipality_id is None and show_partnership)
            ]
            report_jobs_fail_interrupted(jobs=jobs)
        return render(
            request,
            "reports/report_list.html",
            {
                "partnership": partnership,
                "round": measurement,
                "municipalities": municipalities,
                "show_partnership": show_partnership,
                "jobs": jobs,
            },
        )


class ReportStartView(LoginRequiredMixin, View):
    """Starts one deck (POST ``code``; empty for the partnership deck)."""

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        code = request.POST.get("code", "").strip()
        municipality = access_report_target(
            user=request.user, partnership=partnership, code=code or None
        )
        measurement = current_round(partnership=partnership)
        if measurement is None:
            raise Http404
        if not isinstance(request.user, User):  # LoginRequiredMixin ensures it
            raise PermissionDenied
        job = report_job_start(
            measurement_round=measurement,
            municipality=municipality,
            user=request.user,
        )
        return redirect("reports:job-status", slug=slug, job_id=job.pk)


class ReportJobView(LoginRequiredMixin, View):
    """A job's status; refreshes itself (no JavaScript) while it is pending."""

    def get(self, request: HttpRequest, slug: str, job_id: int) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        job = access_report_job(
            user=request.user, partnership=partnership, job_id=job_id
        )
        report_jobs_fail_interrupted(jobs=[job])
        response = render(
            request,
            "reports/job_status.html",
            {"partnership": partnership, "job": job, "refresh_s": REFRESH_S},
        )
        if job.is_pending:
            response["Refresh"] = str(REFRESH_S)  # as the page's meta refresh
        return response


class ReportFileView(LoginRequiredMixin, View):
    """Sends a finished job's deck (``pptx``) or PDF preview (``pdf``)."""

    def get(
        self, request: HttpRequest, slug: str, job_id: int, kind: str
    ) -> HttpResponse:
        partnership = access_partnership_by_slug(user=request.user, slug=slug)
        job = access_report_job(
            user=request.user, partnership=partnership, job_id=job_id
        )
        stored = {"pptx": job.deck_path, "pdf": job.pdf_path}.get(kind, "")
        if job.status != ReportJob.Status.DONE or not stored:
            raise Http404
        path = Path(stored)
        if not path.is_file():
            raise Http404
        # Decks are a few MB: read whole, so no file handle outlives the request.
        response = HttpResponse(path.read_bytes(), content_type=CONTENT_TYPES[kind])
        disposition = "attachment" if kind == "pptx" else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{path.name}"'
        return response
