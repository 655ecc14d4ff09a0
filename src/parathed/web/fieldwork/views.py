"""Fieldwork pages: case list and screening form, agreement, interviews, coverage, log.

Only the partnership's consultants open these pages (``accounts.access``). Every read
and write is logged by id; a refused access to an existing partnership is logged too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from parathed.analysis.agreement import case_outcomes, compare_screenings
from parathed.instrument.loader import load_published
from parathed.instrument.schema import (
    CHECK_STATUS_LABELS_DA,
    ROLE_LABELS_DA,
    CheckStatus,
    Instrument,
    Role,
)
from parathed.web.accounts.access import (
    access_case_screening_by_id,
    access_fieldwork_by_code,
    access_fieldwork_log_by_slug,
    access_interview_by_id,
)
from parathed.web.fieldwork import selectors, services
from parathed.web.fieldwork.forms import (
    CaseLabelForm,
    CasePlanForm,
    CaseScreeningForm,
    InterviewForm,
    StatementForm,
)
from parathed.web.fieldwork.models import AccessLogEntry, CaseScreening, Interview
from parathed.web.partnerships.models import MeasurementRound, Municipality, Partnership
from parathed.web.partnerships.selectors import current_round

Action = AccessLogEntry.Action
Kind = AccessLogEntry.Kind
T = TypeVar("T")


def _guarded(
    request: HttpRequest,
    *,
    slug: str,
    code: str | None,
    kind: AccessLogEntry.Kind,
    object_id: int,
    get: Callable[[], T],
) -> T:
    """Runs an access getter; a refusal (403/404) is logged before it is raised."""
    try:
        return get()
    except (PermissionDenied, Http404):
        services.access_log_denied(
            user=request.user, slug=slug, code=code, kind=kind, object_id=object_id
        )
        raise


def _log(
    request: HttpRequest,
    partnership: Partnership,
    municipality: Municipality | None,
    action: AccessLogEntry.Action,
    kind: AccessLogEntry.Kind,
    object_id: int = 0,
) -> None:
    services.access_log_record(
        user=request.user,
        partnership=partnership,
        municipality=municipality,
        action=action,
        kind=kind,
        object_id=object_id,
    )


def _round_or_404(partnership: Partnership) -> MeasurementRound:
    measurement = current_round(partnership=partnership)
    if measurement is None:
        raise Http404
    return measurement


def _base(partnership: Partnership, municipality: Municipality) -> dict[str, Any]:
    return {"partnership": partnership, "municipality": municipality}


def _list_scope(
    request: HttpRequest, *, slug: str, code: str, kind: Kind
) -> tuple[Partnership, Municipality, MeasurementRound]:
    """Returns the scope of a municipality's list page, logging a refused access."""
    partnership, municipality = _guarded(
        request,
        slug=slug,
        code=code,
        kind=kind,
        object_id=0,
        get=lambda: access_fieldwork_by_code(user=request.user, slug=slug, code=code),
    )
    return partnership, municipality, _round_or_404(partnership)


