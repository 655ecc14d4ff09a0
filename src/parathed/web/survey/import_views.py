"""Staff pages of the response import: upload, map the columns, see the result.

Only consultants of the partnership reach them (``access_response_import``). A
refused upload or mapping shows a report of every problem with row, column and a
Danish reason, and stores nothing.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from parathed.instrument.loader import load_published
from parathed.intake.responses import Problem, suggest_targets
from parathed.web.accounts.access import (
    access_import_batch_by_id,
    access_response_import,
)
from parathed.web.partnerships.models import MeasurementRound, Municipality, Partnership
from parathed.web.partnerships.selectors import current_round
from parathed.web.survey.import_forms import MappingForm, UploadForm
from parathed.web.survey.import_selectors import column_samples, import_batches_for
from parathed.web.survey.import_services import (
    ImportRefusedError,
    import_batch_cancel,
    import_batch_run,
    import_batch_upload,
    pending_table,
)
from parathed.web.survey.models import ImportBatch

REPORT_LIMIT = 500  # problems listed on the page; the count says how many there are

TEMPLATE_UPLOAD = "survey/import/upload.html"
TEMPLATE_MAP = "survey/import/map.html"


def _report(error: ImportRefusedError) -> dict[str, object]:
    problems: tuple[Problem, ...] = error.problems
    return {
        "refusal": error.message,
        "problems": problems[:REPORT_LIMIT],
        "problem_count": len(problems),
        "problems_hidden": max(0, len(problems) - REPORT_LIMIT),
    }


class ImportUploadView(LoginRequiredMixin, View):
    """Lists the municipality's imports and takes a new file."""

    def _render(
        self,
        request: HttpRequest,
        partnership: Partnership,
        municipality: Municipality,
        measurement: MeasurementRound | None,
        form: UploadForm,
        extra: dict[str, object] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        batches = (
            import_batches_for(round_id=measurement.pk, municipality_id=municipality.pk)
            if measurement
            else []
        )
        context = {
            "partnership": partnership,
            "municipality": municipality,
            "round": measurement,
            "form": form,
            "batches": batches,
            **(extra or {}),
        }
        return render(request, TEMPLATE_UPLOAD, context, status=status)

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        partnership, municipality = access_response_import(
            user=request.user, slug=slug, code=code
        )
        measurement = current_round(partnership=partnership)
        return self._render(
            request, partnership, municipality, measurement, UploadForm()
        )

    def post(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        partnership, municipality = access_response_import(
            user=request.user, slug=slug, code=code
        )
        measurement = current_round(partnership=partnership)
        if measurement is None:
            raise Http404
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(
                request, partnership, municipality, measurement, form, status=400
            )
        upload = form.cleaned_data["file"]
        try:
            batch = import_batch_upload(
                round=measurement,
                municipality=municipality,
                user_id=request.user.pk or 0,
                data=upload.read(),
                filename=upload.name or "",
                today=timezone.localdate(),
            )
        except ImportRefusedError as error:
            return self._render(
                request,
                partnership,
                municipality,
                measurement,
                UploadForm(),
                _report(error),
                status=400,
            )
        return redirect("imports:batch-map", slug=slug, code=code, batch_id=batch.pk)


class ImportMapView(LoginRequiredMixin, View):
    """Shows the columns with suggested meanings, and imports on confirmation."""

    def _form(
        self, request: HttpRequest, batch: ImportBatch, data: object = None
    ) -> MappingForm:
        table = pending_table(batch)
        instrument = load_published(batch.round.instrument_version)
        return MappingForm(
            data,
            headers=table.headers,
            samples=column_samples(table.headers, table.rows),
            instrument=instrument,
            suggested=suggest_targets(table.headers, instrument),
        )

    def _render(
        self,
        request: HttpRequest,
        batch: ImportBatch,
        form: MappingForm,
        extra: dict[str, object] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        return render(
            request,
            TEMPLATE_MAP,
            {
                "partnership": batch.round.partnership,
                "municipality": batch.municipality,
                "batch": batch,
                "form": form,
                **(extra or {}),
            },
            status=status,
        )

    def _batch(
        self, request: HttpRequest, slug: str, code: str, batch_id: int
    ) -> ImportBatch | HttpResponse:
        batch = access_import_batch_by_id(
            user=request.user, slug=slug, code=code, batch_id=batch_id
        )
        if batch.status == ImportBatch.Status.IMPORTED:
            return redirect(
                "imports:batch-done", slug=slug, code=code, batch_id=batch.pk
            )
        return batch

    def get(
        self, request: HttpRequest, slug: str, code: str, batch_id: int
    ) -> HttpResponse:
        batch = self._batch(request, slug, code, batch_id)
        if isinstance(batch, HttpResponse):
            return batch
        return self._render(request, batch, self._form(request, batch))

    def post(
        self, request: HttpRequest, slug: str, code: str, batch_id: int
    ) -> HttpResponse:
        batch = self._batch(request, slug, code, batch_id)
        if isinstance(batch, HttpResponse):
            return batch
        form = self._form(request, batch, request.POST)
        if not form.is_valid():
            return self._render(request, batch, form, status=400)
        try:
            import_batch_run(
                batch_id=batch.pk, mapping=form.mapping(), today=timezone.localdate()
            )
        except ImportRefusedError as error:
            batch.refresh_from_db(fields=["status"])
            if batch.status == ImportBatch.Status.IMPORTED:
                # A double click: the first request imported it; show its result.
                return redirect(
                    "imports:batch-done", slug=slug, code=code, batch_id=batch.pk
                )
            return self._render(request, batch, form, _report(error), status=400)
        return redirect("imports:batch-done", slug=slug, code=code, batch_id=batch.pk)


class ImportCancelView(LoginRequiredMixin, View):
    """Deletes a file still waiting for its mapping."""

    def post(
        self, request: HttpRequest, slug: str, code: str, batch_id: int
    ) -> HttpResponse:
        batch = access_import_batch_by_id(
            user=request.user, slug=slug, code=code, batch_id=batch_id
        )
        import_batch_cancel(batch=batch)
        return redirect("imports:batch-upload", slug=slug, code=code)


class ImportDoneView(LoginRequiredMixin, View):
    """What an import stored, and how many rows had been imported before."""

    def get(
        self, request: HttpRequest, slug: str, code: str, batch_id: int
    ) -> HttpResponse:
        batch = access_import_batch_by_id(
            user=request.user, slug=slug, code=code, batch_id=batch_id
        )
        if batch.status != ImportBatch.Status.IMPORTED:
            return redirect(
                "imports:batch-map", slug=slug, code=code, batch_id=batch.pk
            )
        return render(
            request,
            "survey/import/done.html",
            {
                "partnership": batch.round.partnership,
                "municipality": batch.municipality,
                "batch": batch,
            },
        )
