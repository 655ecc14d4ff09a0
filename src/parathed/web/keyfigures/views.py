"""Key-figure pages: a municipality's values to validate, the template, the upload."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from parathed.web.accounts.access import (
    access_keyfigure_overview,
    access_municipality_by_code,
    access_partnership_by_slug,
    may_validate_keyfigures,
)
from parathed.web.keyfigures.forms import CorrectionForm, UploadForm
from parathed.web.keyfigures.inputs import input_specs, spec_by_name
from parathed.web.keyfigures.selectors import (
    default_year,
    figure_for_municipality,
    figure_rows,
    figure_years,
    own_values,
    statbank_values,
    validation_status,
)
from parathed.web.keyfigures.services import (
    figure_confirm,
    figure_correct,
    figures_store_upload,
)
from parathed.web.keyfigures.workbook import (
    WorkbookRejectedError,
    build_template,
    read_upload,
)
from parathed.web.partnerships.models import Municipality, Partnership

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request: HttpRequest, *, municipality_id: int | None) -> int:
    raw = request.GET.get("aar") or request.POST.get("aar") or ""
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return default_year(municipality_id=municipality_id, today=timezone.localdate())


def _municipality(
    request: HttpRequest, slug: str, code: str
) -> tuple[Partnership, Municipality]:
    partnership = access_partnership_by_slug(user=request.user, slug=slug)
    municipality = access_municipality_by_code(
        user=request.user, partnership=partnership, code=code
    )
    return partnership, municipality


def _page_url(slug: str, code: str, year: int) -> str:
    url = reverse("keyfigures:municipality", kwargs={"slug": slug, "code": code})
    return f"{url}?aar={year}"


def _render_page(
    request: HttpRequest,
    partnership: Partnership,
    municipality: Municipality,
    year: int,
    **extra: Any,
) -> HttpResponse:
    years = figure_years(municipality_id=municipality.pk)
    if year not in years:
        years = sorted([*years, year], reverse=True)
    specs = spec_by_name()
    forms: dict[int, CorrectionForm] = extra.pop("correction_forms", {})
    entries = [
        (
            row,
            forms.get(row.id)
            or CorrectionForm(prefix=f"f{row.id}", spec=specs.get(row.name)),
        )
        for row in figure_rows(municipality_id=municipality.pk, year=year)
    ]
    context = {
        "partnership": partnership,
        "municipality": municipality,
        "year": year,
        "years": years,
        "entries": entries,
        "can_validate": may_validate_keyfigures(
            user=request.user, municipality=municipality
        ),
        "upload_form": UploadForm(),
        "problems": (),
        "correction_error": None,
    } | extra
    return render(request, "keyfigures/municipality.html", context)


class MunicipalityFiguresView(LoginRequiredMixin, View):
    """Every input of one municipality and year, with source and validation."""

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        partnership, municipality = _municipality(request, slug, code)
        year = _year(request, municipality_id=municipality.pk)
        return _render_page(request, partnership, municipality, year)


class TemplateDownloadView(LoginRequiredMixin, View):
    """The municipality's Excel template, pre-filled with StatBank's values."""

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        _partnership, municipality = _municipality(request, slug, code)
        year = _year(request, municipality_id=municipality.pk)
        content = build_template(
            municipality_code=municipality.code,
            municipality_name=municipality.name,
            year=year,
            specs=input_specs(),
            statbank_values=statbank_values(municipality_id=municipality.pk, year=year),
            own_values=own_values(municipality_id=municipality.pk, year=year),
        )
        response = HttpResponse(content, content_type=XLSX)
        filename = f"noegletal-{municipality.code}-{year}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class UploadView(LoginRequiredMixin, View):
    """Checks an uploaded template and stores its values only if all are valid."""

    def post(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        partnership, municipality = _municipality(request, slug, code)
        year = _year(request, municipality_id=municipality.pk)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return _render_page(
                request, partnership, municipality, year, upload_form=form
            )
        try:
            uploaded_year, values = read_upload(
                form.cleaned_data["file"],
                municipality_code=municipality.code,
                specs=input_specs(),
            )
        except WorkbookRejectedError as rejected:
            return _render_page(
                request,
                partnership,
                municipality,
                year,
                upload_form=form,
                problems=rejected.problems,
            )
        result = figures_store_upload(
            municipality=municipality,
            year=uploaded_year,
            values=values,
            uploaded_on=timezone.localdate(),
            user_id=request.user.pk,
        )
        if result.created or result.updated:
            messages.success(
                request,
                _(
                    "The file has been read: %(created)s new values, %(updated)s "
                    "changed, %(unchanged)s unchanged."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
        else:
            messages.info(
                request,
                _("The file has been read; it holds no new values, nothing changed."),
            )
        return redirect(_page_url(slug, code, uploaded_year))


class FigureConfirmView(LoginRequiredMixin, View):
    """The municipal contact confirms one value as it stands."""

    def post(
        self, request: HttpRequest, slug: str, code: str, figure_id: int
    ) -> HttpResponse:
        _partnership, municipality = _municipality(request, slug, code)
        if not may_validate_keyfigures(user=request.user, municipality=municipality):
            raise PermissionDenied
        figure = figure_for_municipality(
            figure_id=figure_id, municipality_id=municipality.pk
        )
        if figure is None:
            raise Http404
        figure_confirm(
            figure=figure, user_id=request.user.pk, today=timezone.localdate()
        )
        messages.success(request, _("The value has been confirmed."))
        return redirect(_page_url(slug, code, figure.year) + f"#figure-{figure.pk}")


class FigureCorrectView(LoginRequiredMixin, View):
    """The municipal contact corrects one value and says why."""

    def post(
        self, request: HttpRequest, slug: str, code: str, figure_id: int
    ) -> HttpResponse:
        partnership, municipality = _municipality(request, slug, code)
        if not may_validate_keyfigures(user=request.user, municipality=municipality):
            raise PermissionDenied
        figure = figure_for_municipality(
            figure_id=figure_id, municipality_id=municipality.pk
        )
        if figure is None:
            raise Http404
        form = CorrectionForm(
            request.POST, prefix=f"f{figure.pk}", spec=spec_by_name().get(figure.name)
        )
        if not form.is_valid():
            return _render_page(
                request,
                partnership,
                municipality,
                figure.year,
                correction_forms={figure.pk: form},
            )
        figure_correct(
            figure=figure,
            user_id=request.user.pk,
            value=form.cleaned_data["value"],
            comment=form.cleaned_data["comment"],
            today=timezone.localdate(),
        )
        messages.success(request, _("The correction has been saved."))
        return redirect(_page_url(slug, code, figure.year) + f"#figure-{figure.pk}")


class OverviewView(LoginRequiredMixin, View):
    """Consultants: how far each municipality of the partnership has validated."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = access_keyfigure_overview(user=request.user, slug=slug)
        year = _year(request, municipality_id=None)
        return render(
            request,
            "keyfigures/overview.html",
            {
                "partnership": partnership,
                "year": year,
                "statuses": validation_status(partnership=partnership, year=year),
            },
        )