class CaseListView(LoginRequiredMixin, View):
    """The cases of a municipality: progress, agreement, a new case, the plan."""

    def _scope(
        self, request: HttpRequest, slug: str, code: str
    ) -> tuple[Partnership, Municipality, MeasurementRound]:
        return _list_scope(request, slug=slug, code=code, kind=Kind.CASE_LIST)

    def _render(
        self,
        request: HttpRequest,
        scope: tuple[Partnership, Municipality, MeasurementRound],
        label_form: CaseLabelForm,
        plan_form: CasePlanForm,
        status: int = 200,
    ) -> HttpResponse:
        partnership, municipality, measurement = scope
        overview = selectors.case_overview(
            round_id=measurement.pk, municipality_id=municipality.pk
        )
        _log(request, partnership, municipality, Action.READ, Kind.CASE_LIST)
        own = {
            row.label
            for row in overview.cases
            for s in row.screenings
            if s.screener == request.user.get_username()
        }
        return render(
            request,
            "fieldwork/case_list.html",
            _base(partnership, municipality)
            | {
                "round": measurement,
                "overview": overview,
                "own_labels": own,
                "label_form": label_form,
                "plan_form": plan_form,
                "remaining": max(0, overview.planned - len(overview.cases)),
                "pooled_percent": None
                if overview.pooled_agreement is None
                else round(100 * overview.pooled_agreement),
            },
            status=status,
        )

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        scope = self._scope(request, slug, code)
        planned = selectors.planned_cases(
            round_id=scope[2].pk, municipality_id=scope[1].pk
        )
        return self._render(
            request,
            scope,
            CaseLabelForm(),
            CasePlanForm(initial={"planned_cases": planned}),
        )

    def post(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        scope = self._scope(request, slug, code)
        partnership, municipality, measurement = scope
        planned = selectors.planned_cases(
            round_id=measurement.pk, municipality_id=municipality.pk
        )
        if request.POST.get("action") == "plan":
            plan_form = CasePlanForm(request.POST)
            if not plan_form.is_valid():
                return self._render(request, scope, CaseLabelForm(), plan_form, 400)
            services.case_plan_set(
                round=measurement,
                municipality=municipality,
                planned_cases=plan_form.cleaned_data["planned_cases"],
            )
            messages.success(request, _("The number of cases was saved."))
            return redirect(request.path)
        label_form = CaseLabelForm(request.POST)
        plan_form = CasePlanForm(initial={"planned_cases": planned})
        if not label_form.is_valid():
            return self._render(request, scope, label_form, plan_form, 400)
        try:
            screening = services.case_screening_create(
                round=measurement,
                municipality=municipality,
                label=label_form.cleaned_data["label"],
                screener=request.user,  # type: ignore[arg-type]
            )
        except services.LabelTakenError:
            label_form.add_error(
                "label", _("You already screen a case with this label.")
            )
            return self._render(request, scope, label_form, plan_form, 400)
        _log(request, partnership, municipality, Action.CREATE, Kind.CASE, screening.pk)
        return redirect(
            "fieldwork:case-edit", slug=slug, code=code, screening_id=screening.pk
        )


class CaseEditView(LoginRequiredMixin, View):
    """The screening form: facts, then the checks by theme; save, resume, complete."""

    def _screening(
        self, request: HttpRequest, slug: str, code: str, screening_id: int
    ) -> CaseScreening:
        return _guarded(
            request,
            slug=slug,
            code=code,
            kind=Kind.CASE,
            object_id=screening_id,
            get=lambda: access_case_screening_by_id(
                user=request.user, slug=slug, code=code, screening_id=screening_id
            ),
        )

    def _form(
        self, screening: CaseScreening, data: Any = None
    ) -> tuple[CaseScreeningForm, dict[str, Any]]:
        stored = selectors.screening_answers(screening)
        form = CaseScreeningForm(
            data,
            instrument=load_published(screening.instrument_version),
            screening=screening,
            stored=stored,
            dates=selectors.screening_dates(screening),
        )
        return form, stored

    def _render(
        self,
        request: HttpRequest,
        screening: CaseScreening,
        form: CaseScreeningForm,
        stored: dict[str, Any],
        *,
        problems: list[str] | None = None,
        saved: bool = False,
        status: int = 200,
    ) -> HttpResponse:
        instrument = load_published(screening.instrument_version)
        problem_rows = []
        for problem in problems or []:
            if problem == "age_band":
                problem_rows.append(("facts", _("Choose the child's age.")))
            elif problem == "kinds":
                problem_rows.append(("facts", _("Tick the kind of case.")))
            else:
                check = instrument.case_check(problem)
                problem_rows.append(
                    (
                        f"check-{problem}",
                        _("%(check)s is not answered (%(text)s)")
                        % {"check": problem, "text": check.text[:70] + "…"},
                    )
                )
        groups = form.check_groups(stored)
        decided, applicable = selectors.screening_progress(screening, stored.values())
        return render(
            request,
            "fieldwork/case_edit.html",
            _base(screening.round.partnership, screening.municipality)
            | {
                "screening": screening,
                "form": form,
                "groups": groups,
                "decided": decided,
                "applicable": applicable,
                "problems": problem_rows,
                "refusals": form.soft_refusals(),
                "saved": saved,
            },
            status=status,
        )

    def get(
        self, request: HttpRequest, slug: str, code: str, screening_id: int
    ) -> HttpResponse:
        screening = self._screening(request, slug, code, screening_id)
        _log(
            request,
            screening.round.partnership,
            screening.municipality,
            Action.READ,
            Kind.CASE,
            screening.pk,
        )
        form, stored = self._form(screening)
        return self._render(request, screening, form, stored)

    def post(
        self, request: HttpRequest, slug: str, code: str, screening_id: int
    ) -> HttpResponse:
        screening = self._screening(request, slug, code, screening_id)
        partnership, municipality = screening.round.partnership, screening.municipality
        form, stored = self._form(screening, request.POST)
        if not form.is_valid():
            return self._render(request, screening, form, stored, status=400)
        services.case_screening_save(
            screening=screening, facts=form.facts(), answers=form.answers()
        )
        _log(request, partnership, municipality, Action.UPDATE, Kind.CASE, screening.pk)
        if form.soft_refusals():
            # Re-show the saved page with the refusal; the refused text is gone.
            fresh, stored = self._form(screening)
            fresh.refusals = form.refusals
            return self._render(
                request, screening, fresh, stored, saved=True, status=400
            )
        if request.POST.get("action") == "complete":
            problems = services.case_screening_complete(screening=screening)
            if problems:
                fresh, stored = self._form(screening)
                return self._render(
                    request, screening, fresh, stored, problems=problems, status=400
                )
            _log(
                request,
                partnership,
                municipality,
                Action.COMPLETE,
                Kind.CASE,
                screening.pk,
            )
            messages.success(
                request,
                _("%(label)s is complete.") % {"label": screening.label},
            )
            return redirect("fieldwork:case-list", slug=slug, code=code)
        messages.success(
            request,
            _("Saved. You can finish the screening later."),
        )
        return redirect(
            "fieldwork:case-edit", slug=slug, code=code, screening_id=screening.pk
        )


class CaseAgreementView(LoginRequiredMixin, View):
    """Two consultants' screenings of one case, check by check, disagreements first."""

    def get(
        self, request: HttpRequest, slug: str, code: str, screening_id: int
    ) -> HttpResponse:
        screening = _guarded(
            request,
            slug=slug,
            code=code,
            kind=Kind.AGREEMENT,
            object_id=screening_id,
            get=lambda: access_case_screening_by_id(
                user=request.user, slug=slug, code=code, screening_id=screening_id
            ),
        )
        pair = selectors.screening_pair(screening)
        if pair is None:
            raise Http404
        partnership, municipality = screening.round.partnership, screening.municipality
        for one in pair:
            _log(
                request, partnership, municipality, Action.READ, Kind.AGREEMENT, one.pk
            )
        instrument = load_published(screening.instrument_version)
        first, second = (
            selectors.screening_evidence(s, s.answers.all(), instrument=instrument)
            for s in pair
        )
        agreement = compare_screenings(first, second, instrument.case_checks)
        rows = _agreement_rows(instrument, agreement)
        return render(
            request,
            "fieldwork/case_agreement.html",
            _base(partnership, municipality)
            | {
                "pair": pair,
                "agreement": agreement,
                "disagreeing": [r for r in rows if r["agree"] is False],
                "agreeing": [r for r in rows if r["agree"] is not False],
                "outcomes": (
                    case_outcomes(first, instrument.case_checks),
                    case_outcomes(second, instrument.case_checks),
                ),
            },
        )


def _status_label(status: CheckStatus | None) -> str:
    return CHECK_STATUS_LABELS_DA[status] if status else _("not decided")


def _agreement_rows(instrument: Instrument, agreement: Any) -> list[dict[str, Any]]:
    themes = {t.code: t.title for t in instrument.themes}
    rows = []
    for row in agreement.checks:
        check = instrument.case_check(row.check_id)
        rows.append(
            {
                "id": check.id,
                "text": check.text,
                "theme": themes[check.theme],
                "law": ", ".join(r.label() for r in check.law_refs),
                "first": _status_label(row.first),
                "second": _status_label(row.second),
                "agree": row.agree,
            }
        )
    return rows


class InterviewListView(LoginRequiredMixin, View):
    """The interviews of a municipality and a form for a new one."""

    def _scope(
        self, request: HttpRequest, slug: str, code: str
    ) -> tuple[Partnership, Municipality, MeasurementRound]:
        return _list_scope(request, slug=slug, code=code, kind=Kind.INTERVIEW_LIST)

    def _render(
        self,
        request: HttpRequest,
        scope: tuple[Partnership, Municipality, MeasurementRound],
        form: InterviewForm,
        status: int = 200,
    ) -> HttpResponse:
        partnership, municipality, measurement = scope
        interviews = selectors.interviews_of(
            round_id=measurement.pk, municipality_id=municipality.pk
        )
        _log(request, partnership, municipality, Action.READ, Kind.INTERVIEW_LIST)
        return render(
            request,
            "fieldwork/interview_list.html",
            _base(partnership, municipality)
            | {
                "round": measurement,
                "interviews": [
                    (i, [ROLE_LABELS_DA[Role(r)] for r in i.roles]) for i in interviews
                ],
                "form": form,
            },
            status=status,
        )

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        return self._render(request, self._scope(request, slug, code), InterviewForm())

    def post(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        scope = self._scope(request, slug, code)
        partnership, municipality, measurement = scope
        form = InterviewForm(request.POST)
        if not form.is_valid():
            return self._render(request, scope, form, 400)
        data = form.cleaned_data
        interview = services.interview_create(
            round=measurement,
            municipality=municipality,
            held_on=data["held_on"],
            roles=data["roles"],
            participants=data["participants"],
            notes=data["notes"] or "",
            interviewer=request.user,  # type: ignore[arg-type]
        )
        _log(
            request,
            partnership,
            municipality,
            Action.CREATE,
            Kind.INTERVIEW,
            interview.pk,
        )
        if form.soft_refusals():
            for _name, refusal in form.soft_refusals():
                messages.error(request, refusal)
        return redirect(
            "fieldwork:interview-detail",
            slug=slug,
            code=code,
            interview_id=interview.pk,
        )


class InterviewDetailView(LoginRequiredMixin, View):
    """One interview: its record and its coded statements."""

    def _interview(
        self, request: HttpRequest, slug: str, code: str, interview_id: int
    ) -> Interview:
        return _guarded(
            request,
            slug=slug,
            code=code,
            kind=Kind.INTERVIEW,
            object_id=interview_id,
            get=lambda: access_interview_by_id(
                user=request.user, slug=slug, code=code, interview_id=interview_id
            ),
        )

    def _render(
        self,
        request: HttpRequest,
        interview: Interview,
        *,
        record: InterviewForm | None = None,
        statement: StatementForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        instrument = load_published(interview.instrument_version)
        themes = {t.code: t.title for t in instrument.themes}
        needs = {n.code: n.title for n in instrument.development_needs}
        valences = (
            {v.code: v.title for v in instrument.coding.valences}
            if instrument.coding
            else {}
        )
        statements = [
            {
                "id": s.pk,
                "role": ROLE_LABELS_DA[Role(s.role)],
                "theme": themes.get(s.theme, s.theme),
                "valence": valences.get(s.valence, s.valence),
                "is_strength": s.valence == "styrke",
                "needs": [needs.get(n, n) for n in s.development_needs],
                "paraphrase": s.paraphrase,
            }
            for s in interview.statements.all()
        ]
        return render(
            request,
            "fieldwork/interview_detail.html",
            _base(interview.round.partnership, interview.municipality)
            | {
                "interview": interview,
                "roles": [ROLE_LABELS_DA[Role(r)] for r in interview.roles],
                "statements": statements,
                "record": record
                or InterviewForm(
                    initial={
                        "held_on": interview.held_on,
                        "roles": interview.roles,
                        "participants": interview.participants,
                        "notes": interview.notes,
                    }
                ),
                "statement": statement
                or StatementForm(instrument=instrument, roles=list(interview.roles)),
                "coding_help": instrument.coding.description
                if instrument.coding
                else "",
            },
            status=status,
        )

    def get(
        self, request: HttpRequest, slug: str, code: str, interview_id: int
    ) -> HttpResponse:
        interview = self._interview(request, slug, code, interview_id)
        _log(
            request,
            interview.round.partnership,
            interview.municipality,
            Action.READ,
            Kind.INTERVIEW,
            interview.pk,
        )
        return self._render(request, interview)

    def post(
        self, request: HttpRequest, slug: str, code: str, interview_id: int
    ) -> HttpResponse:
        interview = self._interview(request, slug, code, interview_id)
        partnership, municipality = interview.round.partnership, interview.municipality
        action = request.POST.get("action")
        here = redirect(
            "fieldwork:interview-detail",
            slug=slug,
            code=code,
            interview_id=interview.pk,
        )
        if action == "record":
            record = InterviewForm(request.POST)
            if not record.is_valid():
                return self._render(request, interview, record=record, status=400)
            data = record.cleaned_data
            services.interview_update(
                interview=interview,
                held_on=data["held_on"],
                roles=data["roles"],
                participants=data["participants"],
                notes=data["notes"],
            )
            _log(
                request,
                partnership,
                municipality,
                Action.UPDATE,
                Kind.INTERVIEW,
                interview.pk,
            )
            for _name, refusal in record.soft_refusals():
                messages.error(request, refusal)
            if not record.soft_refusals():
                messages.success(request, _("The interview record was saved."))
            return here
        if action == "delete":
            try:
                statement_id = int(request.POST.get("statement", ""))
            except ValueError:
                statement_id = 0
            if services.statement_delete(
                interview=interview, statement_id=statement_id
            ):
                _log(
                    request,
                    partnership,
                    municipality,
                    Action.DELETE,
                    Kind.INTERVIEW,
                    interview.pk,
                )
            return here
        instrument = load_published(interview.instrument_version)
        statement = StatementForm(
            request.POST, instrument=instrument, roles=list(interview.roles)
        )
        if not statement.is_valid():
            return self._render(request, interview, statement=statement, status=400)
        data = statement.cleaned_data
        services.statement_add(
            interview=interview,
            role=data["role"],
            theme=data["theme"],
            valence=data["valence"],
            development_needs=data["development_needs"],
            paraphrase=data["paraphrase"],
        )
        _log(
            request,
            partnership,
            municipality,
            Action.UPDATE,
            Kind.INTERVIEW,
            interview.pk,
        )
        messages.success(request, _("The statement was coded."))
        return redirect(f"{here.url}#coding")


class CoverageView(LoginRequiredMixin, View):
    """Which themes each role has spoken to in the round's interviews, gaps marked."""

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        partnership, municipality = _guarded(
            request,
            slug=slug,
            code=code,
            kind=Kind.COVERAGE,
            object_id=0,
            get=lambda: access_fieldwork_by_code(
                user=request.user, slug=slug, code=code
            ),
        )
        measurement = _round_or_404(partnership)
        cells = selectors.coverage(
            round_id=measurement.pk, municipality_id=municipality.pk
        )
        _log(request, partnership, municipality, Action.READ, Kind.COVERAGE)
        instrument = load_published(measurement.instrument_version)
        roles = list(Role)
        rows = []
        gaps = []
        for theme in sorted(instrument.themes, key=lambda t: t.order):
            row = []
            for role in roles:
                cell = cells.get((theme.code, role.value))
                row.append(cell)
                asked = instrument.interview_questions_for(role, theme.code)
                if cell is None and asked and role is not Role.UDFOERER:
                    gaps.append((theme.title, ROLE_LABELS_DA[role], asked))
            rows.append((theme, row))
        return render(
            request,
            "fieldwork/coverage.html",
            _base(partnership, municipality)
            | {
                "round": measurement,
                "roles": [ROLE_LABELS_DA[r] for r in roles],
                "rows": rows,
                "gaps": gaps,
            },
        )


class AccessLogView(LoginRequiredMixin, View):
    """The partnership's fieldwork access log: who, when, what; never content."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = _guarded(
            request,
            slug=slug,
            code=None,
            kind=Kind.LOG,
            object_id=0,
            get=lambda: access_fieldwork_log_by_slug(user=request.user, slug=slug),
        )
        _log(request, partnership, None, Action.READ, Kind.LOG)
        return render(
            request,
            "fieldwork/access_log.html",
            {
                "partnership": partnership,
                "entries": selectors.access_log(partnership_id=partnership.pk),
                "limit": selectors.LOG_PAGE,
            },
        )
