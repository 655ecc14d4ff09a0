"""The respondent flow: open a link, choose a role, answer, submit once."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from parathed.instrument.loader import load_published
from parathed.instrument.schema import Role
from parathed.web.survey.forms import AnswersForm, RoleForm
from parathed.web.survey.models import Response, SurveyLink
from parathed.web.survey.services import (
    SurveyClosedError,
    link_is_usable,
    response_start,
    response_submit,
)

SESSION_LINK = "survey_link_id"
SESSION_RESPONSE = "survey_response_id"


def _closed(request: HttpRequest) -> HttpResponse:
    return render(request, "survey/closed.html", status=410)


class LinkOpenView(View):
    """Trades the token in the URL for a session, then drops the token from the URL."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        link = SurveyLink.objects.select_related("round").filter(token=token).first()
        if link is None:
            return render(request, "survey/unknown_link.html", status=404)
        if not link_is_usable(link):
            return _closed(request)
        if request.session.get(SESSION_LINK) != link.pk:
            request.session.cycle_key()
            request.session[SESSION_LINK] = link.pk
            request.session.pop(SESSION_RESPONSE, None)
        return redirect("survey:respond")


class RespondView(View):
    """Shows the role choice or the questionnaire, and takes the submit."""

    def _link(self, request: HttpRequest) -> SurveyLink | None:
        link_id = request.session.get(SESSION_LINK)
        if link_id is None:
            return None
        return (
            SurveyLink.objects.select_related("round", "municipality")
            .filter(pk=link_id)
            .first()
        )

    def _response(self, request: HttpRequest) -> Response | None:
        response_id = request.session.get(SESSION_RESPONSE)
        if response_id is None:
            return None
        return Response.objects.filter(pk=response_id).first()

    def _render_items(
        self,
        request: HttpRequest,
        link: SurveyLink,
        response: Response,
        form: AnswersForm,
    ) -> HttpResponse:
        return render(
            request,
            "survey/respond.html",
            {"link": link, "response": response, "form": form},
            status=400 if form.is_bound and form.errors else 200,
        )

    def _gate(
        self, request: HttpRequest
    ) -> HttpResponse | tuple[SurveyLink, Response | None]:
        """Returns the page to show instead, or the link and its response so far.

        A role-fixed link starts its response here, so a posted role is never used.
        """
        link = self._link(request)
        if link is None:
            return render(request, "survey/unknown_link.html", status=404)
        response = self._response(request)
        if response is not None and response.status == Response.Status.SUBMITTED:
            return redirect("survey:done")
        if not link_is_usable(link):
            return _closed(request)
        if response is None and link.role:
            response = self._start(request, link, Role(link.role))
        return link, response

    def get(self, request: HttpRequest) -> HttpResponse:
        gate = self._gate(request)
        if isinstance(gate, HttpResponse):
            return gate
        link, response = gate
        if response is None:
            return render(
                request, "survey/role.html", {"link": link, "form": RoleForm()}
            )
        items = load_published(response.instrument_version).items_for_role(
            Role(response.role)
        )
        return self._render_items(request, link, response, AnswersForm(items=items))

    def _start(self, request: HttpRequest, link: SurveyLink, role: Role) -> Response:
        response = response_start(link=link, role=role, today=timezone.localdate())
        request.session[SESSION_RESPONSE] = response.pk
        return response

    def post(self, request: HttpRequest) -> HttpResponse:
        gate = self._gate(request)
        if isinstance(gate, HttpResponse):
            return gate
        link, response = gate
        if response is None:
            role_form = RoleForm(request.POST)
            if not role_form.is_valid():
                return render(
                    request,
                    "survey/role.html",
                    {"link": link, "form": role_form},
                    status=400,
                )
            self._start(request, link, Role(role_form.cleaned_data["role"]))
            return redirect("survey:respond")
        items = load_published(response.instrument_version).items_for_role(
            Role(response.role)
        )
        form = AnswersForm(request.POST, items=items)
        if not form.is_valid():
            return self._render_items(request, link, response, form)
        try:
            response_submit(
                response_id=response.pk,
                answers=form.answers(),
                today=timezone.localdate(),
            )
        except SurveyClosedError:
            return _closed(request)
        return redirect("survey:done")


class DoneView(View):
    """The completion page; shown again on any repeat of the submit."""

    def get(self, request: HttpRequest) -> HttpResponse:
        response_id = request.session.get(SESSION_RESPONSE)
        submitted = (
            response_id is not None
            and Response.objects.filter(
                pk=response_id, status=Response.Status.SUBMITTED
            ).exists()
        )
        if not submitted:
            return redirect("survey:respond")
        return render(request, "survey/done.html")
